/// Folds text to the form Gloss matches on: Arabic without diacritics, tatweel or invisible
/// marks, with letter variants unified; Latin script lower-cased.
///
/// Normalisation is for matching only: spans always point at the original text.
///
/// | original | normalized |
/// |---|---|
/// | diacritics U+064B–U+065F, U+0670, tatweel U+0640, ZWNJ/ZWJ/LRM/RLM U+200C–U+200F, ALM U+061C | removed |
/// | أ إ آ ٱ | ا |
/// | ى ی | ي |
/// | ة | ه |
/// | ؤ | و |
/// | ئ | ي |
/// | ک | ك |
/// | A–Z and other upper-case letters | lower case |
public enum TextNormalizer {
    /// The normalized form of one code point: itself, another code point, or `nil` when the
    /// code point is dropped (a diacritic, tatweel or invisible mark).
    @inlinable
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return Unicode.Scalar(UInt8(v + 32)) }
            return scalar
        }
        if v >= 0x0600 && v <= 0x06FF { return foldArabic(scalar) }
        if v >= 0x200C && v <= 0x200F { return nil }
        if scalar.properties.isUppercase, let lower = scalar.properties.lowercaseMapping.unicodeScalars.first,
           scalar.properties.lowercaseMapping.unicodeScalars.count == 1 {
            return lower
        }
        return scalar
    }

    @usableFromInline
    static func foldArabic(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x064B...0x065F, 0x0670, 0x0640, 0x061C, 0x06D6...0x06ED: return nil
        case 0x0622, 0x0623, 0x0625, 0x0671: return "\u{0627}"
        case 0x0649, 0x06CC: return "\u{064A}"
        case 0x0629: return "\u{0647}"
        case 0x0624: return "\u{0648}"
        case 0x0626: return "\u{064A}"
        case 0x06A9: return "\u{0643}"
        default: return scalar
        }
    }

    /// True when the code point disappears in normalisation (diacritics, tatweel, invisible marks).
    @inlinable
    public static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool { fold(scalar) == nil }

    /// The normalized form of a string.
    public static func normalize(_ text: String) -> String {
        normalize(text.unicodeScalars)
    }

    /// The normalized form of a run of code points.
    public static func normalize<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var out = String.UnicodeScalarView()
        for scalar in scalars {
            if let folded = fold(scalar) { out.append(folded) }
        }
        return String(out)
    }
}

/// The Arabic-specific part of normalisation, under the name the Arabic notes use.
public typealias ArabicNormalizer = TextNormalizer
