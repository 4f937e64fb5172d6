import Testing
@testable import GlossPlaces

/// The byte shortcut the accusative-nisba check takes for `hasSuffix("يا")` answers exactly as
/// `hasSuffix` does: words ending in يا after an Arabic letter, the word يا alone, and words
/// where the letter before ي is a grapheme `Prepend` (U+0600) or a tatweel-like mark.
@Suite("Suffix shortcut")
struct SuffixShortcutTests {
    static let words = [
        "يا", "روسيا", "اسيا", "سوريا", "ايطاليا", "ءيا", "ـيا", "\u{0600}يا", "\u{0605}يا", "aيا", "1يا",
        "\u{06DD}يا", "\u{0620}يا", "\u{064A}يا",
    ]

    @Test(arguments: words)
    func shortcutAgreesWithHasSuffix(_ word: String) {
        #expect(PlaceScanner.endsWithYaAlef(word))
        #expect(PlaceScanner.hasYaAlefSuffix(word) == word.hasSuffix("يا"))
    }

    @Test func prependBeforeYaIsNoSuffix() {
        // U+0600 (ARABIC NUMBER SIGN) is a grapheme Prepend: it joins the ي into one character.
        #expect(!PlaceScanner.hasYaAlefSuffix("\u{0600}يا"))
        #expect(PlaceScanner.hasYaAlefSuffix("روسيا"))
    }
}
