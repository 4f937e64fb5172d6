import GlossKit

/// The distinct normalized forms of one document — token forms and the stems of their
/// proclitic readings — each with a dense per-document id (in order of first use), its lexicon
/// id, its shape, and (for Arabic words) its lexicon classes and readings. What a form is comes
/// from a ``FormCache`` (computed once per cache, not once per document); this table keeps the
/// document's own ids.
struct DocumentForms {
    /// What is known about each form.
    private var info: [FormInfo] = []
    /// The cache's forms by their bytes (a read-only snapshot once the document's forms are
    /// known, see ``finish(_:)``), for ``string(_:)``.
    private var keys: ByteTable?

    private struct FormInfo {
        /// Lexicon vocabulary id, `-1` when the lexicon does not know the form.
        var vocab: Int32
        var shape: FormShape
        /// The lexicon's tries with a phrase starting with the form.
        var starts: TrieStarts
        /// The form's id in the ``FormCache``.
        var cacheID: Int32
        /// Arabic-word analysis with per-document ids (valid when `computed`).
        var arabic = ArabicForm()
    }

    /// An empty table sized for about `capacity` forms.
    init(capacity: Int) {
        info.reserveCapacity(capacity)
    }

    /// The number of forms.
    var count: Int { info.count }

    /// Lexicon vocabulary id of a form, `-1` when the lexicon does not know it.
    @inline(__always)
    func vocab(_ form: Int32) -> Int32 { info[Int(form)].vocab }

    /// The lexicon's tries with a phrase starting with a form.
    @inline(__always)
    func starts(_ form: Int32) -> TrieStarts { info[Int(form)].starts }

    /// The shape of a form.
    @inline(__always)
    func shape(_ form: Int32) -> FormShape { info[Int(form)].shape }

    /// Stem form ids of the proclitic readings of an Arabic word form (after ``arabicForm(_:_:_:)``).
    @inline(__always)
    func readings(_ form: Int32) -> (Int32, Int32) { info[Int(form)].arabic.readings }

    /// The document id of cache form `id`, adding it when the document has not used it yet.
    @inline(__always)
    private mutating func local(_ id: Int32, _ cache: inout FormCache) -> Int32 {
        let (form, new) = cache.localID(id, next: Int32(info.count))
        if new {
            let record = cache.record(id)
            info.append(FormInfo(vocab: record.vocab, shape: record.shape, starts: record.starts, cacheID: id))
        }
        return form
    }

    /// The id of the form of token `index` of `tokens`, adding it when new.
    @inline(__always)
    mutating func intern(_ tokens: UnsafeBufferPointer<Token>, _ index: Int, _ lexicon: PeopleLexicon, _ cache: inout FormCache) -> Int32 {
        local(cache.intern(tokens, index, lexicon), &cache)
    }

    /// Keeps the cache's byte table for ``string(_:)``: call once the document's forms are all
    /// interned (the cache is not changed while the document is analysed further).
    mutating func finish(_ cache: FormCache) {
        keys = cache.table
    }

    /// The form as a string (after ``finish(_:)``).
    func string(_ form: Int32) -> String { keys?.string(info[Int(form)].cacheID) ?? "" }

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

    /// True when ``arabicForm(_:_:_:)`` has been computed for `form`.
    @inline(__always)
    func hasArabicForm(_ form: Int32) -> Bool { info[Int(form)].arabic.computed }

    /// The Arabic-word analysis of `form` once computed (see ``hasArabicForm(_:)``).
    @inline(__always)
    func knownArabicForm(_ form: Int32) -> ArabicForm { info[Int(form)].arabic }

    /// The Arabic-word analysis of `form`: classes of the whole word and of its stem after
    /// proclitics, and its readings (stems get document ids here, the first reading first).
    @inline(__always)
    mutating func arabicForm(_ form: Int32, _ lexicon: PeopleLexicon, _ cache: inout FormCache) -> ArabicForm {
        let cached = info[Int(form)].arabic
        if cached.computed { return cached }
        var a = cache.arabicForm(info[Int(form)].cacheID, lexicon)
        let one = a.readings.0 >= 0 ? local(a.readings.0, &cache) : -1
        let two = a.readings.1 >= 0 ? local(a.readings.1, &cache) : -1
        a.readings = (one, two)
        a.stemForm = a.prefixLength == 0 ? form : a.prefixLength == 1 ? one : two
        info[Int(form)].arabic = a
        return a
    }

    /// True when the form is in ``PeopleLexicon/clauseWords``.
    func isClauseWord(_ form: Int32, _ lexicon: PeopleLexicon) -> Bool {
        if lexicon.setsNeedStringCheck || !shape(form).has(.simple) {
            return lexicon.clauseWords.contains(string(form))
        }
        let v = vocab(form)
        return v >= 0 && lexicon.entries[Int(v)].flags.contains(.clauseWord)
    }
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
