#if canImport(Glibc)
import Glibc
#endif

/// A hint to the kernel about memory the core is about to fill (not I/O: nothing is read or
/// written, and ignoring it changes nothing but speed).
enum MemoryAdvice {
    /// Asks for transparent huge pages (2 MiB) for the whole 2 MiB blocks inside `buffer`,
    /// before it is first written. A large table of card records filled in 4 KiB pages takes a
    /// page fault per page and a TLB miss on most random lookups; huge pages take a few faults
    /// for the whole table. Only worth it for buffers that will be filled entirely (a partly
    /// used huge page still costs 2 MiB of memory), so small ones are left alone.
    static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let huge = 2 << 20
        guard let base = buffer.baseAddress, buffer.count >= 2 * huge else { return }
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// An array of `count` elements made by `fill`, whose storage asks for huge pages first
    /// (see ``preferHugePages(_:)``). `fill` gets each index in order and may stop early by
    /// returning nil; then so does this.
    static func array<Element>(count: Int, _ fill: (Int) -> Element?) -> [Element]? {
        // With no capacity the standard library hands out its one shared empty storage and
        // still writes the count into it: two threads doing so at once is a data race
        // (ThreadSanitizer reports it when two stores load empty snapshots side by side).
        guard count > 0 else { return [] }
        var complete = true
        let array = [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            preferHugePages(UnsafeMutableRawBufferPointer(buffer))
            guard let base = buffer.baseAddress else { return }
            for i in 0..<count {
                guard let element = fill(i) else {
                    complete = false
                    return
                }
                (base + i).initialize(to: element)
                initialized = i + 1
            }
        }
        return complete ? array : nil
    }
}
