import GlossKit

/// How sure a name part is.
enum PartKind: Sendable {
    /// A listed, unambiguous given or family name, or a compound (عبد الله، نور الدين، أبو مازن، بن سلمان).
    case known
    /// A listed name that is also a common word (أمل، الأسد).
    case ambiguous
    /// A nisba-shaped word with the article (المالكي، السوداني): a family name after a first name.
    case nisba
    /// An unlisted word with the article (السنوار).
    case articleUnknown
    /// An unlisted word (شياع، روتو).
    case unknown
}

/// One name part: its tokens, its matching key and how sure it is.
struct NamePart: Sendable {
    var tokens: Range<Int>
    /// Form id of the key's first word: the token's own form, or its stem after a proclitic.
    /// The key's other words are the forms of the part's other tokens.
    var head: Int32
    var kind: PartKind
    var foreign = false
    var surname = false

    /// Appends the matching key — normalized forms (ids) of the part's words, in order — to a
    /// mention's ``Mention/words``.
    @inline(__always)
    func appendKey(_ a: TextAnalysis, to words: inout [Int32]) {
        words.append(head)
        for t in (tokens.lowerBound + 1)..<max(tokens.lowerBound + 1, tokens.upperBound) {
            words.append(Mention.continuation(a.formOf[t]))
        }
    }
}

/// A parsed Arabic name: parts from a start token, the span on the name only.
struct ParsedName: Sendable {
    var parts: [NamePart]
    var start: Int
    var end: Int
    var tokens: Range<Int> { (parts.first?.tokens.lowerBound ?? 0)..<(parts.last?.tokens.upperBound ?? 0) }
    func count(_ kind: PartKind) -> Int { parts.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }
}

/// Reads Arabic name structure at a token: compound first names (عبد + divine name, X الدين),
/// kunya (أبو/أم + name), nasab (بن/ابن + name), given names, family and nisba names, up to five parts.
struct ArabicNameParser {
    let a: TextAnalysis

    /// Classes that let a whole word start a name: names, and the heads of compounds.
    private static let headClasses: WordClass = [.given, .foreignGiven, .family, .knownSurname, .dinHead, .kunya, .nasab]

    private var tokens: [Token] { a.tokens }

    /// True when token `i` may continue a name in the same sentence (an Arabic word, no clitic).
    private func isArabicWord(_ i: Int) -> Bool {
        i < tokens.count && tokens[i].kind == .word && tokens[i].script == .arabic
    }

    /// A compound or phrase part starting exactly at token `k` (no clitic on `k`), if any.
    private func compound(at k: Int, word: WordClass, form: Int32) -> NamePart? {
        if let hit = a.phraseHit(at: k), hit.start == tokens[k].start || hit.start == a.stemStart(k) {
            if hit.kinds.contains(.place) || hit.kinds.contains(.agency) { return nil }
            if hit.kinds.contains(.given) || hit.kinds.contains(.family) || hit.kinds.contains(.knownSurname) {
                var part = NamePart(tokens: k..<hit.end, head: form, kind: .known)
                part.surname = !hit.kinds.contains(.given)
                return part
            }
        }
        // أمة الرحمن، أمة الله: أمة and a divine name, a woman's compound name.
        if a.forms.vocab(form) == a.lexicon.ids.amat, isArabicWord(k + 1),
           a.features[k + 1].word.contains(.abdPart), a.features[k + 1].prefixLength == 0 {
            return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
        }
        if a.forms.sameText(form, vocabulary: a.lexicon.ids.abd, a.lexicon), isArabicWord(k + 1),
           a.features[k + 1].word.contains(.abdPart)
            || (a.features[k + 1].article && a.features[k + 1].prefixLength == 0
                && !a.features[k + 1].word.intersects(WordClass.blocking)) {
            // عبد + a divine name or any other ال-word (عبد النبي، عبد المطلب) is one compound name.
            return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
        }
        if isArabicWord(k + 1), a.sameSentence(k, k + 1), a.shape(k).count >= 2, !word.intersects(WordClass.blocking) {
            // A word and الله are one part (خير الله، عطا الله، نصر الله): a family name unless
            // the word is a given name (فتح الله).
            if a.token(k + 1, is: a.lexicon.ids.allah) {
                return NamePart(tokens: k..<(k + 2), head: form, kind: .known, surname: !word.contains(.given))
            }
            // A given name and a divine name are one compound given name (عوض الكريم، فتح الرحمن).
            if word.contains(.given), a.features[k + 1].word.contains(.abdPart), a.features[k + 1].prefixLength == 0 {
                return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
            }
        }
        // (A form equal to الدين as a `String` has its bytes: no other spelling is canonically
        // equivalent, so the key can be the token's own form.)
        if word.contains(.dinHead), isArabicWord(k + 1), a.token(k + 1, is: a.lexicon.ids.din) {
            return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
        }
        // A given name and الإسلام are one compound given name, as with الدين (سيف الإسلام).
        if word.contains(.given) || word.contains(.dinHead), isArabicWord(k + 1), a.features[k + 1].prefixLength == 0,
           a.token(k + 1, is: a.lexicon.ids.islam) {
            return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
        }
        if word.contains(.kunya), isArabicWord(k + 1), a.sameSentence(k, k + 1),
           let next = part(at: k + 1, allowUnknown: true),
           // أم لخمسة أطفال ("a mother of five"): an unlisted word opening with the preposition
           // ل or ب is no kunya's name.
           next.kind != .unknown || (a.shape(k + 1).first != 0x0644 && a.shape(k + 1).first != 0x0628) {
            return NamePart(tokens: k..<next.tokens.upperBound, head: form, kind: .known)
        }
        if word.contains(.nasab), isArabicWord(k + 1) {
            if let next = part(at: k + 1, allowUnknown: true), next.kind != .articleUnknown || a.features[k + 1].nisba {
                return NamePart(tokens: k..<next.tokens.upperBound, head: form, kind: .known)
            }
            // منت الشيخ سيديا، ولد الشيخ محمد: the title الشيخ inside a nasab, with the name after it.
            if let title = a.title(at: k + 1), title.tokens == (k + 1)..<(k + 2), isArabicWord(k + 2), a.sameSentence(k, k + 2) {
                if let named = part(at: k + 2, allowUnknown: true) {
                    return NamePart(tokens: k..<named.tokens.upperBound, head: form, kind: .known)
                }
                // (An unlisted name there, as after بن: سيديا.)
                let g = a.features[k + 2]
                if g.word.isEmpty, g.stem.isEmpty, !g.article, a.shape(k + 2).count >= 2 {
                    return NamePart(tokens: k..<(k + 3), head: form, kind: .known)
                }
            }
            // بن نافل: after بن any unlisted word that is not a function word is a name.
            let f = a.features[k + 1]
            if f.word.isEmpty, f.stem.isEmpty, !f.article, a.shape(k + 1).count >= 2 {
                return NamePart(tokens: k..<(k + 2), head: form, kind: .known)
            }
        }
        return nil
    }

    /// A name part at token `k` read as a whole word (parts after the first carry no clitics).
    /// `afterForeign`: the part before is a foreign given name, after which a long unlisted word
    /// shaped like an imperfect verb is still a family name (إلسا نورغارد).
    func part(at k: Int, allowUnknown: Bool, afterForeign: Bool = false) -> NamePart? {
        guard isArabicWord(k) else { return nil }
        let f = a.features[k]
        if f.maqsuraStop { return nil }
        let form = a.formOf[k]
        let shape = a.shape(k)
        let w = f.word
        if let hit = a.phraseHit(at: k), hit.kinds.contains(.place) || hit.kinds.contains(.nationality) { return nil }
        if let c = compound(at: k, word: w, form: form) { return c }
        let isName = w.contains(.given) || w.contains(.foreignGiven)
        let isFamily = w.contains(.family) || w.contains(.knownSurname)
        if a.title(at: k) != nil, !isName, !isFamily { return nil }
        if w.intersects(WordClass.blocking) {
            // A listed family name survives a clash with a common word only when it is not ambiguous.
            guard isFamily, !w.contains(.familyAmbiguous) else { return nil }
        }
        if w.contains(.kunya) || w.contains(.nasab) { return nil }
        if w.contains(.abdPart), !isName, !isFamily, !f.article || a.forms.sameText(form, vocabulary: a.lexicon.ids.allah, a.lexicon) {
            return nil
        }
        if isName {
            // Written with the accusative tanween (حلاً، أملاً) it is a noun, not the name.
            if hasTanween(k) { return nil }
            var p = NamePart(tokens: k..<(k + 1), head: form, kind: w.contains(.givenAmbiguous) ? .ambiguous : .known)
            p.foreign = w.contains(.foreignGiven) && !w.contains(.given)
            return p
        }
        if isFamily {
            let amb = w.contains(.familyAmbiguous) && !w.contains(.knownSurname)
            var p = NamePart(tokens: k..<(k + 1), head: form, kind: amb ? (f.nisba ? .nisba : .ambiguous) : .known)
            p.surname = true
            return p
        }
        if f.prefixLength != 0 {
            // كاليدو is not ك + اليدو: only the article reading of an unknown word put a clitic there.
            // (Nor is فيذكّر a name: ف before an imperfect verb's ي ت ن.)
            let imperfectAfter = shape.second == 0x064A || shape.second == 0x062A || shape.second == 0x0646
            let weakClitic = f.stem.isEmpty && f.prefixLength == 1 && shape.has([.prefixKaf, .prefixFa]) && !imperfectAfter
            if !(weakClitic && allowUnknown && plausibleUnknown(k)) { return nil }
            return NamePart(tokens: k..<(k + 1), head: form, kind: .unknown)
        }
        // (A plural of a nisba — الإيزيديون، الحوثيين — names a group, not a family.)
        if f.nisba, !shape.has(FormShape.Flags.pluralSuffix) { return NamePart(tokens: k..<(k + 1), head: form, kind: .nisba, surname: true) }
        if w.contains(.nationality) { return nil }
        if f.article {
            // Plural and dual shapes (العقوبات، المسلحون، الطرفين) are never family names.
            if shape.has([.suffixAt, .suffixUn, .suffixIn, .suffixAn]) { return nil }
            return NamePart(tokens: k..<(k + 1), head: form, kind: .articleUnknown, surname: true)
        }
        if allowUnknown, w.isEmpty, f.stem.isEmpty, plausibleUnknown(k, afterForeign: afterForeign) {
            return NamePart(tokens: k..<(k + 1), head: form, kind: .unknown)
        }
        return nil
    }

    /// An unlisted word that could be a name: two letters or more, not starting with the
    /// conjunctions و ف, not shaped like an imperfect verb (ي/ت + three letters or more).
    func plausibleUnknown(_ k: Int, afterForeign: Bool = false) -> Bool {
        let shape = a.shape(k)
        guard shape.count >= 2 else { return false }
        // Written tanween marks an indefinite noun or adjective (معتقلاً، مجدداً، أيضاً), not a name.
        if hasTanween(k) { return false }
        let first = shape.first
        if first == 0x0648 { return false }  // و is a conjunction far more often than a name's first letter
        // Shaped like an imperfect verb (يقول، تعلن، نتوقع) — unless seven letters or more after a
        // foreign given name, with no plural or pronoun ending (نورغارد; يستخدمون، يحاسبنا stay verbs).
        // A long alef second (تاناكا، ناكامورا) is no imperfect's shape either, after such a name.
        // An Armenian family name in -يان of eight letters or more (سيدراكيان) is no dual (يلتقيان).
        let armenian = shape.count >= 8 && a.tokens[k].normalized.hasSuffix("يان")
        let longForeign = afterForeign && !shape.has(FormShape.Flags.pluralSuffix) && (!shape.has(.suffixAn) || armenian)
            && !hasPronounSuffix(k) && (shape.count >= 7 || shape.second == 0x0627)
        if (first == 0x064A || first == 0x062A || first == 0x0646) && shape.count >= 4 && !longForeign { return false }
        // Future prefix سـ before an imperfect verb: سيزور، ستعقد (not a long foreign name: سيدراكيان).
        let second = shape.second
        if first == 0x0633, second == 0x064A || second == 0x062A || second == 0x0646, shape.count >= 4, !longForeign {
            return false
        }
        // Sound plurals (مسؤولين، المساعدات) are not names — after a foreign given name a family
        // name may end so (غولدشتاين، لوندغرين), unless it carries the article or opens like a
        // participle (م and a consonant: مسموعين، مسلحين).
        let participleShaped = first == 0x0645 && shape.second != 0x0627
        if shape.count >= 5, shape.has(FormShape.Flags.pluralSuffix),
           !(afterForeign && !shape.has(.prefixAl) && !participleShaped) { return false }
        return true
    }

    /// A given name that is also a common word (خلف "behind", صباح "morning") between a listed
    /// given name and a family name (مصطفى خلف الجبوري، نرمين صباح البياتي): a middle name.
    private func givenBetweenNames(at k: Int, after parts: [NamePart]) -> NamePart? {
        guard let last = parts.last, !last.surname, last.kind == .known, isArabicWord(k), a.features[k].prefixLength == 0,
              a.features[k].word.contains(.given), k + 1 < tokens.count, a.sameSentence(k, k + 1),
              let after = part(at: k + 1, allowUnknown: false), after.kind == .nisba || after.surname && after.kind == .known
        else { return nil }
        return NamePart(tokens: k..<(k + 1), head: a.formOf[k], kind: .ambiguous)
    }

    /// True when token `k` is an unlisted Arabic word ending like an East Slavic or Caucasian
    /// patronymic (ـوفيتش، ـيفيتش، ـوفنا، ـيفنا).
    private func isPatronymic(_ k: Int) -> Bool {
        guard isArabicWord(k), a.features[k].word.isEmpty, a.features[k].prefixLength == 0 else { return false }
        let form = a.tokens[k].normalized
        return form.unicodeScalars.count >= 7 && Self.patronymicEndings.contains(where: form.hasSuffix)
    }

    /// Endings of patronymics written in Arabic letters (normalised).
    private static let patronymicEndings = ["وفيتش", "يفيتش", "وفنا", "يفنا"]

    /// Second words of Persian and Turkish family names written apart (normalised): رحيمي زاده،
    /// رضائي فرد، كريمي نيا.
    static let familySuffixes: Set<String> = ["زاده", "نجاد", "بور", "پور", "اوغلو", "اغلو", "فرد", "نيا", "راد"]

    /// True when token `k` is a hyphen written between two words without spaces, the second
    /// an Arabic word that could be a name (not a function word).
    private func isJoiningHyphen(_ k: Int) -> Bool {
        guard k > 0, tokens[k].kind == .punctuation, tokens[k].end - tokens[k].start == 1,
              a.text.scalars[tokens[k].start] == "-" || a.text.scalars[tokens[k].start] == "\u{2010}",
              tokens[k].start == tokens[k - 1].end, isArabicWord(k + 1), tokens[k + 1].start == tokens[k].end else { return false }
        return !a.features[k + 1].word.intersects(WordClass.blocking)
    }

    /// An unlisted family name ending like a feminine plural (دويكات، بركات) as the last part of
    /// a titled name of two parts or more, where the name then ends; nil otherwise (elsewhere
    /// such words are plurals: المساعدات).
    private func familyShapedLikePlural(at k: Int) -> NamePart? {
        guard isArabicWord(k), !a.features[k].article, a.features[k].word.isEmpty, a.features[k].stem.isEmpty,
              a.shape(k).count >= 5, a.shape(k).has(.suffixAt), !hasTanween(k), endsName(after: k + 1) else { return nil }
        return NamePart(tokens: k..<(k + 1), head: a.formOf[k], kind: .unknown)
    }

    /// True when word `k` ends in an attached pronoun of a verb's object (ـنا، ـها، ـهم، ـكم).
    func hasPronounSuffix(_ k: Int) -> Bool {
        let scalars = a.text.scalars[tokens[k].range]
        guard scalars.count >= 2 else { return false }
        let last = scalars[scalars.endIndex - 1], before = scalars[scalars.endIndex - 2]
        return (last == "\u{0627}" && (before == "\u{0646}" || before == "\u{0647}"))   // نا، ها
            || (last == "\u{0645}" && (before == "\u{0647}" || before == "\u{0643}"))   // هم، كم
    }

    /// True when word `k` carries a written tanween (ً ٌ ٍ).
    private func hasTanween(_ k: Int) -> Bool {
        a.text.scalars[tokens[k].range].contains { (0x064B...0x064D).contains($0.value) }
    }

    /// True when token `i` cannot continue a name: punctuation, a function word, a verb, the end.
    func endsName(after i: Int) -> Bool {
        guard i < tokens.count, a.sameSentence(i, i - 1) else { return true }
        if tokens[i].kind != .word { return true }
        let f = a.features[i]
        if f.word.isEmpty, f.stem.isEmpty, tokens[i].script == .arabic, !plausibleUnknown(i),
           a.shape(i).first != 0x0648 {
            return true  // shaped like an imperfect or future verb: سيعرض، يؤكد
        }
        return f.maqsuraStop || f.word.contains(.stop) && !f.word.contains(.given) || f.stem.contains(.verb)
            || f.stem.contains(.verbAmbiguous) || (f.prefixLength > 0 && f.stem.contains(.stop))
    }

    /// One or two European particles in Arabic script at token `k` and the unlisted or foreign
    /// word after them: a family name (فان رايسويك), or nil.
    private func particleFamily(at k: Int) -> NamePart? {
        let particles = a.lexicon.ids.foreignParticles
        guard isArabicWord(k), particles.contains(a.vocabOf[k]) else { return nil }
        var j = k + 1
        if isArabicWord(j), particles.contains(a.vocabOf[j]) { j += 1 }
        guard isArabicWord(j), a.sameSentence(k, j), a.features[j].prefixLength == 0, !a.features[j].article,
              a.features[j].word.isEmpty || a.features[j].word.contains(.foreignGiven) || a.features[j].word.contains(.family),
              a.shape(j).count >= 2, endsName(after: j + 1) || startsWithAnd(j + 1) else { return nil }
        return NamePart(tokens: k..<(j + 1), head: a.formOf[k], kind: .known, foreign: true, surname: true)
    }

    /// True when word `i` carries the conjunction و (والمبعوث): a new phrase starts there.
    private func startsWithAnd(_ i: Int) -> Bool {
        isArabicWord(i) && a.features[i].prefixLength > 0 && a.shape(i).first == 0x0648
    }

    /// A family name written as a kunya after the given names (عطية سلمان أبو قرينات): أبو and an
    /// unlisted word the kunya rule would not take (its plural shape), ending the name.
    private func kunyaFamily(at k: Int, after parts: [NamePart]) -> NamePart? {
        guard parts.count >= 2, isArabicWord(k), a.features[k].word.contains(.kunya), a.features[k].prefixLength == 0,
              isArabicWord(k + 1), a.sameSentence(k, k + 1) else { return nil }
        let f = a.features[k + 1]
        guard f.word.isEmpty, f.stem.isEmpty, f.prefixLength == 0, a.shape(k + 1).count >= 3, endsName(after: k + 2) else { return nil }
        return NamePart(tokens: k..<(k + 2), head: a.formOf[k], kind: .known, surname: true)
    }

    /// False when ``parse(at:allowUnknown:context:)`` certainly finds no name at token `p`
    /// without `allowUnknown`; most words of a text stop here, without the call.
    @inline(__always)
    func mayStartListedName(at p: Int) -> Bool {
        guard isArabicWord(p) else { return false }
        let f = a.features[p]
        return !f.maqsuraStop && mayStartListed(p, f)
    }

    /// Without a proclitic reading, a phrase or a name class, no first part can be read at word
    /// `p` (features `f`) unless unlisted words are allowed (the cases of `part` and `compound`).
    @inline(__always)
    private func mayStartListed(_ p: Int, _ f: TokenFeature) -> Bool {
        f.prefixLength != 0 || !f.word.isDisjoint(with: Self.headClasses) || a.phraseHit(at: p) != nil
            || a.forms.sameText(a.formOf[p], vocabulary: a.lexicon.ids.abd, a.lexicon)
            || a.vocabOf[p] == a.lexicon.ids.amat
    }

    /// Parses a name starting at token `p`. The first token may carry proclitics (ومحمد، لبايدن).
    /// - allowUnknown: the first part may be an unlisted word (after a strong title).
    /// - context: a title or reporting verb vouches for the name (allows an unlisted ال-word).
    /// - titled: a title comes right before (not only a verb): after two parts, an unlisted
    ///   ال-word that ends the name cleanly is still its family name.
    func parse(at p: Int, allowUnknown: Bool, context: Bool, titled: Bool = false) -> ParsedName? {
        guard isArabicWord(p) else { return nil }
        let f = a.features[p]
        if f.maqsuraStop { return nil }
        if !allowUnknown, !mayStartListed(p, f) { return nil }
        if let hit = a.phraseHit(at: p), hit.kinds.contains(.place) || hit.kinds.contains(.agency) || hit.kinds.contains(.nationality) {
            return nil
        }
        var first: NamePart?
        var start = tokens[p].start
        // Whole word first, then the proclitic reading.
        if let whole = part(at: p, allowUnknown: allowUnknown), whole.kind != .nisba, whole.kind != .articleUnknown {
            first = whole
        } else if f.prefixLength > 0, !f.stem.intersects(WordClass.blocking) || f.stem.contains(.family) {
            let form = f.stemForm
            let w = f.stem
            if let c = compound(at: p, word: w, form: form) {
                first = c
            } else if w.contains(.given) || w.contains(.foreignGiven) {
                first = NamePart(tokens: p..<(p + 1), head: form, kind: w.contains(.givenAmbiguous) ? .ambiguous : .known,
                                 foreign: w.contains(.foreignGiven) && !w.contains(.given))
            } else if w.contains(.family) || w.contains(.knownSurname) {
                let amb = w.contains(.familyAmbiguous) && !w.contains(.knownSurname)
                first = NamePart(tokens: p..<(p + 1), head: form, kind: amb ? .ambiguous : .known, surname: true)
            }
            if first != nil { start = a.stemStart(p) }
        }
        guard var head = first else { return nil }
        // ولد / منت ("son of", "daughter of" in Mauritanian names) only join two names; a name
        // never starts with them (وُلد الزين في صور: "al-Zein was born in Tyre").
        if f.word.contains(.nasab), a.vocabOf[p] == a.lexicon.ids.walad || a.vocabOf[p] == a.lexicon.ids.mint { return nil }
        if head.surname, !context, head.kind != .known { return nil }
        // A surname that is also a verb (تراس / ترأس) never starts a name on its own.
        if head.surname, head.tokens.count == 1, a.features[p].word.contains(.verb) || a.features[p].stem.contains(.verb) { return nil }
        // A bare family name starts a name only when listed as a surname of a known person or with context.
        var parts: [NamePart] = []
        parts.reserveCapacity(5)  // the most parts a name has: one allocation, no growth
        parts.append(head)
        var k = head.tokens.upperBound
        var unknownCount = head.kind == .unknown ? 1 : 0
        let foreignStart = head.foreign || head.kind == .unknown
        while parts.count < 5, k < tokens.count, a.sameSentence(k, p) {
            // A Persian or Turkish family name written in two words (رحيمي زاده، دهقان بور، أرسلان
            // أوغلو): the second word belongs to the part before it.
            if let last = parts.last, isArabicWord(k), a.lexicon.ids.familySuffixes.contains(a.vocabOf[k]) {
                parts[parts.count - 1].tokens = last.tokens.lowerBound..<(k + 1)
                parts[parts.count - 1].surname = true
                k += 1
                continue
            }
            // A patronymic after a foreign given name (يرلان سيريكوفيتش، آيغول تالانتبيكوفنا) is a
            // middle name, whatever the word looks like otherwise (سيريكوفيتش opens like a future verb).
            if let last = parts.last, last.foreign, isPatronymic(k) {
                parts.append(NamePart(tokens: k..<(k + 1), head: a.formOf[k], kind: .known, foreign: true))
                k += 1
                continue
            }
            // A hyphenated family name (دوبوا-لاكروا) is one part: the hyphen touches both words.
            if isJoiningHyphen(k), let last = parts.last, last.surname || last.foreign || last.kind == .unknown {
                parts[parts.count - 1].tokens = last.tokens.lowerBound..<(k + 2)
                k += 2
                continue
            }
            // فان رايسويك، دو لا موت after a foreign given name: the particles and the word after
            // them are one family name (a compound part, like نصر الله, that links alone later).
            if let last = parts.last, last.foreign, !last.surname, let family = particleFamily(at: k) {
                parts.append(family)
                k = family.tokens.upperBound
                break
            }
            guard let next = part(at: k, allowUnknown: true, afterForeign: parts.last?.foreign ?? false)
                    ?? (titled && parts.count >= 2 ? familyShapedLikePlural(at: k) : nil)
                    ?? givenBetweenNames(at: k, after: parts)
                    ?? kunyaFamily(at: k, after: parts) else { break }
            // A surname that is also a verb (تراس Truss / ترأس chaired) continues only a foreign
            // given name (ليز تراس); after an Arabic name it is the verb (فيصل بن خالد ترأس).
            if a.features[k].word.contains(.verb), !(parts.last?.foreign ?? false) { break }
            var stop = false
            switch next.kind {
            case .known, .ambiguous:
                if let last = parts.last, last.surname, last.kind != .known || a.shape(form: last.head).has(.prefixAl) { stop = true }
            case .nisba:
                break
            case .articleUnknown:
                // An unlisted ال-word ends an Arabic name (يحيى السنوار) only right after a given name.
                if let last = parts.last, last.surname || last.foreign || last.kind == .unknown { stop = true }
                if !context && !(head.kind == .known && !head.surname) { stop = true }
                // After two parts an unlisted, non-nisba ال-word is the verb's object (وسجل محمد
                // عبد المنعم الهدف), not a family name — unless a title vouches for the name and
                // the word ends it (الدكتور خليل عبد الرؤوف الشوا إن …).
                if parts.count >= 2, !(titled && endsName(after: next.tokens.upperBound)) { stop = true }
            case .unknown:
                // A noun with a pronoun suffix (فريقه، بلاده) ends the name: the original ends in ه, not ة.
                let lastScalar = a.text.scalars[tokens[next.tokens.lowerBound].end - 1]
                if lastScalar == "\u{0647}" { stop = true; break }
                // So does a family name with the article (منير العاني فيذكّر): nothing unlisted follows it.
                if let last = parts.last, last.surname, a.shape(form: last.head).has(.prefixAl) { stop = true; break }
                let followedByFamily: Bool = {
                    guard let after = part(at: next.tokens.upperBound, allowUnknown: false) else { return false }
                    return after.kind == .nisba || (after.surname && after.kind == .known)
                }()
                // After a title or verb, one unlisted middle or last part of an Arabic name is
                // accepted when the name then ends cleanly (يحيى رسول، إن …).
                // An indefinite accusative (مقالا، هدفا) is the object of the verb, not a name.
                let nextShape = a.shape(next.tokens.lowerBound)
                let accusative = nextShape.has(.suffixAlef)
                let vouched = context && (head.kind == .known || head.kind == .ambiguous) && !head.surname && !accusative
                let cleanEnd = vouched && unknownCount == 0 && (endsName(after: next.tokens.upperBound)
                    || (parts.count == 1 && part(at: next.tokens.upperBound, allowUnknown: true)?.kind == .unknown
                        && endsName(after: next.tokens.upperBound + 1)))
                    || vouched && unknownCount == 1 && endsName(after: next.tokens.upperBound)
                // Without context: a listed Arabic given name + one unlisted word at the end of a
                // phrase (حصل أحمد زويل على …) is a two-part name.
                let plural = nextShape.has(FormShape.Flags.pluralSuffix)
                let allGiven = parts.allSatisfy { $0.kind == .known && !$0.foreign && !$0.surname && $0.tokens.count == 1 }
                let structural = !context && head.kind == .known && allGiven && parts.count <= 2
                    && !accusative && !plural && endsName(after: next.tokens.upperBound)
                if unknownCount >= 2 || !(foreignStart && (context || head.kind == .known) || followedByFamily || cleanEnd || structural) {
                    stop = true
                }
            }
            if stop { break }
            if next.kind == .unknown { unknownCount += 1 }
            parts.append(next)
            k = next.tokens.upperBound
            if next.kind == .nisba, titled, parts.count < 5, let second = part(at: k, allowUnknown: false), second.kind == .nisba,
               endsName(after: second.tokens.upperBound) {
                // Two nisba family names after a title (سلمى التازي العمراني): the name ends after both.
                parts.append(second)
                break
            }
            if next.kind == .nisba || next.kind == .articleUnknown { break }
        }
        // Do not end a name on an unlisted word that nothing vouches for, unless it is all we have.
        while parts.count > 1, let last = parts.last, last.kind == .unknown, !foreignStart, !context,
              !(parts.count <= 3 && endsName(after: last.tokens.upperBound)) {
            parts.removeLast()
        }
        head = parts[0]
        guard let lastPart = parts.last else { return nil }
        return ParsedName(parts: parts, start: start, end: tokens[lastPart.tokens.upperBound - 1].end)
    }
}
