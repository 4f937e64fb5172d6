/// Minimal, allocation-light reading of the tab-separated resource files.
enum TSVReader {
    /// Calls `body` with the tab-separated fields of every non-empty line that does not start
    /// with `#`. Fields are UTF-8 byte slices of `bytes`, indexed like `bytes`.
    static func forEachRow(_ bytes: UnsafeBufferPointer<UInt8>, _ body: ([Slice<UnsafeBufferPointer<UInt8>>]) throws -> Void) rethrows {
        var lineStart = 0
        let n = bytes.count
        var fields: [Slice<UnsafeBufferPointer<UInt8>>] = []
        fields.reserveCapacity(8)
        while lineStart < n {
            var lineEnd = lineStart
            while lineEnd < n && bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var end = lineEnd
            if end > lineStart && bytes[end - 1] == 0x0D { end -= 1 }
            if end > lineStart && bytes[lineStart] != 0x23 {  // '#'
                fields.removeAll(keepingCapacity: true)
                var fieldStart = lineStart
                var k = lineStart
                while k < end {
                    if bytes[k] == 0x09 {
                        fields.append(bytes[fieldStart..<k])
                        fieldStart = k + 1
                    }
                    k += 1
                }
                fields.append(bytes[fieldStart..<end])
                try body(fields)
            }
            lineStart = lineEnd + 1
        }
    }

    /// Splits a byte slice on a separator byte, dropping empty parts.
    static func split(_ slice: Slice<UnsafeBufferPointer<UInt8>>, on separator: UInt8) -> [Slice<UnsafeBufferPointer<UInt8>>] {
        var parts: [Slice<UnsafeBufferPointer<UInt8>>] = []
        var start = slice.startIndex
        var k = slice.startIndex
        while k < slice.endIndex {
            if slice[k] == separator {
                if k > start { parts.append(slice[start..<k]) }
                start = k + 1
            }
            k += 1
        }
        if slice.endIndex > start { parts.append(slice[start..<slice.endIndex]) }
        return parts
    }

    /// The string of a UTF-8 byte slice.
    @inline(__always)
    static func string(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: slice, as: UTF8.self)
    }
}
