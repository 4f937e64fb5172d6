import GlossKit
import Synchronization

/// What the lexicon and the letters say about one normalized form, whatever the document: its
/// vocabulary id, its shape and (once asked) its analysis as an Arabic word. Stems of the
/// Arabic analysis are ids of the same ``FormCache``.
struct FormRecord: Sendable {
    /// Lexicon vocabulary id, `-1` when the lexicon does not know the form.
    var vocab: Int32
    var shape: FormShape
    /// The lexicon's tries with a phrase starting with the form (empty when it is unknown).
    var starts: TrieStarts
    /// Arabic-word analysis with cache ids (valid when `computed`).
    var arabic = ArabicForm()
}

/// The forms of the documents analysed so far, with their ``FormRecord``s, so that a word that
/// comes back in a later document (most of a news text's words) is hashed once and analysed
/// never again. Forms are held by UTF-8 bytes in a ``ByteTable`` hashed like the lexicon's
/// vocabulary, so one key serves both lookups.
///
/// A document takes a cache for itself (``FormCaches``) and gets dense per-document ids for the
/// forms it touches through ``localID(_:next:)``: each entry remembers the document that last
/// touched it (a stamp) and the id it had there, so no per-document table is built. When it
/// has grown past ``limit`` forms, a cache starts afresh before the next document.
struct FormCache: Sendable {
    private(set) var table: ByteTable
    /// Per form: its record, with the document that last touched it.
    private var entries: [Entry] = []
    /// The id here of each tokenizer form id (``Token/form``) met, `-1` for the others: a token
    /// with a form id is found without hashing its bytes.
    private var byForm = [Int32](repeating: -1, count: Token.formLimit)
    /// The stamp of the current document (stamps start at 1; 0 is "never touched").
    private var stamp: UInt32 = 0
    private let seed: UInt64
    /// Forms kept before the cache starts afresh.
    let limit: Int

    /// A form's record, and which document last touched the form (its stamp) with the form's
    /// id there, side by side: a token's id in its document and, the first time, its record
    /// are read with one memory access rather than two.
    private struct Entry {
        var stamp: UInt32 = 0
        var localID: Int32 = -1
        var record: FormRecord
    }

    /// The forms a cache keeps by default before it starts afresh (about 150 bytes each).
    static let defaultLimit = 1 << 15

    /// An empty cache hashing like `lexicon`'s vocabulary, started afresh before a document
    /// once it holds more than `limit` forms.
    init(_ lexicon: PeopleLexicon, limit: Int = FormCache.defaultLimit) {
        self.init(seed: lexicon.vocabulary.seed, limit: limit)
    }

    private init(seed: UInt64, limit: Int) {
        self.seed = seed
        self.limit = limit
        table = ByteTable(capacity: 1024, seed: seed)
    }

    /// Starts a document: forms touched from now on get new per-document ids.
    mutating func beginDocument() {
        if table.count > limit || stamp == UInt32.max {
            self = FormCache(seed: seed, limit: limit)
        }
        stamp += 1
    }

    /// The record of form `id`.
    @inline(__always)
    func record(_ id: Int32) -> FormRecord { entries[Int(id)].record }

    /// The per-document id of form `id`: the one it got earlier in this document, or `next`
    /// (which the caller then gives it) when the document has not touched it yet.
    @inline(__always)
    mutating func localID(_ id: Int32, next: Int32) -> (id: Int32, new: Bool) {
        let g = Int(id)
        if entries[g].stamp == stamp { return (entries[g].localID, false) }
        entries[g].stamp = stamp
        entries[g].localID = next
        return (next, true)
    }

    /// The id of a form given as UTF-8 bytes, adding it (with its record) when new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer, _ lexicon: PeopleLexicon, twoByteLetters: Bool = false) -> Int32 {
        let key = ByteTable.Key(bytes, seed: seed)
        let (id, inserted) = table.insert(key, bytes)
        if inserted {
            let vocab = lexicon.vocabulary.find(key, bytes)
            let shape = vocab >= 0 ? lexicon.shapes[Int(vocab)] : twoByteLetters ? FormShape(simpleTwoByte: bytes) : FormShape(bytes)
            entries.append(Entry(record: FormRecord(vocab: vocab, shape: shape, starts: vocab >= 0 ? lexicon.trieStarts[Int(vocab)] : [])))
        }
        return id
    }

    /// The id of the form of token `index` of `tokens`, adding it when new. (Given the buffer
    /// and an index rather than a token, so that the token's string is only read, and retained,
    /// for a form the cache has not met under the tokenizer's id.)
    @inline(__always)
    mutating func intern(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, _ lexicon: PeopleLexicon) -> Int32 {
        let form = Int(tokens[index].form)
        if form >= 0 {
            let known = byForm[form]
            if known >= 0 { return known }
        }
        let id = intern(tokens[index].normalized, lexicon)
        if form >= 0 { byForm[form] = id }
        return id
    }

    /// Starts bringing into the cache what ``intern(_:_:_:)-(UnsafeBufferPointer<Token>,_,_)``
    /// reads for token `index` of `tokens` — its form's entry, when this cache knows the form
    /// under the tokenizer's id — and the id here of the form of token `index + ahead`, so that
    /// a loop calling this `ahead` tokens before interning finds both near (``CacheLine``).
    /// (Mutating, though it changes nothing: its closures then reach the cache in place, where
    /// a non-mutating method's would copy it, retaining and releasing its arrays, per token.)
    @inline(__always)
    mutating func prefetch(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, ahead: Int) {
        byForm.withUnsafeBufferPointer { byForm in
            guard let ids = byForm.baseAddress else { return }
            if index < tokens.count, case let form = Int(tokens[index].form), form >= 0 {
                let known = Int(ids[form])
                entries.withUnsafeBufferPointer { entries in
                    if known >= 0, known < entries.count, let base = entries.baseAddress { CacheLine.prefetch(base + known) }
                }
            }
            if index + ahead < tokens.count, case let form = Int(tokens[index + ahead].form), form >= 0 {
                CacheLine.prefetch(ids + form)
            }
        }
    }

    /// The id of a string's form, adding it when new.
    @inline(__always)
    mutating func intern(_ string: String, _ lexicon: PeopleLexicon) -> Int32 {
        if let id = string.utf8.withContiguousStorageIfAvailable({ intern(UnsafeRawBufferPointer($0), lexicon) }) {
            return id
        }
        return internCopy(string, lexicon)
    }

    /// ``intern(_:_:)-(String,_)`` for a string without contiguous UTF-8 (kept out of line, so
    /// that the usual case holds no copy of the string).
    @inline(never)
    private mutating func internCopy(_ string: String, _ lexicon: PeopleLexicon) -> Int32 {
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0), lexicon) }
    }

    /// The form as a string.
    func string(_ id: Int32) -> String { table.string(id) }

    // MARK: Arabic analysis

    /// The Arabic-word analysis of form `id` (cache ids): classes of the whole word and of its
    /// stem after proclitics, and its readings. Computed once per cache.
    @inline(__always)
    mutating func arabicForm(_ id: Int32, _ lexicon: PeopleLexicon) -> ArabicForm {
        let cached = entries[Int(id)].record.arabic
        return cached.computed ? cached : computeArabicForm(id, lexicon)
    }

    /// Computes and keeps ``arabicForm(_:_:)``.
    private mutating func computeArabicForm(_ id: Int32, _ lexicon: PeopleLexicon) -> ArabicForm {
        var a = ArabicForm()
        a.computed = true
        let formShape = entries[Int(id)].record.shape
        let v = entries[Int(id)].record.vocab
        a.word = v >= 0 ? lexicon.entries[Int(v)].arabic : []
        a.stem = a.word
        a.stemForm = id
        a.readings = readings(of: id, formShape, lexicon)
        if a.word.isEmpty || a.word == .nationality {
            for n in 0..<2 {
                let stem = n == 0 ? a.readings.0 : a.readings.1
                guard stem >= 0 else { continue }
                let sv = entries[Int(stem)].record.vocab
                if sv >= 0, case let cls = lexicon.entries[Int(sv)].arabic, !cls.isEmpty {
                    a.stem = cls
                    a.prefixLength = n + 1
                    a.stemForm = stem
                    break
                }
            }
        }
        if a.prefixLength == 0, a.word.isEmpty {
            // An unknown word with ال after a clitic (والسنوار، بالمالكي): keep the article reading.
            for n in 0..<2 {
                let stem = n == 0 ? a.readings.0 : a.readings.1
                guard stem >= 0, entries[Int(stem)].record.shape.has(.prefixAl) else { continue }
                a.prefixLength = n + 1
                a.stemForm = stem
                break
            }
        }
        let stemShape = entries[Int(a.stemForm)].record.shape
        a.articleShaped = stemShape.count > 3 && stemShape.first == FormShape.alef && stemShape.second == FormShape.lam
        if stemShape.count >= 5 {
            let last = stemShape.last
            let ya = FormShape.ya
            a.nisbaShaped = last == ya || (last == 0x0647 && stemShape.last2 == ya)
                || (last == 0x0646 && (stemShape.last2 == 0x0648 || stemShape.last2 == ya) && stemShape.last3 == ya)
        }
        // Through a proclitic too: وعلى is "and on", not "and Ali".
        a.maqsuraStopWord = isMaqsuraStop(id, lexicon) || (a.stemForm != id && isMaqsuraStop(a.stemForm, lexicon))
        entries[Int(id)].record.arabic = a
        return a
    }

    /// True when the form is in ``PeopleLexicon/maqsuraStops``.
    private func isMaqsuraStop(_ id: Int32, _ lexicon: PeopleLexicon) -> Bool {
        if lexicon.setsNeedStringCheck || !entries[Int(id)].record.shape.has(.simple) {
            return lexicon.maqsuraStops.contains(string(id))
        }
        let v = entries[Int(id)].record.vocab
        return v >= 0 && lexicon.entries[Int(v)].flags.contains(.maqsuraStop)
    }

    /// The proclitic readings of a normalized Arabic word as stem ids (`-1` when absent),
    /// after one and after two letters: و ف ب ل ك, و/ف + ب/ل/ك, and ل before the article
    /// written لل (للعراق → ل + العراق). Stems keep at least two letters. These are GlossKit's
    /// `ArabicClitics.splits` without the unsplit word.
    private mutating func readings(of id: Int32, _ shape: FormShape, _ lexicon: PeopleLexicon) -> (Int32, Int32) {
        let first = shape.first
        guard shape.count > 2, Self.isConjunction(first) || Self.isPreposition(first) else { return (-1, -1) }
        let lam: UInt32 = 0x0644
        // و ف ب ل ك and the letters checked after them are two UTF-8 bytes each.
        let one = stem(of: id, from: 2, restoreAlef: Self.isPreposition(first) && first == lam && shape.second == lam, lexicon)
        var two: Int32 = -1
        if Self.isConjunction(first), Self.isPreposition(shape.second), shape.count > 3 {
            let thirdIsLam = table.withBytes(id) { $0.count >= 6 && $0[4] == 0xD9 && $0[5] == 0x84 }
            two = stem(of: id, from: 4, restoreAlef: shape.second == lam && thirdIsLam, lexicon)
        }
        return (one, two)
    }

    /// The form of `id`'s bytes from `offset` on, with ا in front when `restoreAlef`.
    private mutating func stem(of id: Int32, from offset: Int, restoreAlef: Bool, _ lexicon: PeopleLexicon) -> Int32 {
        let wordLength = table.length(id)
        let length = wordLength - offset + (restoreAlef ? 2 : 0)
        // The stem of a simple word of two-byte letters is one too: its shape is read off directly.
        let shape = entries[Int(id)].record.shape
        let twoByteLetters = shape.simple && wordLength == 2 * Int(shape.count)
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) { buffer in
            var start = 0
            if restoreAlef {  // ل + ال is written لل: restore the article's alef
                buffer[0] = 0xD8
                buffer[1] = 0xA7
                start = 2
            }
            table.withBytes(id) { word in
                UnsafeMutableRawBufferPointer(rebasing: buffer[start...]).copyMemory(from: UnsafeRawBufferPointer(rebasing: word[offset...]))
            }
            return intern(UnsafeRawBufferPointer(buffer), lexicon, twoByteLetters: twoByteLetters)
        }
    }

    @inline(__always)
    private static func isConjunction(_ v: UInt32) -> Bool { v == 0x0648 || v == 0x0641 }  // و ف
    @inline(__always)
    private static func isPreposition(_ v: UInt32) -> Bool { v == 0x0628 || v == 0x0644 || v == 0x0643 }  // ب ل ك
}

/// A few ``FormCache``s shared by the threads that run one extractor: a document takes one that
/// no other thread holds, or (when all are taken) works with a fresh one of its own. Results
/// never depend on which cache a document gets: a record is a function of the form's bytes.
///
/// A cache is taken with an atomic flag rather than a lock: a thread that finds a cache taken
/// goes on to the next one without a system call (a failed `Mutex` try-lock on Linux makes one).
final class FormCaches: Sendable {
    private final class Slot: @unchecked Sendable {
        // @unchecked: `cache` is read and written only by the thread that set `taken` (an
        // acquiring exchange), until it clears it (a releasing store).
        let taken = Atomic<Bool>(false)
        var cache: FormCache
        init(_ lexicon: PeopleLexicon) { cache = FormCache(lexicon) }
    }

    private let slots: [Slot]
    private let lexicon: PeopleLexicon

    /// `count` caches for `lexicon`'s forms.
    init(count: Int, _ lexicon: PeopleLexicon) {
        self.lexicon = lexicon
        slots = (0..<count).map { _ in Slot(lexicon) }
    }

    /// Runs `body` with a cache that no other thread uses meanwhile, started on a new document.
    func withCache<R: Sendable>(_ body: (inout FormCache) throws -> R) throws -> R {
        for slot in slots where slot.taken.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
            defer { slot.taken.store(false, ordering: .releasing) }
            slot.cache.beginDocument()
            return try body(&slot.cache)
        }
        var fresh = FormCache(lexicon)
        fresh.beginDocument()
        return try body(&fresh)
    }
}
