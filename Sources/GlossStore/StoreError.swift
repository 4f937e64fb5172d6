import LMDB

/// Everything that can go wrong in a Gloss store, each with a message a user can act on.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    /// The store path is empty.
    case emptyPath
    /// There is no store at the path (and the operation does not create one).
    case noStore(path: String)
    /// The path exists but is not a usable store directory (a regular file, say).
    case notAStore(path: String, reason: String)
    /// The store exists but cannot be written: it is on a read-only disk, or its files lack
    /// write permission. Commands that only read it still work.
    case readOnly(path: String, reason: String)
    /// No store can be created at the path (its directory cannot be made or written, or it
    /// already holds other files).
    case cannotCreate(path: String, reason: String)
    /// The store's writer lock cannot be taken for a reason other than another writer holding it.
    case cannotLock(path: String, reason: String)
    /// A backup cannot be written to the destination; the store itself is untouched.
    case cannotBackUp(destination: String, reason: String)
    /// A merge cannot be done into the destination; the destination is untouched.
    case cannotMerge(destination: String, reason: String)
    /// The store was written by a Gloss with another schema version.
    case schemaMismatch(path: String, found: UInt32, expected: UInt32)
    /// A stored record cannot be decoded: the store is damaged.
    case corrupt(String)
    /// A document name is empty or too long for a key.
    case invalidDocumentName(String)
    /// No document with this name.
    case unknownDocument(String)
    /// No spans of this label exist and it is not known to the store.
    case unknownLabel(String, known: [String])
    /// No spans come from this source and it is not known to the store.
    case unknownSource(String, known: [String])
    /// No plugin is registered under this id.
    case unknownPlugin(String, registered: [String])
    /// An imported span does not fit the stored text (or names an unknown document); nothing was imported.
    case invalidImport(origin: String, problem: String)
    /// Two stores being merged hold different texts under one document name.
    case mergeConflict(document: String, store: String)
    /// The chosen extractors' dependencies cannot be met.
    case pipeline(String)
    /// The disk holding the store is full; nothing of the failed write was kept.
    case diskFull(path: String)
    /// Another process holds the store's writer lock.
    case busy(path: String, holder: String, waited: Double)
    /// A regular expression given by the user does not compile.
    case invalidPattern(String, reason: String)
    /// An extractor returned a span that breaks the rules; nothing was written for it.
    case invalidSpan(extractor: String, document: String, problem: String)
    /// An extractor threw on a document; nothing was written for it.
    case extractorFailed(extractor: String, document: String, message: String)
    /// An error from LMDB.
    case lmdb(LMDBError)

    public var description: String {
        switch self {
        case .emptyPath:
            "the store path is empty: give the store's directory (such as gloss.lmdb)"
        case .noStore(let path):
            "no Gloss store at \(path) (create one with `gloss annotate`, or point --store / GLOSS_STORE at an existing one)"
        case .notAStore(let path, let reason):
            "\(path) is not a Gloss store: \(reason)"
        case .readOnly(let path, let reason):
            "the store at \(path) cannot be written: it is read-only (\(reason)); commands that only read it still work — "
                + "to change it, make it writable again, or copy it somewhere writable with `gloss backup --store \(path) DEST`"
        case .cannotCreate(let path, let reason):
            "cannot create a Gloss store at \(path): \(reason)"
        case .cannotLock(let path, let reason):
            "cannot take the writer lock of the store at \(path): \(reason)"
        case .cannotBackUp(let destination, let reason):
            "cannot back up to \(destination): \(reason); nothing was copied"
        case .cannotMerge(let destination, let reason):
            "cannot merge into \(destination): \(reason)"
        case .schemaMismatch(let path, let found, let expected):
            found > expected
                ? "the store at \(path) has schema version \(found), newer than this gloss understands (\(expected)); upgrade gloss"
                : found >= 1
                    ? "the store at \(path) has schema version \(found) and this gloss reads version \(expected); it upgrades such a store when it may write to it, but it can only read this one — copy it somewhere writable (or fix its permissions) and run any gloss command on it once"
                    : "the store at \(path) has schema version \(found); this gloss reads version \(expected) — re-create the store with `gloss annotate`"
        case .corrupt(let what):
            "the store is damaged: \(what)"
        case .invalidDocumentName(let why):
            "invalid document name: \(why)"
        case .unknownDocument(let name):
            "no document named \(name.debugDescription) in the store"
        case .unknownLabel(let label, let known):
            "unknown label \(label.debugDescription); the store has " + (known.isEmpty ? "no labels yet" : "labels: " + known.joined(separator: ", "))
        case .unknownSource(let source, let known):
            "unknown source \(source.debugDescription); the store has " + (known.isEmpty ? "no sources yet" : "sources: " + known.joined(separator: ", "))
        case .unknownPlugin(let id, let registered):
            "no plugin \(id.debugDescription) is registered; the store has "
                + (registered.isEmpty ? "no registered plugins" : "plugins: " + registered.joined(separator: ", "))
                + " (`gloss plugins list` shows them)"
        case .invalidImport(let origin, let problem):
            "\(origin): \(problem); nothing was imported"
        case .mergeConflict(let document, let store):
            "document \(document.debugDescription) has a different text in \(store) than in the stores before it; nothing was merged (choose with --prefer first|last)"
        case .pipeline(let problem):
            problem
        case .diskFull(let path):
            "no space left on the disk holding the store at \(path): the batch being written was not kept, everything committed before it is intact; free some space and run the command again"
        case .busy(let path, let holder, let waited):
            "another gloss process\(holder.isEmpty ? "" : " (pid \(holder))") is writing to the store at \(path)"
                + (waited > 0 ? "; gave up after waiting \(Int(waited)) s — wait for it to finish, or pass a longer --wait"
                                : " — wait for it to finish, or pass --wait SECONDS")
        case .invalidPattern(let pattern, let reason):
            "invalid regular expression \(pattern.debugDescription): \(reason)"
        case .invalidSpan(let extractor, let document, let problem):
            "extractor \(extractor) returned an invalid span for \(document): \(problem); nothing was written for it"
        case .extractorFailed(let extractor, let document, let message):
            "extractor \(extractor) failed on \(document): \(message); nothing was written for it"
        case .lmdb(let error):
            error.isMapFull ? "the store is full and could not grow: \(error)" : error.description
        }
    }
}
