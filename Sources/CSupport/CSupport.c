#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
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

int gloss_pipe(int fds[2]) {
    return pipe2(fds, O_CLOEXEC);
}

int gloss_spawn_in_group(pid_t *pid, const char *path, char *const argv[], char *const envp[], const int stdio[3]) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int error = posix_spawn_file_actions_init(&actions);
    if (error != 0) return error;
    error = posix_spawnattr_init(&attributes);
    if (error != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return error;
    }
    for (int fd = 0; fd < 3 && error == 0; fd++) error = posix_spawn_file_actions_adddup2(&actions, stdio[fd], fd);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    if (error == 0) error = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#endif
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    if (error == 0) error = posix_spawnattr_setsigmask(&attributes, &none);
    if (error == 0) error = posix_spawnattr_setsigdefault(&attributes, &all);
    if (error == 0) error = posix_spawnattr_setpgroup(&attributes, 0);
    if (error == 0) error = posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if (error == 0) error = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return error;
}

int gloss_child_ended(pid_t pid, int *code, int *signal) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) != 0) return -1;
    if (info.si_pid == 0) return 0;
    *code = info.si_code == CLD_EXITED ? info.si_status : -1;
    *signal = info.si_code == CLD_EXITED ? 0 : info.si_status;
    return 1;
}

void gloss_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

/* Writes the escape of the byte at `at` (of `count` at `source`) to `*out`; returns how many
 * source bytes it took (three for U+2028 and U+2029, else one). */
static size_t json_escape_one(const unsigned char *source, size_t at, size_t count, unsigned char **out) {
    static const char hex[] = "0123456789abcdef";
    unsigned char byte = source[at];
    unsigned char *o = *out;
    size_t taken = 1;
    switch (byte) {
    case '"': o[0] = '\\'; o[1] = '"'; o += 2; break;
    case '\\': o[0] = '\\'; o[1] = '\\'; o += 2; break;
    case '\n': o[0] = '\\'; o[1] = 'n'; o += 2; break;
    case '\r': o[0] = '\\'; o[1] = 'r'; o += 2; break;
    case '\t': o[0] = '\\'; o[1] = 't'; o += 2; break;
    default:
        if (byte < 0x20) {
            memcpy(o, "\\u00", 4);
            o[4] = (unsigned char)hex[byte >> 4];
            o[5] = (unsigned char)hex[byte & 0xF];
            o += 6;
        } else if (byte == 0xE2 && at + 2 < count && source[at + 1] == 0x80 && (source[at + 2] == 0xA8 || source[at + 2] == 0xA9)) {
            memcpy(o, source[at + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            o += 6;
            taken = 3;
        } else {
            *o++ = byte;
        }
    }
    *out = o;
    return taken;
}

#if defined(__SSE2__)
/* Bit k set when byte k of the block may need an escape: below 0x20, '"', '\\' or 0xE2 (the
 * lead byte of U+2028 and U+2029). */
static inline unsigned json_escape_mask(__m128i block) {
    __m128i flags = _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')), _mm_cmpeq_epi8(block, _mm_set1_epi8('\\')));
    flags = _mm_or_si128(flags, _mm_cmpeq_epi8(block, _mm_set1_epi8((char)0xE2)));
    /* byte <= 0x1F exactly when min(byte, 0x1F) == byte (unsigned). */
    flags = _mm_or_si128(flags, _mm_cmpeq_epi8(_mm_min_epu8(block, _mm_set1_epi8(0x1F)), block));
    return (unsigned)_mm_movemask_epi8(flags);
}

/* The `n` (1 to 15) bytes at `p` in lanes 0 to n-1, the other lanes 'A' (a byte that needs no
 * escape): read as pieces of 8, 4, 2 or 1 bytes that may overlap, never past `p + n`. */
static inline __m128i json_tail_block(const unsigned char *p, size_t n) {
    const uint64_t pad = 0x4141414141414141ULL;
    uint64_t low, high = pad;
    if (n >= 8) {
        uint64_t last;
        memcpy(&low, p, 8);
        memcpy(&last, p + n - 8, 8);
        /* Bytes 8 to n-1 are the top n-8 bytes of `last` (little-endian). */
        if (n > 8) high = (last >> (8 * (16 - n))) | (pad << (8 * (n - 8)));
    } else if (n >= 4) {
        uint32_t first, last;
        memcpy(&first, p, 4);
        memcpy(&last, p + n - 4, 4);
        low = (uint64_t)first | ((uint64_t)last >> (8 * (8 - n))) << 32;
        if (n < 8) low |= pad << (8 * n);
    } else if (n >= 2) {
        uint16_t first, last;
        memcpy(&first, p, 2);
        memcpy(&last, p + n - 2, 2);
        low = (uint64_t)first | ((uint64_t)last >> (8 * (4 - n))) << 16;
        low |= pad << (8 * n);
    } else {
        low = (uint64_t)p[0] | pad << 8;
    }
    return _mm_set_epi64x((long long)high, (long long)low);
}
#endif

size_t gloss_json_escape(unsigned char *destination, const unsigned char *source, size_t count) {
    unsigned char *out = destination;
    size_t at = 0;
    while (at < count) {
#if defined(__SSE2__)
        size_t left = count - at;
        __m128i block = left >= 16 ? _mm_loadu_si128((const __m128i *)(const void *)(source + at)) : json_tail_block(source + at, left);
        unsigned mask = json_escape_mask(block);
        /* Stored whole: the bytes before the first flagged one are the output, the rest is
         * overwritten by what comes next. */
        _mm_storeu_si128((__m128i *)(void *)out, block);
        if (mask == 0) {
            size_t taken = left >= 16 ? 16 : left;
            out += taken;
            at += taken;
            continue;
        }
        unsigned clean = (unsigned)__builtin_ctz(mask);
        out += clean;
        at += clean;
#endif
        at += json_escape_one(source, at, count, &out);
    }
    return (size_t)(out - destination);
}

int gloss_become_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

int gloss_children(pid_t *children, int capacity) {
    DIR *proc = opendir("/proc");
    if (proc == NULL) return -1;
    pid_t self = getpid();
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        char *end;
        long pid = strtol(entry->d_name, &end, 10);
        if (*end != '\0' || pid <= 0) continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *file = fopen(path, "re");
        if (file == NULL) continue;  // gone since the listing
        char line[512];
        size_t n = fread(line, 1, sizeof line - 1, file);
        fclose(file);
        line[n] = '\0';
        // pid (comm) state ppid ...: the command may hold spaces and parentheses, so read
        // after the last ')'.
        char *close = strrchr(line, ')');
        if (close == NULL) continue;
        char state;
        long parent;
        if (sscanf(close + 1, " %c %ld", &state, &parent) != 2 || parent != self) continue;
        if (count < capacity) children[count] = (pid_t)pid;
        count++;
    }
    closedir(proc);
    return count;
}
