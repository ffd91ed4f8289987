import Testing
@testable import RecallCore
import RecallTestSupport

@Suite struct DeckCardIDTests {
    /// The byte-level ASCII path must give exactly the ids of the general Unicode path.
    @Test func fastPathMatchesGeneralPath() {
        var generator = SeededGenerator(seed: 42)
        let alphabet: [String] = ["a", "Z", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}",
                                  "\u{1F}", "?", ":", "é", "İ", "ß", "\u{A0}", "\u{2003}", "🇫🇷", "e\u{301}", "0"]
        var samples = ["", " ", "What is FSRS?", "  what  IS fsrs? \n", "A\r\nB", "\u{1C}x\u{1F}"]
        for _ in 0..<2000 {
            let length = Int(generator.next() % 12)
            samples.append((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined())
        }
        for text in samples {
            for kind in [Card.Kind.basic, .reversed, .cloze(1), .cloze(12), .cloze(0)] {
                #expect(Card.makeID(questionSide: text, kind: kind) == generalID(text, kind),
                        "\(text.debugDescription) \(kind)")
            }
        }
    }
}

/// `Card.makeID`'s field layout, hashed through the general path only.
private func generalID(_ text: String, _ kind: Card.Kind) -> CardID {
    switch kind {
    case .basic: CardID(generalPathFields: ["q", text])
    case .reversed: CardID(generalPathFields: ["r", text])
    case .cloze(let n): CardID(generalPathFields: ["c", text, String(n)])
    }
}

/// SplitMix64 from RecallCore: seeded, the same sequence everywhere.
