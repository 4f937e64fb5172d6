import Foundation
import GlossKit

/// `corpus`: writes the span corpus and its query file; `texts`: writes plain text files for
/// `gloss annotate` and the extractor benchmarks.
enum CorpusCommand {
    static func corpus(_ options: Options) throws {
        let data = try CorpusData(directory: try options.string("data"))
        let target = try options.int("spans", default: 100_000)
        let seed = UInt64(try options.int("seed", default: 42))
        let tag = options.string("tag", default: "corpus")
        let writer = try CorpusWriter(path: try options.string("out"))
        var generator = CorpusGenerator(data: data, seed: seed)
        var sampler = SplitMix64(seed: seed ^ 0x5EED)
        var names: [String] = []
        var numbers: [Int64] = []
        var seen = 0
        var spans = 0
        var chars = 0
        var bytes = 0
        while spans < target {
            var document = generator.next()
            if spans + document.spans.count > target {
                // Cut the last document's spans (not its text) so the set has exactly `target` spans.
                document.spans.removeLast(spans + document.spans.count - target)
            }
            writer.add(document)
            names.append(document.name)
            spans += document.spans.count
            chars += document.codePoints
            bytes += document.text.utf8.count
            for span in document.spans {
                guard span.label == "NUMBER", case .integer(let n)? = span.value else { continue }
                seen += 1
                // Reservoir sample of 4096 numeric values for the range queries.
                if numbers.count < 4096 { numbers.append(n) } else {
                    let slot = sampler.int(0...(seen - 1))
                    if slot < numbers.count { numbers[slot] = n }
                }
            }
        }
        var queries = ""
        let labels = ["PERSON", "PLACE", "NUMBER"]
        for i in 0..<1000 { queries += "doc\t\(sampler.pick(names))\t\(labels[i % labels.count])\n" }
        for _ in 0..<1000 {
            // One value as a range: an indexed lookup of tens of spans, not a scan.
            let v = sampler.pick(numbers)
            queries += "range\tNUMBER\t\(v)\t\(v)\n"
        }
        try queries.write(toFile: try options.string("queries"), atomically: true, encoding: .utf8)
        Figures.emit("corpus.\(tag).docs", Double(names.count), "docs")
        Figures.emit("corpus.\(tag).spans", Double(spans), "spans")
        Figures.emit("corpus.\(tag).chars", Double(chars), "chars")
        Figures.emit("corpus.\(tag).text_bytes", Double(bytes), "bytes")
        print("corpus.\(tag).digest \(String(writer.digest, radix: 16)) fnv64")
    }

    static func texts(_ options: Options) throws {
        let dataDirectory = try options.string("data")
        let data = try CorpusData(directory: dataDirectory)
        let megabytes = try options.int("mb", default: 16)
        let out = try options.string("out")
        let filler = options.flag("varied") ? try FillerVocabulary(directory: dataDirectory) : nil
        var generator = CorpusGenerator(data: data, seed: UInt64(try options.int("seed", default: 7)), filler: filler)
        var bytes = 0
        var chars = 0
        var count = 0
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        let fm = FileManager.default
        while bytes < megabytes * 1_000_000 {
            let document = generator.next()
            let directory = out + "/" + CorpusGenerator.padded(count / 1000, 3)
            if count % 1000 == 0 { try fm.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let path = directory + "/" + CorpusGenerator.padded(count, 6) + (document.name.hasPrefix("news/ar") ? "-ar" : "-en") + ".txt"
            try document.text.write(toFile: path, atomically: false, encoding: .utf8)
            for byte in document.text.utf8 {
                digest ^= UInt64(byte)
                digest &*= 0x0000_0100_0000_01B3
            }
            bytes += document.text.utf8.count
            chars += document.codePoints
            count += 1
        }
        let tag = options.string("tag", default: "texts")
        Figures.emit("corpus.\(tag).docs", Double(count), "docs")
        Figures.emit("corpus.\(tag).chars", Double(chars), "chars")
        Figures.emit("corpus.\(tag).text_bytes", Double(bytes), "bytes")
        print("corpus.\(tag).digest \(String(digest, radix: 16)) fnv64")
    }
}
