import Foundation

/// A character-level diff between what the user typed and the real answer, for display.
///
/// Built from a longest common subsequence over grapheme clusters, ignoring case and
/// accents. Reading the segments in order and keeping `.same` (its `typedText`) and `.extra`
/// gives the typed text exactly as typed; keeping `.same` and `.missing` gives the answer.
public struct AnswerDiff: Hashable, Sendable {
    /// One run of characters.
    public struct Segment: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// In both texts.
            case same
            /// Typed, but not in the answer (wrong or extra).
            case extra
            /// In the answer, but not typed.
            case missing
        }

        public var kind: Kind
        /// The answer's characters (for `.extra`, the typed ones).
        public var text: String
        /// For `.same`, the typed characters as typed (they may differ from `text` in case
        /// and accents); `text` otherwise.
        public var typedText: String

        public init(_ kind: Kind, _ text: String, typed: String? = nil) {
            self.kind = kind
            self.text = text
            self.typedText = typed ?? text
        }

        /// `true` when the run holds a letter or a digit; a run of spaces and punctuation
        /// alone does not count against a typed answer.
        public var isSignificant: Bool { text.contains { $0.isLetter || $0.isNumber } }
    }

    public var segments: [Segment]

    /// Above this many character pairs the diff gives up on alignment and shows the whole
    /// typed text as extra and the whole answer as missing.
    public static let maximumCells = 250_000

    /// Diffs `typed` against `answer`.
    public init(typed: String, answer: String) {
        let a = Array(typed), b = Array(answer)
        guard a.count * b.count <= AnswerDiff.maximumCells else {
            segments = [Segment(.extra, typed), Segment(.missing, answer)].filter { !$0.text.isEmpty }
            return
        }
        segments = AnswerDiff.align(a, b)
    }

    /// The typed text's segments (`.same` and `.extra`), with the typed characters.
    public var typedSide: [Segment] {
        segments.filter { $0.kind != .missing }.map { Segment($0.kind, $0.typedText) }
    }
    /// The answer's segments (`.same` and `.missing`).
    public var answerSide: [Segment] { segments.filter { $0.kind != .extra } }
    /// True when the texts are equal ignoring case and accents.
    public var isExact: Bool { segments.allSatisfy { $0.kind == .same } }

    private static func align(_ a: [Character], _ b: [Character]) -> [Segment] {
        let fold = { (c: Character) in String(c).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
        let fa = a.map(fold), fb = b.map(fold)
        let n = a.count, m = b.count
        // lcs[i][j] = LCS length of a[i...] and b[j...], in one flat array.
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i * (m + 1) + j] = fa[i] == fb[j]
                    ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                    : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
            }
        }
        var out: [Segment] = []
        func add(_ kind: Segment.Kind, _ ch: Character, typed: Character? = nil) {
            if let last = out.last, last.kind == kind {
                out[out.count - 1].text.append(ch)
                out[out.count - 1].typedText.append(typed ?? ch)
            } else {
                out.append(Segment(kind, String(ch), typed: String(typed ?? ch)))
            }
        }
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, fa[i] == fb[j] {
                add(.same, b[j], typed: a[i]); i += 1; j += 1
            } else if j < m, i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j] {
                add(.missing, b[j]); j += 1
            } else {
                add(.extra, a[i]); i += 1
            }
        }
        return out
    }
}
