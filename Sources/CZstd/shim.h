// Debian's libzstd (libzstd-dev): decompresses Anki's current collection format
// (collection.anki21b) and its zstd-compressed media files.
#ifndef RECALL_CZSTD_SHIM_H
#define RECALL_CZSTD_SHIM_H
#include <zstd.h>
#endif
