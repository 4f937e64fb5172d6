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
    /// Lines end at `\n` or `\r\n`; a line starting with `#`, or holding only spaces and tabs,
    /// is skipped; every column is trimmed of white space.
    func rows(_ name: String) throws -> [[String]] {
        let url = directory.appendingPathComponent(name)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PeopleDataError.unreadable(file: name, reason: "\(error)")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw PeopleDataError.unreadable(file: name, reason: "it is not valid UTF-8")
        }
        // The files are large (tens of thousands of names): split the UTF-8 bytes rather than
        // the characters, and build one string per column.
        return text.withUTF8 { bytes in
            var result: [[String]] = []
            var start = 0
            let n = bytes.count
            while start < n {
                var end = start
                while end < n && bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd < n && lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }  // \r\n
                let line = UnsafeBufferPointer(rebasing: bytes[start..<lineEnd])
                start = end + 1
                if line.isEmpty || line[0] == UInt8(ascii: "#") || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                result.append(line.split(separator: 0x09, omittingEmptySubsequences: false).map { Self.trimmed($0) })
            }
            return result
        }
    }

    /// A column without the white space around it.
    private static func trimmed(_ column: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        let bytes = UnsafeBufferPointer(rebasing: column)
        let string = String(decoding: bytes, as: UTF8.self)
        return mayHaveSpaceAtAnEnd(bytes) ? string.trimmingWhitespace() : string
    }

    /// False when neither the first nor the last code point of `bytes` can be white space: a
    /// tab, a space or another space separator, whose UTF-8 starts with 0xC2 (U+00A0), 0xE1
    /// (U+1680), 0xE2 (U+2000–U+205F) or 0xE3 (U+3000). Most columns are told so from two or
    /// three bytes, without looking at their code points.
    private static func mayHaveSpaceAtAnEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func mayStartSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3)
        }
        guard let first = bytes.first, var lead = bytes.indices.last else { return false }
        if mayStartSpace(first) { return true }
        // The lead byte of the last code point: back over continuation bytes (10xxxxxx).
        while lead > 0 && bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
        return mayStartSpace(bytes[lead])
    }
}

extension String {
    /// The text without the white space around it: tabs and space separators (Unicode
    /// category Zs), as Foundation's `trimmingCharacters(in: .whitespaces)` trims, at the cost
    /// of looking at the first and last code points when there is nothing to trim.
    func trimmingWhitespace() -> String {
        let range = unicodeScalars.withoutWhitespace()
        return range == startIndex..<endIndex ? self : String(self[range])
    }
}

extension Substring {
    /// The text without the white space around it (see `String.trimmingWhitespace()`).
    func trimmingWhitespace() -> String {
        String(self[unicodeScalars.withoutWhitespace()])
    }
}

extension BidirectionalCollection where Element == Unicode.Scalar {
    /// The range left once tabs and space separators (Unicode category Zs) are taken off both ends.
    fileprivate func withoutWhitespace() -> Range<Index> {
        var low = startIndex
        var high = endIndex
        while low < high && Self.isWhitespace(self[low]) { formIndex(after: &low) }
        while high > low {
            let last = index(before: high)
            guard Self.isWhitespace(self[last]) else { break }
            high = last
        }
        return low..<high
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value == 0x20 || scalar.value == 0x09 }
        return scalar.properties.generalCategory == .spaceSeparator
    }
}

extension Array where Element == String {
    /// The column at `index`, or "" when the row is shorter.
    func column(_ index: Int) -> String { index < count ? self[index] : "" }
    /// The `|`-separated alternatives of a column.
    func alternatives(_ index: Int) -> [String] {
        column(index).split(separator: "|").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
