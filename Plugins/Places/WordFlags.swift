/// What one normalised word is to the Places scan, as bits: a gazetteer key or the start of a
/// longer one, and its membership of the context lists. Read once per token, so the scan asks
/// one question per token instead of one set lookup per list.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt32

    /// A one-token gazetteer key.
    static let phraseKey = WordFlags(rawValue: 1 << 0)
    /// The first token of a gazetteer key of two or more tokens.
    static let phrasePrefix = WordFlags(rawValue: 1 << 1)
    /// A one-token gazetteer key with a NORP rule (a nationality or nisba form).
    static let norp = WordFlags(rawValue: 1 << 2)
    /// An Arabic cue noun (`cue.city`, `cue.province`, `cue.facility`, `cue.region`).
    static let cue = WordFlags(rawValue: 1 << 3)
    /// `prep`: an Arabic preposition or noun that makes an ambiguous name a place.
    static let preposition = WordFlags(rawValue: 1 << 4)
    /// `prep.en`.
    static let englishPreposition = WordFlags(rawValue: 1 << 5)
    /// `org.before`: a noun that makes the next place part of an organisation name.
    static let organisationBefore = WordFlags(rawValue: 1 << 6)
    /// `name.first`.
    static let firstName = WordFlags(rawValue: 1 << 7)
    /// `name.tail`.
    static let nameTail = WordFlags(rawValue: 1 << 8)
    /// `cue.en.before` (camp, fort, port).
    static let englishBefore = WordFlags(rawValue: 1 << 9)
    /// A particle inside a capitalised English name (``PlaceScanner/englishParticles``).
    static let englishParticle = WordFlags(rawValue: 1 << 10)
    /// `weekday.en`: capitalised words that may follow a place.
    static let englishNeutralAfter = WordFlags(rawValue: 1 << 11)
    /// The first word of an "X <cue>" phrase (`cue.en.after`).
    static let englishAfterFirst = WordFlags(rawValue: 1 << 12)
    /// The first word of a "<cue> of X" phrase (`cue.en.of`).
    static let englishOfFirst = WordFlags(rawValue: 1 << 13)
    /// The last word of an `org.before.en` phrase (University of).
    static let englishOrganisationLast = WordFlags(rawValue: 1 << 14)

    /// `cue.unknown`: after it an X missing from the gazetteer is still a place.
    static let unknownCue = WordFlags(rawValue: 1 << 15)
    /// `cue.facility`.
    static let facilityCue = WordFlags(rawValue: 1 << 16)
    /// `cue.facility.whole`.
    static let wholeFacilityCue = WordFlags(rawValue: 1 << 17)

    /// A first name or a part of a compound name (``firstName`` and ``nameTail``).
    static let nameWord = WordFlags(rawValue: firstName.rawValue | nameTail.rawValue)

    /// True when any flag of `other` is set.
    @inline(__always)
    func intersects(_ other: WordFlags) -> Bool { rawValue & other.rawValue != 0 }
}
