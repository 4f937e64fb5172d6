#ifndef GLOSS_CLMDB_SHIM_H
#define GLOSS_CLMDB_SHIM_H
#include <lmdb.h>
#include <stdint.h>
#include <string.h>

/* LMDB's default order of keys and of sorted duplicates (bytes as unsigned numbers, a prefix
 * before the longer keys it starts), compared eight bytes at a time: the same order as LMDB's
 * own comparison (`memcmp` behind a wrapper), in fewer instructions. `Environment.openDatabase`
 * gives it to the databases it opens (see `useByteOrder` there). */
static inline int gloss_byte_order_compare(const MDB_val *a, const MDB_val *b) {
    size_t n = a->mv_size < b->mv_size ? a->mv_size : b->mv_size;
    const unsigned char *x = (const unsigned char *)a->mv_data;
    const unsigned char *y = (const unsigned char *)b->mv_data;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t u, v;
        memcpy(&u, x + i, 8);
        memcpy(&v, y + i, 8);
        if (u != v) {
            u = __builtin_bswap64(u);
            v = __builtin_bswap64(v);
            return u < v ? -1 : 1;
        }
    }
    if (i + 4 <= n) {
        uint32_t u, v;
        memcpy(&u, x + i, 4);
        memcpy(&v, y + i, 4);
        if (u != v) {
            u = __builtin_bswap32(u);
            v = __builtin_bswap32(v);
            return u < v ? -1 : 1;
        }
        i += 4;
    }
    for (; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return a->mv_size < b->mv_size ? -1 : (a->mv_size > b->mv_size ? 1 : 0);
}

#endif
