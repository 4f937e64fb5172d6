import GlossCLI
import Testing

/// `UTF8Check.firstInvalidByte` against the standard library's UTF-8 decoder, on byte strings
/// that mix valid sequences of every length with the ways UTF-8 goes wrong, placed at every
/// position of the eight-byte fast paths.
struct UTF8CheckTests {
    /// Valid sequences: ASCII, Arabic and accented Latin (two bytes), the euro sign (three),
    /// an emoji (four).
    static let valid: [[UInt8]] = [[0x20], [0x41], Array("ق".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8)]
    /// Invalid ones: a lone continuation byte, a lead byte with nothing after it, overlong
    /// forms (C0 / C1, E0 80), a surrogate, a code point past U+10FFFF, a byte never used.
    static let invalid: [[UInt8]] = [[0x80], [0xD8], [0xC1, 0x81], [0xC0, 0x80], [0xE0, 0x80, 0x80],
                                     [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF]]

    /// The byte offset where the standard library's decoder first fails, or nil.
    static func reference(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    static func check(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { UTF8Check.firstInvalidByte($0) }
    }

    @Test func agreesWithTheStandardLibraryOnMixedText() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // SplitMix64: the same strings on every run.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        var invalidSeen = 0
        for _ in 0 ..< 20_000 {
            var bytes: [UInt8] = []
            for _ in 0 ..< next(40) {
                // Mostly Arabic letters, as in the documents this check reads first.
                let piece = next(10)
                bytes += piece < 6 ? Self.valid[2] : piece < 8 ? Self.valid[next(Self.valid.count)] : Self.valid[0]
            }
            if next(3) > 0 { bytes.insert(contentsOf: Self.invalid[next(Self.invalid.count)], at: next(bytes.count + 1)) }
            let expected = Self.reference(bytes)
            if expected != nil { invalidSeen += 1 }
            #expect(Self.check(bytes) == expected, "\(bytes.map { String($0, radix: 16) })")
        }
        #expect(invalidSeen > 10_000)
    }

    /// A bad byte at each offset of a run of Arabic letters (four two-byte sequences per eight
    /// bytes) is reported where it is, with and without an ASCII byte shifting the lanes.
    @Test func reportsABadByteAtEveryPositionOfARunOfArabic() {
        let letters = Array("قال الوزير".utf8.filter { $0 != 0x20 })
        for shift in [[], [UInt8(0x41)]] {
            for bad in Self.invalid {
                for position in stride(from: 0, through: letters.count, by: 2) {
                    var bytes = shift + letters + letters
                    bytes.insert(contentsOf: bad, at: shift.count + position)
                    #expect(Self.check(bytes) == shift.count + position)
                    #expect(Self.reference(bytes) == shift.count + position)
                }
            }
            #expect(Self.check(shift + letters + letters) == nil)
        }
    }
}
