import Foundation
import GlossKit

/// Why the Places data could not be loaded.
public enum PlacesDataError: Error, CustomStringConvertible, Sendable {
    /// A resource file is missing from the bundle.
    case missingResource(String)
    /// A resource file has a line that cannot be read.
    case malformed(file: String, detail: String)

    public var description: String {
        switch self {
        case .missingResource(let name): "Places: resource \(name) is missing from the bundle"
        case .malformed(let file, let detail): "Places: \(file) is malformed: \(detail)"
        }
    }
}

/// The loaded gazetteer: entries, a phrase index over normalised token keys, and the context
/// word lists. Immutable once built, shared by every extractor instance.
///
/// A key (normalised tokens joined by one space) is found through its first token in
/// ``words`` (which also holds the context words, as flags) and, for longer keys, through the
/// ``PhraseHash`` of its tokens in ``phrases``. Each distinct key is a slot with its variant
/// rules.
final class Gazetteer: Sendable {
    let entries: [PlaceEntry]
    /// What the scan asks of each entry, without its strings.
    let facts: [EntryFacts]
    /// The distinct kinds of entries and cues; ``EntryFacts/kind`` and cue kinds index it.
    let kindNames: [String]
    /// How many distinct countries (code 0 is no country).
    let countryCount: Int
    /// Normalised words: first tokens of keys and context words.
    let words: WordIndex
    /// By form id: what the word index says about each form met, so that a form is looked up
    /// once per process (``TokenLookups``).
    let formReadings = FormReadings()
    /// Keys of two or more tokens and their proper prefixes.
    let phrases: PhraseIndex
    /// The variant rules of all slots; slot `s` has `rules[ruleStart[s]..<ruleStart[s + 1]]`.
    let rules: [VariantRule]
    let ruleStart: [Int32]
    /// The bytes of slot `s`'s key are `keyBytes[keyStart[s]..<keyEnd[s]]`.
    private let keyBytes: [UInt8]
    private let keyStart: [Int32]
    private let keyEnd: [Int32]
    /// The next slot of a key of two or more tokens with the same phrase hash, or -1.
    private let slotNext: [Int32]
    /// The longest phrase, in tokens.
    let maxTokens: Int
    let context: PlaceContext
    /// Kind codes the scan uses.
    let kindCity: UInt8
    let kindProvince: UInt8
    let kindFacility: UInt8
    let kindRegion: UInt8
    /// The attributes of the entries' spans, made on first use (``PlaceScanner/entryAttributes(_:facility:)``).
    let entryAttributes: EntryAttributeTable

    /// The bundled data, loaded once per process on first use.
    static let shared: Result<Gazetteer, PlacesDataError> = Result { () throws(PlacesDataError) -> Gazetteer in
        try Gazetteer.loadBundled()
    }

    init(gazetteer: [UInt8], context: [UInt8]) throws(PlacesDataError) {
        var entries: [PlaceEntry] = []
        entries.reserveCapacity(16_000)
        var facts: [EntryFacts] = []
        facts.reserveCapacity(16_000)
        var kinds = Interner<UInt8>(["city", "province", "facility", "region"])
        var countries = Interner<UInt16>([""])
        var index = KeyIndexBuilder(capacity: 24_000)
        var problem: String?
        gazetteer.withUnsafeBufferPointer { file in
            TSVReader.forEachRow(file) { f in
                guard problem == nil else { return }
                guard f.count == 6, let labelByte = f[0].first else {
                    problem = "a line has \(f.count) fields, expected 6"
                    return
                }
                let label: PlaceEntry.Label
                switch labelByte {
                case 0x50: label = .place          // P
                case 0x4E: label = .norp           // N
                case 0x4F: label = .organisation   // O
                default:
                    problem = "unknown label \(TSVReader.string(f[0]))"
                    return
                }
                let entry = Int32(entries.count)
                let kind = kinds.code(UnsafeBufferPointer(rebasing: f[1]))
                let country = countries.code(UnsafeBufferPointer(rebasing: f[2]))
                entries.append(PlaceEntry(label: label, kind: kinds.names[Int(kind)], country: countries.names[Int(country)],
                                          nameEn: TSVReader.string(f[3]), nameAr: TSVReader.string(f[4])))
                facts.append(EntryFacts(label: label, kind: kind, country: country))
                // Variants separated by '|' (empty ones skipped), each `flags:key`.
                let variants = f[5].startIndex..<f[5].endIndex
                var start = variants.lowerBound
                while start < variants.upperBound {
                    var end = start
                    var colon = -1
                    while end < variants.upperBound && file[end] != 0x7C {  // '|'
                        if colon < 0 && file[end] == 0x3A { colon = end }   // ':'
                        end += 1
                    }
                    defer { start = end + 1 }
                    guard end > start else { continue }
                    guard colon >= 0 else {
                        problem = "variant without flags separator in entry \(entries.count)"
                        return
                    }
                    index.add(Self.rule(file, flags: start..<colon, of: entry), key: (colon + 1)..<end, in: file)
                }
            }
        }
        if let problem { throw .malformed(file: "gazetteer.tsv", detail: problem) }
        let (rules, ruleStart) = index.rulesBySlot()
        var words = index.takeWords()
        // A one-token key with a NORP rule is a nationality word.
        for record in 0..<Int32(words.count) {
            let slot = Int(words.slot[Int(record)])
            guard slot >= 0 else { continue }
            for k in Int(ruleStart[slot])..<Int(ruleStart[slot + 1]) where facts[Int(rules[k].entry)].label == .norp {
                words.mark(record: record, .norp)
                break
            }
        }
        self.context = PlaceContext(bytes: context, words: &words, kinds: &kinds)
        self.entries = entries
        self.facts = facts
        self.kindNames = kinds.names
        self.countryCount = countries.names.count
        self.words = words
        self.phrases = index.phrases
        self.rules = rules
        self.ruleStart = ruleStart
        self.keyBytes = gazetteer
        self.keyStart = index.keyStart
        self.keyEnd = index.keyEnd
        self.slotNext = index.slotNext
        self.maxTokens = index.maxTokens
        self.kindCity = kinds.code("city")
        self.kindProvince = kinds.code("province")
        self.kindFacility = kinds.code("facility")
        self.kindRegion = kinds.code("region")
        self.entryAttributes = EntryAttributeTable(entryCount: entries.count)
    }

    /// The rule of entry `entry` with the variant flags in `file[flags]` (before the colon).
    private static func rule(_ file: UnsafeBufferPointer<UInt8>, flags: Range<Int>, of entry: Int32) -> VariantRule {
        var ambiguous = false, cueOnly = false
        var capitalised: UInt32 = 0, allCaps: UInt32 = 0
        var k = flags.lowerBound
        while k < flags.upperBound {
            switch file[k] {
            case 0x7E: ambiguous = true                       // ~
            case 0x5E: cueOnly = true                         // ^
            case 0x43, 0x41:                                  // C<mask>, A<mask>
                let isAllCaps = file[k] == 0x41
                var n: UInt32 = 0
                while k + 1 < flags.upperBound, (0x30...0x39).contains(file[k + 1]) {
                    n = n &* 10 &+ UInt32(file[k + 1] - 0x30)
                    k += 1
                }
                if isAllCaps { allCaps = n } else { capitalised = n }
            default: break
            }
            k += 1
        }
        return VariantRule(entry: entry, ambiguous: ambiguous, cueOnly: cueOnly, capitalised: capitalised, allCaps: allCaps)
    }

    /// The variant rules of a slot.
    @inline(__always)
    func rules(ofSlot slot: Int32) -> ArraySlice<VariantRule> {
        rules[Int(ruleStart[Int(slot)])..<Int(ruleStart[Int(slot) + 1])]
    }

    /// The next slot whose key has the same phrase hash as `slot`'s, or -1.
    @inline(__always)
    func nextSlot(_ slot: Int32) -> Int32 { slotNext[Int(slot)] }

    /// Calls `body` with the bytes of a slot's key.
    @inline(__always)
    func withKey<R>(ofSlot slot: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        keyBytes.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(keyStart[Int(slot)])..<Int(keyEnd[Int(slot)])]))
        }
    }

    /// The number of distinct keys.
    var slotCount: Int { keyStart.count }

    /// The normalised phrase of each slot (for tests and tools).
    var slotKeys: SlotKeys { SlotKeys(gazetteer: self) }

    /// The variant rules of each slot (for tests and tools).
    var slotRules: SlotRules { SlotRules(gazetteer: self) }

    /// The rules of a normalised phrase (tokens joined by one space), or `nil`.
    func rules(for key: String) -> ArraySlice<VariantRule>? {
        var key = key
        return key.withUTF8 { bytes -> ArraySlice<VariantRule>? in
            guard let space = bytes.firstIndex(of: 0x20) else {
                let record = words.find(hash: FastKey.hash(bytes: bytes), bytes: bytes)
                guard record >= 0, words.slot[Int(record)] >= 0 else { return nil }
                return rules(ofSlot: words.slot[Int(record)])
            }
            var phraseHash = PhraseHash.extend(PhraseHash.seed, FastKey.hash(bytes: UnsafeBufferPointer(rebasing: bytes[..<space])))
            var partStart = space + 1
            for offset in partStart..<bytes.count where bytes[offset] == 0x20 {
                phraseHash = PhraseHash.extend(phraseHash, FastKey.hash(bytes: UnsafeBufferPointer(rebasing: bytes[partStart..<offset])))
                partStart = offset + 1
            }
            phraseHash = PhraseHash.extend(phraseHash, FastKey.hash(bytes: UnsafeBufferPointer(rebasing: bytes[partStart...])))
            let entry = phrases.find(phraseHash)
            guard entry >= 0 else { return nil }
            var slot = phrases.slot(entry)
            while slot >= 0 {
                if withKey(ofSlot: slot, { $0.elementsEqual(bytes) }) { return rules(ofSlot: slot) }
                slot = nextSlot(slot)
            }
            return nil
        }
    }

    static func loadBundled() throws(PlacesDataError) -> Gazetteer {
        let gazetteer = try resource("gazetteer")
        let context = try resource("context")
        return try Gazetteer(gazetteer: gazetteer, context: context)
    }

    private static func resource(_ name: String) throws(PlacesDataError) -> [UInt8] {
        let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "tsv")
        guard let url, let data = FileManager.default.contents(atPath: url.path) else {
            throw .missingResource("\(name).tsv")
        }
        return [UInt8](data)
    }
}

/// The keys of a gazetteer's slots, as strings built on access.
struct SlotKeys: RandomAccessCollection {
    let gazetteer: Gazetteer
    var startIndex: Int { 0 }
    var endIndex: Int { gazetteer.slotCount }
    subscript(slot: Int) -> String {
        gazetteer.withKey(ofSlot: Int32(slot)) { String(decoding: $0, as: UTF8.self) }
    }
}

/// The variant rules of a gazetteer's slots.
struct SlotRules: RandomAccessCollection {
    let gazetteer: Gazetteer
    var startIndex: Int { 0 }
    var endIndex: Int { gazetteer.slotCount }
    subscript(slot: Int) -> ArraySlice<VariantRule> { gazetteer.rules(ofSlot: Int32(slot)) }
}
