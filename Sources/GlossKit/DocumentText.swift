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
        let scalars = Array(string.unicodeScalars)
        self.scalars = scalars
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(scalars.count / Self.checkpointStride + 1)
        var utf8 = 0
        for (i, scalar) in scalars.enumerated() {
            if i % Self.checkpointStride == 0 { checkpoints.append(utf8) }
            utf8 += UTF8.width(scalar)
        }
        checkpoints.append(utf8)
        self.utf8Checkpoints = checkpoints
        let tokens = Tokenizer.tokenize(scalars)
        self.tokens = tokens
        self.sentences = Tokenizer.sentences(scalars, tokens: tokens)
    }

    /// The number of code points.
    public var count: Int { scalars.count }

    /// The text of a code-point range.
    public subscript(range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.clamped(to: 0..<scalars.count)])
        return String(view)
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
