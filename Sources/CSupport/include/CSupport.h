#ifndef GLOSS_CSUPPORT_H
#define GLOSS_CSUPPORT_H

#include <stddef.h>
#include <sys/types.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Asks the processor to bring the cache line at `address` close (a hint: no fault, no effect
/// on what the program computes), so that a load a little later finds it there.
static inline void gloss_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): after it returns 0,
/// each name points at what the other pointed at, with no moment where either is missing.
/// Returns -1 and sets errno when the system or file system cannot do it.
int gloss_rename_exchange(const char *first, const char *second);

/// Creates a pipe whose two ends are closed on exec (pipe2 with O_CLOEXEC: no other thread's
/// spawn can inherit them in between). Returns 0, or -1 with errno set.
int gloss_pipe(int fds[2]);

/// Starts the program at `path` (no search of PATH) with `argv` and `envp`, as the leader of a
/// process group of its own (its group id is its process id), so that a signal to the group
/// reaches whatever it starts too. Its standard input, output and error are the descriptors
/// `stdio[0]`, `stdio[1]` and `stdio[2]`, and it inherits no other (glibc 2.34 or later; before,
/// those not marked close-on-exec); every signal is at its default action and none is blocked,
/// whatever the caller ignores or blocks. Returns 0 and sets `*pid`, or an errno value.
int gloss_spawn_in_group(pid_t *pid, const char *path, char *const argv[], char *const envp[], const int stdio[3]);

/// Whether the child process `pid` has ended, without reaping it: it stays a zombie, so that its
/// process id, and its group's, cannot be given to another process until `waitpid` reaps it.
/// Returns 1 when it has ended, with `*code` its exit status and `*signal` 0, or `*code` -1 and
/// `*signal` the signal that killed it; 0 while it runs; -1 with errno set when it cannot be
/// waited for (ECHILD: it is no child of this process, or was reaped already).
int gloss_child_ended(pid_t pid, int *code, int *signal);

/// Makes this process the "subreaper" of its descendants (Linux prctl PR_SET_CHILD_SUBREAPER):
/// a process whose parent dies is handed to this process rather than to PID 1, even one that
/// left its group and session (setsid). Returns 0, or -1 with errno set.
int gloss_become_subreaper(void);

/// Writes to `children` the ids of at most `capacity` child processes of this process (read
/// from /proc), zombies included. Returns how many there are in all (which may exceed
/// `capacity`), or -1 with errno set when /proc cannot be read.
int gloss_children(pid_t *children, int capacity);

/// Hands the memory the allocator holds free back to the system (glibc's malloc_trim(0), every
/// arena); does nothing where that is not available.
void gloss_release_free_memory(void);

/// Writes the `count` bytes at `source` into `destination` as the inside of a JSON string (no
/// quotes): `"` and `\` escaped, control characters as `\n`, `\r`, `\t` or `\u00XX` (lowercase
/// hex), U+2028 and U+2029 as `\u2028` and `\u2029` (valid JSON, but line breaks in JavaScript);
/// every other byte as it is. Returns the number of bytes written. `destination` must have room
/// for `6 * count + 16` bytes: blocks are stored sixteen bytes whole, past what is counted.
/// Sixteen bytes are tested at a time (SSE2), the last one to fifteen read as pieces that stay
/// inside `source`, so that a string without escapes costs a few instructions per block.
size_t gloss_json_escape(unsigned char *destination, const unsigned char *source, size_t count);

/// Walks valid UTF-8 forward from byte `offset` of `bytes[0..<count]`, sixty-four then sixteen
/// bytes at a time, over whole blocks whose lead bytes (the bytes that are not continuation bytes
/// `10xxxxxx`, one per code point) number fewer than `*leads`: returns the offset reached and
/// lowers `*leads` by the lead bytes passed. It stops at the block holding the last lead byte
/// wanted, or where fewer than sixteen bytes are left, for the caller to finish. With SSE2
/// (every x86-64); elsewhere it returns `offset` and leaves `*leads` as it was. Inline, so that
/// the C benchmark programs (Benchmarks/Baselines) walk text with the same code.
static inline size_t gloss_utf8_skip_blocks(const unsigned char *bytes, size_t count, size_t offset, size_t *leads) {
#if defined(__SSE2__)
    /* A lead byte is one that is not 0x80-0xBF: as a signed byte, one above -65. Each lead
     * byte's lane becomes 1 and the sum of absolute differences adds the lanes of each half. */
    const __m128i above = _mm_set1_epi8(-65);
    const __m128i zero = _mm_setzero_si128();
    size_t left = *leads;
    /* Four blocks at a time first: their lanes' flags (-1 for a lead byte) added, 0 to -4. */
    while (offset + 64 <= count) {
        const __m128i *at = (const __m128i *)(const void *)(bytes + offset);
        __m128i flags = _mm_add_epi8(
            _mm_add_epi8(_mm_cmpgt_epi8(_mm_loadu_si128(at), above), _mm_cmpgt_epi8(_mm_loadu_si128(at + 1), above)),
            _mm_add_epi8(_mm_cmpgt_epi8(_mm_loadu_si128(at + 2), above), _mm_cmpgt_epi8(_mm_loadu_si128(at + 3), above)));
        __m128i sums = _mm_sad_epu8(_mm_sub_epi8(zero, flags), zero);
        size_t passed = (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_extract_epi16(sums, 4);
        if (passed >= left) break;
        left -= passed;
        offset += 64;
    }
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

#endif
