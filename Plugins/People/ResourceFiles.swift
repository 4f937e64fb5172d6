import Foundation

/// Errors raised while loading the People extractor's data files.
public enum PeopleDataError: Error, CustomStringConvertible {
    /// The resource directory shipped with the module could not be found.
    case resourcesMissing
    /// A data file could not be read.
    case unreadable(file: String, reason: String)

    public var description: String {
        switch self {
        case .resourcesMissing: "GlossPeople: the Resources directory is missing from the module bundle"
        case .unreadable(let file, let reason): "GlossPeople: cannot read \(file): \(reason)"
        }
    }
}

/// Reads the tab-separated data files of the People extractor (`#` starts a comment line).
struct ResourceFiles: Sendable {
    let directory: URL

    /// The `Resources` directory bundled with the module.
    static func bundled() throws -> ResourceFiles {
        let bundle = Bundle.module
        let candidates = [
            bundle.url(forResource: "Resources", withExtension: nil),
            bundle.resourceURL?.appendingPathComponent("Resources", isDirectory: true),
            bundle.bundleURL.appendingPathComponent("Resources", isDirectory: true),
        ]
        for case let directory? in candidates
        where FileManager.default.fileExists(atPath: directory.appendingPathComponent("titles_ar.tsv").path) {
            return ResourceFiles(directory: directory)
        }
        throw PeopleDataError.resourcesMissing
    }

    /// The non-comment, non-empty rows of a file, split on tabs (empty trailing columns kept).
    func rows(_ name: String) throws -> [[String]] {
        let url = directory.appendingPathComponent(name)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw PeopleDataError.unreadable(file: name, reason: "\(error)")
        }
        var result: [[String]] = []
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            result.append(line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            })
        }
        return result
    }
}

extension Array where Element == String {
    /// The column at `index`, or "" when the row is shorter.
    func column(_ index: Int) -> String { index < count ? self[index] : "" }
    /// The `|`-separated alternatives of a column.
    func alternatives(_ index: Int) -> [String] {
        column(index).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
