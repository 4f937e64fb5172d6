import GlossKit

/// `ألفا` is two words spelled alike once the vowels are left out: `ألفاً`, a thousand in the
/// accusative (قتل المسلحون ألفاً منهم), and `ألفا`, the construct dual of ألف before its noun:
/// two thousand (نُشر ألفا جندي). The lexicon reads the word as a thousand; this reads it as two
/// thousand when it stands alone, carries no tanween, and the word right after it is an Arabic
/// word other than a preposition (the counted noun).
enum DualConstruct {
    /// The normalized word read as either.
    private static let word = TextNormalizer.normalize("ألفا")
    /// Words after which `ألفا` stays a thousand (ألفاً من العائلات).
    private static let prepositions: Set<String> = Set(
        ["من", "منهم", "منها", "منهن", "في", "على", "إلى", "عن", "مع", "بين", "فقط"].map(TextNormalizer.normalize))

    static func resolve(_ numbers: inout [NumberExpr], view: TokenView) {
        for k in numbers.indices where numbers[k].first == numbers[k].last && numbers[k].value == 1_000 && !numbers[k].hasDigits {
            let n = numbers[k]
            let next = n.last + 1
            guard n.after == next, next < view.count, view.tokens[n.first].normalized.hasSuffix(word),
                  view.tokens[next].kind == .word, view.tokens[next].script == .arabic,
                  !prepositions.contains(view.tokens[next].normalized),
                  !view.scalars[n.start..<n.end].contains("\u{064B}") else { continue }
            numbers[k].value = 2_000
        }
    }
}
