#if canImport(Glibc)
import CMalloc
#endif

/// Process-wide settings for glibc's allocator, applied before any command runs.
/// Kept because removing it costs more than 10% on the side-by-side "open" row (BENCHMARKS.md).
enum MallocTuning {
    /// Grow the heap at least 32 MiB at a time. Opening a large collection allocates many
    /// small strings on the thread that reads the decks, and glibc grows such a thread's heap
    /// by the bytes just needed, one `mprotect` call per page or so. The padding is address
    /// space only: untouched pages cost no memory.
    static func apply() {
        #if canImport(Glibc)
        _ = recall_set_malloc_top_pad(32 << 20)
        #endif
    }
}
