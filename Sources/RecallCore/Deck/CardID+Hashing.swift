/// Cheap hashing for ``CardID`` in dictionaries and sets.
///
/// A card id is already a well-mixed 64-bit FNV-1a hash, so running it through the standard
/// library's SipHash again (as the synthesised conformance does) only costs time: start-up
/// looks up every card's record several times. One multiply-xorshift round with the table's seed
/// spreads the bits over the buckets. Ids come from the user's own cards, so there is no
/// adversary to defend against with a keyed hash.
extension CardID {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }

    public func _rawHashValue(seed: Int) -> Int {
        var x = rawValue ^ UInt64(UInt(bitPattern: seed))
        x = (x ^ (x >> 32)) &* 0xD6E8_FEB8_6659_FD93
        x ^= x >> 32
        return Int(truncatingIfNeeded: x)
    }
}
