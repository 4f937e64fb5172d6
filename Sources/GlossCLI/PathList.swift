/// File paths in order, kept as their UTF-8 bytes one after the other rather than as a `String`
/// each: a path of ~50 bytes takes ~58 bytes here and ~110 as a string in an array, and
/// `annotate` keeps the path of every input file for the whole run (651k files of the 1 GB
/// benchmark: ~38 MB instead of ~72 MB).
struct PathList: Sendable, RandomAccessCollection {
    private var bytes: [UInt8] = []
    /// Where each path ends in `bytes` (it starts where the one before ends).
    private var ends: [Int] = []

    init() {}

    var startIndex: Int { 0 }
    var endIndex: Int { ends.count }

    subscript(index: Int) -> String {
        String(decoding: utf8(at: index), as: UTF8.self)
    }

    mutating func append(_ path: String) {
        bytes.append(contentsOf: path.utf8)
        ends.append(bytes.count)
    }

    mutating func append(contentsOf other: PathList) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        ends.append(contentsOf: other.ends.lazy.map { $0 + base })
    }

    /// The paths in the order of `String` comparison (as `[String].sorted()` puts them).
    func sorted() -> PathList {
        let order = indices.sorted { precedes($0, $1) }
        var result = PathList()
        result.bytes.reserveCapacity(bytes.count)
        result.ends.reserveCapacity(ends.count)
        for index in order {
            result.bytes.append(contentsOf: utf8(at: index))
            result.ends.append(result.bytes.count)
        }
        return result
    }

    private func utf8(at index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1]) ..< ends[index]]
    }

    /// `String` order: for ASCII paths, the order of their bytes; otherwise (where canonical
    /// equivalence can order paths differently from their bytes) the strings compared.
    private func precedes(_ a: Int, _ b: Int) -> Bool {
        let x = utf8(at: a)
        let y = utf8(at: b)
        if x.allSatisfy({ $0 < 0x80 }) && y.allSatisfy({ $0 < 0x80 }) {
            return x.lexicographicallyPrecedes(y)
        }
        return String(decoding: x, as: UTF8.self) < String(decoding: y, as: UTF8.self)
    }
}
