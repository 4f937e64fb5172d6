/// One gazetteer entry: a place, a nationality (NORP) or an organisation whose name contains a
/// place. Loaded from `Resources/gazetteer.tsv`.
struct PlaceEntry: Sendable {
    /// What a mention of the entry is.
    enum Label: UInt8, Sendable {
        /// A place (label `PLACE`).
        case place
        /// A nationality, nisba adjective or group (label `NORP`).
        case norp
        /// An organisation or media name containing a place: suppresses matches inside it.
        case organisation
    }

    let label: Label
    /// country, city, province, region, facility, natural; nationality or group for NORP.
    let kind: String
    /// ISO 3166-1 alpha-2 code, or empty.
    let country: String
    /// Canonical English name (the span's value).
    let nameEn: String
    /// Canonical Arabic name.
    let nameAr: String
}

/// How one surface variant of an entry may match.
struct VariantRule: Sendable, Hashable {
    /// The entry (index into the gazetteer's entries).
    let entry: Int32
    /// The variant is also a common word: it is a place only after a cue word or a preposition.
    let ambiguous: Bool
    /// The variant is a place only right after a cue word (قاعدة X، محافظة X).
    let cueOnly: Bool
    /// Latin case rule: bit k set = token k of the match must start with a capital letter.
    let capitalised: UInt32
    /// Bit k set = token k of the match must be all capitals (acronyms: US, UAE).
    let allCaps: UInt32
}

/// The facts of an entry the scan and the resolution compare, as small codes (no strings).
struct EntryFacts: Sendable {
    let label: PlaceEntry.Label
    /// Index into ``Gazetteer/kindNames``.
    let kind: UInt8
    /// 0 for no country, else a number shared by the entries of one country.
    let country: UInt16
}
