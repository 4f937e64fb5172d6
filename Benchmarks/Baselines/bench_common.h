/* Shared by the C baselines: the corpus and query files, Gloss's byte encodings, a code-point
 * text slicer, JSON output, timing and statistics. Written for the Gloss benchmarks; see
 * ../README.md. Everything the Swift harness does untimed (reading and parsing the corpus) is
 * untimed here too; everything it does inside its transactions (hashing, encoding, interning)
 * is timed here as well. */
#ifndef GLOSS_BENCH_COMMON_H
#define GLOSS_BENCH_COMMON_H

#define _GNU_SOURCE
#include "../../Sources/CSupport/include/CSupport.h" /* gloss_utf8_skip_blocks, gloss_json_escape */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void die(const char *message, const char *detail) {
    fprintf(stderr, "baseline: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) die("out of memory", NULL);
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory", NULL);
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ---- timing and statistics ---- */

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The p-th percentile (nearest rank on n-1), sorting `values` in place. */
static double percentile(double *values, size_t n, double p) {
    if (n == 0) return 0;
    qsort(values, n, sizeof(double), compare_doubles);
    size_t rank = (size_t)(p / 100 * (double)(n - 1) + 0.5);
    if (rank >= n) rank = n - 1;
    return values[rank];
}

static void emit(const char *name, const char *tag, double value, const char *unit) {
    if (value == (double)(int64_t)value && value < 1e15 && value > -1e15)
        printf("%s.%s %lld %s\n", name, tag, (long long)value, unit);
    else if (value >= 100 || value <= -100)
        printf("%s.%s %.1f %s\n", name, tag, value, unit);
    else
        printf("%s.%s %.4g %s\n", name, tag, value, unit);
    fflush(stdout);
}

/* ---- the corpus file (see Sources/GlossBench/Corpus/CorpusFile.swift) ---- */

typedef struct {
    const char *key;
    const char *value;
} attribute_t;

typedef struct {
    uint32_t start, end;
    const char *label;
    char type;             /* '-', 'i', 'd', 's', 't' */
    int64_t integer;
    double decimal;
    const char *string;
    int year, month, day;  /* dates; 0 = unknown */
    int attribute_count;
    attribute_t attributes[4];
} span_t;

typedef struct {
    char *name;
    char *text;
    size_t bytes, code_points;
    span_t *spans;
    size_t span_count;
    char *span_lines;       /* owns the strings the spans point into */
} document_t;

typedef struct {
    FILE *file;
    char *line;
    size_t capacity;
    ssize_t pending;        /* length of a document header already read, or -1 */
} corpus_t;

static void corpus_open(corpus_t *c, const char *path) {
    c->file = fopen(path, "r");
    if (!c->file) die("cannot read the corpus", path);
    c->line = NULL;
    c->capacity = 0;
    c->pending = -1;
    ssize_t n = getline(&c->line, &c->capacity, c->file);
    if (n <= 0 || strncmp(c->line, "GLOSSBENCH-CORPUS 1", 19) != 0) die("not a corpus file", path);
}

static void parse_span(char *line, span_t *s) {
    char *f[7];
    int k = 0;
    char *p = line;
    while (k < 7) {
        f[k++] = p;
        char *tab = strchr(p, '\t');
        if (!tab) break;
        *tab = 0;
        p = tab + 1;
    }
    if (k != 7) die("bad span line", line);
    char *nl = strchr(f[6], '\n');
    if (nl) *nl = 0;
    s->start = (uint32_t)strtoul(f[1], NULL, 10);
    s->end = (uint32_t)strtoul(f[2], NULL, 10);
    s->label = f[3];
    s->type = f[4][0];
    s->string = NULL;
    s->integer = 0;
    s->decimal = 0;
    s->year = s->month = s->day = 0;
    switch (s->type) {
    case 'i': s->integer = strtoll(f[5], NULL, 10); break;
    case 'd': s->decimal = strtod(f[5], NULL); break;
    case 's': s->string = f[5]; break;
    case 't': sscanf(f[5], "%d-%d-%d", &s->year, &s->month, &s->day); break;
    default: s->type = '-';
    }
    s->attribute_count = 0;
    if (strcmp(f[6], "-") != 0) {
        char *save = NULL;
        for (char *pair = strtok_r(f[6], ";", &save); pair && s->attribute_count < 4; pair = strtok_r(NULL, ";", &save)) {
            char *eq = strchr(pair, '=');
            if (!eq) continue;
            *eq = 0;
            s->attributes[s->attribute_count].key = pair;
            s->attributes[s->attribute_count].value = eq + 1;
            s->attribute_count++;
        }
    }
}

/* Reads the next document and its spans; returns 0 at the end. */
static int corpus_next(corpus_t *c, document_t *d) {
    ssize_t n = c->pending >= 0 ? c->pending : getline(&c->line, &c->capacity, c->file);
    c->pending = -1;
    if (n <= 0) return 0;
    if (c->line[0] != 'D') die("expected a document line", c->line);
    char *name = c->line + 2;
    char *tab = strchr(name, '\t');
    if (!tab) die("bad document line", c->line);
    *tab = 0;
    d->name = xstrdup(name);
    d->bytes = strtoul(tab + 1, &tab, 10);
    d->code_points = strtoul(tab + 1, NULL, 10);
    d->text = xmalloc(d->bytes + 1);
    if (fread(d->text, 1, d->bytes + 1, c->file) != d->bytes + 1) die("a text is cut short", d->name);
    d->text[d->bytes] = 0;
    /* Collect span lines into one buffer, then parse them in place. */
    size_t used = 0, cap = 4096, count = 0;
    char *lines = xmalloc(cap);
    size_t *offsets = xmalloc(sizeof(size_t) * 256);
    size_t offsets_cap = 256;
    while ((n = getline(&c->line, &c->capacity, c->file)) > 0) {
        if (c->line[0] != 'S') { c->pending = n; break; }
        if (used + (size_t)n + 1 > cap) { while (used + (size_t)n + 1 > cap) cap *= 2; lines = xrealloc(lines, cap); }
        if (count == offsets_cap) { offsets_cap *= 2; offsets = xrealloc(offsets, sizeof(size_t) * offsets_cap); }
        offsets[count++] = used;
        memcpy(lines + used, c->line, (size_t)n + 1);
        used += (size_t)n + 1;
    }
    d->span_lines = lines;
    d->span_count = count;
    d->spans = xmalloc(sizeof(span_t) * (count ? count : 1));
    for (size_t i = 0; i < count; i++) parse_span(lines + offsets[i], &d->spans[i]);
    free(offsets);
    return 1;
}

static void document_free(document_t *d) {
    free(d->name);
    free(d->text);
    free(d->spans);
    free(d->span_lines);
}

/* ---- queries file ---- */

typedef struct { char document[128]; char label[32]; } doc_query_t;
typedef struct { char label[32]; double minimum, maximum; } range_query_t;

typedef struct {
    doc_query_t *docs;
    size_t doc_count;
    range_query_t *ranges;
    size_t range_count;
} queries_t;

static void queries_load(queries_t *q, const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot read queries", path);
    q->docs = xmalloc(sizeof(doc_query_t) * 4096);
    q->ranges = xmalloc(sizeof(range_query_t) * 4096);
    q->doc_count = q->range_count = 0;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "doc\t", 4) == 0 && q->doc_count < 4096) {
            doc_query_t *d = &q->docs[q->doc_count];
            if (sscanf(line + 4, "%127[^\t]\t%31s", d->document, d->label) == 2) q->doc_count++;
        } else if (strncmp(line, "range\t", 6) == 0 && q->range_count < 4096) {
            range_query_t *r = &q->ranges[q->range_count];
            if (sscanf(line + 6, "%31[^\t]\t%lf\t%lf", r->label, &r->minimum, &r->maximum) == 3) q->range_count++;
        }
    }
    fclose(f);
}

/* ---- Gloss's encodings (Sources/GlossStore/Encoding) ---- */

typedef struct {
    uint8_t *bytes;
    size_t count, capacity;
} writer_t;

static inline void w_reserve(writer_t *w, size_t more) {
    if (w->count + more > w->capacity) {
        while (w->count + more > w->capacity) w->capacity = w->capacity ? w->capacity * 2 : 64;
        w->bytes = xrealloc(w->bytes, w->capacity);
    }
}
static inline void w_u8(writer_t *w, uint8_t v) { w_reserve(w, 1); w->bytes[w->count++] = v; }
static inline void w_u16(writer_t *w, uint16_t v) { w_u8(w, (uint8_t)(v >> 8)); w_u8(w, (uint8_t)v); }
static inline void w_u32(writer_t *w, uint32_t v) {
    w_reserve(w, 4);
    for (int s = 24; s >= 0; s -= 8) w->bytes[w->count++] = (uint8_t)(v >> s);
}
static inline void w_u64(writer_t *w, uint64_t v) {
    w_reserve(w, 8);
    for (int s = 56; s >= 0; s -= 8) w->bytes[w->count++] = (uint8_t)(v >> s);
}
static inline void w_varint(writer_t *w, uint64_t v) {
    while (v >= 0x80) { w_u8(w, (uint8_t)(v | 0x80)); v >>= 7; }
    w_u8(w, (uint8_t)v);
}
static inline void w_svarint(writer_t *w, int64_t v) { w_varint(w, (uint64_t)((v << 1) ^ (v >> 63))); }
static inline void w_bytes(writer_t *w, const void *p, size_t n) { w_reserve(w, n); memcpy(w->bytes + w->count, p, n); w->count += n; }
static inline void w_string(writer_t *w, const char *s) { size_t n = strlen(s); w_varint(w, n); w_bytes(w, s, n); }

static inline uint32_t r_u32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static inline uint64_t r_u64(const uint8_t *p) { return (uint64_t)r_u32(p) << 32 | r_u32(p + 4); }
static inline uint64_t r_varint(const uint8_t **p) {
    uint64_t v = 0;
    int shift = 0;
    for (;;) {
        uint8_t b = *(*p)++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (b < 0x80) return v;
        shift += 7;
    }
}

static uint64_t fnv1a(const void *data, size_t n) {
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3ULL; }
    return h;
}

static inline double span_number(const span_t *s) { return s->type == 'i' ? (double)s->integer : s->decimal; }

/* Sign-flipped IEEE-754 bits: unsigned order is numeric order (ValueKey.orderedBits). */
static inline uint64_t ordered_bits(double d) {
    if (d == 0) d = 0.0;
    uint64_t bits;
    memcpy(&bits, &d, 8);
    return (bits >> 63) ? ~bits : bits | (1ULL << 63);
}

/* SpanKey: doc u32 · start u32 · ~end u32 · id u64. */
static inline void w_span_key(writer_t *w, uint32_t doc, uint32_t start, uint32_t end, uint64_t id) {
    w_u32(w, doc); w_u32(w, start); w_u32(w, ~end); w_u64(w, id);
}

/* ValueKey (the value index). */
static inline void w_value_key(writer_t *w, const span_t *s) {
    switch (s->type) {
    case 'i': case 'd': w_u8(w, 1); w_u64(w, ordered_bits(span_number(s))); break;
    case 's': {
        w_u8(w, 2);
        size_t n = 0;
        for (const char *c = s->string; *c && n < 200; c++, n++) w_u8(w, (uint8_t)*c);
        w_u8(w, 0);
        break;
    }
    case 't': w_u8(w, 3); w_u16(w, (uint16_t)s->year); w_u8(w, (uint8_t)s->month); w_u8(w, (uint8_t)s->day); break;
    }
}

/* ValueCodec (inside the span record). */
static inline void w_value(writer_t *w, const span_t *s) {
    switch (s->type) {
    case 'i': w_u8(w, 1); w_svarint(w, s->integer); break;
    case 'd': { uint64_t bits; memcpy(&bits, &s->decimal, 8); w_u8(w, 2); w_u64(w, bits); break; }
    case 's': w_u8(w, 3); w_string(w, s->string); break;
    case 't': w_u8(w, 4); w_u16(w, (uint16_t)s->year); w_u8(w, (uint8_t)s->month); w_u8(w, (uint8_t)s->day); break;
    default: w_u8(w, 0);
    }
}

/* A decoded span record (pointers into the map: no copy). Records of format 2 (Gloss's schema 6)
 * say where the span's text lies: `text_offset` bytes into the chunk of its first code point,
 * `text_length` bytes long; format 1 does not (`has_location` 0). */
typedef struct {
    int has_location;
    size_t text_offset, text_length;
    uint32_t label, source;
    uint16_t confidence;
    uint8_t value_tag;
    int64_t integer;
    double decimal;
    const uint8_t *string;
    size_t string_length;
    int year, month, day;
    uint32_t attribute_count;
    uint32_t attribute_keys[8];
    const uint8_t *attribute_values[8];
    size_t attribute_lengths[8];
} record_t;

/* The label of a record, read without decoding the rest. */
static inline uint32_t record_label(const uint8_t *p) {
    if (*p++ == 2) {
        r_varint(&p);
        r_varint(&p);
    }
    return (uint32_t)r_varint(&p);
}

static inline void decode_record(const uint8_t *p, record_t *r) {
    r->has_location = *p++ == 2;
    r->text_offset = r->text_length = 0;
    if (r->has_location) {
        r->text_offset = r_varint(&p);
        r->text_length = r_varint(&p);
    }
    r->string = NULL;
    r->string_length = 0;
    r->label = (uint32_t)r_varint(&p);
    r->source = (uint32_t)r_varint(&p);
    r->confidence = (uint16_t)(p[0] << 8 | p[1]);
    p += 2;
    r->value_tag = *p++;
    switch (r->value_tag) {
    case 1: { uint64_t z = r_varint(&p); r->integer = (int64_t)(z >> 1) ^ -(int64_t)(z & 1); break; }
    case 2: { uint64_t bits = r_u64(p); memcpy(&r->decimal, &bits, 8); p += 8; break; }
    case 3: r->string_length = r_varint(&p); r->string = p; p += r->string_length; break;
    case 4: r->year = p[0] << 8 | p[1]; r->month = p[2]; r->day = p[3]; p += 4; break;
    }
    r->attribute_count = (uint32_t)r_varint(&p);
    for (uint32_t i = 0; i < r->attribute_count; i++) {
        uint32_t key = (uint32_t)r_varint(&p);
        size_t n = r_varint(&p);
        if (i < 8) { r->attribute_keys[i] = key; r->attribute_values[i] = p; r->attribute_lengths[i] = n; }
        p += n;
    }
    if (r->attribute_count > 8) r->attribute_count = 8;
}

/* ---- cutting code-point ranges out of UTF-8 by walking forward, like Gloss's CodePointWalker (which
 * writers use to locate spans, and readers for records of format 1) ---- */

typedef struct {
    const uint8_t *text;
    size_t bytes;
    size_t code_point, offset;
} slicer_t;

static inline void slicer_reset(slicer_t *s, const void *text, size_t bytes) {
    s->text = text; s->bytes = bytes; s->code_point = 0; s->offset = 0;
}

static inline void slicer_advance(slicer_t *s, size_t target) {
    if (target < s->code_point) { s->code_point = 0; s->offset = 0; }
    /* As Gloss's CodePointWalker: sixty-four, then sixteen bytes at a time (CSupport's
     * gloss_utf8_skip_blocks, the same code) while a block's lead bytes stay short of the
     * target... */
    if (target - s->code_point > 16) {
        size_t left = target - s->code_point;
        s->offset = gloss_utf8_skip_blocks(s->text, s->bytes, s->offset, &left);
        s->code_point = target - left;
    }
    /* ...then eight bytes at a time while the word's lead bytes (those that are not
     * continuation bytes) do not pass the target; in the word holding the target's lead byte,
     * the bytes before it are those whose running count of lead bytes does not exceed the code
     * points left to pass (counts at most 8, that number at most 7: no byte borrows). */
    while (s->offset + 8 <= s->bytes) {
        uint64_t word;
        memcpy(&word, s->text + s->offset, 8);
        size_t leads = 8 - (size_t)((((word & ~(word << 1) & 0x8080808080808080ULL) >> 7) * 0x0101010101010101ULL) >> 56);
        if (leads > target - s->code_point) {
            const uint64_t ones = 0x0101010101010101ULL;
            uint64_t passing = target - s->code_point;
            uint64_t running = ((~(word & ~(word << 1)) & 0x8080808080808080ULL) >> 7) * ones;
            uint64_t not_past = ((0x80 + passing) * ones - running) & 0x8080808080808080ULL;
            s->offset += (size_t)(((not_past >> 7) * ones) >> 56);
            s->code_point = target;
            return;
        }
        s->code_point += leads;
        s->offset += 8;
    }
    for (; s->offset < s->bytes; s->offset++) {
        if ((s->text[s->offset] & 0xC0) != 0x80) {
            if (s->code_point == target) return;
            s->code_point++;
        }
    }
}

/* Points `*out` at code points start..<end; returns the byte length. */
static inline size_t slicer_slice(slicer_t *s, size_t start, size_t end, const uint8_t **out) {
    slicer_advance(s, start);
    size_t from = s->offset, cp = s->code_point;
    slicer_advance(s, end);
    size_t to = s->offset;
    s->code_point = cp;
    s->offset = from;
    *out = s->text + from;
    return to - from;
}

/* ---- JSON lines, in the key order of `gloss query --format jsonl` ---- */

/* Output as Gloss's OutputBuffer writes it: bytes gathered in memory and written with write(2)
 * once 64 KiB are there; strings escaped by CSupport's gloss_json_escape (sixteen bytes at a
 * time, SSE2; CSupport.c is compiled into the program), integers two digits at a time,
 * literals copied with a length known when compiling. */
typedef struct {
    unsigned char *bytes;
    size_t count, capacity;
    int fd;
} out_t;

enum { OUT_FLUSH_SIZE = 1 << 16 };

static inline void out_init(out_t *o, int fd) {
    o->capacity = 2 * OUT_FLUSH_SIZE;
    o->bytes = xmalloc(o->capacity);
    o->count = 0;
    o->fd = fd;
}

static void out_flush(out_t *o) {
    size_t at = 0;
    while (at < o->count) {
        ssize_t n = write(o->fd, o->bytes + at, o->count - at);
        if (n <= 0) die("cannot write the output", NULL);
        at += (size_t)n;
    }
    o->count = 0;
}

/* Room for `n` more bytes. */
static inline void out_reserve(out_t *o, size_t n) {
    if (o->count + n <= o->capacity) return;
    while (o->count + n > o->capacity) o->capacity *= 2;
    o->bytes = xrealloc(o->bytes, o->capacity);
}

/* After each line, as Gloss flushes after each write once 64 KiB are there. */
static inline void out_line_done(out_t *o) {
    if (o->count >= OUT_FLUSH_SIZE) out_flush(o);
}

static inline void out_bytes(out_t *o, const void *s, size_t n) {
    out_reserve(o, n);
    memcpy(o->bytes + o->count, s, n);
    o->count += n;
}

#define out_literal(o, s) out_bytes((o), (s), sizeof(s) - 1)

static inline void out_char(out_t *o, char c) {
    out_reserve(o, 1);
    o->bytes[o->count++] = (unsigned char)c;
}

static inline void out_u64(out_t *o, uint64_t v) {
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char digits[20];
    size_t at = sizeof digits;
    while (v >= 100) {
        at -= 2;
        memcpy(digits + at, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        at -= 2;
        memcpy(digits + at, pairs + 2 * v, 2);
    } else {
        digits[--at] = (char)('0' + v);
    }
    out_bytes(o, digits + at, sizeof digits - at);
}

static inline void out_i64(out_t *o, int64_t v) {
    if (v < 0) {
        out_char(o, '-');
        out_u64(o, (uint64_t)0 - (uint64_t)v);
    } else {
        out_u64(o, (uint64_t)v);
    }
}

static inline void json_string(out_t *o, const uint8_t *s, size_t n) {
    out_reserve(o, 6 * n + 18);
    o->bytes[o->count++] = '"';
    o->count += gloss_json_escape(o->bytes + o->count, s, n);
    o->bytes[o->count++] = '"';
}

static inline void json_cstring(out_t *o, const char *s) { json_string(o, (const uint8_t *)s, strlen(s)); }

static inline void json_number(out_t *o, double d) {
    if (d == (double)(int64_t)d && d < 1e15 && d > -1e15) {
        out_i64(o, (int64_t)d);
        return;
    }
    char buffer[32];
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buffer, sizeof buffer, "%.*g", precision, d);
        if (strtod(buffer, NULL) == d) break;
    }
    out_bytes(o, buffer, strlen(buffer));
}

#endif
