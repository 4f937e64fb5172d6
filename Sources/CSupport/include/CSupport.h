#ifndef GLOSS_CSUPPORT_H
#define GLOSS_CSUPPORT_H

/// Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE): after it returns 0,
/// each name points at what the other pointed at, with no moment where either is missing.
/// Returns -1 and sets errno when the system or file system cannot do it.
int gloss_rename_exchange(const char *first, const char *second);

/// Hands the memory the allocator holds free back to the system (glibc's malloc_trim(0), every
/// arena); does nothing where that is not available.
void gloss_release_free_memory(void);

#endif
