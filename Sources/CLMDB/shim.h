#ifndef GLOSS_CLMDB_SHIM_H
#define GLOSS_CLMDB_SHIM_H
#include <lmdb.h>
#endif
