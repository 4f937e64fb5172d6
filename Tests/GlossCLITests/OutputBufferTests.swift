#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import GlossCLI

/// The JSON-lines writer's primitives: strings escaped sixteen bytes at a time, integers two
/// digits at a time.
@Suite("OutputBuffer")
struct OutputBufferTests {
    /// What `jsonString` must write, one scalar at a time.
    static func reference(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u00" + String(repeating: "0", count: 2 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func escaped(_ s: String) -> String {
        var output = OutputBuffer.collector()
        output.jsonString(s)
        return output.collected
    }

    /// Every special character at every position of strings of 0 to 40 bytes: before, inside
    /// and after whole sixteen-byte blocks, and in the last one to fifteen bytes that are read
    /// as pieces.
    @Test func escapesEverySpecialAtEveryPosition() {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{00}", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "\u{2027}", "—", "ب", "é", "🙂", "A", " "]
        for length in 0...40 {
            #expect(Self.escaped(String(repeating: "x", count: length)) == Self.reference(String(repeating: "x", count: length)))
            for position in 0..<max(length, 1) {
                for special in specials {
                    var s = String(repeating: "x", count: position) + special
                    s += String(repeating: "y", count: max(0, length - position - 1))
                    #expect(Self.escaped(s) == Self.reference(s), "\(length) bytes, \(special.debugDescription) at \(position)")
                }
            }
        }
    }

    @Test func arabicAndMixedText() {
        for s in ["وزير الدفاع قال \"نعم\"\n", "الموصل", "Ali said: \u{2028}ok\t— fine", "12,500 جندي", "\u{7F}\u{80}"] {
            #expect(Self.escaped(s) == Self.reference(s))
        }
    }

    /// A string that ends where readable memory ends: the writer must not read past it (a
    /// whole-word read of its last bytes would fault on the page that follows).
    @Test func neverReadsPastTheEndOfAString() throws {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard let map = mmap(nil, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), map != MAP_FAILED else {
            Issue.record("mmap failed")
            return
        }
        defer { munmap(map, 2 * page) }
        #expect(mprotect(map + page, page, PROT_NONE) == 0)
        for length in 0...40 {
            for special in ["", "\"", "\n"] {
                let text = Array((String(repeating: "z", count: length) + special).utf8)
                let start = map + page - text.count
                text.withUnsafeBytes { start.copyMemory(from: $0.baseAddress!, byteCount: text.count) }
                var output = OutputBuffer.collector()
                output.jsonString(UnsafeRawBufferPointer(start: start, count: text.count))
                #expect(output.collected == Self.reference(String(decoding: text, as: UTF8.self)))
            }
        }
    }

    @Test func integersAsDecimal() {
        var values: [Int64] = [0, 1, -1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 65535, 99_999_999, 100_000_000,
                               Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        // A thousand more, spread over every magnitude: a multiplicative hash of i, shifted right.
        for i: UInt64 in 1...1000 { values.append(Int64(bitPattern: i &* 0x9E37_79B9_7F4A_7C15) >> Int64(i % 63)) }
        for value in values {
            var output = OutputBuffer.collector()
            output.integer(value)
            #expect(output.collected == String(value))
        }
        for value: UInt64 in [UInt64.max, UInt64.max - 1, 1 << 63, 18_446_744_073_709_551_600] {
            var output = OutputBuffer.collector()
            output.integer(value)
            #expect(output.collected == String(value))
        }
    }

    /// Several writes in a row land one after the other (the whole-word stores past a string's
    /// end are overwritten by what follows).
    @Test func writesFollowOneAnother() {
        var output = OutputBuffer.collector()
        output.literal("{\"a\":")
        output.jsonString("abc")
        output.byte(0x2C)
        output.integer(-12345)
        output.jsonString("")
        output.jsonString("0123456789")
        output.literal("}")
        #expect(output.collected == "{\"a\":\"abc\",-12345\"\"\"0123456789\"}")
    }
}
