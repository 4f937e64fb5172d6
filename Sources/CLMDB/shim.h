#ifndef GLOSS_CLMDB_SHIM_H
#define GLOSS_CLMDB_SHIM_H
#include <lmdb.h>
#include <stdint.h>
#include <string.h>

/* The order of two big-endian numbers of the same width that differ. */
#define GLOSS_ORDER_OF_DIFFERENT(u, v) ((u) < (v) ? -1 : 1)

/* The words of two keys after their first (equal) ones, the last word overlapping bytes
 * already found equal, then their lengths: see `gloss_byte_order_compare`. Out of line, so that
 * the comparison's first word needs no saved register. */
static int gloss_byte_order_after_first_word(const unsigned char *x, const unsigned char *y, size_t na, size_t nb)
    __attribute__((noinline));
static int gloss_byte_order_after_first_word(const unsigned char *x, const unsigned char *y, size_t na, size_t nb) {
    size_t n = na < nb ? na : nb;
    for (size_t i = 8;; i += 8) {
        if (i >= n) return (na > nb) - (na < nb);
        if (i + 8 > n) i = n - 8;
        uint64_t u, v;
        memcpy(&u, x + i, 8);
        memcpy(&v, y + i, 8);
        if (u != v) return GLOSS_ORDER_OF_DIFFERENT(__builtin_bswap64(u), __builtin_bswap64(v));
    }
}

/* LMDB's default order of keys and of sorted duplicates (bytes as unsigned numbers, a prefix
 * before the longer keys it starts), compared a word at a time: the same order as LMDB's own
 * comparison (`memcmp` behind a wrapper), in fewer instructions. `Environment.openDatabase`
 * gives it to the databases it opens (see `useByteOrder` there).
 *
 * Most comparisons in a page search differ in their first eight bytes, which are compared
 * first; keys of four to seven bytes (documents' ids) are compared in two 4-byte words, the
 * second overlapping the first, shorter keys byte by byte. */
static inline int gloss_byte_order_compare(const MDB_val *a, const MDB_val *b) {
    size_t na = a->mv_size, nb = b->mv_size;
    size_t n = na < nb ? na : nb;
    const unsigned char *x = (const unsigned char *)a->mv_data;
    const unsigned char *y = (const unsigned char *)b->mv_data;
    if (n >= 8) {
        uint64_t u, v;
        memcpy(&u, x, 8);
        memcpy(&v, y, 8);
        if (u != v) return GLOSS_ORDER_OF_DIFFERENT(__builtin_bswap64(u), __builtin_bswap64(v));
        return gloss_byte_order_after_first_word(x, y, na, nb);
    }
    if (n >= 4) {
        uint32_t u, v;
        memcpy(&u, x, 4);
        memcpy(&v, y, 4);
        if (u != v) return GLOSS_ORDER_OF_DIFFERENT(__builtin_bswap32(u), __builtin_bswap32(v));
        memcpy(&u, x + n - 4, 4);
        memcpy(&v, y + n - 4, 4);
        if (u != v) return GLOSS_ORDER_OF_DIFFERENT(__builtin_bswap32(u), __builtin_bswap32(v));
    } else {
        for (size_t i = 0; i < n; i++) {
            if (x[i] != y[i]) return GLOSS_ORDER_OF_DIFFERENT(x[i], y[i]);
        }
    }
    return (na > nb) - (na < nb);
}

#endif
