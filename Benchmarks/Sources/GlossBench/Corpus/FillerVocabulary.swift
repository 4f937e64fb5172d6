import Foundation

/// Sentences of varied words for `GlossBench texts --varied`, so that the texts to annotate have
/// the vocabulary of real news rather than the few thousand words the templates repeat.
///
/// Thirty-odd templates give a text of a few hundred thousand words only ~8,000 distinct words,
/// where news of that size has tens of thousands. Tokenizers and extractors that remember the
/// words they have seen (spaCy's tokenizer keeps each whitespace-separated string it has split;
/// Gloss's extractors cache each word form's analysis) run several times faster on such a text
/// than on real news. Filler sentences add words drawn from a large generated vocabulary:
/// Arabic stems made from roots and patterns (`roots_ar.txt`, `patterns_ar.txt`) with clitics
/// and suffixes, English stems (`stems_en.txt`) with prefixes and suffixes. Stems are drawn
/// by Zipf's law (rank r with probability proportional to 1/r), clitics and suffixes half the time,
/// so that the number of distinct words grows with the text as it does in real text.
struct FillerVocabulary {
    private let arabicStems: ZipfList
    private let englishStems: ZipfList

    private static let arabicPrefixes = ["ال", "و", "وال", "ب", "بال", "ل", "لل", "ف", "ك"]
    private static let arabicSuffixes = ["ة", "ات", "ون", "ين", "ه", "ها", "هم", "ي", "ية", "ان", "نا"]
    private static let englishPrefixes = ["re", "un", "pre", "over", "counter", "co", "non"]
    private static let englishSuffixes = ["s", "ed", "ing", "er", "ers", "ment", "ments", "al", "ly", "ion", "ions"]

    init(directory: String) throws {
        func words(_ file: String) throws -> [String] {
            let path = directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
            return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
                .flatMap { $0.split(separator: " ").map(String.init) }
        }
        let roots = try words("roots_ar.txt")
        for root in roots where root.unicodeScalars.count != 3 {
            throw BenchError("roots_ar.txt: \(root) is not three letters")
        }
        let patterns = try words("patterns_ar.txt")
        for pattern in patterns where !(pattern.contains("1") && pattern.contains("2") && pattern.contains("3")) {
            throw BenchError("patterns_ar.txt: \(pattern) lacks one of 1, 2, 3")
        }
        let rootLetters = roots.map { $0.unicodeScalars.map(String.init) }
        var stems: [String] = []
        for pattern in patterns {
            for letters in rootLetters {
                stems.append(pattern.replacingOccurrences(of: "1", with: letters[0])
                    .replacingOccurrences(of: "2", with: letters[1])
                    .replacingOccurrences(of: "3", with: letters[2]))
            }
        }
        let english = try words("stems_en.txt")
        guard !stems.isEmpty, !english.isEmpty else { throw BenchError("\(directory): no filler stems") }
        arabicStems = ZipfList(Self.scattered(stems))
        englishStems = ZipfList(Self.scattered(english))
    }

    /// A sentence of 6 to 14 words, ending with a full stop.
    func sentence(arabic: Bool, random: inout SplitMix64) -> String {
        let count = random.int(6...14)
        var words: [String] = []
        for n in 0..<count {
            var word = arabic ? arabicWord(&random) : englishWord(&random)
            if n + 1 < count && random.chance(0.08) { word += arabic ? "،" : "," }
            words.append(word)
        }
        return words.joined(separator: " ") + "."
    }

    private func arabicWord(_ random: inout SplitMix64) -> String {
        let stem = arabicStems.draw(&random)
        let prefix = random.chance(0.5) ? random.pick(Self.arabicPrefixes) : ""
        let suffix = random.chance(0.5) ? random.pick(Self.arabicSuffixes) : ""
        return prefix + stem + suffix
    }

    private func englishWord(_ random: inout SplitMix64) -> String {
        let stem = englishStems.draw(&random)
        let prefix = random.chance(0.2) ? random.pick(Self.englishPrefixes) : ""
        let suffix = random.chance(0.6) ? random.pick(Self.englishSuffixes) : ""
        return prefix + stem + suffix
    }

    /// Words drawn with probability proportional to 1/rank (Zipf's law), computed with IEEE
    /// additions and divisions only, so that every platform draws the same words.
    private struct ZipfList {
        let items: [String]
        /// `cumulative[r]`: the sum of 1/(k+1) for k ≤ r.
        let cumulative: [Double]

        init(_ items: [String]) {
            self.items = items
            var sum = 0.0
            cumulative = items.indices.map { r in
                sum += 1 / Double(r + 1)
                return sum
            }
        }

        func draw(_ random: inout SplitMix64) -> String {
            let target = random.unit() * (cumulative.last ?? 0)
            var low = 0, high = cumulative.count - 1
            while low < high {  // the first rank whose cumulative weight passes the target
                let middle = (low + high) / 2
                if cumulative[middle] <= target { low = middle + 1 } else { high = middle }
            }
            return items[low]
        }
    }

    /// The stems in a fixed scattered order, so that the frequent ranks are not all one root.
    private static func scattered(_ stems: [String]) -> [String] {
        var random = SplitMix64(seed: 0x5eed_f111)
        var shuffled = stems
        for i in stride(from: shuffled.count - 1, to: 0, by: -1) {  // Fisher–Yates, on SplitMix64 alone
            shuffled.swapAt(i, random.int(0...i))
        }
        return shuffled
    }
}
