// glibc's allocator controls (mallopt and its M_* parameters), which Swift's Glibc module
// leaves out. Part of libc: nothing to install or link.
#ifndef RECALL_CMALLOC_SHIM_H
#define RECALL_CMALLOC_SHIM_H
#include <malloc.h>
static inline int recall_set_malloc_top_pad(int bytes) { return mallopt(M_TOP_PAD, bytes); }
#endif
