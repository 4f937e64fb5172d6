import GlossKit

/// A span planted by the generator: where the slot's text went, its label, value and attributes.
struct GeneratedSpan {
    var start: Int
    var end: Int
    var label: String
    var value: SpanValue?
    /// Sorted by key.
    var attributes: [(key: String, value: String)]
}

/// A generated news article.
struct GeneratedDocument {
    var name: String
    var text: String
    var codePoints: Int
    /// Sorted by start ascending, end descending (Gloss's result order).
    var spans: [GeneratedSpan]
}

/// Builds a text while counting code points, recording spans as slots are filled.
private struct TextBuilder {
    var text = ""
    var count = 0
    var spans: [GeneratedSpan] = []
    var atSentenceStart = true

    mutating func plain(_ s: String) {
        guard !s.isEmpty else { return }
        if atSentenceStart, let first = s.unicodeScalars.first, first.properties.isLowercase {
            let upper = String(first).uppercased()
            text += upper
            text += String(s.unicodeScalars.dropFirst())
        } else {
            text += s
        }
        count += s.unicodeScalars.count
        atSentenceStart = false
    }

    mutating func span(_ s: String, _ label: String, _ value: SpanValue?, _ attributes: [(key: String, value: String)] = []) {
        let start = count
        plain(s)
        spans.append(GeneratedSpan(start: start, end: count, label: label, value: value,
                                   attributes: attributes.sorted { $0.key < $1.key }))
    }
}

/// Generates a deterministic stream of Arabic (70 %) and English (30 %) news articles about
/// politics and security, with the spans of every filled slot.
struct CorpusGenerator {
    let data: CorpusData
    private var random: SplitMix64
    private var index = 0
    /// Filler sentences between the templates' (`texts --varied`), drawn from their own
    /// generator so that the templates' text and spans stay those of the same seed without.
    private let filler: FillerVocabulary?
    private var fillerRandom: SplitMix64

    /// How often a filler sentence follows a template's sentence.
    static let fillerRate = 0.35

    init(data: CorpusData, seed: UInt64, filler: FillerVocabulary? = nil) {
        self.data = data
        random = SplitMix64(seed: seed)
        self.filler = filler
        fillerRandom = SplitMix64(seed: seed ^ 0xf111_e4f1_11e4_f111)
    }

    mutating func next() -> GeneratedDocument {
        let arabic = random.chance(0.7)
        let templates = arabic ? data.arabic : data.english
        var b = TextBuilder()
        fill(random.pick(templates.headlines), arabic: arabic, into: &b)
        let paragraphs = random.int(3...5)
        var used = Set<Int>()
        for _ in 0..<paragraphs {
            b.plain("\n\n")
            let sentences = random.int(2...4)
            for k in 0..<sentences {
                if k > 0 { b.plain(" ") }
                b.atSentenceStart = true
                // Prefer a template not used yet in this article.
                var choice = random.int(0...(templates.sentences.count - 1))
                for _ in 0..<4 where used.contains(choice) { choice = random.int(0...(templates.sentences.count - 1)) }
                used.insert(choice)
                fill(templates.sentences[choice], arabic: arabic, into: &b)
                if let filler, fillerRandom.chance(Self.fillerRate) {
                    b.plain(" ")
                    b.atSentenceStart = true
                    b.plain(filler.sentence(arabic: arabic, random: &fillerRandom))
                }
            }
        }
        let name = (arabic ? "news/ar/" : "news/en/") + Self.padded(index, 7)
        index += 1
        b.spans.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        return GeneratedDocument(name: name, text: b.text, codePoints: b.count, spans: b.spans)
    }

    static func padded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private mutating func fill(_ template: [Piece], arabic: Bool, into b: inout TextBuilder) {
        for piece in template {
            switch piece {
            case .text(let s): b.plain(s)
            case .slot(let slot): fill(slot, arabic: arabic, into: &b)
            }
        }
    }

    private mutating func fill(_ slot: Slot, arabic: Bool, into b: inout TextBuilder) {
        switch slot {
        case .person:
            person(arabic: arabic, role: nil, into: &b)
        case .titledPerson:
            let title = random.pick(data.titles)
            b.span(arabic ? title.arabic : title.english, "TITLE", .string(title.canonical))
            b.plain(" ")
            person(arabic: arabic, role: title.canonical, into: &b)
        case .place:
            let place = random.pick(data.places)
            let attributes = [(key: "country", value: place.country), (key: "kind", value: place.kind)]
            named(arabic ? place.arabic : place.english, "PLACE", place.canonical, attributes, into: &b)
        case .organisation:
            let org = random.pick(data.organisations)
            named(arabic ? org.arabic : org.english, "ORG", org.canonical, [(key: "kind", value: org.kind)], into: &b)
        case .date:
            let (y, m, d) = (random.int(2015...2025), random.int(1...12), random.int(1...28))
            let month = data.months[m - 1]
            let text: String
            if arabic {
                switch random.int(0...9) {
                case 0...3: text = "\(d) \(month.levantine)/\(month.egyptian) \(y)"
                case 4...5: text = Self.indic("\(d)") + " \(month.egyptian) " + Self.indic("\(y)")
                case 6...7: text = "\(d) \(month.egyptian) \(y)"
                default: text = "\(d)/\(m)/\(y)"
                }
            } else {
                text = random.chance(0.5) ? "\(month.english) \(d), \(y)" : "\(d) \(month.english) \(y)"
            }
            b.span(text, "DATE", SpanDate(year: y, month: m, day: d).map(SpanValue.date))
        case .monthYear:
            let (y, m) = (random.int(2015...2025), random.int(1...12))
            let month = data.months[m - 1]
            let text = arabic ? (random.chance(0.5) ? "\(month.levantine)/\(month.egyptian) \(y)" : "\(month.egyptian) \(y)")
                : "\(month.english) \(y)"
            b.span(text, "DATE", SpanDate(year: y, month: m).map(SpanValue.date))
        case .day:
            let day = random.pick(data.days)
            b.plain(arabic ? day.arabic : day.english)
        case .percent:
            let tenths = random.int(50...950)
            let text = "\(tenths / 10).\(tenths % 10)"
            b.span(arabic && random.chance(0.3) ? Self.indic(text) : text, "NUMBER", .decimal(Double(tenths) / 10),
                   [(key: "unit", value: "percent")])
        case .number(let unitName):
            guard let unit = data.units[unitName] else { return }
            number(unit, arabic: arabic, into: &b)
        case .numberWord(let unitName):
            let word = random.pick(data.numberWords)
            b.span(arabic ? word.arabic : word.english, "NUMBER", .integer(Int64(word.value)), [(key: "unit", value: unitName)])
        }
    }

    /// A name whose English form may start with "the ", which stays outside the span.
    private mutating func named(_ surface: String, _ label: String, _ canonical: String,
                                _ attributes: [(key: String, value: String)], into b: inout TextBuilder) {
        var surface = surface
        if surface.hasPrefix("the ") {
            b.plain("the ")
            surface.removeFirst(4)
        }
        b.span(surface, label, .string(canonical), attributes)
    }

    private mutating func person(arabic: Bool, role: String?, into b: inout TextBuilder) {
        var attributes: [(key: String, value: String)] = []
        let surface: String
        let canonical: String
        let gender: String
        if arabic || random.chance(0.5) {
            let given = random.pick(data.givenArabic)
            let family = random.pick(data.familyArabic)
            surface = arabic ? "\(given.arabic) \(family.arabic)" : "\(given.latin) \(family.latin)"
            canonical = "\(given.latin) \(family.latin)"
            gender = given.gender
        } else {
            let given = random.pick(data.givenEnglish)
            surface = "\(given.name) \(random.pick(data.familyEnglish))"
            canonical = surface
            gender = given.gender
        }
        attributes.append((key: "gender", value: gender))
        if let role { attributes.append((key: "role", value: role)) }
        b.span(surface, "PERSON", .string(canonical), attributes)
    }

    private mutating func number(_ unit: CorpusData.Unit, arabic: Bool, into b: inout TextBuilder) {
        let low = Double(unit.low).squareRoot()
        let high = Double(unit.high).squareRoot()
        let raw = Int((low + (high - low) * random.unit()).rounded() * (low + (high - low) * random.unit()).rounded())
        var value = max(unit.low, min(unit.high, raw))
        if value >= 1000 {
            // Round to two or three significant digits, as reporters do.
            var scale = 1
            while value / scale >= (random.chance(0.5) ? 100 : 1000) { scale *= 10 }
            value = value / scale * scale
        }
        let text: String
        if value >= 1_000_000 && random.chance(0.6) {
            let tenths = value / 100_000
            value = tenths * 100_000
            let mantissa = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
            text = arabic ? "\(mantissa) مليون" : "\(mantissa) million"
        } else if arabic {
            switch random.int(0...19) {
            case 0...8: text = String(value)
            case 9...12: text = Self.grouped(value)
            default: text = Self.indic(String(value))
            }
        } else {
            text = value >= 1000 && random.chance(0.6) ? Self.grouped(value) : String(value)
        }
        b.span(text, "NUMBER", .integer(Int64(value)), [(key: "unit", value: unit.name)])
    }

    /// `2500000` → `2,500,000`.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }

    /// Western digits and `.` as Arabic-Indic digits and the Arabic decimal separator.
    static func indic(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if let digit = scalar.properties.numericType == .decimal ? Int(String(scalar)) : nil,
               let indic = Unicode.Scalar(0x0660 + UInt32(digit)) {
                out.append(indic)
            } else if scalar == "." {
                out.append("\u{066B}")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
