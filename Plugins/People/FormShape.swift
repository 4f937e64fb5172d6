/// The letters at the edges of one normalized form, from which the prefix/suffix tests the
/// rules ask about are answered; computed once per distinct form of a document.
///
/// The rules were written with `String` tests (`hasPrefix`, `hasSuffix`, `==`, `Set.contains`),
/// which compare by `Character` and canonical equivalence. For a *simple* form (see
/// ``isSimple(_:)``), and for a form of one scalar, every scalar is one `Character` and those
/// tests are exactly tests of the scalars at its edges. Any other form (a Latin name with a
/// combining accent) gets its answers from the `String` API itself when it is read, so every
/// test keeps the meaning it had.
struct FormShape: Sendable {
    /// Number of Unicode scalars.
    var count: Int32 = 0
    /// The first two and last three scalar values (0 where the form is shorter).
    var first: UInt32 = 0
    var second: UInt32 = 0
    var last: UInt32 = 0
    var last2: UInt32 = 0
    var last3: UInt32 = 0
    /// Only scalars for which byte equality is `String` equality (see ``isSimple(_:)``).
    var simple = false
    /// Answers from the `String` API, for a form of several scalars that is not simple.
    private var stringFlags: Flags?

    /// Tests of a form (see ``has(_:)``).
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// The form is simple.
        static let simple = Flags(rawValue: 1 << 0)
        /// `hasPrefix("ال")`
        static let prefixAl = Flags(rawValue: 1 << 1)
        /// `hasPrefix("ك")`
        static let prefixKaf = Flags(rawValue: 1 << 2)
        /// `hasPrefix("ف")`
        static let prefixFa = Flags(rawValue: 1 << 3)
        /// `hasSuffix("ات")`
        static let suffixAt = Flags(rawValue: 1 << 4)
        /// `hasSuffix("ون")`
        static let suffixUn = Flags(rawValue: 1 << 5)
        /// `hasSuffix("ين")`
        static let suffixIn = Flags(rawValue: 1 << 6)
        /// `hasSuffix("ان")`
        static let suffixAn = Flags(rawValue: 1 << 7)
        /// `hasSuffix("ا")`
        static let suffixAlef = Flags(rawValue: 1 << 8)
        /// `hasSuffix("ي")`
        static let suffixYa = Flags(rawValue: 1 << 9)
        /// More than one `Character` (`count > 1`).
        static let multiCharacter = Flags(rawValue: 1 << 10)

        /// The sound-plural endings ات ون ين.
        static let pluralSuffix: Flags = [.suffixAt, .suffixUn, .suffixIn]
    }

    static let alef: UInt32 = 0x0627
    static let lam: UInt32 = 0x0644
    static let ya: UInt32 = 0x064A

    /// The shape of the empty form.
    init() {}

    /// The shape of a form given as UTF-8 bytes.
    init(_ key: UnsafeRawBufferPointer) {
        let n = key.count
        guard n > 0 else { return }
        if Self.isPrintableASCII(key) {
            // Latin words, digits and marks: one byte per scalar, every one simple.
            count = Int32(n)
            simple = true
            first = UInt32(key[0])
            last = UInt32(key[n - 1])
            if n >= 2 { second = UInt32(key[1]); last2 = UInt32(key[n - 2]) }
            if n >= 3 { last3 = UInt32(key[n - 3]) }
            return
        }
        // One pass counts the scalars and checks them; the edges are decoded afterwards.
        var simple: UInt64 = 1
        var scalars: Int32 = 0
        var i = 0
        while i < n {
            let b = key[i]
            if b < 0x80 {
                simple &= (b >= 0x20 && b != 0x7F) ? 1 : 0
                i += 1
            } else if b < 0xE0 {
                simple &= i + 1 < n ? Self.simpleMask(lead: b) >> (key[i + 1] & 0x3F) : 0
                i += 2
            } else {
                simple = 0
                i += b < 0xF0 ? 3 : 4
            }
            scalars += 1
        }
        count = scalars
        self.simple = simple & 1 != 0
        var (v, length) = Self.decode(key, at: 0)
        first = v
        if scalars >= 2 { second = Self.decode(key, at: length).value }
        var end = n
        (v, end) = Self.decode(key, before: end)
        last = v
        if scalars >= 2 { (v, end) = Self.decode(key, before: end); last2 = v }
        if scalars >= 3 { last3 = Self.decode(key, before: end).value }
        if !self.simple && scalars > 1 {
            stringFlags = Self.stringFlags(String(decoding: key, as: UTF8.self))
        }
    }

    /// The tests of a non-empty form answered by the `String` API. `hasPrefix` and `hasSuffix`
    /// compare `Character`s one by one (canonical equivalence) from the start or from the end,
    /// so the first two and the last two `Character`s answer them all, found once instead of
    /// by ten walks over the string.
    private static func stringFlags(_ s: String) -> Flags {
        let alef: Character = "\u{0627}", lam: Character = "\u{0644}", kaf: Character = "\u{0643}"
        let fa: Character = "\u{0641}", ta: Character = "\u{062A}", waw: Character = "\u{0648}"
        let noon: Character = "\u{0646}", ya: Character = "\u{064A}"
        guard let first = s.first, let last = s.last else { return [] }
        let secondIndex = s.index(after: s.startIndex)
        let several = secondIndex < s.endIndex
        let second: Character? = several ? s[secondIndex] : nil
        let beforeLast: Character? = several ? s[s.index(before: s.index(before: s.endIndex))] : nil
        var f: Flags = []
        if first == alef && second == lam { f.insert(.prefixAl) }  // hasPrefix("ال")
        if first == kaf { f.insert(.prefixKaf) }  // hasPrefix("ك")
        if first == fa { f.insert(.prefixFa) }  // hasPrefix("ف")
        if beforeLast == alef && last == ta { f.insert(.suffixAt) }  // hasSuffix("ات")
        if beforeLast == waw && last == noon { f.insert(.suffixUn) }  // hasSuffix("ون")
        if beforeLast == ya && last == noon { f.insert(.suffixIn) }  // hasSuffix("ين")
        if beforeLast == alef && last == noon { f.insert(.suffixAn) }  // hasSuffix("ان")
        if last == alef { f.insert(.suffixAlef) }  // hasSuffix("ا")
        if last == ya { f.insert(.suffixYa) }  // hasSuffix("ي")
        if several { f.insert(.multiCharacter) }  // count > 1
        return f
    }

    /// The shape of a form known to be simple and made of two-byte letters only (the stem of
    /// such a word), read off at fixed offsets.
    init(simpleTwoByte key: UnsafeRawBufferPointer) {
        let n = key.count
        guard n >= 2 else { return }
        count = Int32(n / 2)
        simple = true
        first = Self.decode(key, at: 0).value
        last = Self.decode(key, at: n - 2).value
        if n >= 4 {
            second = Self.decode(key, at: 2).value
            last2 = Self.decode(key, at: n - 4).value
        }
        if n >= 6 { last3 = Self.decode(key, at: n - 6).value }
    }

    /// True when the form passes one of the tests in `flags`.
    @inline(__always)
    func has(_ flags: Flags) -> Bool {
        if flags.contains(.simple), simple { return true }
        if let stringFlags { return !stringFlags.isDisjoint(with: flags) }
        // One scalar is one `Character`; so is every scalar of a simple form.
        if flags.contains(.prefixAl), count >= 2, first == Self.alef, second == Self.lam { return true }
        if flags.contains(.prefixKaf), first == 0x0643 { return true }
        if flags.contains(.prefixFa), first == 0x0641 { return true }
        if flags.contains(.suffixAlef), count >= 1, last == Self.alef { return true }
        if flags.contains(.suffixYa), count >= 1, last == Self.ya { return true }
        if count >= 2 {
            if flags.contains(.suffixAt), last == 0x062A, last2 == Self.alef { return true }
            if flags.contains(.suffixUn), last == 0x0646, last2 == 0x0648 { return true }
            if flags.contains(.suffixIn), last == 0x0646, last2 == Self.ya { return true }
            if flags.contains(.suffixAn), last == 0x0646, last2 == Self.alef { return true }
            if flags.contains(.multiCharacter) { return true }
        }
        return false
    }

    /// True when every byte is printable ASCII (0x20–0x7E).
    @inline(__always)
    private static func isPrintableASCII(_ key: UnsafeRawBufferPointer) -> Bool {
        for byte in key where byte < 0x20 || byte >= 0x7F { return false }
        return true
    }

    /// The scalar starting at byte `i` and its length in bytes.
    @inline(__always)
    static func decode(_ key: UnsafeRawBufferPointer, at i: Int) -> (value: UInt32, length: Int) {
        let n = key.count
        let b0 = UInt32(key[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < n { return ((b0 & 0x1F) << 6 | (UInt32(key[i + 1]) & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < n {
            return ((b0 & 0x0F) << 12 | (UInt32(key[i + 1]) & 0x3F) << 6 | (UInt32(key[i + 2]) & 0x3F), 3)
        }
        if i + 3 < n {
            return ((b0 & 0x07) << 18 | (UInt32(key[i + 1]) & 0x3F) << 12 | (UInt32(key[i + 2]) & 0x3F) << 6
                | (UInt32(key[i + 3]) & 0x3F), 4)
        }
        return (0xFFFD, n - i)
    }

    /// The scalar that ends right before byte `end` and the byte where it starts.
    @inline(__always)
    static func decode(_ key: UnsafeRawBufferPointer, before end: Int) -> (value: UInt32, start: Int) {
        var start = end - 1
        while start > 0, key[start] & 0xC0 == 0x80 { start -= 1 }
        return (decode(key, at: start).value, start)
    }

    /// True for a scalar that has no canonical decomposition, no combining class and a grapheme
    /// break on both sides, so that in a string of such scalars every scalar is a `Character`
    /// and only identical strings are canonically equivalent: printable ASCII, hamza ء, the
    /// Arabic letters ا–غ ف–ي and the extended letters ٲ–ے except ۀ ۂ (أ إ آ ؤ ئ decompose, but
    /// normalisation has folded them away), and ß æ ð ø þ.
    static func isSimple(_ v: UInt32) -> Bool {
        if v < 0x80 { return v >= 0x20 && v < 0x7F }
        guard v < 0x800 else { return false }
        return (simpleMask(lead: UInt8(0xC0 | (v >> 6))) >> (v & 0x3F)) & 1 != 0
    }

    /// Bit `k` is set when the two-byte scalar with lead byte `lead` and low six bits `k` is simple.
    @inline(__always)
    private static func simpleMask(lead: UInt8) -> UInt64 {
        switch lead {
        case 0xC3: return 1 << 0x1F | 1 << 0x26 | 1 << 0x30 | 1 << 0x38 | 1 << 0x3E  // ß æ ð ø þ
        case 0xD8: return 1 << 0x21 | Self.bits(0x27...0x3A)  // ء ا–غ
        case 0xD9: return Self.bits(0x01...0x0A) | Self.bits(0x32...0x3F)  // ف–ي ٲ–ٿ
        case 0xDA: return ~0  // ڀ–ڿ
        case 0xDB: return 1 << 0x01 | Self.bits(0x03...0x12)  // ہ ۃ–ے
        default: return 0
        }
    }

    @inline(__always)
    private static func bits(_ range: ClosedRange<UInt64>) -> UInt64 {
        (~0 >> (63 - range.upperBound)) & (~0 << range.lowerBound)
    }
}
