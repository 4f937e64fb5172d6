/// What the tokenizer needs to know about one code point, packed in one 64-bit word so that
/// the inner loop looks it up once per code point: its ``CharacterClass`` and the UTF-8 bytes
/// it adds to the `normalized` form of the token it belongs to.
///
/// Those bytes are, by class:
/// - letters, marks and joiners: ``TextNormalizer/fold(_:)`` of the code point (none when it
///   is dropped: diacritics, tatweel, invisible marks);
/// - digits: the ASCII digit of its value (`٣` adds `3`);
/// - punctuation and symbols: the code point itself (apostrophes inside a Latin word add
///   themselves too, which is also their fold).
///
/// Layout: bits 0–31 the UTF-8 bytes, first byte lowest; bits 32–39 their count (0–4);
/// bits 40–47 the class code (``CharacterClass/code``).
struct ScalarInfo: Equatable {
    let bits: UInt64

    /// The class code, one of the `CharacterClass.Code` constants.
    @inline(__always)
    var classCode: UInt8 { UInt8(truncatingIfNeeded: bits >> 40) }

    /// The UTF-8 bytes this code point adds to its token's normalized form, first byte lowest.
    @inline(__always)
    var utf8: UInt64 { bits & 0xFFFF_FFFF }

    /// How many bytes ``utf8`` holds (0 when the code point is dropped in normalisation).
    @inline(__always)
    var utf8Count: Int { Int(truncatingIfNeeded: (bits >> 32) & 0xFF) }

    /// Computes the information from the Unicode properties (the slow path, and how the
    /// table is built).
    init(computing scalar: Unicode.Scalar) {
        let cls = CharacterClass(scalar)
        let contribution: Unicode.Scalar?
        switch cls {
        case .digit: contribution = Unicode.Scalar(UInt8(48 + Tokenizer.digitValue(scalar)))
        case .punctuation, .symbol: contribution = scalar
        case .space, .joiner, .mark, .letter: contribution = TextNormalizer.fold(scalar)
        }
        var utf8: UInt64 = 0
        var count: UInt64 = 0
        if let contribution, let encoded = UTF8.encode(contribution) {
            for byte in encoded {
                utf8 |= UInt64(byte) << (8 * count)
                count += 1
            }
        }
        bits = UInt64(cls.code) << 40 | count << 32 | utf8
    }

    /// The information for every code point below ``tableLimit`` (ASCII, Latin-1, Latin
    /// Extended, Arabic: nearly every code point of the texts Gloss reads).
    static let table: [ScalarInfo] = (0..<tableLimit).map { v in
        // Every value below 0x700 is a valid code point (the surrogates start at 0xD800).
        ScalarInfo(computing: Unicode.Scalar(v) ?? " ")
    }

    /// Code points below this have their information in ``table``; the others are computed.
    static let tableLimit: UInt32 = 0x0700
}

/// Looks up ``ScalarInfo`` through a table fetched once, so that the inner loop does not pay
/// for the lazy initialisation check of a static property on every code point.
struct ScalarClassifier {
    /// ``ScalarInfo/table``.
    let table: UnsafeBufferPointer<ScalarInfo>

    @inline(__always)
    func info(_ scalar: Unicode.Scalar) -> ScalarInfo {
        let v = scalar.value
        // `table.count` is `ScalarInfo.tableLimit`, so the index is in bounds.
        return v < ScalarInfo.tableLimit ? table[Int(v)] : ScalarInfo(computing: scalar)
    }

    /// Runs `body` with a classifier over ``ScalarInfo/table``.
    static func with<R>(_ body: (ScalarClassifier) -> R) -> R {
        ScalarInfo.table.withUnsafeBufferPointer { body(ScalarClassifier(table: $0)) }
    }
}
