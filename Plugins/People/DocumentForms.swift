import GlossKit

/// The distinct normalized forms of one document — token forms and the stems of their
/// proclitic readings — each with a dense per-document id, its lexicon id, its shape, and
/// (for Arabic words) its lexicon classes and readings, each computed once per form.
struct DocumentForms {
    private(set) var table: ByteTable
    /// What is known about each form.
    private var info: [FormInfo] = []

    private struct FormInfo {
        /// Lexicon vocabulary id, `-1` when the lexicon does not know the form.
        var vocab: Int32
        var shape: FormShape
        /// Arabic-word analysis (valid when `computed`).
        var arabic = ArabicForm()
    }

    /// An empty table sized for about `capacity` forms, hashing like `lexicon`'s vocabulary.
    init(capacity: Int, _ lexicon: PeopleLexicon) {
        table = ByteTable(capacity: capacity, seed: lexicon.vocabulary.seed)
        info.reserveCapacity(capacity)
    }

    /// Lexicon vocabulary id of a form, `-1` when the lexicon does not know it.
    @inline(__always)
    func vocab(_ form: Int32) -> Int32 { info[Int(form)].vocab }

    /// The shape of a form.
    @inline(__always)
    func shape(_ form: Int32) -> FormShape { info[Int(form)].shape }

    /// Stem form ids of the proclitic readings of an Arabic word form (after ``arabicForm(_:_:)``).
    @inline(__always)
    func readings(_ form: Int32) -> (Int32, Int32) { info[Int(form)].arabic.readings }

    /// The id of a form given as UTF-8 bytes, adding it when new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeRawBufferPointer, _ lexicon: PeopleLexicon, twoByteLetters: Bool = false) -> Int32 {
        let key = ByteTable.Key(bytes, seed: table.seed)
        let (id, inserted) = table.insert(key, bytes)
        if inserted {
            let vocab = lexicon.vocabulary.find(key, bytes)
            let shape = vocab >= 0 ? lexicon.shapes[Int(vocab)] : twoByteLetters ? FormShape(simpleTwoByte: bytes) : FormShape(bytes)
            info.append(FormInfo(vocab: vocab, shape: shape))
        }
        return id
    }

    /// The id of a string's form, adding it when new.
    @inline(__always)
    mutating func intern(_ string: String, _ lexicon: PeopleLexicon) -> Int32 {
        if let id = string.utf8.withContiguousStorageIfAvailable({ intern(UnsafeRawBufferPointer($0), lexicon) }) {
            return id
        }
        var copy = string
        return copy.withUTF8 { intern(UnsafeRawBufferPointer($0), lexicon) }
    }

    /// The form as a string.
    func string(_ form: Int32) -> String { table.string(form) }

    /// True when the forms are equal as `String`s (canonical equivalence), which for simple
    /// forms is id equality.
    func sameText(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return true }
        if a < 0 || b < 0 { return false }
        if shape(a).has(.simple) && shape(b).has(.simple) { return false }
        return string(a) == string(b)
    }

    /// True when `form` equals the vocabulary word `id` as a `String` (canonical equivalence).
    @inline(__always)
    func sameText(_ form: Int32, vocabulary id: Int32, _ lexicon: PeopleLexicon) -> Bool {
        if form < 0 { return false }
        if vocab(form) == id { return true }
        if shape(form).has(.simple) && lexicon.entries[Int(id)].flags.contains(.simple) { return false }
        return string(form) == lexicon.vocabulary.string(id)
    }

    /// The Arabic-word analysis of `form`: classes of the whole word and of its stem after
    /// proclitics, and its readings.
    mutating func arabicForm(_ form: Int32, _ lexicon: PeopleLexicon) -> ArabicForm {
        let cached = info[Int(form)].arabic
        if cached.computed { return cached }
        var a = ArabicForm()
        a.computed = true
        let formShape = shape(form)
        let v = vocab(form)
        a.word = v >= 0 ? lexicon.entries[Int(v)].arabic : []
        a.stem = a.word
        a.stemForm = form
        a.readings = readings(of: form, formShape, lexicon)
        if a.word.isEmpty || a.word == .nationality {
            for n in 0..<2 {
                let stem = n == 0 ? a.readings.0 : a.readings.1
                guard stem >= 0 else { continue }
                let sv = vocab(stem)
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
                guard stem >= 0, shape(stem).has(.prefixAl) else { continue }
                a.prefixLength = n + 1
                a.stemForm = stem
                break
            }
        }
        let stemShape = shape(a.stemForm)
        a.articleShaped = stemShape.count > 3 && stemShape.first == FormShape.alef && stemShape.second == FormShape.lam
        if stemShape.count >= 5 {
            let last = stemShape.last
            let ya = FormShape.ya
            a.nisbaShaped = last == ya || (last == 0x0647 && stemShape.last2 == ya)
                || (last == 0x0646 && (stemShape.last2 == 0x0648 || stemShape.last2 == ya) && stemShape.last3 == ya)
        }
        a.maqsuraStopWord = isMaqsuraStop(form, lexicon)
        info[Int(form)].arabic = a
        return a
    }

    /// True when the form is in ``PeopleLexicon/maqsuraStops``.
    func isMaqsuraStop(_ form: Int32, _ lexicon: PeopleLexicon) -> Bool {
        if lexicon.setsNeedStringCheck || !shape(form).has(.simple) {
            return lexicon.maqsuraStops.contains(string(form))
        }
        let v = vocab(form)
        return v >= 0 && lexicon.entries[Int(v)].flags.contains(.maqsuraStop)
    }

    /// True when the form is in ``PeopleLexicon/clauseWords``.
    func isClauseWord(_ form: Int32, _ lexicon: PeopleLexicon) -> Bool {
        if lexicon.setsNeedStringCheck || !shape(form).has(.simple) {
            return lexicon.clauseWords.contains(string(form))
        }
        let v = vocab(form)
        return v >= 0 && lexicon.entries[Int(v)].flags.contains(.clauseWord)
    }

    /// The proclitic readings of a normalized Arabic word as stem form ids (`-1` when absent),
    /// after one and after two letters: و ف ب ل ك, و/ف + ب/ل/ك, and ل before the article
    /// written لل (للعراق → ل + العراق). Stems keep at least two letters. These are GlossKit's
    /// `ArabicClitics.splits` without the unsplit word.
    private mutating func readings(of form: Int32, _ shape: FormShape, _ lexicon: PeopleLexicon) -> (Int32, Int32) {
        let first = shape.first
        guard shape.count > 2, Self.isConjunction(first) || Self.isPreposition(first) else { return (-1, -1) }
        let lam: UInt32 = 0x0644
        // و ف ب ل ك and the letters checked after them are two UTF-8 bytes each.
        let one = stem(of: form, from: 2, restoreAlef: Self.isPreposition(first) && first == lam && shape.second == lam, lexicon)
        var two: Int32 = -1
        if Self.isConjunction(first), Self.isPreposition(shape.second), shape.count > 3 {
            let thirdIsLam = table.withBytes(form) { $0.count >= 6 && $0[4] == 0xD9 && $0[5] == 0x84 }
            two = stem(of: form, from: 4, restoreAlef: shape.second == lam && thirdIsLam, lexicon)
        }
        return (one, two)
    }

    /// The form of `form`'s bytes from `offset` on, with ا in front when `restoreAlef`.
    private mutating func stem(of form: Int32, from offset: Int, restoreAlef: Bool, _ lexicon: PeopleLexicon) -> Int32 {
        let wordLength = table.length(form)
        let length = wordLength - offset + (restoreAlef ? 2 : 0)
        // The stem of a simple word of two-byte letters is one too: its shape is read off directly.
        let twoByteLetters = shape(form).simple && wordLength == 2 * Int(shape(form).count)
        return withUnsafeTemporaryAllocation(byteCount: length, alignment: 8) { buffer in
            var start = 0
            if restoreAlef {  // ل + ال is written لل: restore the article's alef
                buffer[0] = 0xD8
                buffer[1] = 0xA7
                start = 2
            }
            table.withBytes(form) { word in
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

/// What the lexicon says about one Arabic word form, computed once per document.
struct ArabicForm: Sendable {
    var computed = false
    /// Classes of the whole word.
    var word: WordClass = []
    /// Classes after proclitics when the whole word is unknown (else ``word``).
    var stem: WordClass = []
    /// Normalized letters cut off by the chosen proclitic reading (0 for the whole word).
    var prefixLength = 0
    /// The chosen stem's form id (the word's own when ``prefixLength`` is 0).
    var stemForm: Int32 = -1
    /// Stem form ids of the readings after one and after two letters (`-1` when absent).
    var readings: (Int32, Int32) = (-1, -1)
    /// The stem starts with ا ل and has more than three letters.
    var articleShaped = false
    /// The stem (five letters or more) ends like a nisba: ي، يه، يون، يين.
    var nisbaShaped = false
    /// The form is a stop word that is also a name when written with ي (على / علي).
    var maqsuraStopWord = false
}
