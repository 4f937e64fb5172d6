import Foundation
import GlossKit
@testable import GlossPeople
import Testing

/// The byte-keyed tables and per-form answers behind the People extractor's speed: they must
/// give exactly what the `String` code they replace gave.
@Suite("People form tables")
struct FormTableTests {
    /// Keys of every length around the inline limit (16 bytes), Arabic and ASCII, keys that
    /// share a long prefix, and keys that differ only by trailing zero bytes.
    static let keys: [String] = {
        var keys = ["", "a", "a\u{0}", "a\u{0}\u{0}", "ab", "ba", "-", "،", "\u{037E}", ";"]
        let arabic = "محمدعبدالرحمنالسوداني"  // 21 letters, 42 bytes
        for n in 1...arabic.unicodeScalars.count {
            keys.append(String(String.UnicodeScalarView(arabic.unicodeScalars.prefix(n))))
        }
        let latin = "abcdefghijklmnopqrstuvwxyz0123456789"
        for n in 1...latin.count { keys.append(String(latin.prefix(n))) }
        keys.append("abcdefghijklmnopqrstuvwxyz012345678X")  // same first 35 bytes as the longest
        keys.append("Xbcdefghijklmnopqrstuvwxyz0123456789")  // same tail, other head
        var seen: Set<[UInt8]> = []
        return keys.filter { seen.insert(Array($0.utf8)).inserted }
    }()

    @Test("every key gets its own id, is found again and gives its bytes back", arguments: [UInt64(0), 0x1234_5678_9ABC_DEF0, .max])
    func byteTableRoundTrip(seed: UInt64) {
        var table = ByteTable(capacity: 4, seed: seed)  // small, so that it grows
        for (n, key) in Self.keys.enumerated() {
            #expect(table.insert(key) == Int32(n), "\(key.debugDescription)")
        }
        #expect(table.count == Self.keys.count)
        for (n, key) in Self.keys.enumerated() {
            #expect(table.insert(key) == Int32(n), "\(key.debugDescription) again")
            #expect(table.find(key) == Int32(n), "\(key.debugDescription)")
            #expect(table.string(Int32(n)) == key)
            #expect(table.length(Int32(n)) == key.utf8.count)
        }
        for missing in ["abcdefghijklmnopqrstuvwxyz0123456788", "محمدعبدالرحمنالسودانى", "a\u{0}\u{0}\u{0}", "c"] {
            #expect(table.find(missing) == -1, "\(missing.debugDescription)")
        }
    }

    /// Normalized forms, simple and not: the shape must answer each test as `String` does.
    static let forms: [String] = [
        "", "ا", "ال", "الرئيس", "السوداني", "المالكي", "كاليدو", "فلسطين", "مسؤولين", "المساعدات",
        "الطرفين", "الجيشان", "مقالا", "علي", "ك", "ف", "،", "-", "joe", "é", "jose\u{301}", "gérard",
        "ال\u{08F0}سوداني", "ا\u{0653}ل", "گل", "پارسی", "ڤلاديمير",
        // Marks and joiners that glue onto a letter, at either end, and canonical equivalents.
        "ا\u{0653}", "\u{0622}ل", "ال\u{200D}سوداني", "كتاب\u{0651}", "المسؤولين\u{0650}", "بان\u{064B}",
        "\u{0301}ال", "ف\u{0654}", "يا\u{0654}", "\u{0654}ي", "نون\u{200C}", "و\u{0654}ن", "ا\u{0654}ت", "الي\u{0654}",
    ]

    @Test("prefix and suffix tests answer as String's hasPrefix and hasSuffix", arguments: forms)
    func shapeAnswersLikeString(form: String) {
        var copy = form
        let shape = copy.withUTF8 { FormShape(UnsafeRawBufferPointer($0)) }
        let scalars = Array(form.unicodeScalars)
        #expect(Int(shape.count) == scalars.count)
        #expect(shape.first == (scalars.first?.value ?? 0))
        #expect(shape.second == (scalars.count > 1 ? scalars[1].value : 0))
        #expect(shape.last == (scalars.last?.value ?? 0))
        #expect(shape.last2 == (scalars.count > 1 ? scalars[scalars.count - 2].value : 0))
        #expect(shape.last3 == (scalars.count > 2 ? scalars[scalars.count - 3].value : 0))
        let tests: [(FormShape.Flags, Bool)] = [
            (.prefixAl, form.hasPrefix("ال")), (.prefixKaf, form.hasPrefix("ك")), (.prefixFa, form.hasPrefix("ف")),
            (.suffixAt, form.hasSuffix("ات")), (.suffixUn, form.hasSuffix("ون")), (.suffixIn, form.hasSuffix("ين")),
            (.suffixAn, form.hasSuffix("ان")), (.suffixAlef, form.hasSuffix("ا")), (.suffixYa, form.hasSuffix("ي")),
            (.multiCharacter, form.count > 1),
        ]
        for (flag, expected) in tests {
            #expect(shape.has(flag) == expected, "\(form) \(flag.rawValue)")
        }
    }

    // ئ in الرئيس decomposes (ي + hamza above); normalisation folds it to ي before any lookup.
    @Test("simple forms are exactly those of printable ASCII and plain Arabic letters", arguments: [
        ("المالكي", true), ("الرئيس", false), ("joe", true), ("گل", true), ("gérard", false), ("jose\u{301}", false), ("،", false),
        ("ال\u{08F0}سوداني", false), ("a\u{0}", false), ("ß", true),
    ])
    func simpleForms(form: String, simple: Bool) {
        var copy = form
        #expect(copy.withUTF8 { FormShape(UnsafeRawBufferPointer($0)).simple } == simple)
    }

    /// Why byte equality of simple forms is `String` equality: a simple scalar has no canonical
    /// decomposition and no combining class (so a simple string is its own canonical form), and
    /// it is a `Character` of its own next to any other simple scalar.
    @Test("simple scalars do not decompose, do not combine and stand alone", arguments: [0x00, 0x80, 0x600, 0x680, 0x700, 0x780])
    func simpleScalars(block: Int) throws {
        var simple = 0
        for v in block..<(block + 0x80) {
            let scalar = try #require(Unicode.Scalar(UInt32(v)))
            guard FormShape.isSimple(scalar.value) else { continue }
            simple += 1
            let alone = String(scalar)
            #expect(alone.decomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(alone.unicodeScalars), "U+\(String(v, radix: 16))")
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(v, radix: 16))")
            for neighbour in ["a", "ا", "ڤ", "ß"] {
                #expect((alone + neighbour).count == 2 && (neighbour + alone).count == 2, "U+\(String(v, radix: 16)) \(neighbour)")
            }
        }
        #expect(simple == [0x00: 95, 0x80: 5, 0x600: 45, 0x680: 81, 0x700: 0, 0x780: 0][block])
    }

    /// The proclitic readings of the first version (String code), kept here as the reference.
    static func referenceReadings(of word: String) -> [(stem: String, prefixLength: Int)] {
        let conjunctions: [Unicode.Scalar] = ["\u{0648}", "\u{0641}"]
        let prepositions: [Unicode.Scalar] = ["\u{0628}", "\u{0644}", "\u{0643}"]
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, scalars.count > 2, conjunctions.contains(first) || prepositions.contains(first) else { return [] }
        func stem(after length: Int) -> (String, Int) {
            var view = String.UnicodeScalarView()
            if prepositions.contains(first) || length == 2, scalars[length - 1] == "\u{0644}", scalars[length] == "\u{0644}" {
                view.append("\u{0627}")
            }
            view.append(contentsOf: scalars[length...])
            return (String(view), length)
        }
        var result = [stem(after: 1)]
        if conjunctions.contains(first), prepositions.contains(scalars[1]), scalars.count > 3 { result.append(stem(after: 2)) }
        return result
    }

    @Test("clitic readings are the first version's", arguments: [
        "للعراق", "وللعراق", "فللرئيس", "والسنوار", "بالمالكي", "وبايدن", "لنتنياهو", "كالرئيس", "وكالة", "فلسطين",
        "لبنان", "بابل", "كركوك", "ولي", "وبل", "لل", "للا", "الرئيس", "محمد", "و", "وب",
    ])
    func readings(word: String) throws {
        let lexicon = try PeopleLexicon.shared.get()
        var cache = FormCache(lexicon)
        cache.beginDocument()
        var forms = DocumentForms(capacity: 8)
        let tokens = [Token(start: 0, end: word.unicodeScalars.count, kind: .word, script: .arabic, normalized: word)]
        let form = tokens.withUnsafeBufferPointer { forms.intern($0, 0, lexicon, &cache) }
        let readings = forms.arabicForm(form, lexicon, &cache).readings
        forms.finish(cache)
        let found = [readings.0, readings.1].filter { $0 >= 0 }.enumerated().map { (forms.string($0.element), $0.offset + 1) }
        let expected = Self.referenceReadings(of: word)
        #expect(found.map(\.0) == expected.map(\.stem), "\(word)")
        #expect(found.map(\.1) == expected.map(\.prefixLength), "\(word)")
    }
}
