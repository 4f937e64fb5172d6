import GlossKit
import Testing
@testable import GlossPlaces

/// The lookup structures behind the scan: the exact word index, the phrase index of longer
/// keys, and phrases found through clitics in a small gazetteer.
@Suite("Lookup indexes")
struct LookupIndexTests {
    /// Words of every length the hash reads differently (under 4, 4–7, 8–16 and longer bytes),
    /// words that are prefixes of one another, and Arabic words.
    static let words = [
        "a", "ab", "abc", "abcd", "abcde", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmnop",
        "abcdefghijklmnopq", "abcdefghijklmnopqrstuvwxyz0123456789", "بغداد", "ببغداد", "بغدادي",
        "المملكه", "الموصل", "لموصل", "-", "'", "2024",
    ]

    @Test func wordIndexFindsExactlyItsWords() {
        var index = WordIndex(capacity: 4)  // small, so that it grows while words are added
        var records: [String: Int32] = [:]
        for word in Self.words { records[word] = index.record(for: word) }
        #expect(Set(records.values).count == Self.words.count)
        for word in Self.words {
            #expect(index.find(word) == records[word], "\(word)")
            #expect(index.word(index.find(word)) == word)
            #expect(index.record(for: word) == records[word], "adding \(word) again")
        }
        // (Also words of a known length that differ in their first, middle or last bytes: the
        // index compares eight or four bytes at a time, the last ones overlapping.)
        for absent in ["", "abcdefgi", "abcdefghijklmnoq", "بغدا", "غداد", "الموص", "ab ", " ab", "--", "2025",
                       "xbcd", "abxd", "abcx", "abcdx", "xbcdefgh", "abcdxfgh", "abcdefghx", "xbcdefghi",
                       "abcdefghijklxnop", "abcdefghijklmnopqrstuvwxyz0123456788", "نغداد", "بغذاد", "ببغدان"] {
            #expect(index.find(absent) == -1, "\(absent)")
        }
    }

    /// What the scan remembers per form: the info and readings given, once; none once the pool
    /// of readings is full.
    @Test func formReadingsKeepTheFirstEntryOfEachForm() {
        let known = FormReadings(poolCapacity: 3)
        #expect(known.lookup(5) == nil)
        let two = [Reading(record: 1, prefix: 0, restored: 0, restOffset: 0, hash: 11),
                   Reading(record: 2, prefix: 4, restored: 1, restOffset: 2, hash: 22)]
        two.withUnsafeBufferPointer { known.remember(5, info: TokenInfo(hash: 99, whole: WordFlags(rawValue: 1), any: WordFlags(rawValue: 3)), readings: $0) }
        // A second entry for the same form is ignored; a form with no readings takes no room.
        two.withUnsafeBufferPointer { known.remember(5, info: TokenInfo(hash: 7), readings: UnsafeBufferPointer(rebasing: $0[..<1])) }
        known.remember(6, info: TokenInfo(hash: 66), readings: UnsafeBufferPointer(start: nil, count: 0))
        let five = known.lookup(5)
        #expect(five?.info.hash == 99 && five?.info.whole.rawValue == 1 && five?.info.any.rawValue == 3)
        #expect(five?.readings.map(\.record) == [1, 2])
        #expect(five?.readings.map(\.hash) == [11, 22])
        #expect(known.lookup(6)?.info.hash == 66 && known.lookup(6)?.readings.count == 0)
        // The pool has room for one more reading: a form with two is not remembered.
        two.withUnsafeBufferPointer { known.remember(7, info: TokenInfo(hash: 77), readings: $0) }
        #expect(known.lookup(7) == nil)
        two.withUnsafeBufferPointer { known.remember(8, info: TokenInfo(hash: 88), readings: UnsafeBufferPointer(rebasing: $0[1...])) }
        #expect(known.lookup(8)?.readings.map(\.record) == [2])
    }

    /// A small gazetteer with keys of one to four tokens that share first tokens.
    static let data = Array("""
        P\tcountry\tSA\tSaudi Arabia\tالسعودية\t:السعوديه|:المملكه العربيه السعوديه|C13:kingdom of saudi arabia
        P\tcity\tAE\tAbu Dhabi\tأبو ظبي\t:ابو ظبي|C3:abu dhabi
        P\tcity\tSY\tDeir ez-Zor\tدير الزور\t:دير الزور|C9:deir ez - zor
        P\tcity\tSY\tLatakia\tاللاذقية\t:اللاذقيه|C1:latakia
        P\tregion\tSA\tNajd\tنجد\t:نجد|C1:najd
        O\torganisation\tAE\tAbu Dhabi TV\tتلفزيون أبو ظبي\t:تلفزيون ابو ظبي

        """.utf8)

    static func gazetteer() throws -> Gazetteer { try Gazetteer(gazetteer: data, context: []) }

    @Test(arguments: [
        ("السعوديه", [0]), ("المملكه العربيه السعوديه", [0]), ("kingdom of saudi arabia", [0]),
        ("ابو ظبي", [1]), ("abu dhabi", [1]), ("deir ez - zor", [2]), ("اللاذقيه", [3]), ("najd", [4]),
        ("تلفزيون ابو ظبي", [5]),
    ])
    func keysHaveTheirRules(_ key: String, _ entries: [Int]) throws {
        let g = try Self.gazetteer()
        let rules = try #require(g.rules(for: key), "no rules for \(key)")
        #expect(rules.map { Int($0.entry) } == entries)
    }

    @Test(arguments: ["المملكه", "المملكه العربيه", "kingdom of saudi", "ابو", "deir ez -", "تلفزيون ابو",
                      "العربيه السعوديه", "ظبي", "السعوديه المملكه", "abu  dhabi", ""])
    func prefixesAndOtherPhrasesHaveNone(_ key: String) throws {
        #expect(try Self.gazetteer().rules(for: key) == nil)
    }

    @Test func slotViewsListEveryKey() throws {
        let g = try Self.gazetteer()
        #expect(g.maxTokens == 4)
        #expect(g.slotKeys.count == 12)
        for (slot, key) in g.slotKeys.enumerated() {
            #expect(g.rules(for: key).map(Array.init) == Array(g.slotRules[slot]), "\(key)")
        }
    }

    /// Whole phrases through clitics: و + ل + المملكة written وللمملكة (the article restored),
    /// ل + اللاذقية written للاذقية, and a longer phrase that ends in a shorter one.
    @Test(arguments: [
        ("وصل وفد وللمملكة العربية السعودية حصة كبيرة.", [[10, 33]]),
        ("نقلت البضائع للاذقية ثم إلى نجد.", [[14, 20], [28, 31]]),
        ("غادر أبو ظبي أمس، وظهر على تلفزيون أبو ظبي مساء.", [[5, 12]]),
        ("Flights from Abu Dhabi reached Deir ez-Zor and Latakia; the Kingdom of Saudi Arabia sent aid.",
         [[13, 22], [31, 42], [47, 54], [60, 83]]),
        ("flights from abu dhabi reached deir ez-zor.", []),
    ])
    func phrasesInText(_ sentence: String, _ expected: [[Int]]) throws {
        var scanner = PlaceScanner(gazetteer: try Self.gazetteer(), text: DocumentText(sentence))
        #expect(scanner.run().map { [$0.start, $0.end] } == expected)
    }
}
