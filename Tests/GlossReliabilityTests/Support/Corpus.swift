import Foundation

/// A small deterministic PRNG (SplitMix64), so every corpus and every kill schedule can be
/// reproduced from its seed.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generated corpus of short Arabic and English news-style documents. The sentence patterns
/// are written for these tests; the slots are filled with common names, place names, numbers
/// and dates, so every extractor finds something in most documents.
struct Corpus: Sendable {
    /// Documents as (file name, text), in the order `gloss annotate DIR` reads them (sorted).
    let documents: [(name: String, text: String)]

    /// The folder name the corpus is written under.
    static let folder = "corpus"

    /// `count` documents of `sentences` sentences each, generated from `seed` and written under
    /// `folder`.
    init(count: Int, seed: UInt64, sentences: ClosedRange<Int> = 2...4, folder: String = Corpus.folder) {
        var rng = SplitMix(seed: seed)
        var docs: [(String, String)] = []
        for index in 0..<count {
            let length = Int.random(in: sentences, using: &rng)
            let arabic = index % 3 != 2
            var parts: [String] = []
            for _ in 0..<length {
                // Now and then an English sentence inside an Arabic document (quotes, agency copy).
                let useArabic = arabic ? Int.random(in: 0..<8, using: &rng) != 0 : false
                parts.append(useArabic ? Self.arabicSentence(&rng) : Self.englishSentence(&rng))
            }
            docs.append(("\(folder)/doc-" + String(format: "%04d", index + 1) + ".txt", parts.joined(separator: " ") + "\n"))
        }
        documents = docs
    }

    /// Writes the documents into `sandbox`.
    func write(into sandbox: Sandbox) throws {
        for (name, text) in documents { try sandbox.write(name, text) }
    }

    /// UTF-8 bytes of all texts.
    var bytes: Int { documents.reduce(0) { $0 + $1.text.utf8.count } }

    // MARK: Sentences

    private static let arabicPatterns = [
        "قال وزير الداخلية {P} إن {N} عنصرا من قوات الأمن انتشروا في {L} صباح اليوم.",
        "أعلنت السلطات في {L} اعتقال {N} أشخاص يشتبه في تورطهم بتهريب الأسلحة.",
        "التقى رئيس الوزراء {P} وفدا من {L} لبحث ملف المياه والحدود المشتركة.",
        "وأفاد مصدر أمني بأن الانفجار وقع قرب سوق شعبي في {L} وأسفر عن إصابة {N} مدنيا.",
        "وصل المبعوث الأممي {P} إلى {L} في زيارة تستمر {N} أيام.",
        "خصصت الحكومة {N} مليون دينار لإعادة تأهيل المدارس في {L}.",
        "وأكد النائب {P} أن البرلمان سيصوت على الموازنة في {D}.",
        "شارك أكثر من {N} متظاهر في مسيرة سلمية وسط {L} للمطالبة بفرص العمل.",
        "ونقلت وكالة الأنباء عن {P} قوله إن المفاوضات مع {L} ستستأنف في {D}.",
        "وذكر بيان للجيش أن {N} آلية عسكرية عبرت الطريق الدولي بين {L} و{L2}.",
    ]

    private static let englishPatterns = [
        "Interior minister {P} said {N} police officers were deployed in {L} on Monday.",
        "Officials in {L} reported that {N} people were detained after the protest.",
        "{P}, the foreign minister, arrived in {L} for talks on border security.",
        "The council approved a budget of {N} million dollars for schools in {L}.",
        "Witnesses in {L} said a convoy of {N} trucks crossed the bridge before noon.",
        "Spokesman {P} told reporters the vote would take place on {D}.",
        "Aid groups said {N} families had fled the fighting near {L} since {D}.",
        "{P} met delegates from {L} and {L2} to discuss the ceasefire.",
    ]

    private static let arabicPeople = [
        "محمد الخطيب", "أحمد العبيدي", "علي حسن الجبوري", "خالد منصور", "عمر السعدي", "يوسف حداد",
        "سعيد الكبيسي", "فاطمة الزهراء علي", "مريم الساعدي", "ليلى عبد الله", "حسين الربيعي", "سامي النعيمي",
    ]
    private static let arabicPlaces = [
        "بغداد", "الموصل", "البصرة", "أربيل", "دمشق", "حلب", "القاهرة", "عمان", "بيروت", "الرياض", "تونس", "الخرطوم",
    ]
    private static let arabicNumbers = [
        "3", "12", "250", "1500", "٤٠", "٣٠٠", "ثلاثة", "خمسة", "عشرة", "عشرين", "مئة", "ألفي",
    ]
    private static let arabicDates = [
        "الأول من آذار", "15 أيار 2024", "العاشر من تشرين الأول", "2 حزيران 2023", "نهاية الشهر الجاري",
    ]
    private static let englishPeople = [
        "John Carter", "Sarah Mitchell", "Ahmed Hassan", "Layla Nasser", "David Brooks", "Omar Farouk",
        "Maria Lopez", "James Turner", "Hana Saleh", "Peter Walsh",
    ]
    private static let englishPlaces = [
        "Baghdad", "Mosul", "Basra", "Damascus", "Cairo", "Amman", "Beirut", "Geneva", "London", "Paris", "Ankara", "Tehran",
    ]
    private static let englishNumbers = ["3", "14", "250", "1,200", "40,000", "two", "five", "twelve", "sixty", "a hundred"]
    private static let englishDates = ["March 3", "May 15, 2024", "10 October", "June 2, 2023", "Friday"]

    private static func fill(_ pattern: String, people: [String], places: [String], numbers: [String], dates: [String],
                             _ rng: inout SplitMix) -> String {
        var s = pattern
        let first = places.randomElement(using: &rng) ?? ""
        var second = places.randomElement(using: &rng) ?? ""
        if second == first { second = places.last == first ? places[0] : places.last ?? "" }
        s = s.replacingOccurrences(of: "{L2}", with: second)
        s = s.replacingOccurrences(of: "{L}", with: first)
        s = s.replacingOccurrences(of: "{P}", with: people.randomElement(using: &rng) ?? "")
        s = s.replacingOccurrences(of: "{N}", with: numbers.randomElement(using: &rng) ?? "")
        s = s.replacingOccurrences(of: "{D}", with: dates.randomElement(using: &rng) ?? "")
        return s
    }

    static func arabicSentence(_ rng: inout SplitMix) -> String {
        fill(arabicPatterns.randomElement(using: &rng) ?? "", people: arabicPeople, places: arabicPlaces,
             numbers: arabicNumbers, dates: arabicDates, &rng)
    }

    static func englishSentence(_ rng: inout SplitMix) -> String {
        fill(englishPatterns.randomElement(using: &rng) ?? "", people: englishPeople, places: englishPlaces,
             numbers: englishNumbers, dates: englishDates, &rng)
    }
}
