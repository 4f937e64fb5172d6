import Foundation

/// File paths in order, kept as their UTF-8 bytes one after the other rather than as a `String`
/// each: a path of ~50 bytes takes ~58 bytes here and ~110 as a string in an array, and
/// `annotate` keeps the path of every input file for the whole run (651k files of the 1 GB
/// benchmark: ~38 MB instead of ~72 MB).
struct PathList: Sendable, RandomAccessCollection {
    private var bytes: [UInt8] = []
    /// Where each path ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []
    /// Whether every path is ASCII, where `String` order is the order of the bytes.
    private var isASCII = true

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    subscript(index: Int) -> String {
        String(decoding: utf8(at: index), as: UTF8.self)
    }

    mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        ends.append(bytes.count)
        isASCII = isASCII && path.utf8.allSatisfy { $0 < 0x80 }
    }

    mutating func append(contentsOf other: PathList) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
        isASCII = isASCII && other.isASCII
    }

    /// The paths in the order of `String` comparison (as `[String].sorted()` puts them): for
    /// ASCII paths, the order of their bytes; otherwise (where canonical equivalence can order
    /// paths differently from their bytes) the strings compared.
    func sorted() -> PathList {
        var order = Array(indices)
        if isASCII {
            bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }  // no bytes: every path empty
                order.sort { a, b in
                    let x = range(of: a)
                    let y = range(of: b)
                    let sign = memcmp(base + x.lowerBound, base + y.lowerBound, Swift.min(x.count, y.count))
                    return sign != 0 ? sign < 0 : x.count < y.count
                }
            }
        } else {
            // The strings made once (for the sort only), not twice per comparison.
            let strings = Array(self)
            order.sort { strings[$0] < strings[$1] }
        }
        var result = PathList()
        result.isASCII = isASCII
        result.bytes.reserveCapacity(bytes.count)
        result.ends.reserveCapacity(ends.count)
        for index in order {
            result.bytes.append(contentsOf: utf8(at: index))
            result.ends.append(result.bytes.count)
        }
        return result
    }

    private func range(of index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1]) ..< ends[index]
    }

    private func utf8(at index: Int) -> ArraySlice<UInt8> {
        bytes[range(of: index)]
    }
}
