#ifndef GLOSS_CSUPPORT_H
#define GLOSS_CSUPPORT_H

#include <stddef.h>

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): after it returns 0,
/// each name points at what the other pointed at, with no moment where either is missing.
/// Returns -1 and sets errno when the system or file system cannot do it.
int gloss_rename_exchange(const char *first, const char *second);

/// Hands the memory the allocator holds free back to the system (glibc's malloc_trim(0), every
/// arena); does nothing where that is not available.
void gloss_release_free_memory(void);

/// Walks valid UTF-8 forward from byte `offset` of `bytes[0..<count]`, sixteen bytes at a
/// time, over whole blocks whose lead bytes (the bytes that are not continuation bytes
/// `10xxxxxx`, one per code point) number fewer than `*leads`: returns the offset reached and
/// lowers `*leads` by the lead bytes passed. It stops at the block holding the last lead byte
/// wanted, or where fewer than sixteen bytes are left, for the caller to finish. With SSE2
/// (every x86-64); elsewhere it returns `offset` and leaves `*leads` as it was.
size_t gloss_utf8_skip_blocks(const unsigned char *bytes, size_t count, size_t offset, size_t *leads);

#endif
