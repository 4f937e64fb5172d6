import GlossKit
import GlossNumbers
import Testing

/// Random "token soup" built from number words, digits, separators and marks: whatever the
/// input, every span must be valid (inside the text, non-empty, declared label, finite value).
@Suite("Numbers extractor: robustness")
struct RobustnessTests {
    static let pieces = [
        "2", "500", "٢٥٠٠", "۱۲", ",", ".", "٫", "٬", "-", "+", "%", "٪", "$", "€", "/", ":", "(", ")", " ",
        " ", " ", "و", "و ", "ال", "الـ", "بـ", "ثلاثة", "وعشرون", "مئة", "ألف", "آلاف", "مليون", "مليار",
        "ونصف", "نصف", "أرباع", "الحادي", "عشر", "الخامس", "والعشرين", "مارس", "كانون", "الثاني", "أيلول",
        "في", "المئة", "بالمئة", "دولار", "عراقي", "كم", "مربع", "من", "إلى", "بين", "عام", "م", "شهرين",
        "one", "twenty", "-", "five", "hundred", "and", "a", "half", "million", "third", "of", "st", "th",
        "bn", "m", "percent", "March", "May", "2024", "2014", "31", "dollars", "km", "to", "between",
        "\u{064B}", "\u{0640}", "\u{200F}", "\n",
    ]

    @Test("spans are valid on random input", arguments: 0..<40)
    func randomSoup(seed: Int) throws {
        var state = UInt64(seed) &* 6364136223846793005 &+ 1442695040888963407
        var text = ""
        for _ in 0..<300 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += Self.pieces[Int(state >> 33) % Self.pieces.count]
        }
        let extractor = NumbersExtractor()
        let document = Document(name: "soup", text: text)
        let spans = try extractor.extract(document)
        let labels = Set(extractor.labels)
        for span in spans {
            #expect(span.problem(textLength: document.text.count, labels: labels) == nil)
        }
    }

    @Test("empty and tiny texts")
    func tiny() throws {
        for text in ["", " ", "5", "-", "و", "الـ", "ألف", "a", "one", "$", "%", "2,", ",5", "3/", "10:", "مارس"] {
            let document = Document(name: "tiny", text: text)
            let spans = try NumbersExtractor().extract(document)
            for span in spans { #expect(span.problem(textLength: document.text.count, labels: ["NUMBER", "DATE"]) == nil) }
        }
    }
}
