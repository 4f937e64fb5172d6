import GlossKit

/// A gazetteer phrase found at a token, before context checks.
///
/// Plain values only (its rules are named by slot, not held as a slice of the gazetteer's
/// array): the scan copies, sorts and drops hits without reference counting.
struct PhraseHit: Sendable {
    /// The tokens covered; the first may carry proclitics outside the span.
    let tokens: Range<Int>
    /// First code point of the span (after any proclitics).
    let start: Int
    /// One past the last code point.
    let end: Int
    /// The proclitics cut off the first token (``Clitics``), 0 when none.
    let prefix: UInt8
    /// The slot of the phrase's key: its variant rules are ``Gazetteer/rules(ofSlot:)``.
    let slot: Int32
}

extension PlaceScanner {
    /// The known readings of token `index` (the whole word first when it is known).
    @inline(__always)
    func readings(_ index: Int) -> ArraySlice<Reading> {
        let first = Int(lookups.info[index].firstReading)
        return lookups.readings[first..<(first + Int(lookups.info[index].readingCount))]
    }

    /// Every gazetteer phrase that starts at token `index` under one of its readings (only the
    /// whole word when `wholeOnly`), longest first; at equal length the reading with the
    /// shorter prefix comes first.
    func hits(at index: Int, wholeOnly: Bool = false) -> [PhraseHit] {
        var result: [PhraseHit] = []
        hits(at: index, wholeOnly: wholeOnly, into: &result)
        return result
    }

    /// As ``hits(at:wholeOnly:)``, into `result` (emptied first, its storage kept: the scan
    /// reuses one buffer for every token instead of allocating an array per token with a hit).
    func hits(at index: Int, wholeOnly: Bool = false, into result: inout [PhraseHit]) {
        // (Hits are plain values: dropping them one by one is a few instructions each, where
        // `removeAll(keepingCapacity:)` goes through the generic `replaceSubrange`.)
        while !result.isEmpty { result.removeLast() }
        let kind = tokens[index].kind
        guard kind == .word || kind == .number else { return }
        // The readings by index: a slice of `lookups.readings` would retain and release it.
        let firstReading = Int(lookups.info[index].firstReading)
        for r in firstReading..<(firstReading + Int(lookups.info[index].readingCount)) {
            let reading = lookups.readings[r]
            if wholeOnly && reading.prefix != 0 { break }
            let record = Int(reading.record)
            let oneToken = gazetteer.words.slot[record]
            let flags = gazetteer.words.flags[record]
            guard oneToken >= 0 || flags.contains(.phrasePrefix) else { continue }
            let start = reading.prefix == 0 ? tokens[index].start
                : text.offset(in: tokens[index], afterNormalized: Clitics.length(reading.prefix))
            if oneToken >= 0 {
                result.append(PhraseHit(tokens: index..<(index + 1), start: start, end: tokens[index].end,
                                        prefix: reading.prefix, slot: oneToken))
            }
            guard flags.contains(.phrasePrefix), index + 1 < tokens.count, 1 < gazetteer.maxTokens else { continue }
            var hash = PhraseHash.extend(PhraseHash.seed, reading.hash)
            var k = index
            while true {
                k += 1
                hash = PhraseHash.extend(hash, lookups.info[k].hash)
                let entry = gazetteer.phrases.find(hash)
                guard entry >= 0 else { break }
                var slot = gazetteer.phrases.slot(entry)
                while slot >= 0 {
                    if keyMatches(slot, reading: reading, from: index, to: k) {
                        result.append(PhraseHit(tokens: index..<(k + 1), start: start, end: tokens[k].end,
                                                prefix: reading.prefix, slot: slot))
                        break
                    }
                    slot = gazetteer.nextSlot(slot)
                }
                guard gazetteer.phrases.isPrefix(entry), k + 1 < tokens.count, k + 1 - index < gazetteer.maxTokens else { break }
            }
        }
        if result.count > 1 {
            result.sort { a, b in
                a.tokens.upperBound != b.tokens.upperBound ? a.tokens.upperBound > b.tokens.upperBound
                    : Clitics.length(a.prefix) < Clitics.length(b.prefix)
            }
        }
    }

    /// True when a slot's key is the stem of `reading` followed by the forms of tokens
    /// `first + 1 ... last`, joined by single spaces.
    func keyMatches(_ slot: Int32, reading: Reading, from first: Int, to last: Int) -> Bool {
        gazetteer.withKey(ofSlot: slot) { key in
            var pos = 0
            @inline(__always) func take(_ byte: UInt8) -> Bool {
                guard pos < key.count, key[pos] == byte else { return false }
                pos += 1
                return true
            }
            switch reading.restored {
            case 1: guard take(0xD8), take(0xA7) else { return false }
            case 2: guard take(0xD8), take(0xA7), take(0xD9), take(0x84) else { return false }
            default: break
            }
            var offset = 0
            for byte in tokens[first].normalized.utf8 {
                if offset >= Int(reading.restOffset) { guard take(byte) else { return false } }
                offset += 1
            }
            for t in (first + 1)...last {
                guard take(0x20) else { return false }
                for byte in tokens[t].normalized.utf8 { guard take(byte) else { return false } }
            }
            return pos == key.count
        }
    }
}
