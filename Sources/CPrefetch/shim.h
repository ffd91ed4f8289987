// The compiler's prefetch hint, which Swift does not expose. A compiler builtin: nothing
// to install or link.
#ifndef RECALL_CPREFETCH_SHIM_H
#define RECALL_CPREFETCH_SHIM_H
/// Asks the processor to start loading the cache line holding `address` (read, keep in all
/// cache levels). A hint only: it never faults and changes no result.
static inline void recall_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
#endif
