/* SQLite baseline for the Gloss benchmarks: the same documents and spans in tables with the
 * indexes Gloss keeps (spans clustered by position, then by label and by value; like Gloss, no index by source),
 * through SQLite's C API with prepared statements. Usage:
 *
 *   sqlite_bench ingest CORPUS FILE TAG NAME BATCH durable|nosync [MAX_SPANS] [sizes]
 *   sqlite_bench read FILE QUERIES TAG [REPEATS]
 *
 * Settings a careful user would choose: WAL journal, synchronous=FULL for durable commits
 * (OFF for nosync), a 128 MiB page cache, memory-mapped reads, ANALYZE after loading. */
#include "bench_common.h"
#include <sqlite3.h>
#include <unistd.h>
#include <sys/stat.h>

static sqlite3 *db;

static void check(int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) die(what, sqlite3_errmsg(db));
}

static void exec(const char *sql) {
    char *error = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &error) != SQLITE_OK) die(sql, error);
}

static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) die(sql, sqlite3_errmsg(db));
    return s;
}

static const char *schema =
    "CREATE TABLE IF NOT EXISTS dict(kind INTEGER NOT NULL, name TEXT NOT NULL, id INTEGER NOT NULL, PRIMARY KEY(kind, name)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS docs(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, hash INTEGER NOT NULL, code_points INTEGER NOT NULL,"
    "  bytes INTEGER NOT NULL, added INTEGER NOT NULL, metadata TEXT NOT NULL, text TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS doc_state(doc INTEGER NOT NULL, extractor INTEGER NOT NULL, source INTEGER NOT NULL, hash INTEGER NOT NULL,"
    "  spans INTEGER NOT NULL, PRIMARY KEY(doc, extractor)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS spans(doc INTEGER NOT NULL, start INTEGER NOT NULL, \"end\" INTEGER NOT NULL, id INTEGER NOT NULL,"
    "  label INTEGER NOT NULL, source INTEGER NOT NULL, confidence REAL NOT NULL, value ANY, attrs TEXT,"
    "  text_start INTEGER NOT NULL, text_bytes INTEGER NOT NULL,"
    "  PRIMARY KEY(doc, start, \"end\" DESC, id)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS spans_label ON spans(label, doc, start, \"end\" DESC, id);"
    "CREATE INDEX IF NOT EXISTS spans_value ON spans(label, value) WHERE value IS NOT NULL;";

static void open_database(const char *path, int durable) {
    if (sqlite3_open(path, &db) != SQLITE_OK) die("cannot open", path);
    exec("PRAGMA journal_mode=WAL; PRAGMA cache_size=-131072; PRAGMA mmap_size=1073741824; PRAGMA temp_store=MEMORY;");
    exec(durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=OFF;");
    exec(schema);
}

/* ---- ingest ---- */

enum { KIND_LABEL = 0x4C, KIND_SOURCE = 0x53, KIND_EXTRACTOR = 0x45, KIND_ATTRIBUTE = 0x41 };
typedef struct { int kind; char name[64]; int64_t id; } interned_t;
static interned_t interned[512];
static int interned_count;
static int64_t next_intern[256];
static sqlite3_stmt *insert_dict;

static int64_t intern(int kind, const char *name) {
    for (int i = 0; i < interned_count; i++)
        if (interned[i].kind == kind && strcmp(interned[i].name, name) == 0) return interned[i].id;
    int64_t id = ++next_intern[kind];
    sqlite3_bind_int(insert_dict, 1, kind);
    sqlite3_bind_text(insert_dict, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert_dict, 3, id);
    check(sqlite3_step(insert_dict), "insert dict");
    sqlite3_reset(insert_dict);
    interned[interned_count].kind = kind;
    snprintf(interned[interned_count].name, 64, "%s", name);
    interned[interned_count].id = id;
    interned_count++;
    return id;
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? st.st_size : 0;
}

static int ingest(int argc, char **argv) {
    if (argc < 8) die("usage: ingest CORPUS FILE TAG NAME BATCH durable|nosync [MAX_SPANS] [sizes]", NULL);
    const char *path = argv[3], *tag = argv[4], *name = argv[5];
    size_t batch = strtoul(argv[6], NULL, 10);
    int durable = strcmp(argv[7], "durable") == 0;
    size_t max_spans = argc > 8 ? strtoul(argv[8], NULL, 10) : (size_t)-1;
    if (max_spans == 0) max_spans = (size_t)-1;
    int sizes = argc > 9 && strcmp(argv[9], "sizes") == 0;
    open_database(path, durable);
    insert_dict = prepare("INSERT INTO dict(kind, name, id) VALUES (?1, ?2, ?3)");
    sqlite3_stmt *find_doc = prepare("SELECT id FROM docs WHERE name = ?1");
    sqlite3_stmt *insert_doc = prepare("INSERT INTO docs(id, name, hash, code_points, bytes, added, metadata, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '{}', ?7)");
    sqlite3_stmt *find_state = prepare("SELECT source FROM doc_state WHERE doc = ?1 AND extractor = ?2");
    sqlite3_stmt *insert_state = prepare("INSERT INTO doc_state(doc, extractor, source, hash, spans) VALUES (?1, ?2, ?3, ?4, ?5)");
    sqlite3_stmt *insert_span = prepare("INSERT INTO spans(doc, start, \"end\", id, label, source, confidence, value, attrs, text_start, text_bytes)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    corpus_t corpus;
    corpus_open(&corpus, argv[2]);
    document_t *docs = xmalloc(sizeof(document_t) * 65536);
    size_t total = 0, transactions = 0;
    int64_t next_span = 1, next_document = 1;
    double seconds = 0;
    char attrs[1024];
    for (;;) {
        size_t n = 0, spans = 0;
        while (spans < batch && total + spans < max_spans && n < 65536 && corpus_next(&corpus, &docs[n])) spans += docs[n++].span_count;
        if (n == 0) break;
        double t0 = now_seconds();
        exec("BEGIN");
        for (size_t i = 0; i < n; i++) {
            const document_t *d = &docs[i];
            uint64_t hash = fnv1a(d->text, d->bytes);
            sqlite3_bind_text(find_doc, 1, d->name, -1, SQLITE_STATIC);
            if (sqlite3_step(find_doc) == SQLITE_ROW) die("document exists already", d->name);
            sqlite3_reset(find_doc);
            int64_t doc = next_document++;
            sqlite3_bind_int64(insert_doc, 1, doc);
            sqlite3_bind_text(insert_doc, 2, d->name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(insert_doc, 3, (int64_t)hash);
            sqlite3_bind_int64(insert_doc, 4, (int64_t)d->code_points);
            sqlite3_bind_int64(insert_doc, 5, (int64_t)d->bytes);
            sqlite3_bind_int64(insert_doc, 6, (int64_t)time(NULL));
            sqlite3_bind_text(insert_doc, 7, d->text, (int)d->bytes, SQLITE_STATIC);
            check(sqlite3_step(insert_doc), "insert doc");
            sqlite3_reset(insert_doc);
            int64_t extractor = intern(KIND_EXTRACTOR, "bench");
            int64_t source = intern(KIND_SOURCE, "bench@1");
            sqlite3_bind_int64(find_state, 1, doc);
            sqlite3_bind_int64(find_state, 2, extractor);
            sqlite3_step(find_state);
            sqlite3_reset(find_state);
            /* Where each span's text lies in the document's text (UTF-8 byte offset and length),
             * as Gloss's records keep it: found once, walking forward from the previous span. */
            slicer_t locator;
            slicer_reset(&locator, d->text, d->bytes);
            for (size_t k = 0; k < d->span_count; k++) {
                const span_t *sp = &d->spans[k];
                const uint8_t *span_text;
                size_t span_bytes = slicer_slice(&locator, sp->start, sp->end, &span_text);
                sqlite3_bind_int64(insert_span, 10, (int64_t)(span_text - (const uint8_t *)d->text));
                sqlite3_bind_int64(insert_span, 11, (int64_t)span_bytes);
                sqlite3_bind_int64(insert_span, 1, doc);
                sqlite3_bind_int64(insert_span, 2, sp->start);
                sqlite3_bind_int64(insert_span, 3, sp->end);
                sqlite3_bind_int64(insert_span, 4, next_span++);
                sqlite3_bind_int64(insert_span, 5, intern(KIND_LABEL, sp->label));
                sqlite3_bind_int64(insert_span, 6, source);
                sqlite3_bind_double(insert_span, 7, 1.0);
                char date[16];
                switch (sp->type) {
                case 'i': sqlite3_bind_int64(insert_span, 8, sp->integer); break;
                case 'd': sqlite3_bind_double(insert_span, 8, sp->decimal); break;
                case 's': sqlite3_bind_text(insert_span, 8, sp->string, -1, SQLITE_STATIC); break;
                case 't':
                    if (sp->day) snprintf(date, sizeof date, "%04d-%02d-%02d", sp->year, sp->month, sp->day);
                    else if (sp->month) snprintf(date, sizeof date, "%04d-%02d", sp->year, sp->month);
                    else snprintf(date, sizeof date, "%04d", sp->year);
                    sqlite3_bind_text(insert_span, 8, date, -1, SQLITE_TRANSIENT);
                    break;
                default: sqlite3_bind_null(insert_span, 8);
                }
                if (sp->attribute_count) {
                    /* Attributes as a JSON object, keys sorted (the corpus gives them sorted). */
                    size_t used = 0;
                    attrs[used++] = '{';
                    for (int a = 0; a < sp->attribute_count; a++) {
                        intern(KIND_ATTRIBUTE, sp->attributes[a].key);
                        used += (size_t)snprintf(attrs + used, sizeof attrs - used, "%s\"%s\":\"%s\"", a ? "," : "",
                                                 sp->attributes[a].key, sp->attributes[a].value);
                    }
                    attrs[used++] = '}';
                    sqlite3_bind_text(insert_span, 9, attrs, (int)used, SQLITE_TRANSIENT);
                } else {
                    sqlite3_bind_null(insert_span, 9);
                }
                check(sqlite3_step(insert_span), "insert span");
                sqlite3_reset(insert_span);
            }
            sqlite3_bind_int64(insert_state, 1, doc);
            sqlite3_bind_int64(insert_state, 2, extractor);
            sqlite3_bind_int64(insert_state, 3, source);
            sqlite3_bind_int64(insert_state, 4, (int64_t)hash);
            sqlite3_bind_int64(insert_state, 5, (int64_t)d->span_count);
            check(sqlite3_step(insert_state), "insert doc_state");
            sqlite3_reset(insert_state);
        }
        exec("COMMIT");
        seconds += now_seconds() - t0;
        for (size_t i = 0; i < n; i++) document_free(&docs[i]);
        total += spans;
        transactions++;
    }
    char figure[64];
    snprintf(figure, sizeof figure, "sqlite.ingest.%s", name);
    emit(figure, tag, total / seconds, "spans/s");
    fprintf(stderr, "# sqlite ingest %s %s: %zu spans in %zu transactions, %.3f s\n", name, tag, total, transactions, seconds);
    sqlite3_finalize(find_doc); sqlite3_finalize(insert_doc); sqlite3_finalize(find_state);
    sqlite3_finalize(insert_state); sqlite3_finalize(insert_span); sqlite3_finalize(insert_dict);
    exec("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);");
    if (sizes) {
        emit("sqlite.store.bytes_per_span", tag, (double)file_size(path) / total, "bytes");
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, "SELECT sum(pgsize) FROM dbstat WHERE name IN ('spans','spans_label','spans_value')", -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW) emit("sqlite.store.span_bytes_per_span", tag, (double)sqlite3_column_int64(st, 0) / total, "bytes");
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return 0;
}

/* ---- reads ---- */

#define COLUMNS "s.doc, s.start, s.\"end\", s.id, s.label, s.source, s.confidence, s.value, s.attrs, s.text_start, s.text_bytes"

typedef struct {
    sqlite3_stmt *doc_text;
    int have_document;
    int64_t document;
    const uint8_t *text;
    size_t text_bytes;
    uint64_t sink;
    size_t count;
    double first;
} visitor_t;

static void visitor_init(visitor_t *v, sqlite3_stmt *doc_text) {
    memset(v, 0, sizeof *v);
    v->doc_text = doc_text;
}

/* Folds one result row into the sum: fetches the document text when the document changes and
 * cuts the span's text at the row's byte offset and length, like the LMDB baseline and Gloss. */
static void visit(visitor_t *v, sqlite3_stmt *row) {
    int64_t doc = sqlite3_column_int64(row, 0);
    uint32_t start = (uint32_t)sqlite3_column_int64(row, 1), end = (uint32_t)sqlite3_column_int64(row, 2);
    if (!v->have_document || doc != v->document) {
        sqlite3_reset(v->doc_text);
        sqlite3_bind_int64(v->doc_text, 1, doc);
        if (sqlite3_step(v->doc_text) != SQLITE_ROW) die("missing document", NULL);
        v->text = sqlite3_column_text(v->doc_text, 1);
        v->text_bytes = (size_t)sqlite3_column_bytes(v->doc_text, 1);
        v->sink += (uint64_t)sqlite3_column_bytes(v->doc_text, 0);
        v->document = doc;
        v->have_document = 1;
    }
    size_t offset = (size_t)sqlite3_column_int64(row, 9), length = (size_t)sqlite3_column_int64(row, 10);
    if (offset + length > v->text_bytes) die("a span's text runs past its document", NULL);
    const uint8_t *text = v->text + offset;
    int64_t label = sqlite3_column_int64(row, 4);
    int64_t id = sqlite3_column_int64(row, 3);
    int type = sqlite3_column_type(row, 7);
    if (type == SQLITE_TEXT) v->sink += (uint64_t)sqlite3_column_bytes(row, 7);
    else if (type != SQLITE_NULL) v->sink += (uint64_t)sqlite3_column_double(row, 7);
    v->sink += (uint64_t)sqlite3_column_bytes(row, 8);
    if (v->count++ == 0) v->first = now_seconds();
    v->sink += start + end + length + text[0] + (uint64_t)label + (uint64_t)id;
}

static void run(visitor_t *v, sqlite3_stmt *query) {
    while (sqlite3_step(query) == SQLITE_ROW) visit(v, query);
    sqlite3_reset(query);
}

static int64_t lookup(sqlite3_stmt *find_name, int kind, const char *name) {
    sqlite3_bind_int(find_name, 1, kind);
    sqlite3_bind_text(find_name, 2, name, -1, SQLITE_STATIC);
    if (sqlite3_step(find_name) != SQLITE_ROW) die("unknown name", name);
    int64_t id = sqlite3_column_int64(find_name, 0);
    sqlite3_reset(find_name);
    return id;
}

static int read_benchmarks(int argc, char **argv) {
    if (argc < 5) die("usage: read FILE QUERIES TAG [REPEATS]", NULL);
    const char *tag = argv[4];
    int repeats = argc > 5 ? atoi(argv[5]) : 3;
    open_database(argv[2], 1);
    queries_t q;
    queries_load(&q, argv[3]);
    sqlite3_stmt *find_name = prepare("SELECT id FROM dict WHERE kind = ?1 AND name = ?2");
    sqlite3_stmt *find_doc = prepare("SELECT id FROM docs WHERE name = ?1");
    sqlite3_stmt *doc_text = prepare("SELECT name, text FROM docs WHERE id = ?1");
    sqlite3_stmt *all = prepare("SELECT " COLUMNS " FROM spans s ORDER BY s.doc, s.start, s.\"end\" DESC, s.id");
    sqlite3_stmt *by_label = prepare("SELECT " COLUMNS " FROM spans s WHERE s.label = ?1 ORDER BY s.doc, s.start, s.\"end\" DESC, s.id");
    sqlite3_stmt *by_doc = prepare("SELECT " COLUMNS " FROM spans s WHERE s.label = ?1 AND s.doc = ?2 ORDER BY s.start, s.\"end\" DESC, s.id");
    sqlite3_stmt *by_range = prepare("SELECT " COLUMNS " FROM spans s WHERE s.label = ?1 AND s.value BETWEEN ?2 AND ?3"
                                     " ORDER BY s.doc, s.start, s.\"end\" DESC, s.id");
    sqlite3_stmt *join = prepare("SELECT " COLUMNS " FROM spans s WHERE s.label = ?1 AND EXISTS (SELECT 1 FROM spans b"
                                 " WHERE b.label = ?2 AND b.doc = s.doc AND b.start <= s.\"end\" + ?3 AND b.\"end\" >= s.start - ?3 AND b.id <> s.id)"
                                 " ORDER BY s.doc, s.start, s.\"end\" DESC, s.id");
    sqlite3_stmt *count_label = prepare("SELECT d.name, c.n FROM (SELECT label, count(*) AS n FROM spans GROUP BY label) c"
                                        " JOIN dict d ON d.kind = 76 AND d.id = c.label ORDER BY c.n DESC");
    sqlite3_stmt *count_value = prepare("SELECT value, count(*) AS n FROM spans WHERE label = ?1 AND value IS NOT NULL GROUP BY value ORDER BY n DESC");

    const char *stream_names[] = {"scan.all", "scan.label", "range.wide", "join.near"};
    for (int which = 0; which < 4; which++) {
        double rates[16], firsts[16];
        size_t count = 0;
        for (int r = 0; r < repeats && r < 16; r++) {
            visitor_t v;
            visitor_init(&v, doc_text);
            double t0 = now_seconds();
            exec("BEGIN");
            int64_t place = lookup(find_name, KIND_LABEL, "PLACE"), number = lookup(find_name, KIND_LABEL, "NUMBER");
            switch (which) {
            case 0: run(&v, all); break;
            case 1: sqlite3_bind_int64(by_label, 1, place); run(&v, by_label); break;
            case 2:
                sqlite3_bind_int64(by_range, 1, number);
                sqlite3_bind_double(by_range, 2, 1000);
                sqlite3_bind_double(by_range, 3, 100000);
                run(&v, by_range);
                break;
            case 3:
                sqlite3_bind_int64(join, 1, number);
                sqlite3_bind_int64(join, 2, place);
                sqlite3_bind_int(join, 3, 30);
                run(&v, join);
                break;
            }
            sqlite3_reset(doc_text);
            exec("COMMIT");
            double seconds = now_seconds() - t0;
            rates[r] = v.count / seconds;
            firsts[r] = v.first - t0;
            count = v.count;
            if (v.sink == 42) puts("");
        }
        char figure[64];
        snprintf(figure, sizeof figure, "sqlite.%s", stream_names[which]);
        emit(figure, tag, percentile(rates, repeats, 50), "spans/s");
        snprintf(figure, sizeof figure, "sqlite.%s.first", stream_names[which]);
        emit(figure, tag, percentile(firsts, repeats, 50) * 1e6, "us");
        fprintf(stderr, "# sqlite %s %s: %zu spans\n", stream_names[which], tag, count);
    }

    double *times = xmalloc(sizeof(double) * 4096);
    size_t results = 0;
    for (size_t i = 0; i < q.doc_count; i++) {
        visitor_t v;
        visitor_init(&v, doc_text);
        double t0 = now_seconds();
        exec("BEGIN");
        sqlite3_bind_text(find_doc, 1, q.docs[i].document, -1, SQLITE_STATIC);
        if (sqlite3_step(find_doc) != SQLITE_ROW) die("unknown document", q.docs[i].document);
        int64_t doc = sqlite3_column_int64(find_doc, 0);
        sqlite3_reset(find_doc);
        sqlite3_bind_int64(by_doc, 1, lookup(find_name, KIND_LABEL, q.docs[i].label));
        sqlite3_bind_int64(by_doc, 2, doc);
        run(&v, by_doc);
        sqlite3_reset(doc_text);
        exec("COMMIT");
        times[i] = now_seconds() - t0;
        results += v.count;
    }
    emit("sqlite.doclabel.p99", tag, percentile(times, q.doc_count, 99) * 1e6, "us");
    emit("sqlite.doclabel.p50", tag, percentile(times, q.doc_count, 50) * 1e6, "us");
    fprintf(stderr, "# sqlite doclabel %s: %zu queries, %zu spans\n", tag, q.doc_count, results);
    results = 0;
    for (size_t i = 0; i < q.range_count; i++) {
        visitor_t v;
        visitor_init(&v, doc_text);
        double t0 = now_seconds();
        exec("BEGIN");
        sqlite3_bind_int64(by_range, 1, lookup(find_name, KIND_LABEL, q.ranges[i].label));
        sqlite3_bind_double(by_range, 2, q.ranges[i].minimum);
        sqlite3_bind_double(by_range, 3, q.ranges[i].maximum);
        run(&v, by_range);
        sqlite3_reset(doc_text);
        exec("COMMIT");
        times[i] = now_seconds() - t0;
        results += v.count;
    }
    emit("sqlite.range.narrow.p99", tag, percentile(times, q.range_count, 99) * 1e6, "us");
    emit("sqlite.range.narrow.p50", tag, percentile(times, q.range_count, 50) * 1e6, "us");
    fprintf(stderr, "# sqlite range.narrow %s: %zu queries, %zu spans\n", tag, q.range_count, results);

    int rounds = 10;
    for (int i = 0; i < rounds; i++) {
        double t0 = now_seconds();
        int64_t sum = 0;
        while (sqlite3_step(count_label) == SQLITE_ROW) sum += sqlite3_column_int64(count_label, 1);
        sqlite3_reset(count_label);
        times[i] = now_seconds() - t0;
        if (sum == 42) puts("");
    }
    emit("sqlite.count.label.p50", tag, percentile(times, rounds, 50) * 1e6, "us");
    int64_t place = lookup(find_name, KIND_LABEL, "PLACE");
    for (int i = 0; i < repeats; i++) {
        double t0 = now_seconds();
        int64_t sum = 0;
        sqlite3_bind_int64(count_value, 1, place);
        while (sqlite3_step(count_value) == SQLITE_ROW) sum += sqlite3_column_int64(count_value, 1);
        sqlite3_reset(count_value);
        times[i] = now_seconds() - t0;
        if (sum == 42) puts("");
    }
    emit("sqlite.count.value", tag, percentile(times, repeats, 50) * 1e3, "ms");
    sqlite3_finalize(find_name); sqlite3_finalize(find_doc); sqlite3_finalize(doc_text); sqlite3_finalize(all);
    sqlite3_finalize(by_label); sqlite3_finalize(by_doc); sqlite3_finalize(by_range); sqlite3_finalize(join);
    sqlite3_finalize(count_label); sqlite3_finalize(count_value);
    sqlite3_close(db);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage: sqlite_bench ingest|read ...", NULL);
    if (strcmp(argv[1], "ingest") == 0) return ingest(argc, argv);
    if (strcmp(argv[1], "read") == 0) return read_benchmarks(argc, argv);
    die("unknown command", argv[1]);
    return 1;
}
