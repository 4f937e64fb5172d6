import GlossKit

/// One reading of a token that the word index knows: the whole word, or proclitics + a stem.
struct Reading: Sendable {
    /// The word record of the stem (``Gazetteer/words``).
    let record: Int32
    /// The proclitics (``Clitics``), 0 for the whole word.
    let prefix: UInt8
    /// What the stem has before the rest of the token: 0 nothing, 1 ا, 2 ال (the article of
    /// ل + ال, written لل, restored).
    let restored: UInt8
    /// Byte offset in the token's normalised form where the rest of the stem starts.
    let restOffset: Int32
    /// ``FastKey`` hash of the stem.
    let hash: UInt64
}

/// What the index says about one token: the hash of its form, its known readings and their flags.
struct TokenInfo: Sendable {
    /// ``FastKey`` hash of the normalised form.
    var hash: UInt64 = 0
    /// The token's readings are `readings[firstReading..<firstReading + readingCount]`.
    var firstReading: Int32 = 0
    var readingCount: Int32 = 0
    /// The flags of the whole form. (No flag is spelled `WordFlags(rawValue: 0)`: the `[]`
    /// literal of an option set built and freed an array per token here.)
    var whole = WordFlags(rawValue: 0)
    /// The flags of all readings together.
    var any = WordFlags(rawValue: 0)
}

/// The Arabic proclitics: conjunctions و ف, prepositions ب ل ك, and conjunction + preposition,
/// by code: 1 و, 2 ف, 3 ب, 4 ل, 5 ك, 6 وب, 7 ول, 8 وك, 9 فب, 10 فل, 11 فك; 0 is no proclitic.
/// Readings with shorter prefixes come first (codes in increasing order).
enum Clitics {
    /// The number of letters of prefix `code`.
    @inline(__always)
    static func length(_ code: UInt8) -> Int {
        code == 0 ? 0 : code <= 5 ? 1 : 2
    }

    /// The code of the conjunction و alone.
    static let wa: UInt8 = 1

    /// True when prefix `code` contains the preposition ب or ل (ب ل وب ول فب فل).
    @inline(__always)
    static func hasPreposition(_ code: UInt8) -> Bool {
        switch code {
        case 3, 4, 6, 7, 9, 10: true
        default: false
        }
    }

    /// True when prefix `code` ends in ل (ل ول فل).
    @inline(__always)
    static func endsInLam(_ code: UInt8) -> Bool {
        code == 4 || code == 7 || code == 10
    }

    /// The code of the one-letter prefix written with UTF-8 bytes `b0 b1` (و ف ب ل ك are
    /// D9 88, D9 81, D8 A8, D9 84, D9 83), or 0.
    @inline(__always)
    static func letter(_ b0: UInt8, _ b1: UInt8) -> UInt8 {
        switch (b0, b1) {
        case (0xD9, 0x88): 1
        case (0xD9, 0x81): 2
        case (0xD8, 0xA8): 3
        case (0xD9, 0x84): 4
        case (0xD9, 0x83): 5
        default: 0
        }
    }

    /// The code of conjunction `conjunction` (1 or 2) + preposition `preposition` (3…5).
    @inline(__always)
    static func pair(_ conjunction: UInt8, _ preposition: UInt8) -> UInt8 {
        6 + (conjunction - 1) * 3 + (preposition - 3)
    }
}

/// Where a token's readings are written while it is read: the next free place of the
/// document's reading buffer, which has room for at least ``TokenLookups/maxReadings`` more.
struct ReadingWriter {
    let base: UnsafeMutablePointer<Reading>
    var count = 0

    @inline(__always)
    mutating func append(_ reading: Reading) {
        (base + count).initialize(to: reading)
        count += 1
    }
}

/// The readings of every token of a document, found in the word index in one pass.
struct TokenLookups {
    let info: [TokenInfo]
    let readings: [Reading]

    /// The most readings of one token: the whole word, and for each of two prefixes the stem
    /// with ا or ال restored and the rest itself.
    static let maxReadings = 7

    /// Reads every token.
    ///
    /// The readings of a token are the whole word, then (Arabic words starting with a clitic
    /// letter) proclitics + stem, shorter prefixes first, stems of at least 3 letters (a
    /// two-letter rest only with the article restored: للد → ل + اللد); of these, only the ones
    /// the word index knows are kept, in that order.
    ///
    /// These are the readings of GlossKit's `ArabicClitics.splits` (ل + ال written لل gives the
    /// stem with the article restored: للعراق → ل + العراق), plus the reading GlossKit does not
    /// give for ل + a name that itself starts with ل (للبنان → ل + لبنان) and for ل + a name
    /// whose article is followed by ل (للاذقية → ل + اللاذقية).
    ///
    /// A form with a form id is read once per process and remembered in `known`; forms without
    /// an id are read each time.
    init(tokens: [Token], words: WordIndex, known: FormReadings) {
        // The readings go to a plain buffer with room for a whole token's readings before each
        // token is read (no array append, with its uniqueness and capacity checks, per reading),
        // grown by doubling, and are copied into the array once at the end. One probe for the
        // whole document, and each form's bytes read in place (no copy of the token or of its
        // string).
        var capacity = tokens.count / 2 + 2 * Self.maxReadings
        var buffer = UnsafeMutablePointer<Reading>.allocate(capacity: capacity)
        var count = 0
        defer { buffer.deallocate() }
        info = words.withProbe { probe in
            tokens.withUnsafeBufferPointer { tokens in
                [TokenInfo](unsafeUninitializedCapacity: tokens.count) { info, initialized in
                    for i in tokens.indices {
                        if count + Self.maxReadings > capacity {
                            let larger = UnsafeMutablePointer<Reading>.allocate(capacity: 2 * capacity)
                            larger.moveInitialize(from: buffer, count: count)
                            buffer.deallocate()
                            buffer = larger
                            capacity *= 2
                        }
                        // The entry of the token eight places on, for when the loop gets there.
                        if i + 8 < tokens.count { known.prefetch(tokens[i + 8].form) }
                        let form = tokens[i].form
                        if form >= 0, let (stored, storedReadings) = known.lookup(form) {
                            var entry = stored
                            entry.firstReading = Int32(truncatingIfNeeded: count)
                            entry.readingCount = Int32(truncatingIfNeeded: storedReadings.count)
                            if let base = storedReadings.baseAddress { (buffer + count).initialize(from: base, count: storedReadings.count) }
                            count += storedReadings.count
                            info.initializeElement(at: i, to: entry)
                            initialized = i + 1
                            continue
                        }
                        let isArabicWord = tokens[i].kind == .word && tokens[i].script == .arabic
                        var found = ReadingWriter(base: buffer + count)
                        var entry = tokens[i].normalized.utf8.withContiguousStorageIfAvailable { bytes in
                            Self.read(bytes, isArabicWord: isArabicWord, probe: probe, into: &found)
                        } ?? Self.read(String(tokens[i].normalized), isArabicWord: isArabicWord, probe: probe, into: &found)
                        entry.firstReading = Int32(truncatingIfNeeded: count)
                        entry.readingCount = Int32(truncatingIfNeeded: found.count)
                        if form >= 0 { known.remember(form, info: entry, readings: UnsafeBufferPointer(start: buffer + count, count: found.count)) }
                        count += found.count
                        info.initializeElement(at: i, to: entry)
                        initialized = i + 1
                    }
                }
            }
        }
        readings = Array(UnsafeBufferPointer(start: buffer, count: count))
    }

    /// As ``read(_:isArabicWord:probe:into:)`` for a form whose bytes are not contiguous (a
    /// bridged string; never the case for GlossKit's tokens).
    @inline(never)
    private static func read(_ form: String, isArabicWord: Bool, probe: WordIndex.Probe,
                             into readings: inout ReadingWriter) -> TokenInfo {
        var form = form
        return form.withUTF8 { read($0, isArabicWord: isArabicWord, probe: probe, into: &readings) }
    }

    @inline(__always)
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, isArabicWord: Bool, probe: WordIndex.Probe,
                             into readings: inout ReadingWriter) -> TokenInfo {
        var result = TokenInfo()
        result.hash = FastKey.hash(bytes: bytes)
        let whole = probe.find(hash: result.hash, bytes: bytes)
        if whole >= 0 {
            readings.append(Reading(record: whole, prefix: 0, restored: 0, restOffset: 0, hash: result.hash))
            result.whole = probe.flags[Int(whole)]
            result.any = result.whole
        }
        // Proclitics, in the order of their codes: the first letter alone, then a
        // conjunction with the preposition after it (the only two prefixes a word can start with).
        if isArabicWord, bytes.count >= 4 {
            let first = Clitics.letter(bytes[0], bytes[1])
            if first != 0 {
                let letters = Self.letterCount(bytes)
                if letters >= 3 {
                    addReadings(bytes, prefix: first, letters: letters, probe: probe, into: &readings, any: &result.any)
                }
                if first <= 2, letters >= 4 {
                    let second = Clitics.letter(bytes[2], bytes[3])
                    if second >= 3 {
                        addReadings(bytes, prefix: Clitics.pair(first, second), letters: letters, probe: probe,
                                    into: &readings, any: &result.any)
                    }
                }
            }
        }
        return result
    }

    /// The number of code points of a form: its bytes that are not UTF-8 continuation bytes,
    /// counted eight (or four) at a time, the last ones as an overlapping word whose bytes
    /// already counted are shifted out. (The scan asks only about forms of four bytes or more.)
    @inline(__always)
    static func letterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        var continuations = 0
        if n >= 8 {
            var i = 0
            while i + 8 <= n {
                continuations += UTF8Text.continuationBytes(in: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
            if i < n {
                let last = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
                continuations += UTF8Text.continuationBytes(in: last >> UInt64(8 * (8 - (n - i))))
            }
        } else if n >= 4 {
            // Four to seven bytes: the first four, and the last n - 4 of the last four.
            let first = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self)))
            let last = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            continuations = UTF8Text.continuationBytes(in: first | (last >> UInt64(8 * (8 - n))) << 32)
        } else {
            for byte in bytes where byte & 0xC0 == 0x80 { continuations += 1 }
        }
        return n - continuations
    }

    /// The known readings of a word that starts with prefix `code` (at least two letters
    /// remain): the stem with the article restored (ل + ال written لل), then the rest itself
    /// when it has three letters or more, or two that start a longer name.
    @inline(__always)
    private static func addReadings(_ bytes: UnsafeBufferPointer<UInt8>, prefix code: UInt8, letters: Int,
                                    probe: WordIndex.Probe, into readings: inout ReadingWriter, any: inout WordFlags) {
        let prefixLetters = Clitics.length(code)
        let restOffset = 2 * prefixLetters
        let rest = UnsafeBufferPointer(rebasing: bytes[restOffset...])
        if Clitics.endsInLam(code), rest[0] == 0xD9, rest[1] == 0x84 {
            // The stem with the article restored, ال + the rest: its last len - 2 bytes are
            // ا + the rest (ل + العراق is written للعراق), all of them ال + the rest (ل +
            // اللاذقية is written للاذقية: the article's ل merged with the name's).
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: rest.count + 4) { stem in
                for (k, byte) in rest.enumerated() { stem[k + 4] = byte }
                // ل + العراق is written للعراق: restore the article's alef (D8 A7).
                stem[2] = 0xD8
                stem[3] = 0xA7
                let withAlef = UnsafeBufferPointer(rebasing: stem[2..<(rest.count + 4)])
                let hash = FastKey.hash(bytes: withAlef)
                let record = probe.find(hash: hash, bytes: withAlef)
                if record >= 0 {
                    readings.append(Reading(record: record, prefix: code, restored: 1, restOffset: Int32(restOffset), hash: hash))
                    any.formUnion(probe.flags[Int(record)])
                }
                // ل + اللاذقية is written للاذقية: the article's ل merged with the name's (ال is D8 A7 D9 84).
                stem[0] = 0xD8
                stem[1] = 0xA7
                stem[2] = 0xD9
                stem[3] = 0x84
                let withArticle = UnsafeBufferPointer(rebasing: stem[0..<(rest.count + 4)])
                let articleHash = FastKey.hash(bytes: withArticle)
                let article = probe.find(hash: articleHash, bytes: withArticle)
                if article >= 0 {
                    readings.append(Reading(record: article, prefix: code, restored: 2, restOffset: Int32(restOffset),
                                            hash: articleHash))
                    any.formUnion(probe.flags[Int(article)])
                }
            }
        }
        // The rest itself: three letters or more, or two that only start a longer name (و + ذي
        // قار, و + أم قصر), never a name of two letters alone (ولي is no و + لي).
        if letters - prefixLetters >= 2 {
            let hash = FastKey.hash(bytes: rest)
            let record = probe.find(hash: hash, bytes: rest)
            if record >= 0, letters - prefixLetters >= 3
                || (probe.flags[Int(record)].contains(.phrasePrefix) && !probe.flags[Int(record)].contains(.phraseKey)) {
                let flags = letters - prefixLetters >= 3 ? probe.flags[Int(record)] : .phrasePrefix
                readings.append(Reading(record: record, prefix: code, restored: 0, restOffset: Int32(restOffset), hash: hash))
                any.formUnion(flags)
            }
        }
    }
}
