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
    /// Normalised phrase (tokens joined by one space) → the variant rules that match it.
    let phrases: [String: [VariantRule]]
    /// Every proper prefix (in tokens) of a multi-token phrase, joined the same way.
    let prefixes: Set<String>
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
        var phrases: [String: [VariantRule]] = [:]
        phrases.reserveCapacity(40_000)
        var prefixes: Set<String> = []
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
                var ambiguous = false, cueOnly = false, allCaps = false
                var caseToken: Int8 = -1
                var k = variant.startIndex
                while k < colon {
                    switch variant[k] {
                    case 0x7E: ambiguous = true                       // ~
                    case 0x5E: cueOnly = true                         // ^
                    case 0x43, 0x41:                                  // C, A
                        allCaps = variant[k] == 0x41
                        var n = 0
                        while k + 1 < colon, (0x30...0x39).contains(variant[k + 1]) {
                            n = n * 10 + Int(variant[k + 1] - 0x30)
                            k += 1
                        }
                        caseToken = Int8(clamping: n)
                    default: break
                    }
                    k += 1
                }
                let key = TSVReader.string(variant[(colon + 1)...])
                let rule = VariantRule(entry: index, ambiguous: ambiguous, cueOnly: cueOnly,
                                       caseToken: caseToken, allCaps: allCaps)
                phrases[key, default: []].append(rule)
                // Register proper prefixes of multi-token keys.
                var spaces = 0
                var cut = key.startIndex
                while let space = key[cut...].firstIndex(of: " ") {
                    spaces += 1
                    prefixes.insert(String(key[..<space]))
                    cut = key.index(after: space)
                }
                if spaces + 1 > maxTokens { maxTokens = spaces + 1 }
            }
        }
        if let problem { throw .malformed(file: "gazetteer.tsv", detail: problem) }
        self.entries = entries
        self.phrases = phrases
        self.prefixes = prefixes
        self.maxTokens = maxTokens
        self.context = PlaceContext(bytes: context)
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
