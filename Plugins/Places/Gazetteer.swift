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
final class Gazetteer: Sendable {
    let entries: [PlaceEntry]
    /// The phrase index: ``FastKey`` hash of a normalised phrase (tokens joined by one space)
    /// → its first slot; slots with the same hash are chained through `slotNext`.
    let slotOfHash: [UInt64: Int32]
    /// The normalised phrase of each slot, to verify a hash hit byte by byte.
    let slotKeys: [String]
    /// The variant rules of each slot.
    let slotRules: [[VariantRule]]
    let slotNext: [Int32]
    /// Hashes of every proper prefix (in tokens) of a multi-token phrase.
    let prefixHashes: Set<UInt64>
    /// The longest phrase, in tokens.
    let maxTokens: Int
    let context: PlaceContext

    /// The bundled data, loaded once per process on first use.
    static let shared: Result<Gazetteer, PlacesDataError> = Result { () throws(PlacesDataError) -> Gazetteer in
        try Gazetteer.loadBundled()
    }

    init(gazetteer: [UInt8], context: [UInt8]) throws(PlacesDataError) {
        var entries: [PlaceEntry] = []
        entries.reserveCapacity(20_000)
        var slotOfHash: [UInt64: Int32] = [:]
        slotOfHash.reserveCapacity(40_000)
        var slotKeys: [String] = []
        var slotRules: [[VariantRule]] = []
        var slotNext: [Int32] = []
        var prefixHashes: Set<UInt64> = []
        var maxTokens = 1
        var problem: String?
        TSVReader.forEachRow(gazetteer) { f in
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
            let index = Int32(entries.count)
            entries.append(PlaceEntry(label: label, kind: TSVReader.string(f[1]), country: TSVReader.string(f[2]),
                                      nameEn: TSVReader.string(f[3]), nameAr: TSVReader.string(f[4])))
            for variant in TSVReader.split(f[5], on: 0x7C) {  // '|'
                guard let colon = variant.firstIndex(of: 0x3A) else {  // ':'
                    problem = "variant without flags separator in entry \(entries.count)"
                    return
                }
                var ambiguous = false, cueOnly = false
                var capitalised: UInt32 = 0, allCaps: UInt32 = 0
                var k = variant.startIndex
                while k < colon {
                    switch variant[k] {
                    case 0x7E: ambiguous = true                       // ~
                    case 0x5E: cueOnly = true                         // ^
                    case 0x43, 0x41:                                  // C<mask>, A<mask>
                        let isAllCaps = variant[k] == 0x41
                        var n: UInt32 = 0
                        while k + 1 < colon, (0x30...0x39).contains(variant[k + 1]) {
                            n = n &* 10 &+ UInt32(variant[k + 1] - 0x30)
                            k += 1
                        }
                        if isAllCaps { allCaps = n } else { capitalised = n }
                    default: break
                    }
                    k += 1
                }
                let keyBytes = variant[(colon + 1)...]
                let rule = VariantRule(entry: index, ambiguous: ambiguous, cueOnly: cueOnly,
                                       capitalised: capitalised, allCaps: allCaps)
                // Hash the key byte by byte (FNV-1a, as FastKey); every space ends a prefix.
                var hash = FastKey.seed
                var tokenCount = 1
                for byte in keyBytes {
                    if byte == 0x20 {
                        prefixHashes.insert(hash)
                        tokenCount += 1
                    }
                    hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
                }
                if tokenCount > maxTokens { maxTokens = tokenCount }
                // Find the slot of this key (following the chain of equal hashes) or add one.
                var slot = slotOfHash[hash] ?? -1
                var last: Int32 = -1
                while slot >= 0, !slotKeys[Int(slot)].utf8.elementsEqual(keyBytes) {
                    last = slot
                    slot = slotNext[Int(slot)]
                }
                if slot >= 0 {
                    slotRules[Int(slot)].append(rule)
                } else {
                    let new = Int32(slotKeys.count)
                    slotKeys.append(TSVReader.string(keyBytes))
                    slotRules.append([rule])
                    slotNext.append(-1)
                    if last >= 0 { slotNext[Int(last)] = new } else { slotOfHash[hash] = new }
                }
            }
        }
        if let problem { throw .malformed(file: "gazetteer.tsv", detail: problem) }
        self.entries = entries
        self.slotOfHash = slotOfHash
        self.slotKeys = slotKeys
        self.slotRules = slotRules
        self.slotNext = slotNext
        self.prefixHashes = prefixHashes
        self.maxTokens = maxTokens
        self.context = PlaceContext(bytes: context)
    }

    /// The rules of a phrase with a known hash, verified against the phrase's text (built
    /// lazily: only a hash hit pays for it).
    func rules(hash: UInt64, key: () -> String) -> [VariantRule]? {
        guard var slot = slotOfHash[hash] else { return nil }
        let text = key()
        while slot >= 0 {
            if FastKey.same(slotKeys[Int(slot)], text) { return slotRules[Int(slot)] }
            slot = slotNext[Int(slot)]
        }
        return nil
    }

    /// The rules of a normalised phrase (tokens joined by one space), or `nil`.
    func rules(for key: String) -> [VariantRule]? {
        rules(hash: FastKey.hash(key)) { key }
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
