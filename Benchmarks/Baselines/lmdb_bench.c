/* Raw LMDB baseline for the Gloss benchmarks: the same puts, scans and range reads as the
 * store, with Gloss's own key/value layout (Sources/GlossStore/Schema.swift, Encoding/) —
 * the physical limit of the design. Usage:
 *
 *   lmdb_bench ingest CORPUS DIR TAG NAME BATCH durable|nosync [MAX_SPANS] [sizes]
 *   lmdb_bench read DIR QUERIES TAG [REPEATS]
 *   lmdb_bench stream DIR all | label L | range L MIN MAX | join L OTHER N | doc NAME L
 *
 * `stream` writes the spans as JSON lines, like `gloss query --format jsonl`. */
#include "bench_common.h"
#include <lmdb.h>
#include "../../Sources/CLMDB/shim.h" /* gloss_byte_order_compare, the comparison Gloss gives LMDB */
#include <sys/stat.h>
#include <errno.h>

typedef struct {
    MDB_env *env;
    MDB_dbi meta, dict, docs, doc_names, texts, doc_state, spans, by_label, by_value, value_log, counters, runs;
} store_t;

static void check(int rc, const char *what) {
    if (rc) die(what, mdb_strerror(rc));
}

static void store_open(store_t *s, const char *path, int durable) {
    if (mkdir(path, 0755) != 0 && errno != EEXIST) die("cannot create", path);
    check(mdb_env_create(&s->env), "mdb_env_create");
    check(mdb_env_set_maxdbs(s->env, 32), "mdb_env_set_maxdbs");
    check(mdb_env_set_maxreaders(s->env, 126), "mdb_env_set_maxreaders");
    /* 16 GiB: room for the 10M set (~3.3 GB) without growing, and small enough for valgrind. */
    check(mdb_env_set_mapsize(s->env, (size_t)16 << 30), "mdb_env_set_mapsize");
    check(mdb_env_open(s->env, path, MDB_NOTLS | (durable ? 0 : MDB_NOSYNC), 0644), "mdb_env_open");
    MDB_txn *txn;
    check(mdb_txn_begin(s->env, NULL, 0, &txn), "mdb_txn_begin");
    const char *names[] = {"meta", "dict", "docs", "doc_names", "texts", "doc_state", "spans", "label_index", "value_index", "value_log", "counters", "runs"};
    MDB_dbi *dbis[] = {&s->meta, &s->dict, &s->docs, &s->doc_names, &s->texts, &s->doc_state, &s->spans, &s->by_label, &s->by_value, &s->value_log, &s->counters, &s->runs};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        /* The two indexes hold sorted fixed-size duplicates, as Gloss's do. */
        int sorted_duplicates = dbis[i] == &s->by_label || dbis[i] == &s->by_value;
        unsigned int flags = MDB_CREATE | (sorted_duplicates ? MDB_DUPSORT | MDB_DUPFIXED : 0);
        check(mdb_dbi_open(txn, names[i], flags, dbis[i]), names[i]);
        /* As Gloss does: LMDB's default order of keys and values, compared in fewer instructions. */
        check(mdb_set_compare(txn, *dbis[i], gloss_byte_order_compare), "mdb_set_compare");
        if (sorted_duplicates) check(mdb_set_dupsort(txn, *dbis[i], gloss_byte_order_compare), "mdb_set_dupsort");
    }
    check(mdb_txn_commit(txn), "mdb_txn_commit");
}

static inline MDB_val val(const void *p, size_t n) { MDB_val v = {n, (void *)p}; return v; }

static void put(MDB_txn *txn, MDB_dbi dbi, const void *k, size_t kn, const void *v, size_t vn) {
    MDB_val key = val(k, kn), value = val(v, vn);
    check(mdb_put(txn, dbi, &key, &value, 0), "mdb_put");
}

/* Index entries of a transaction, put in key order when it finishes (as Gloss's
 * PendingIndexEntries): appended in order, they fill the index pages instead of splitting them. */
typedef struct { uint32_t offset; uint8_t key_length, value_length; } pending_t;
typedef struct {
    uint8_t *bytes;
    size_t used, capacity;
    pending_t *entries;
    size_t count, slots;
} pending_list_t;
static pending_list_t pending_labels, pending_values;
static const uint8_t *sorting_bytes;

static void defer_put(pending_list_t *p, const void *k, size_t kn, const void *v, size_t vn) {
    if (p->used + kn + vn > p->capacity) {
        p->capacity = p->capacity ? p->capacity * 2 : 1 << 20;
        p->bytes = realloc(p->bytes, p->capacity);
        if (!p->bytes) die("out of memory", NULL);
    }
    if (p->count == p->slots) {
        p->slots = p->slots ? p->slots * 2 : 1 << 16;
        p->entries = realloc(p->entries, p->slots * sizeof(pending_t));
        if (!p->entries) die("out of memory", NULL);
    }
    p->entries[p->count++] = (pending_t){(uint32_t)p->used, (uint8_t)kn, (uint8_t)vn};
    memcpy(p->bytes + p->used, k, kn);
    memcpy(p->bytes + p->used + kn, v, vn);
    p->used += kn + vn;
}

/* Key order, then value order (LMDB's order for keys and sorted duplicates). */
static int compare_pending(const void *a, const void *b) {
    const pending_t *x = a, *y = b;
    const uint8_t *xb = sorting_bytes + x->offset, *yb = sorting_bytes + y->offset;
    size_t common = x->key_length < y->key_length ? x->key_length : y->key_length;
    int c = memcmp(xb, yb, common);
    if (c || x->key_length != y->key_length) return c ? c : (int)x->key_length - (int)y->key_length;
    common = x->value_length < y->value_length ? x->value_length : y->value_length;
    c = memcmp(xb + x->key_length, yb + y->key_length, common);
    return c ? c : (int)x->value_length - (int)y->value_length;
}

/* The values of a run of entries with one key, side by side (for MDB_MULTIPLE). */
static uint8_t *run_values;
static size_t run_capacity;

static void flush_pending(MDB_txn *txn, MDB_dbi dbi, pending_list_t *p) {
    sorting_bytes = p->bytes;
    qsort(p->entries, p->count, sizeof(pending_t), compare_pending);
    MDB_cursor *cursor;
    check(mdb_cursor_open(txn, dbi, &cursor), "mdb_cursor_open");
    size_t start = 0;
    while (start < p->count) {
        const pending_t *first = &p->entries[start];
        const uint8_t *entry = p->bytes + first->offset;
        size_t end = start + 1;
        while (end < p->count && p->entries[end].key_length == first->key_length
               && p->entries[end].value_length == first->value_length
               && memcmp(p->bytes + p->entries[end].offset, entry, first->key_length) == 0) end++;
        MDB_val key = val(entry, first->key_length);
        if (end - start == 1) {
            /* Appended when it sorts after the key's values (the page split keeps the old page
             * full), else inserted in place: Gloss's Cursor.putDuplicate. */
            MDB_val value = val(entry + first->key_length, first->value_length);
            int rc = mdb_cursor_put(cursor, &key, &value, MDB_APPENDDUP);
            if (rc == MDB_KEYEXIST) rc = mdb_cursor_put(cursor, &key, &value, 0);
            check(rc, "mdb_cursor_put");
        } else {
            /* All values of one key in one call, appended while they go last: Gloss's
             * Cursor.putDuplicates. */
            size_t size = first->value_length, total = end - start, need = size * total;
            if (need > run_capacity) {
                run_capacity = need * 2;
                run_values = realloc(run_values, run_capacity);
                if (!run_values) die("out of memory", NULL);
            }
            for (size_t i = start; i < end; i++)
                memcpy(run_values + (i - start) * size, p->bytes + p->entries[i].offset + first->key_length, size);
            size_t written = 0;
            unsigned flags = MDB_MULTIPLE | MDB_APPENDDUP;
            while (written < total) {
                MDB_val values[2] = {{size, run_values + written * size}, {total - written, NULL}};
                int rc = mdb_cursor_put(cursor, &key, values, flags);
                written += values[1].mv_size;
                if (rc == MDB_KEYEXIST && (flags & MDB_APPENDDUP)) { flags = MDB_MULTIPLE; continue; }
                check(rc, "mdb_cursor_put (multiple)");
                if (values[1].mv_size == 0) break;
            }
        }
        start = end;
    }
    mdb_cursor_close(cursor);
    p->count = 0;
    p->used = 0;
}

/* Appends when the key sorts after every key of the database (MDB_APPEND: no key comparisons on
 * the way down, full pages), else puts it in place: Gloss's Transaction.append with its fallback. */
static void put_appending(MDB_txn *txn, MDB_dbi dbi, const void *k, size_t kn, const void *v, size_t vn) {
    MDB_val key = val(k, kn), value = val(v, vn);
    int rc = mdb_put(txn, dbi, &key, &value, MDB_APPEND);
    if (rc == MDB_KEYEXIST) rc = mdb_put(txn, dbi, &key, &value, 0);
    check(rc, "mdb_put");
}

static int get(MDB_txn *txn, MDB_dbi dbi, const void *k, size_t kn, MDB_val *out) {
    MDB_val key = val(k, kn);
    int rc = mdb_get(txn, dbi, &key, out);
    if (rc == MDB_NOTFOUND) return 0;
    check(rc, "mdb_get");
    return 1;
}

/* ---- interning (the `dict` database: kind·name → id, kind|0x80·id → name) ---- */

enum { KIND_LABEL = 0x4C, KIND_SOURCE = 0x53, KIND_EXTRACTOR = 0x45, KIND_ATTRIBUTE = 0x41 };

typedef struct { uint8_t kind; char name[64]; uint32_t id; } interned_t;
static interned_t interned[512];
static int interned_count;
static uint32_t next_intern[256];
static int intern_dirty[256];

static uint32_t intern(MDB_txn *txn, store_t *s, uint8_t kind, const char *name) {
    for (int i = 0; i < interned_count; i++)
        if (interned[i].kind == kind && strcmp(interned[i].name, name) == 0) return interned[i].id;
    if (interned_count == 512) die("too many interned names", name);
    if (next_intern[kind] == 0) next_intern[kind] = 1;
    uint32_t id = next_intern[kind]++;
    intern_dirty[kind] = 1;
    uint8_t key[80];
    size_t n = strlen(name);
    key[0] = kind;
    memcpy(key + 1, name, n);
    uint8_t idb[4] = {id >> 24, id >> 16, id >> 8, id};
    put(txn, s->dict, key, n + 1, idb, 4);
    uint8_t reverse[5] = {kind | 0x80, id >> 24, id >> 16, id >> 8, id};
    put(txn, s->dict, reverse, 5, name, n);
    interned[interned_count].kind = kind;
    snprintf(interned[interned_count].name, 64, "%s", name);
    interned[interned_count].id = id;
    interned_count++;
    return id;
}

/* ---- counters (spans per label and per source), applied at commit ---- */

static int64_t counter_delta[2][256];

static uint64_t meta_counter(MDB_txn *txn, store_t *s, const char *name) {
    MDB_val v;
    if (!get(txn, s->meta, name, strlen(name), &v) || v.mv_size != 8) return 1;
    return r_u64(v.mv_data);
}

static void put_meta(MDB_txn *txn, store_t *s, const char *name, uint64_t value) {
    uint8_t b[8];
    for (int i = 0; i < 8; i++) b[i] = (uint8_t)(value >> (56 - 8 * i));
    put(txn, s->meta, name, strlen(name), b, 8);
}

/* Gloss's ValueLog.appendSmallRun: a transaction of at most 4,096 value entries, on an index
 * of 4,096 entries or more, appends them to the value log as one run (key run u64 · label ·
 * value key · span key, value empty); the transaction that appends the 16th run, or brings the
 * log to 16,384 entries, merges the whole log into the index. Returns 0 when the entries should
 * go straight into the index. */
#define SPAN_KEY_BYTES 20
static int append_small_run(MDB_txn *txn, store_t *s, pending_list_t *p) {
    if (p->count == 0 || p->count > (1 << 12)) return 0;
    MDB_stat index_stat, log_stat;
    check(mdb_stat(txn, s->by_value, &index_stat), "mdb_stat");
    check(mdb_stat(txn, s->value_log, &log_stat), "mdb_stat");
    size_t logged = log_stat.ms_entries;
    if (logged >= (1 << 14) || index_stat.ms_entries < (1 << 12)) return 0;
    sorting_bytes = p->bytes;
    qsort(p->entries, p->count, sizeof(pending_t), compare_pending);
    MDB_cursor *cursor;
    check(mdb_cursor_open(txn, s->value_log, &cursor), "mdb_cursor_open");
    MDB_val key, value;
    uint64_t run = 0;
    if (mdb_cursor_get(cursor, &key, &value, MDB_LAST) == 0) run = r_u64(key.mv_data) + 1;
    uint8_t composite[8 + 512];
    for (int i = 0; i < 8; i++) composite[i] = (uint8_t)(run >> (56 - 8 * i));
    for (size_t i = 0; i < p->count; i++) {
        const pending_t *e = &p->entries[i];
        size_t length = e->key_length + e->value_length;
        memcpy(composite + 8, p->bytes + e->offset, length);
        key = val(composite, 8 + length);
        value = val(NULL, 0);
        int rc = mdb_cursor_put(cursor, &key, &value, MDB_APPEND);
        if (rc != MDB_KEYEXIST) check(rc, "mdb_cursor_put (value log)");
    }
    size_t appended = p->count;
    p->count = 0;
    p->used = 0;
    if (run + 1 >= 16 || logged + appended >= (1 << 14)) {
        /* The merge: every log entry back into a pending list, put in key order, log emptied. */
        for (int rc = mdb_cursor_get(cursor, &key, &value, MDB_FIRST); rc == 0; rc = mdb_cursor_get(cursor, &key, &value, MDB_NEXT)) {
            const uint8_t *entry = (const uint8_t *)key.mv_data + 8;
            size_t length = key.mv_size - 8;
            defer_put(p, entry, length - SPAN_KEY_BYTES, entry + length - SPAN_KEY_BYTES, SPAN_KEY_BYTES);
        }
        mdb_cursor_close(cursor);
        flush_pending(txn, s->by_value, p);
        check(mdb_drop(txn, s->value_log, 0), "mdb_drop");
        return 1;
    }
    mdb_cursor_close(cursor);
    return 1;
}

static void finish(MDB_txn *txn, store_t *s, uint64_t next_span, uint64_t next_document, uint64_t next_run) {
    flush_pending(txn, s->by_label, &pending_labels);
    if (!append_small_run(txn, s, &pending_values)) flush_pending(txn, s->by_value, &pending_values);
    put_meta(txn, s, "next_span", next_span);
    put_meta(txn, s, "next_document", next_document);
    put_meta(txn, s, "next_run", next_run);
    for (int kind = 0; kind < 256; kind++) {
        if (!intern_dirty[kind]) continue;
        uint8_t key[9] = {'n', 'e', 'x', 't', '_', 'i', 'd', '_', (uint8_t)kind};
        uint32_t id = next_intern[kind];
        uint8_t b[4] = {id >> 24, id >> 16, id >> 8, id};
        put(txn, s->meta, key, 9, b, 4);
        intern_dirty[kind] = 0;
    }
    for (int k = 0; k < 2; k++) {
        for (int id = 0; id < 256; id++) {
            if (!counter_delta[k][id]) continue;
            uint8_t key[5] = {k == 0 ? KIND_LABEL : KIND_SOURCE, 0, 0, 0, (uint8_t)id};
            MDB_val v;
            int64_t current = get(txn, s->counters, key, 5, &v) ? (int64_t)r_u64(v.mv_data) : 0;
            uint64_t updated = (uint64_t)(current + counter_delta[k][id]);
            uint8_t b[8];
            for (int i = 0; i < 8; i++) b[i] = (uint8_t)(updated >> (56 - 8 * i));
            put(txn, s->counters, key, 5, b, 8);
            counter_delta[k][id] = 0;
        }
    }
}

/* Texts are stored in chunks of this many code points (Gloss's TextChunks). */
#define CHUNK_CODE_POINTS 256

/* ---- ingest ---- */

static writer_t wk, wv, wi;  /* reused key, value and index buffers */
static size_t *chunk_starts;  /* byte offset of each text chunk of the document being written */
static size_t chunk_starts_capacity;

__attribute__((noinline)) static void write_document(MDB_txn *txn, store_t *s, const document_t *d, uint64_t *next_span, uint64_t *next_document) {
    uint64_t hash = fnv1a(d->text, d->bytes);
    MDB_val found;
    if (get(txn, s->doc_names, d->name, strlen(d->name), &found)) die("document exists already", d->name);
    uint32_t doc = (uint32_t)(*next_document)++;
    uint8_t docb[4] = {doc >> 24, doc >> 16, doc >> 8, doc};
    put(txn, s->doc_names, d->name, strlen(d->name), docb, 4);
    wv.count = 0;
    w_u8(&wv, 1);
    w_string(&wv, d->name);
    w_u64(&wv, hash);
    w_varint(&wv, d->code_points);
    w_varint(&wv, d->bytes);
    w_svarint(&wv, (int64_t)time(NULL));
    w_string(&wv, "{}");
    put(txn, s->docs, docb, 4, wv.bytes, wv.count);
    /* The text in chunks of CHUNK_CODE_POINTS code points under doc u32 · chunk u32; the byte
     * offset where each chunk starts is kept for the spans' records. */
    {
        uint32_t chunk = 0;
        size_t start = 0, count = 0;
        if (chunk_starts_capacity < d->code_points / CHUNK_CODE_POINTS + 2) {
            chunk_starts_capacity = d->code_points / CHUNK_CODE_POINTS + 2;
            chunk_starts = xrealloc(chunk_starts, chunk_starts_capacity * sizeof *chunk_starts);
        }
        for (size_t i = 0; i <= d->bytes; i++) {
            int boundary = i == d->bytes || (((const uint8_t *)d->text)[i] & 0xC0) != 0x80;
            if (!boundary) continue;
            if (count == CHUNK_CODE_POINTS || (i == d->bytes && (count > 0 || chunk == 0))) {
                uint8_t ck[8] = {doc >> 24, doc >> 16, doc >> 8, doc, chunk >> 24, chunk >> 16, chunk >> 8, chunk};
                put_appending(txn, s->texts, ck, 8, (const uint8_t *)d->text + start, i - start);
                chunk_starts[chunk] = start;
                chunk++;
                start = i;
                count = 0;
            }
            if (i < d->bytes) count++;
        }
    }
    /* Where each span's text lies (Gloss's SpanTextLocator): walking from its chunk's start,
     * forward from the previous span in the same chunk. */
    slicer_t locator;
    size_t locator_chunk = SIZE_MAX;

    uint32_t extractor = intern(txn, s, KIND_EXTRACTOR, "bench");
    uint32_t source = intern(txn, s, KIND_SOURCE, "bench@1");
    uint8_t state_key[8] = {doc >> 24, doc >> 16, doc >> 8, doc, extractor >> 24, extractor >> 16, extractor >> 8, extractor};
    get(txn, s->doc_state, state_key, 8, &found);

    for (size_t i = 0; i < d->span_count; i++) {
        const span_t *sp = &d->spans[i];
        uint32_t label = intern(txn, s, KIND_LABEL, sp->label);
        uint64_t id = (*next_span)++;
        wk.count = 0;
        w_span_key(&wk, doc, sp->start, sp->end, id);
        size_t chunk = sp->start / CHUNK_CODE_POINTS, base = chunk * CHUNK_CODE_POINTS;
        if (chunk != locator_chunk) {
            slicer_reset(&locator, (const uint8_t *)d->text + chunk_starts[chunk], d->bytes - chunk_starts[chunk]);
            locator_chunk = chunk;
        }
        const uint8_t *span_text;
        size_t span_length = slicer_slice(&locator, sp->start - base, sp->end - base, &span_text);
        wv.count = 0;
        w_u8(&wv, 2);
        w_varint(&wv, (uint64_t)(span_text - ((const uint8_t *)d->text + chunk_starts[chunk])));
        w_varint(&wv, span_length);
        w_varint(&wv, label);
        w_varint(&wv, source);
        w_u16(&wv, 65535);
        w_value(&wv, sp);
        w_varint(&wv, (uint64_t)sp->attribute_count);
        for (int a = 0; a < sp->attribute_count; a++) {
            w_varint(&wv, intern(txn, s, KIND_ATTRIBUTE, sp->attributes[a].key));
            w_string(&wv, sp->attributes[a].value);
        }
        put_appending(txn, s->spans, wk.bytes, wk.count, wv.bytes, wv.count);
        /* label index: key label, value the span key */
        wi.count = 0;
        w_u32(&wi, label);
        defer_put(&pending_labels, wi.bytes, wi.count, wk.bytes, wk.count);
        if (sp->type != '-') {
            wi.count = 0;
            w_u32(&wi, label);
            w_value_key(&wi, sp);
            /* value index: key label · value, value the span key */
            defer_put(&pending_values, wi.bytes, wi.count, wk.bytes, wk.count);
        }
        counter_delta[0][label & 0xFF]++;
        counter_delta[1][source & 0xFF]++;
    }
    uint8_t state[16];
    uint32_t count = (uint32_t)d->span_count;
    state[0] = source >> 24; state[1] = source >> 16; state[2] = source >> 8; state[3] = source;
    for (int i = 0; i < 8; i++) state[4 + i] = (uint8_t)(hash >> (56 - 8 * i));
    state[12] = count >> 24; state[13] = count >> 16; state[14] = count >> 8; state[15] = count;
    put(txn, s->doc_state, state_key, 8, state, 16);
}

static size_t pages(MDB_txn *txn, MDB_dbi dbi) {
    MDB_stat st;
    check(mdb_stat(txn, dbi, &st), "mdb_stat");
    return st.ms_branch_pages + st.ms_leaf_pages + st.ms_overflow_pages;
}

static int ingest(int argc, char **argv) {
    if (argc < 8) die("usage: ingest CORPUS DIR TAG NAME BATCH durable|nosync [MAX_SPANS] [sizes]", NULL);
    const char *tag = argv[4], *name = argv[5];
    size_t batch = strtoul(argv[6], NULL, 10);
    int durable = strcmp(argv[7], "durable") == 0;
    size_t max_spans = argc > 8 ? strtoul(argv[8], NULL, 10) : (size_t)-1;
    if (max_spans == 0) max_spans = (size_t)-1;
    int sizes = argc > 9 && strcmp(argv[9], "sizes") == 0;
    store_t s;
    store_open(&s, argv[3], durable);
    corpus_t corpus;
    corpus_open(&corpus, argv[2]);
    size_t total = 0, transactions = 0;
    double seconds = 0;
    document_t *docs = xmalloc(sizeof(document_t) * 65536);
    for (;;) {
        size_t n = 0, spans = 0;
        while (spans < batch && total + spans < max_spans && n < 65536 && corpus_next(&corpus, &docs[n])) spans += docs[n++].span_count;
        if (n == 0) break;
        double t0 = now_seconds();
        MDB_txn *txn;
        check(mdb_txn_begin(s.env, NULL, 0, &txn), "mdb_txn_begin");
        uint64_t next_span = meta_counter(txn, &s, "next_span");
        uint64_t next_document = meta_counter(txn, &s, "next_document");
        uint64_t next_run = meta_counter(txn, &s, "next_run");
        for (size_t i = 0; i < n; i++) write_document(txn, &s, &docs[i], &next_span, &next_document);
        finish(txn, &s, next_span, next_document, next_run);
        check(mdb_txn_commit(txn), "mdb_txn_commit");
        seconds += now_seconds() - t0;
        for (size_t i = 0; i < n; i++) document_free(&docs[i]);
        total += spans;
        transactions++;
    }
    char figure[64];
    snprintf(figure, sizeof figure, "lmdb.ingest.%s", name);
    emit(figure, tag, total / seconds, "spans/s");
    fprintf(stderr, "# lmdb ingest %s %s: %zu spans in %zu transactions, %.3f s\n", name, tag, total, transactions, seconds);
    if (sizes) {
        MDB_envinfo info;
        MDB_stat st;
        mdb_env_info(s.env, &info);
        mdb_env_stat(s.env, &st);
        MDB_txn *txn;
        check(mdb_txn_begin(s.env, NULL, MDB_RDONLY, &txn), "mdb_txn_begin");
        /* mdb_stat leaves out the pages of duplicates kept in sub-databases: the span databases
         * get the live pages left once the free list, the other databases, the two meta pages
         * and the main database's page are taken away (as the Swift harness counts). */
        size_t free_pages = 0;
        {
            MDB_cursor *c;
            MDB_val k, v;
            check(mdb_cursor_open(txn, 0, &c), "mdb_cursor_open");
            for (int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST); rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT))
                free_pages += *(size_t *)v.mv_data;
            mdb_cursor_close(c);
        }
        size_t other_pages = pages(txn, s.meta) + pages(txn, s.dict) + pages(txn, s.docs) + pages(txn, s.doc_names) + pages(txn, s.texts)
            + pages(txn, s.doc_state) + pages(txn, s.value_log) + pages(txn, s.counters) + pages(txn, s.runs);
        size_t span_pages = info.me_last_pgno + 1 - free_pages - other_pages - 3;
        mdb_txn_abort(txn);
        emit("lmdb.store.bytes_per_span", tag, (double)(info.me_last_pgno + 1) * st.ms_psize / total, "bytes");
        emit("lmdb.store.span_bytes_per_span", tag, (double)span_pages * st.ms_psize / total, "bytes");
    }
    mdb_env_close(s.env);
    return 0;
}

/* ---- reads ---- */

static char *names[256][256];  /* names[kind][id] from the dict */

static void load_names(MDB_txn *txn, store_t *s) {
    MDB_cursor *c;
    check(mdb_cursor_open(txn, s->dict, &c), "mdb_cursor_open");
    MDB_val k, v;
    int rc = mdb_cursor_get(c, &k, &v, MDB_FIRST);
    for (; rc == 0; rc = mdb_cursor_get(c, &k, &v, MDB_NEXT)) {
        const uint8_t *key = k.mv_data;
        if (k.mv_size != 5 || !(key[0] & 0x80)) continue;
        uint32_t id = r_u32(key + 1);
        if (id >= 256) continue;
        char *name = xmalloc(v.mv_size + 1);
        memcpy(name, v.mv_data, v.mv_size);
        name[v.mv_size] = 0;
        free(names[key[0] & 0x7F][id]);
        names[key[0] & 0x7F][id] = name;
    }
    mdb_cursor_close(c);
}

static uint32_t lookup(MDB_txn *txn, store_t *s, uint8_t kind, const char *name) {
    uint8_t key[80];
    size_t n = strlen(name);
    key[0] = kind;
    memcpy(key + 1, name, n);
    MDB_val v;
    if (!get(txn, s->dict, key, n + 1, &v)) die("unknown name", name);
    return r_u32(v.mv_data);
}

/* ---- texts in chunks (Gloss's TextChunks): jump to the span's chunk, cut at the record's location ---- */

typedef struct {
    MDB_txn *txn;
    MDB_dbi texts;
    uint32_t doc;
    long chunk_index;
    const uint8_t *chunk;  /* chunk `chunk_index` */
    size_t chunk_bytes;
    uint8_t *joined;
    size_t joined_capacity;
} chunk_slicer_t;

static void chunk_slicer_reset(chunk_slicer_t *c, MDB_txn *txn, MDB_dbi texts, uint32_t doc) {
    c->txn = txn;
    c->texts = texts;
    c->doc = doc;
    c->chunk_index = -1;
}

static MDB_val chunk_get(chunk_slicer_t *c, uint32_t chunk) {
    uint8_t key[8] = {c->doc >> 24, c->doc >> 16, c->doc >> 8, c->doc, chunk >> 24, chunk >> 16, chunk >> 8, chunk};
    MDB_val v;
    if (!get(c->txn, c->texts, key, 8, &v)) die("a span ends past its text", NULL);
    return v;
}

static void chunk_join(chunk_slicer_t *c, size_t *length, const uint8_t *bytes, size_t n) {
    if (*length + n > c->joined_capacity) {
        c->joined_capacity = (*length + n) * 2;
        c->joined = xrealloc(c->joined, c->joined_capacity);
    }
    memcpy(c->joined + *length, bytes, n);
    *length += n;
}

/* Points `*out` at the `length` bytes that start `offset` bytes into the chunk of code point
 * `start` (a record's text location: nothing is counted), or at a copy when they run on into
 * the next chunks; returns `length`. */
static size_t chunk_slicer_cut(chunk_slicer_t *c, size_t start, size_t offset, size_t length, const uint8_t **out) {
    size_t first = start / CHUNK_CODE_POINTS;
    if ((long)first != c->chunk_index) {
        MDB_val v = chunk_get(c, (uint32_t)first);
        c->chunk = v.mv_data;
        c->chunk_bytes = v.mv_size;
        c->chunk_index = (long)first;
    }
    if (offset + length <= c->chunk_bytes) {
        *out = c->chunk + offset;
        return length;
    }
    if (offset > c->chunk_bytes) die("a span record places its text past its chunk", NULL);
    size_t joined = 0;
    chunk_join(c, &joined, c->chunk + offset, c->chunk_bytes - offset);
    for (uint32_t index = (uint32_t)first + 1; joined < length; index++) {
        MDB_val v = chunk_get(c, index);
        size_t n = length - joined < v.mv_size ? length - joined : v.mv_size;
        chunk_join(c, &joined, v.mv_data, n);
    }
    *out = c->joined;
    return length;
}

/* Receives every result span: fetches the document's name and text when the document changes,
 * decodes the record and cuts the span's text; writes JSON or folds everything into a sum. */
typedef struct {
    MDB_txn *txn;
    store_t *s;
    int have_document;
    uint32_t document;
    const uint8_t *document_name;
    size_t document_name_length;
    chunk_slicer_t slicer;
    /* Cursor on `spans` for records looked up in key order (get_span), opened on first use. */
    MDB_cursor *records;
    /* Cursor on `docs`: results come in document order, so the next document's record is mostly
     * on the page the cursor stands on (as Gloss looks documents up), opened on first use. */
    MDB_cursor *documents;
    out_t *json;
    uint64_t sink;
    size_t count;
    double start, first;
} visitor_t;

static void visitor_init(visitor_t *v, MDB_txn *txn, store_t *s, out_t *json) {
    memset(v, 0, sizeof *v);
    v->txn = txn;
    v->s = s;
    v->json = json;
    v->start = now_seconds();
}

static void visit(visitor_t *v, const uint8_t *key, const uint8_t *record_bytes) {
    uint32_t doc = r_u32(key), start = r_u32(key + 4), end = ~r_u32(key + 8);
    uint64_t id = r_u64(key + 12);
    if (!v->have_document || doc != v->document) {
        uint8_t docb[4] = {doc >> 24, doc >> 16, doc >> 8, doc};
        MDB_val dk = val(docb, 4), record;
        if (!v->documents) check(mdb_cursor_open(v->txn, v->s->docs, &v->documents), "mdb_cursor_open");
        int rc = mdb_cursor_get(v->documents, &dk, &record, MDB_SET_KEY);
        if (rc == MDB_NOTFOUND) die("missing document", NULL);
        check(rc, "mdb_cursor_get");
        const uint8_t *p = (const uint8_t *)record.mv_data + 1;
        v->document_name_length = r_varint(&p);
        v->document_name = p;
        chunk_slicer_reset(&v->slicer, v->txn, v->s->texts, doc);
        v->document = doc;
        v->have_document = 1;
    }
    record_t r;
    decode_record(record_bytes, &r);
    const uint8_t *text;
    if (!r.has_location) die("a span record of format 1 (this program writes format 2)", NULL);
    size_t length = chunk_slicer_cut(&v->slicer, start, r.text_offset, r.text_length, &text);
    if (v->count++ == 0) v->first = now_seconds();
    if (!v->json) {
        v->sink += start + length + text[0] + r.label + r.source + r.attribute_count + r.value_tag + id;
        return;
    }
    out_t *o = v->json;
    out_literal(o, "{\"doc\":");
    json_string(o, v->document_name, v->document_name_length);
    out_literal(o, ",\"id\":");
    out_u64(o, id);
    out_literal(o, ",\"start\":");
    out_u64(o, start);
    out_literal(o, ",\"end\":");
    out_u64(o, end);
    out_literal(o, ",\"text\":");
    json_string(o, text, length);
    out_literal(o, ",\"label\":");
    json_cstring(o, names[KIND_LABEL][r.label & 0xFF] ? names[KIND_LABEL][r.label & 0xFF] : "?");
    out_literal(o, ",\"value\":");
    switch (r.value_tag) {
    case 1: out_i64(o, r.integer); break;
    case 2: json_number(o, r.decimal); break;
    case 3: json_string(o, r.string, r.string_length); break;
    case 4: {
        char date[16];
        int n;
        if (r.day) n = snprintf(date, sizeof date, "\"%04d-%02d-%02d\"", r.year, r.month, r.day);
        else if (r.month) n = snprintf(date, sizeof date, "\"%04d-%02d\"", r.year, r.month);
        else n = snprintf(date, sizeof date, "\"%04d\"", r.year);
        out_bytes(o, date, (size_t)n);
        break;
    }
    default: out_literal(o, "null");
    }
    out_literal(o, ",\"attrs\":{");
    for (uint32_t a = 0; a < r.attribute_count; a++) {
        if (a) out_char(o, ',');
        const char *key_name = names[KIND_ATTRIBUTE][r.attribute_keys[a] & 0xFF];
        json_cstring(o, key_name ? key_name : "?");
        out_char(o, ':');
        json_string(o, r.attribute_values[a], r.attribute_lengths[a]);
    }
    out_literal(o, "},\"source\":");
    json_cstring(o, names[KIND_SOURCE][r.source & 0xFF] ? names[KIND_SOURCE][r.source & 0xFF] : "?");
    out_literal(o, ",\"confidence\":");
    if (r.confidence == 65535) out_char(o, '1');
    else {
        char confidence[16];
        int n = snprintf(confidence, sizeof confidence, "%.4g", r.confidence / 65535.0);
        out_bytes(o, confidence, (size_t)n);
    }
    out_literal(o, "}\n");
    out_line_done(o);
}

/* The record of a span key from an index, through one cursor as Gloss looks it up: keys come
 * in key order, and LMDB searches the page the cursor stands on alone when the key is on it. */
static void get_span(visitor_t *v, const uint8_t *key20) {
    MDB_val k = val(key20, 20), record;
    if (!v->records) check(mdb_cursor_open(v->txn, v->s->spans, &v->records), "mdb_cursor_open");
    int rc = mdb_cursor_get(v->records, &k, &record, MDB_SET_KEY);
    if (rc == MDB_NOTFOUND) die("index points at a missing span", NULL);
    check(rc, "mdb_cursor_get");
    visit(v, key20, record.mv_data);
}

/* Closes the visitor's cursors (read-only transactions leave cursors to their owner). */
static void visitor_finish(visitor_t *v) {
    if (v->records) mdb_cursor_close(v->records);
    if (v->documents) mdb_cursor_close(v->documents);
    v->records = NULL;
    v->documents = NULL;
}

static void query_all(visitor_t *v) {
    MDB_cursor *c;
    check(mdb_cursor_open(v->txn, v->s->spans, &c), "mdb_cursor_open");
    MDB_val k, d;
    for (int rc = mdb_cursor_get(c, &k, &d, MDB_FIRST); rc == 0; rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) visit(v, k.mv_data, d.mv_data);
    mdb_cursor_close(c);
}

/* Positions `c` on the first span key of `label` (in `doc` or after, when has_doc) in the label
 * index (key label, values the span keys); returns its key and value in k, d. */
static int label_seek(MDB_cursor *c, const uint8_t label_key[4], int has_doc, uint32_t doc, MDB_val *k, MDB_val *d) {
    uint8_t from[20] = {doc >> 24, doc >> 16, doc >> 8, doc};
    *k = val(label_key, 4);
    if (!has_doc) return mdb_cursor_get(c, k, d, MDB_SET_KEY);
    *d = val(from, 20);
    return mdb_cursor_get(c, k, d, MDB_GET_BOTH_RANGE);
}

/* A label's span keys in the label index, read a page of values per cursor call
 * (MDB_GET_MULTIPLE / MDB_NEXT_MULTIPLE: the index's values are fixed-size), as Gloss reads them. */
typedef struct {
    MDB_cursor *c;
    const uint8_t *page;
    size_t count, i;
} label_iter_t;

static int label_iter_page(label_iter_t *it, MDB_val *d) {
    if (d->mv_size % 20 != 0) die("a page of the label index holds no whole span keys", NULL);
    it->page = d->mv_data;
    it->count = d->mv_size / 20;
    it->i = 0;
    return it->count ? 0 : MDB_NOTFOUND;
}

static int label_iter_next_page(label_iter_t *it) {
    MDB_val k, d;
    int rc = mdb_cursor_get(it->c, &k, &d, MDB_NEXT_MULTIPLE);
    return rc ? rc : label_iter_page(it, &d);
}

/* Positions `it` on the first span key of `label` (in `doc` or after, when has_doc); returns
 * 0 when there is one. */
static int label_iter_start(label_iter_t *it, MDB_cursor *c, const uint8_t label_key[4], int has_doc, uint32_t doc) {
    MDB_val k, d;
    it->c = c;
    int rc = label_seek(c, label_key, has_doc, doc, &k, &d);
    if (rc) return rc;
    d.mv_size = 0;
    rc = mdb_cursor_get(c, &k, &d, MDB_GET_MULTIPLE);
    if (rc) return rc;
    /* A key with one value keeps it in its node, not in a page of values: d is left empty. */
    if (d.mv_size == 0 && (rc = mdb_cursor_get(c, &k, &d, MDB_GET_CURRENT))) return rc;
    if ((rc = label_iter_page(it, &d))) return rc;
    if (has_doc) {  /* the page comes whole: find the cursor's span key in it */
        size_t low = 0, high = it->count;
        while (low < high) {
            size_t mid = (low + high) / 2;
            if (r_u32(it->page + 20 * mid) < doc) low = mid + 1; else high = mid;
        }
        it->i = low;
        if (it->i == it->count) return label_iter_next_page(it);
    }
    return 0;
}

static const uint8_t *label_iter_key(const label_iter_t *it) { return it->page + 20 * it->i; }

static int label_iter_next(label_iter_t *it) { return ++it->i < it->count ? 0 : label_iter_next_page(it); }

/* Whether the spans of `label` are read from the primary database, its records filtered by
 * label, rather than through the label index: as Gloss plans it, when they are at least a fifth
 * of the store's spans (the label's counter against the primary database's entries). */
static int label_reads_records(MDB_txn *txn, store_t *s, uint32_t label) {
    uint8_t ck[5] = {KIND_LABEL, label >> 24, label >> 16, label >> 8, label};
    MDB_val cv;
    MDB_stat stat;
    uint64_t spans = get(txn, s->counters, ck, 5, &cv) ? r_u64(cv.mv_data) : 0;
    check(mdb_stat(txn, s->spans, &stat), "mdb_stat");
    return stat.ms_entries > 0 && spans * 5 >= stat.ms_entries;
}

/* The spans of one label (in `doc` or after, when has_doc), in key order: from the label index
 * (their records looked up by `get_span`) or, as planned by `label_reads_records`, from the
 * primary database (`record` set). Reads through a cursor of its own (`span_iter_close`). */
typedef struct {
    int from_records;
    uint32_t label;
    MDB_cursor *cursor;
    label_iter_t index;
    MDB_val key, record;
} span_iter_t;

/* Moves a records iterator from its current entry to the first of its label; 0 when found. */
static int span_iter_settle(span_iter_t *it, int rc) {
    while (rc == 0 && record_label(it->record.mv_data) != it->label)
        rc = mdb_cursor_get(it->cursor, &it->key, &it->record, MDB_NEXT);
    return rc;
}

static int span_iter_start(span_iter_t *it, visitor_t *v, uint32_t label, int has_doc, uint32_t doc) {
    it->label = label;
    it->from_records = label_reads_records(v->txn, v->s, label);
    check(mdb_cursor_open(v->txn, it->from_records ? v->s->spans : v->s->by_label, &it->cursor), "mdb_cursor_open");
    if (!it->from_records) {
        uint8_t label_key[4] = {label >> 24, label >> 16, label >> 8, label};
        return label_iter_start(&it->index, it->cursor, label_key, has_doc, doc);
    }
    if (!has_doc) return span_iter_settle(it, mdb_cursor_get(it->cursor, &it->key, &it->record, MDB_FIRST));
    uint8_t from[4] = {doc >> 24, doc >> 16, doc >> 8, doc};
    it->key = val(from, 4);
    return span_iter_settle(it, mdb_cursor_get(it->cursor, &it->key, &it->record, MDB_SET_RANGE));
}

static int span_iter_next(span_iter_t *it) {
    if (!it->from_records) return label_iter_next(&it->index);
    return span_iter_settle(it, mdb_cursor_get(it->cursor, &it->key, &it->record, MDB_NEXT));
}

static const uint8_t *span_iter_key(const span_iter_t *it) {
    return it->from_records ? it->key.mv_data : label_iter_key(&it->index);
}

static void span_iter_close(span_iter_t *it) { mdb_cursor_close(it->cursor); }

/* Every span of `label` (in `doc` when has_doc), in result order. */
static void query_label(visitor_t *v, uint32_t label, int has_doc, uint32_t doc) {
    span_iter_t it;
    for (int rc = span_iter_start(&it, v, label, has_doc, doc); rc == 0; rc = span_iter_next(&it)) {
        if (has_doc && r_u32(span_iter_key(&it)) != doc) break;
        if (it.from_records) visit(v, it.key.mv_data, it.record.mv_data);
        else get_span(v, span_iter_key(&it));
    }
    span_iter_close(&it);
}

static int compare_keys(const void *a, const void *b) { return memcmp(a, b, 20); }

/* Numeric values of `label` in [minimum, maximum] from the value index, sorted into result order. */
static void query_range(visitor_t *v, uint32_t label, double minimum, double maximum) {
    uint8_t low[13] = {label >> 24, label >> 16, label >> 8, label, 1};
    uint64_t low_bits = ordered_bits(minimum), high_bits = ordered_bits(maximum);
    for (int i = 0; i < 8; i++) low[5 + i] = (uint8_t)(low_bits >> (56 - 8 * i));
    size_t count = 0, capacity = 1024;
    uint8_t *keys = xmalloc(capacity * 20);
    MDB_cursor *c;
    check(mdb_cursor_open(v->txn, v->s->by_value, &c), "mdb_cursor_open");
    MDB_val k = val(low, 13), d;
    /* Each value's span keys (fixed-size values) a page per call, as Gloss reads them. */
    for (int rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); rc == 0; rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_NODUP)) {
        const uint8_t *key = k.mv_data;
        if (k.mv_size != 13 || memcmp(key, low, 5) != 0 || r_u64(key + 5) > high_bits) break;
        MDB_val pk, page = {0, NULL};  /* a key with one value keeps it in its node: left empty */
        int prc = mdb_cursor_get(c, &pk, &page, MDB_GET_MULTIPLE);
        if (prc == 0 && page.mv_size == 0) prc = mdb_cursor_get(c, &pk, &page, MDB_GET_CURRENT);
        for (; prc == 0; prc = mdb_cursor_get(c, &pk, &page, MDB_NEXT_MULTIPLE)) {
            size_t n = page.mv_size / 20;
            while (count + n > capacity) { capacity *= 2; keys = xrealloc(keys, capacity * 20); }
            memcpy(keys + 20 * count, page.mv_data, 20 * n);
            count += n;
        }
    }
    mdb_cursor_close(c);
    qsort(keys, count, 20, compare_keys);
    for (size_t i = 0; i < count; i++) get_span(v, keys + 20 * i);
    free(keys);
}

/* Spans of `label` within `near` code points of a span of `other` in the same document. The
 * candidates come from the label index whatever the label's share (unlike `query_label`): only
 * those the join keeps have their records looked up, fewer than a walk of every record reads. */
static void query_join(visitor_t *v, uint32_t label, uint32_t other, uint32_t near) {
    uint32_t *starts = xmalloc(sizeof(uint32_t) * 4096), *ends = xmalloc(sizeof(uint32_t) * 4096);
    uint64_t *ids = xmalloc(sizeof(uint64_t) * 4096);
    size_t others = 0;
    int loaded = 0;
    uint32_t loaded_doc = 0;
    uint8_t label_key[4] = {label >> 24, label >> 16, label >> 8, label};
    uint8_t other_key[4] = {other >> 24, other >> 16, other >> 8, other};
    MDB_cursor *c, *o;
    check(mdb_cursor_open(v->txn, v->s->by_label, &c), "mdb_cursor_open");
    check(mdb_cursor_open(v->txn, v->s->by_label, &o), "mdb_cursor_open");
    label_iter_t it, oit;
    for (int rc = label_iter_start(&it, c, label_key, 0, 0); rc == 0; rc = label_iter_next(&it)) {
        const uint8_t *key = label_iter_key(&it);
        uint32_t doc = r_u32(key), start = r_u32(key + 4), end = ~r_u32(key + 8);
        uint64_t id = r_u64(key + 12);
        if (!loaded || doc != loaded_doc) {
            others = 0;
            for (int orc = label_iter_start(&oit, o, other_key, 1, doc); orc == 0 && others < 4096; orc = label_iter_next(&oit)) {
                const uint8_t *x = label_iter_key(&oit);
                if (r_u32(x) != doc) break;
                starts[others] = r_u32(x + 4);
                ends[others] = ~r_u32(x + 8);
                ids[others] = r_u64(x + 12);
                others++;
            }
            loaded = 1;
            loaded_doc = doc;
        }
        int keep = 0;
        for (size_t i = 0; i < others && !keep; i++)
            keep = ids[i] != id && (int64_t)starts[i] <= (int64_t)end + near && (int64_t)ends[i] >= (int64_t)start - near;
        if (keep) get_span(v, key);
    }
    mdb_cursor_close(o);
    mdb_cursor_close(c);
    free(starts); free(ends); free(ids);
}

typedef struct { const uint8_t *key; size_t length; uint64_t count; } group_t;

static int compare_groups(const void *a, const void *b) {
    const group_t *x = a, *y = b;
    return x->count != y->count ? (x->count < y->count ? 1 : -1) : 0;
}

/* `count --by label`: the stored counters, most frequent first. */
static uint64_t count_by_label(MDB_txn *txn, store_t *s) {
    group_t groups[256];
    size_t n = 0;
    uint8_t prefix = KIND_LABEL | 0x80;
    MDB_cursor *c;
    check(mdb_cursor_open(txn, s->dict, &c), "mdb_cursor_open");
    MDB_val k = val(&prefix, 1), d;
    for (int rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); rc == 0 && n < 256; rc = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
        const uint8_t *key = k.mv_data;
        if (k.mv_size != 5 || key[0] != prefix) break;
        uint8_t ck[5] = {KIND_LABEL, key[1], key[2], key[3], key[4]};
        MDB_val cv;
        groups[n].key = d.mv_data;
        groups[n].length = d.mv_size;
        groups[n].count = get(txn, s->counters, ck, 5, &cv) ? r_u64(cv.mv_data) : 0;
        n++;
    }
    mdb_cursor_close(c);
    qsort(groups, n, sizeof(group_t), compare_groups);
    return n ? groups[0].count : 0;
}

/* `count --label L --by value`: the number of span keys under each of the label's keys in
 * the value index (mdb_cursor_count), as Gloss does. */
static uint64_t count_by_value(MDB_txn *txn, store_t *s, uint32_t label) {
    size_t n = 0, capacity = 1024;
    group_t *groups = xmalloc(sizeof(group_t) * capacity);
    uint8_t prefix[4] = {label >> 24, label >> 16, label >> 8, label};
    MDB_cursor *c;
    check(mdb_cursor_open(txn, s->by_value, &c), "mdb_cursor_open");
    MDB_val k = val(prefix, 4), d;
    for (int rc = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); rc == 0; rc = mdb_cursor_get(c, &k, &d, MDB_NEXT_NODUP)) {
        const uint8_t *key = k.mv_data;
        if (k.mv_size <= 4 || memcmp(key, prefix, 4) != 0) break;
        if (n == capacity) { capacity *= 2; groups = xrealloc(groups, sizeof(group_t) * capacity); }
        size_t count;
        check(mdb_cursor_count(c, &count), "mdb_cursor_count");
        groups[n].key = key + 4;
        groups[n].length = k.mv_size - 4;
        groups[n].count = count;
        n++;
    }
    mdb_cursor_close(c);
    qsort(groups, n, sizeof(group_t), compare_groups);
    uint64_t top = n ? groups[0].count : 0;
    free(groups);
    return top;
}

static int read_benchmarks(int argc, char **argv) {
    if (argc < 5) die("usage: read DIR QUERIES TAG [REPEATS]", NULL);
    const char *tag = argv[4];
    int repeats = argc > 5 ? atoi(argv[5]) : 3;
    store_t s;
    store_open(&s, argv[2], 1);
    queries_t q;
    queries_load(&q, argv[3]);
    MDB_txn *txn;
    check(mdb_txn_begin(s.env, NULL, MDB_RDONLY, &txn), "mdb_txn_begin");
    load_names(txn, &s);
    mdb_txn_reset(txn);
    uint32_t person = 0, place = 0, number = 0;

    const char *stream_names[] = {"scan.all", "scan.label", "range.wide", "join.near"};
    for (int which = 0; which < 4; which++) {
        double rates[16], firsts[16];
        size_t count = 0;
        for (int r = 0; r < repeats && r < 16; r++) {
            visitor_t v;
            double t0 = now_seconds();
            check(mdb_txn_renew(txn), "mdb_txn_renew");
            place = lookup(txn, &s, KIND_LABEL, "PLACE");
            number = lookup(txn, &s, KIND_LABEL, "NUMBER");
            visitor_init(&v, txn, &s, NULL);
            v.start = t0;
            switch (which) {
            case 0: query_all(&v); break;
            case 1: query_label(&v, place, 0, 0); break;
            case 2: query_range(&v, number, 1000, 100000); break;
            case 3: query_join(&v, number, place, 30); break;
            }
            visitor_finish(&v);
            mdb_txn_reset(txn);
            double seconds = now_seconds() - t0;
            rates[r] = v.count / seconds;
            firsts[r] = v.first - t0;
            count = v.count;
            if (v.sink == 42) puts("");
        }
        char figure[64];
        snprintf(figure, sizeof figure, "lmdb.%s", stream_names[which]);
        emit(figure, tag, percentile(rates, repeats, 50), "spans/s");
        snprintf(figure, sizeof figure, "lmdb.%s.first", stream_names[which]);
        emit(figure, tag, percentile(firsts, repeats, 50) * 1e6, "us");
        fprintf(stderr, "# lmdb %s %s: %zu spans\n", stream_names[which], tag, count);
    }

    /* Latency of complete answers: label L in document D (by name), and narrow value ranges. */
    double *times = xmalloc(sizeof(double) * 4096);
    size_t results = 0;
    for (size_t i = 0; i < q.doc_count; i++) {
        double t0 = now_seconds();
        check(mdb_txn_renew(txn), "mdb_txn_renew");
        MDB_val found;
        if (!get(txn, s.doc_names, q.docs[i].document, strlen(q.docs[i].document), &found)) die("unknown document", q.docs[i].document);
        uint32_t doc = r_u32(found.mv_data);
        uint32_t label = lookup(txn, &s, KIND_LABEL, q.docs[i].label);
        visitor_t v;
        visitor_init(&v, txn, &s, NULL);
        query_label(&v, label, 1, doc);
        visitor_finish(&v);
        mdb_txn_reset(txn);
        times[i] = now_seconds() - t0;
        results += v.count;
    }
    emit("lmdb.doclabel.p99", tag, percentile(times, q.doc_count, 99) * 1e6, "us");
    emit("lmdb.doclabel.p50", tag, percentile(times, q.doc_count, 50) * 1e6, "us");
    fprintf(stderr, "# lmdb doclabel %s: %zu queries, %zu spans\n", tag, q.doc_count, results);
    results = 0;
    for (size_t i = 0; i < q.range_count; i++) {
        double t0 = now_seconds();
        check(mdb_txn_renew(txn), "mdb_txn_renew");
        uint32_t label = lookup(txn, &s, KIND_LABEL, q.ranges[i].label);
        visitor_t v;
        visitor_init(&v, txn, &s, NULL);
        query_range(&v, label, q.ranges[i].minimum, q.ranges[i].maximum);
        visitor_finish(&v);
        mdb_txn_reset(txn);
        times[i] = now_seconds() - t0;
        results += v.count;
    }
    emit("lmdb.range.narrow.p99", tag, percentile(times, q.range_count, 99) * 1e6, "us");
    emit("lmdb.range.narrow.p50", tag, percentile(times, q.range_count, 50) * 1e6, "us");
    fprintf(stderr, "# lmdb range.narrow %s: %zu queries, %zu spans\n", tag, q.range_count, results);

    for (int i = 0; i < 200; i++) {
        double t0 = now_seconds();
        check(mdb_txn_renew(txn), "mdb_txn_renew");
        if (count_by_label(txn, &s) == 42) puts("");
        mdb_txn_reset(txn);
        times[i] = now_seconds() - t0;
    }
    emit("lmdb.count.label.p50", tag, percentile(times, 200, 50) * 1e6, "us");
    for (int i = 0; i < repeats; i++) {
        double t0 = now_seconds();
        check(mdb_txn_renew(txn), "mdb_txn_renew");
        if (count_by_value(txn, &s, place) == 42) puts("");
        mdb_txn_reset(txn);
        times[i] = now_seconds() - t0;
    }
    emit("lmdb.count.value", tag, percentile(times, repeats, 50) * 1e3, "ms");
    (void)person;
    mdb_txn_abort(txn);
    mdb_env_close(s.env);
    return 0;
}

static int stream(int argc, char **argv) {
    if (argc < 4) die("usage: stream DIR all|label L|range L MIN MAX|join L OTHER N|doc NAME L", NULL);
    out_t output;
    out_init(&output, STDOUT_FILENO);
    store_t s;
    store_open(&s, argv[2], 1);
    MDB_txn *txn;
    check(mdb_txn_begin(s.env, NULL, MDB_RDONLY, &txn), "mdb_txn_begin");
    load_names(txn, &s);
    visitor_t v;
    visitor_init(&v, txn, &s, &output);
    const char *mode = argv[3];
    if (strcmp(mode, "all") == 0) query_all(&v);
    else if (strcmp(mode, "label") == 0 && argc > 4) query_label(&v, lookup(txn, &s, KIND_LABEL, argv[4]), 0, 0);
    else if (strcmp(mode, "range") == 0 && argc > 6) query_range(&v, lookup(txn, &s, KIND_LABEL, argv[4]), atof(argv[5]), atof(argv[6]));
    else if (strcmp(mode, "join") == 0 && argc > 6) query_join(&v, lookup(txn, &s, KIND_LABEL, argv[4]), lookup(txn, &s, KIND_LABEL, argv[5]), (uint32_t)atoi(argv[6]));
    else if (strcmp(mode, "doc") == 0 && argc > 5) {
        MDB_val found;
        if (!get(txn, s.doc_names, argv[4], strlen(argv[4]), &found)) die("unknown document", argv[4]);
        query_label(&v, lookup(txn, &s, KIND_LABEL, argv[5]), 1, r_u32(found.mv_data));
    } else die("unknown stream mode", mode);
    visitor_finish(&v);
    out_flush(&output);
    mdb_txn_abort(txn);
    mdb_env_close(s.env);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: lmdb_bench ingest|read|stream ...", NULL);
    if (strcmp(argv[1], "ingest") == 0) return ingest(argc, argv);
    if (strcmp(argv[1], "read") == 0) return read_benchmarks(argc, argv);
    if (strcmp(argv[1], "stream") == 0) return stream(argc, argv);
    die("unknown command", argv[1]);
    return 1;
}
