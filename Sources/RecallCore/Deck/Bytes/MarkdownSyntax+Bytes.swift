/// ``MarkdownSyntax``'s line rules on bytes, for text whose characters are bytes (see
/// ``ByteText/charactersAreBytes(_:_:)``): the same answers without making strings.
extension MarkdownSyntax {
    /// `true` when ``classify(_:)`` of the line in `range` is `.blank` or `.text`.
    static func isBlankOrText(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return true }
        let first = bytes[range.lowerBound]
        if first == 0x20 || first == 0x09 {
            let trimmed = ByteText.trim(bytes, range)
            return trimmed.isEmpty || !isRuleOrFence(bytes, trimmed)
        }
        if first == 0x51 || first == 0x41, range.count > 1, bytes[range.lowerBound + 1] == 0x3A { return false }  // Q: A:
        if first == 0x23 { return !isHeading(bytes, range) }
        if first == 0x74 || first == 0x54, hasTagsPrefix(bytes, range) { return false }
        guard first == 0x2D || first == 0x60 || first == 0x7E else { return true }  // - ` ~
        return !isRuleOrFence(bytes, ByteText.trimRight(bytes, range))
    }

    /// A trimmed line that is `---` or starts a code fence (` ``` ` or `~~~`).
    static func isRuleOrFence(_ bytes: UnsafeBufferPointer<UInt8>, _ trimmed: Range<Int>) -> Bool {
        let s = trimmed.lowerBound
        guard trimmed.count >= 3 else { return false }
        if trimmed.count == 3, bytes[s] == 0x2D, bytes[s + 1] == 0x2D, bytes[s + 2] == 0x2D { return true }
        return (bytes[s] == 0x60 || bytes[s] == 0x7E) && bytes[s + 1] == bytes[s] && bytes[s + 2] == bytes[s]
    }

    /// `#` to `######` followed by the end of the line, a space or a tab.
    static func isHeading(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var end = range.lowerBound
        while end < range.upperBound, bytes[end] == 0x23 { end += 1 }
        guard end - range.lowerBound <= 6 else { return false }
        return end == range.upperBound || bytes[end] == 0x20 || bytes[end] == 0x09
    }

    /// `tags:` in any case at the start of the line (as ``hasTagsPrefix(_:)``).
    static func hasTagsPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 5 else { return false }
        let s = range.lowerBound
        return bytes[s] | 0x20 == 0x74 && bytes[s + 1] | 0x20 == 0x61 && bytes[s + 2] | 0x20 == 0x67
            && bytes[s + 3] | 0x20 == 0x73 && bytes[s + 4] == 0x3A  // "tags:"
    }

    /// `true` when ``dropListMarker(_:)`` drops nothing from a line that does not start
    /// with a space or tab.
    static func hasNoListMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.isEmpty ? nil : bytes[range.lowerBound] else { return true }
        var marker = 0
        if first == 0x2D || first == 0x2A || first == 0x2B {
            marker = 1
        } else {
            var end = range.lowerBound
            while end < range.upperBound, (0x30...0x39).contains(bytes[end]) { end += 1 }
            let digits = end - range.lowerBound
            if digits > 0, digits < 10, end < range.upperBound, bytes[end] == 0x2E { marker = digits + 1 }
        }
        let after = range.lowerBound + marker
        return !(marker > 0 && after < range.upperBound && (bytes[after] == 0x20 || bytes[after] == 0x09))
    }
}
