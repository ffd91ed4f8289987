import RecallCore

/// The tests' seeded random number generator: RecallCore's SplitMix64, the same sequence on
/// every machine, so a seed names a shuffle or a fuzz case for good.
public typealias SeededGenerator = SplitMix64
