/// A document's text as extractors see it: the original string, its code points, its tokens
/// and sentences, and cheap conversion between code-point, UTF-8 and `String.Index` offsets.
///
/// Offsets everywhere in Gloss are Unicode code-point indices, end exclusive — the convention
/// of Python strings, spaCy, brat and the W3C Web Annotation model. `scalars[i]` is the code
/// point at offset `i`. A `DocumentText` is immutable and computed once per document, then
/// shared by every extractor.
public final class DocumentText: Sendable {
    /// The text exactly as given.
    public let string: String
    /// The code points of the text; offset `i` is `scalars[i]`.
    public let scalars: [Unicode.Scalar]
    /// Words, numbers and marks, in text order.
    public let tokens: [Token]
    /// Sentence ranges in code points, in text order.
    public let sentences: [Range<Int>]
    /// UTF-8 offset of every `checkpointStride`-th code point, for offset conversion.
    private let utf8Checkpoints: [Int]
    private static let checkpointStride = 64

    /// Reads the text and tokenizes it.
    public init(_ string: String) {
        self.string = string
        var text = string
        let stride = Self.checkpointStride
        // One pass over the UTF-8 (which a `String` guarantees is valid): decode the code
        // points into an array sized exactly, noting the UTF-8 offset of every 64th.
        let (scalars, checkpoints) = text.withUTF8 { utf8 -> ([Unicode.Scalar], [Int]) in
            let count = UTF8Text.codePointCount(utf8)
            var checkpoints: [Int] = []
            checkpoints.reserveCapacity(count / stride + 2)
            let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
                let n = utf8.count
                var i = 0
                var k = 0
                // A block of `stride` code points at a time, its UTF-8 offset noted first. The
                // bytes are valid UTF-8 (a `String`'s), so every value decoded is a scalar, and
                // the `count` code points end exactly at the last byte: the byte offset needs
                // no check of its own.
                while k < count {
                    checkpoints.append(i)
                    let blockEnd = min(k + stride, count)
                    while k < blockEnd {
                        let lead = UInt32(utf8[i])
                        let value: UInt32
                        if lead < 0x80 {
                            value = lead
                            i &+= 1
                        } else if lead < 0xE0 {
                            value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
                            i &+= 2
                        } else if lead < 0xF0 {
                            value = (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
                            i &+= 3
                        } else {
                            value = (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
                                | UInt32(utf8[i + 3] & 0x3F)
                            i &+= 4
                        }
                        buffer[k] = unsafeBitCast(value, to: Unicode.Scalar.self)
                        k &+= 1
                    }
                    if i >= n { break }
                }
                initialized = k
            }
            checkpoints.append(utf8.count)
            return (scalars, checkpoints)
        }
        self.scalars = scalars
        self.utf8Checkpoints = checkpoints
        let tokens = Tokenizer.tokenize(scalars)
        self.tokens = tokens
        self.sentences = Tokenizer.sentences(scalars, tokens: tokens)
    }

    /// The number of code points.
    public var count: Int { scalars.count }

    /// The text of a code-point range (clamped to the text), encoded in one piece: its UTF-8
    /// length first, then the bytes straight into the new string.
    public subscript(range: Range<Int>) -> String {
        let range = range.clamped(to: 0..<scalars.count)
        return scalars.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            var count = 0
            for scalar in slice { count += UTF8.width(scalar) }
            return String(unsafeUninitializedCapacity: count) { buffer in
                var i = 0
                for scalar in slice {
                    let v = scalar.value
                    switch v {
                    case ..<0x80:
                        buffer[i] = UInt8(truncatingIfNeeded: v)
                        i += 1
                    case ..<0x800:
                        buffer[i] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                        buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        i += 2
                    case ..<0x10000:
                        buffer[i] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                        buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                        buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        i += 3
                    default:
                        buffer[i] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                        buffer[i + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                        buffer[i + 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                        buffer[i + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                        i += 4
                    }
                }
                return i
            }
        }
    }

    /// The UTF-8 byte offset of a code-point offset (`0...count`).
    public func utf8Offset(ofCodePoint offset: Int) -> Int {
        precondition(offset >= 0 && offset <= scalars.count, "code-point offset out of range")
        if offset == scalars.count { return utf8Checkpoints[utf8Checkpoints.count - 1] }
        let block = offset / Self.checkpointStride
        var utf8 = utf8Checkpoints[block]
        var i = block * Self.checkpointStride
        while i < offset {
            utf8 += UTF8.width(scalars[i])
            i += 1
        }
        return utf8
    }

    /// The code-point offset of a UTF-8 byte offset that falls on a code-point boundary.
    public func codePointOffset(ofUTF8 offset: Int) -> Int {
        // Binary search for the last checkpoint at or before `offset`, then walk.
        var low = 0
        var high = utf8Checkpoints.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if utf8Checkpoints[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        var i = min(low * Self.checkpointStride, scalars.count)
        var utf8 = utf8Checkpoints[low]
        while utf8 < offset, i < scalars.count {
            utf8 += UTF8.width(scalars[i])
            i += 1
        }
        return i
    }

    /// The UTF-16 offset of a code-point offset, for tools that count in UTF-16 (JavaScript, Java).
    public func utf16Offset(ofCodePoint offset: Int) -> Int {
        var utf16 = 0
        for scalar in scalars[0..<offset] { utf16 += UTF16.width(scalar) }
        return utf16
    }

    /// The `String.Index` of a code-point offset.
    public func index(ofCodePoint offset: Int) -> String.Index {
        string.utf8.index(string.utf8.startIndex, offsetBy: utf8Offset(ofCodePoint: offset))
    }

    /// The code-point offset of a `String.Index` of ``string``.
    public func codePointOffset(of index: String.Index) -> Int {
        codePointOffset(ofUTF8: string.utf8.distance(from: string.utf8.startIndex, to: index))
    }

    /// The index of the first token that ends after `offset` (binary search), or `tokens.count`.
    public func tokenIndex(atOrAfter offset: Int) -> Int {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index of the sentence containing `offset`, or of the nearest one before it.
    public func sentenceIndex(containing offset: Int) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].lowerBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }

    /// The original code-point offset inside `token` where its normalized form reaches
    /// `normalizedLength` characters (normalisation may drop diacritics and marks, so the two
    /// counts differ). Use it to cut a clitic off a word: `offset(in: token, afterNormalized: 1)`.
    public func offset(in token: Token, afterNormalized normalizedLength: Int) -> Int {
        if normalizedLength <= 0 { return token.start }
        var seen = 0
        var i = token.start
        while i < token.end {
            if TextNormalizer.fold(scalars[i]) != nil {
                if seen == normalizedLength { return i }
                seen += 1
            }
            i += 1
        }
        return token.end
    }
}

/// Counting in UTF-8 without decoding it.
public enum UTF8Text {
    /// The number of code points in valid UTF-8: the bytes that are not continuation bytes
    /// (`10xxxxxx`), counted eight at a time.
    public static func codePointCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let n = utf8.count
        guard let base = UnsafeRawPointer(utf8.baseAddress) else { return 0 }
        var continuations = 0
        var i = 0
        while i + 8 <= n {
            continuations += continuationBytes(in: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        while i < n {
            if utf8[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return n - continuations
    }

    /// How many of the eight bytes of `word` (read little-endian) are UTF-8 continuation bytes:
    /// bit 7 set and bit 6 clear. The flags are summed by a multiply (no POPCNT in the baseline
    /// x86-64 target).
    @inlinable @inline(__always)
    public static func continuationBytes(in word: UInt64) -> Int {
        let flags = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
        return Int(truncatingIfNeeded: (flags &* 0x0101_0101_0101_0101) >> 56)
    }
}
