#ifndef RECALL_CINFLATE_SHIM_H
#define RECALL_CINFLATE_SHIM_H
#include <zlib.h>
#endif
