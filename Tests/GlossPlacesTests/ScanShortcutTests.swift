import Testing
@testable import GlossPlaces

/// Byte-level shortcuts of the scan that must answer exactly like the plain computation.
@Suite("Scan shortcuts")
struct ScanShortcutTests {
    /// Forms of every length (the scan counts the letters of forms of four bytes and more):
    /// Arabic, Latin, digits and mixtures, from 1 to 20 bytes and beyond.
    @Test(arguments: [
        "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq",
        "بغ", "بغد", "بغداد", "وبغداد", "والموصل", "وللاذقيه", "بالمحافظات", "فللمستشفيات",
        "a", "ab", "ب", "aب", "abب", "abcdeب", "بabcdefg", "2024م", "é1234", "naïveté", "ﻻﻻﻻ", "𝔸𝔹",
    ])
    func letterCountIsTheCodePointCount(_ form: String) {
        var form = form
        let counted = form.withUTF8 { TokenLookups.letterCount($0) }
        #expect(counted == form.unicodeScalars.count, "\(form)")
    }

    /// A name without harakat never equals a surface with them; a name with them is compared.
    @Test(arguments: [
        ("عمان", "عمّان", false), ("عمّان", "عمّان", true), ("عُمان", "عمّان", false), ("عُمان", "عُمان", true),
        ("بغداد", "بَغداد", false), ("بَغداد", "بَغداد", true),
        // The same marks in another order are canonically equal (shadda + fatha, fatha + shadda).
        ("\u{0639}\u{0645}\u{064E}\u{0651}\u{0627}\u{0646}", "\u{0639}\u{0645}\u{0651}\u{064E}\u{0627}\u{0646}", true),
        ("\u{0639}\u{0645}\u{0651}\u{064E}\u{0627}\u{0646}", "\u{0639}\u{0645}\u{064E}\u{0651}\u{0627}\u{0646}", true),
    ])
    func spellingWithDiacritics(_ name: String, _ surface: String, _ expected: Bool) {
        #expect(PlaceScanner.isSpelled(name, as: surface) == expected, "\(name) / \(surface)")
        #expect(PlaceScanner.isSpelled(name, as: surface) == (name == surface))
    }

    @Test(arguments: [("عمّان", true), ("عُمان", true), ("عمان", false), ("Amman", false), ("", false), ("ـ", false)])
    func diacriticBytes(_ word: String, _ expected: Bool) {
        #expect(PlaceScanner.hasArabicDiacritic(word) == expected, "\(word)")
    }

    /// The kept rules are the filtered rules, whether they are consecutive (a part of the slice),
    /// scattered (a new array) or none; the slice starts inside a larger array as the
    /// gazetteer's do.
    @Test(arguments: [
        ([Int32](), [Int32]()), ([2], [2]), ([2, 3, 4], [2, 3, 4]), ([3, 4], [3, 4]), ([2, 4], [2, 4]),
        ([5], [Int32]()), ([2, 5, 3], [2, 3]), ([5, 2, 3, 5], [2, 3]), ([2, 5, 3, 5, 4], [2, 3, 4]),
    ])
    func keptRulesAreTheFilteredRules(_ entries: [Int32], _ expected: [Int32]) {
        let all = ([0, 1] + entries + [0]).map {
            VariantRule(entry: $0, ambiguous: false, cueOnly: false, capitalised: 0, allCaps: 0)
        }
        let slice = all[2..<(2 + entries.count)]
        let kept = PlaceScanner.kept(slice) { $0.entry >= 2 && $0.entry <= 4 }
        #expect(kept.map(\.entry) == expected)
        #expect(kept.map(\.entry) == slice.filter { $0.entry >= 2 && $0.entry <= 4 }.map(\.entry))
    }
}
