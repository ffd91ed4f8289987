import Foundation
import RecallCore
import Testing
@testable import RecallStore

/// The fast catalog digest (no catalog built) equals the catalog's own digest, whatever
/// order the cards come in.
@Suite struct CardCatalogDigestTests {
    static func cards() -> [Card] {
        var out: [Card] = []
        for (f, file) in ["a.md", "b/c.md", "b.md", "z.md"].enumerated() {
            for line in stride(from: 1, through: 40, by: 3) {
                let kinds: [Card.Kind] = line % 2 == 0 ? [.basic, .reversed] : [.cloze(1), .cloze(2), .cloze(10)]
                for (k, kind) in kinds.enumerated() {
                    let id = CardID(rawValue: UInt64(f * 10_000 + line * 10 + k + 1) &* 0x9E37_79B9_7F4A_7C15)
                    out.append(Card(id: id, noteID: id, deck: "D", question: "q\(line)", answer: "a",
                                    tags: [], source: SourceLocation(file: file, line: line), kind: kind))
                }
            }
        }
        return out
    }

    @Test func fastDigestMatchesTheCatalogs() {
        let cards = Self.cards()
        let sorted = CardCatalog(cards: cards).entries.map(\.id)
        let inOrder = sorted.compactMap { id in cards.first { $0.id == id } }
        #expect(CardCatalog.digest(of: inOrder) == CardCatalog(cards: inOrder).digest)
        #expect(CardCatalog.digest(of: cards) == CardCatalog(cards: cards).digest)
        let reversed = Array(cards.reversed())
        #expect(CardCatalog.digest(of: reversed) == CardCatalog(cards: cards).digest)
        #expect(CardCatalog.digest(of: []) == CardCatalog(cards: []).digest)
        #expect(CardCatalog.digest(of: Array(cards.dropLast())) != CardCatalog(cards: cards).digest)
    }
}
