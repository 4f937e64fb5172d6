import LMDB

/// The named LMDB databases of a store and the schema version they follow.
///
/// | database | key | value |
/// |---|---|---|
/// | `meta` | setting name | setting value (schema version, counters of ids) |
/// | `dict` | kind byte + name / kind byte + id | interned id / name (labels, sources, extractors, attribute keys) |
/// | `docs` | doc u32 | ``DocumentRecord`` |
/// | `doc_names` | name (UTF-8) | doc u32 |
/// | `texts` | doc u32 · chunk u32 | 256 code points of the text, UTF-8, exactly as given (``TextChunks``) |
/// | `doc_state` | doc u32 · extractor u32 | source u32 · text hash u64 · span count u32 |
/// | `spans` | ``SpanKey`` (doc · start · ~end · id) | ``SpanRecord`` (with the span's ``SpanTextLocation`` since version 6) |
/// | `label_index` | label u32 | sorted, packed: the span key of each span with that label (``IndexKey``) |
/// | `value_index` | label u32 · ``ValueKey`` | sorted, packed: the span key of each span with that value |
/// | `value_log`, `value_log_2` | run u64 · label u32 · ``ValueKey`` · span key | empty: value index entries of annotation batches and small transactions not yet merged into `value_index`; batches append to one while the other is merged (``ValueLog``) |
/// | `counters` | kind byte + id | u64 count (spans per label, per source; spans per value are the value index's duplicate counts) |
/// | `runs` | run u64 | ``RunRecord`` as JSON |
/// | `plugins` | plugin id | registration of an out-of-process plugin, as JSON |
struct Schema {
    /// Bump when the layout changes; a store of another version is refused with a message
    /// (an older one is upgraded when opened for writing, see ``SchemaUpgrade``).
    static let version: UInt32 = 6

    let meta: Database
    let dict: Database
    let docs: Database
    let docNames: Database
    let texts: Database
    let docState: Database
    let spans: Database
    let byLabel: Database
    let byValue: Database
    /// The two value logs (``ValueLog``): batches append runs to one while the other is merged.
    let valueLogs: [Database]
    let counters: Database
    let runs: Database
    let plugins: Database

    init(environment env: Environment, create: Bool) throws {
        let flags: DatabaseFlags = create ? .create : []
        meta = try env.openDatabase("meta", flags: flags)
        dict = try env.openDatabase("dict", flags: flags)
        docs = try env.openDatabase("docs", flags: flags)
        docNames = try env.openDatabase("doc_names", flags: flags)
        texts = try env.openDatabase("texts", flags: flags)
        docState = try env.openDatabase("doc_state", flags: flags)
        spans = try env.openDatabase("spans", flags: flags)
        let index = flags.union([.duplicateSort, .duplicateFixed])
        byLabel = try env.openDatabase("label_index", flags: index)
        byValue = try env.openDatabase("value_index", flags: index)
        valueLogs = [try env.openDatabase("value_log", flags: flags), try env.openDatabase("value_log_2", flags: flags)]
        counters = try env.openDatabase("counters", flags: flags)
        runs = try env.openDatabase("runs", flags: flags)
        plugins = try env.openDatabase("plugins", flags: flags)
    }

    /// The schema version recorded in an environment's `meta` database (nil when it has none).
    static func storedVersion(in env: Environment) throws -> UInt32? {
        let meta = try env.openDatabase("meta")
        return try env.read { txn in
            try txn.get(meta, key: MetaKey.schemaVersion).flatMap { $0.count == 4 ? ByteReader.u32($0, at: 0) : nil }
        }
    }

    var all: [Database] { [meta, dict, docs, docNames, texts, docState, spans, byLabel, byValue] + valueLogs + [counters, runs, plugins] }
}

/// Keys of the `meta` database.
enum MetaKey {
    static let schemaVersion = Array("schema_version".utf8)
    static let nextDocument = Array("next_document".utf8)
    static let nextSpan = Array("next_span".utf8)
    static let nextRun = Array("next_run".utf8)
}
