import Foundation

/// The word lists and templates of `Benchmarks/Corpus/`, loaded once.
struct CorpusData {
    struct ArabicGiven { let arabic: String; let latin: String; let gender: String }
    struct ArabicFamily { let arabic: String; let latin: String }
    struct EnglishGiven { let name: String; let gender: String }
    struct Place { let canonical: String; let kind: String; let country: String; let arabic: String; let english: String }
    struct Organisation { let canonical: String; let kind: String; let arabic: String; let english: String }
    struct Title { let canonical: String; let arabic: String; let english: String }
    struct Unit { let name: String; let arabic: String; let english: String; let low: Int; let high: Int }
    struct Month { let number: Int; let levantine: String; let egyptian: String; let english: String }
    struct NumberWord { let value: Int; let arabic: String; let english: String }

    let givenArabic: [ArabicGiven]
    let familyArabic: [ArabicFamily]
    let givenEnglish: [EnglishGiven]
    let familyEnglish: [String]
    let places: [Place]
    let organisations: [Organisation]
    let titles: [Title]
    let units: [String: Unit]
    let months: [Month]
    let days: [(arabic: String, english: String)]
    let numberWords: [NumberWord]
    let arabic: TemplateSet
    let english: TemplateSet

    init(directory: String) throws {
        func rows(_ file: String, columns: Int) throws -> [[String]] {
            let path = directory + "/" + file
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
            return try text.split(separator: "\n").enumerated().compactMap { number, line in
                if line.isEmpty || line.hasPrefix("#") { return nil }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == columns else { throw BenchError("\(path):\(number + 1): expected \(columns) columns, found \(fields.count)") }
                return fields
            }
        }
        givenArabic = try rows("given_ar.tsv", columns: 3).map { ArabicGiven(arabic: $0[0], latin: $0[1], gender: $0[2]) }
        familyArabic = try rows("family_ar.tsv", columns: 2).map { ArabicFamily(arabic: $0[0], latin: $0[1]) }
        givenEnglish = try rows("given_en.tsv", columns: 2).map { EnglishGiven(name: $0[0], gender: $0[1]) }
        familyEnglish = try rows("family_en.tsv", columns: 1).map { $0[0] }
        places = try rows("places.tsv", columns: 5).map { Place(canonical: $0[0], kind: $0[1], country: $0[2], arabic: $0[3], english: $0[4]) }
        organisations = try rows("orgs.tsv", columns: 4).map { Organisation(canonical: $0[0], kind: $0[1], arabic: $0[2], english: $0[3]) }
        titles = try rows("titles.tsv", columns: 3).map { Title(canonical: $0[0], arabic: $0[1], english: $0[2]) }
        var units: [String: Unit] = [:]
        for row in try rows("units.tsv", columns: 5) {
            guard let low = Int(row[3]), let high = Int(row[4]) else { throw BenchError("units.tsv: bad range for \(row[0])") }
            units[row[0]] = Unit(name: row[0], arabic: row[1], english: row[2], low: low, high: high)
        }
        self.units = units
        months = try rows("months.tsv", columns: 4).map { Month(number: Int($0[0]) ?? 1, levantine: $0[1], egyptian: $0[2], english: $0[3]) }
        days = try rows("days.tsv", columns: 2).map { ($0[0], $0[1]) }
        numberWords = try rows("number_words.tsv", columns: 3).map { NumberWord(value: Int($0[0]) ?? 0, arabic: $0[1], english: $0[2]) }
        arabic = try TemplateSet(path: directory + "/templates_ar.txt")
        english = try TemplateSet(path: directory + "/templates_en.txt")
        for set in [arabic, english] {
            for template in set.headlines + set.sentences {
                for case .slot(let slot) in template {
                    if case .number(let unit) = slot, units[unit] == nil { throw BenchError("a template names unknown unit \(unit)") }
                    if case .numberWord(let unit) = slot, units[unit] == nil { throw BenchError("a template names unknown unit \(unit)") }
                }
            }
        }
    }
}

/// A slot of a template.
enum Slot: Equatable {
    case person, titledPerson, place, organisation, date, monthYear, day, percent
    case number(String)
    case numberWord(String)

    init?(_ text: Substring) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "PERSON": self = .person
        case "TPERSON": self = .titledPerson
        case "PLACE": self = .place
        case "ORG": self = .organisation
        case "DATE": self = .date
        case "MONTHYEAR": self = .monthYear
        case "DAY": self = .day
        case "PCT": self = .percent
        case "NUM" where parts.count == 2: self = .number(parts[1])
        case "NUMW" where parts.count == 2: self = .numberWord(parts[1])
        default: return nil
        }
    }
}

/// A piece of a parsed template: literal text or a slot.
enum Piece: Equatable {
    case text(String)
    case slot(Slot)
}

/// The headline and sentence templates of one language.
struct TemplateSet {
    let headlines: [[Piece]]
    let sentences: [[Piece]]

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw BenchError("cannot read \(path)") }
        var headlines: [[Piece]] = []
        var sentences: [[Piece]] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            if line.hasPrefix("#H ") {
                headlines.append(try Self.parse(line.dropFirst(3), path: path))
            } else if !line.hasPrefix("#") {
                sentences.append(try Self.parse(line, path: path))
            }
        }
        guard !headlines.isEmpty, !sentences.isEmpty else { throw BenchError("\(path) needs headlines (#H) and sentences") }
        self.headlines = headlines
        self.sentences = sentences
    }

    static func parse(_ line: Substring, path: String) throws -> [Piece] {
        var pieces: [Piece] = []
        var rest = line
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { throw BenchError("\(path): unclosed { in \(line)") }
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            guard let slot = Slot(rest[rest.index(after: open)..<close]) else { throw BenchError("\(path): unknown slot in \(line)") }
            pieces.append(.slot(slot))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
