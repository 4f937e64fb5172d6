#ifndef GLOSS_CLMDB_SHIM_H
#define GLOSS_CLMDB_SHIM_H
#include <lmdb.h>
#include <stdint.h>
#include <string.h>

/* The order of the eight bytes at `x` and at `y` read as big-endian words: 0 when equal. */
static inline int gloss_word_order(const unsigned char *x, const unsigned char *y) {
    uint64_t u, v;
    memcpy(&u, x, 8);
    memcpy(&v, y, 8);
    if (u == v) return 0;
    return __builtin_bswap64(u) < __builtin_bswap64(v) ? -1 : 1;
}

/* LMDB's default order of keys and of sorted duplicates (bytes as unsigned numbers, a prefix
 * before the longer keys it starts), compared eight bytes at a time: the same order as LMDB's
 * own comparison (`memcmp` behind a wrapper), in fewer instructions. `Environment.openDatabase`
 * gives it to the databases it opens (see `useByteOrder` there). */
static inline int gloss_byte_order_compare(const MDB_val *a, const MDB_val *b) {
    size_t n = a->mv_size < b->mv_size ? a->mv_size : b->mv_size;
    const unsigned char *x = (const unsigned char *)a->mv_data;
    const unsigned char *y = (const unsigned char *)b->mv_data;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            int order = gloss_word_order(x + i, y + i);
            if (order) return order;
        }
        /* The last bytes, in a word that overlaps bytes already found equal. */
        if (i < n) {
            int order = gloss_word_order(x + n - 8, y + n - 8);
            if (order) return order;
        }
    } else {
        for (size_t i = 0; i < n; i++) {
            if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
        }
    }
    return a->mv_size < b->mv_size ? -1 : (a->mv_size > b->mv_size ? 1 : 0);
}

#endif
