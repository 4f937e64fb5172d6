#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "CSupport.h"

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int gloss_rename_exchange(const char *first, const char *second) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

void gloss_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

size_t gloss_utf8_skip_blocks(const unsigned char *bytes, size_t count, size_t offset, size_t *leads) {
#if defined(__SSE2__)
    /* A lead byte is one that is not 0x80-0xBF: as a signed byte, one above -65. Each lead
     * byte's lane becomes 1 and the sum of absolute differences adds the lanes of each half. */
    const __m128i above = _mm_set1_epi8(-65);
    const __m128i zero = _mm_setzero_si128();
    size_t left = *leads;
    while (offset + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(const void *)(bytes + offset));
        __m128i ones = _mm_sub_epi8(zero, _mm_cmpgt_epi8(block, above));
        __m128i sums = _mm_sad_epu8(ones, zero);
        size_t passed = (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
        if (passed >= left) break;
        left -= passed;
        offset += 16;
    }
    *leads = left;
#else
    (void)bytes;
    (void)count;
    (void)leads;
#endif
    return offset;
}
