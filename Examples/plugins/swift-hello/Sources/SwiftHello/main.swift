import GlossKit

/// Finds hashtags (`#gloss`, `#بغداد`) and e-mail addresses.
struct HelloExtractor: Extractor {
    let id = "swift-hello"
    let version = "1.0.0"
    let labels = ["HASHTAG", "EMAIL"]

    func extract(_ document: Document) throws -> [SpanDraft] {
        let tokens = document.text.tokens
        var spans: [SpanDraft] = []
        var i = 0
        while i < tokens.count {
            // "#" directly followed by a word: a hashtag, value = the word normalized.
            if tokens[i].normalized == "#", i + 1 < tokens.count, tokens[i + 1].start == tokens[i].end, tokens[i + 1].kind == .word {
                spans.append(SpanDraft(start: tokens[i].start, end: tokens[i + 1].end, label: "HASHTAG", value: .string(tokens[i + 1].normalized)))
                i += 2
                continue
            }
            // word(.word)*@word(.word)+ with no spaces: an e-mail address.
            if let end = email(from: i, tokens) {
                spans.append(SpanDraft(start: tokens[i].start, end: tokens[end].end, label: "EMAIL",
                                       value: .string(document.text[tokens[i].start..<tokens[end].end].lowercased())))
                i = end + 1
                continue
            }
            i += 1
        }
        return spans
    }

    private func email(from i: Int, _ tokens: [Token]) -> Int? {
        var j = i
        var sawAt = false
        var dotsAfterAt = 0
        guard tokens[i].kind == .word || tokens[i].kind == .number else { return nil }
        while j + 2 < tokens.count, tokens[j + 1].start == tokens[j].end, tokens[j + 2].start == tokens[j + 1].end,
              ["@", ".", "-", "_"].contains(tokens[j + 1].normalized), tokens[j + 2].kind != .punctuation {
            if tokens[j + 1].normalized == "@" {
                if sawAt { return nil }
                sawAt = true
            } else if sawAt && tokens[j + 1].normalized == "." {
                dotsAfterAt += 1
            }
            j += 2
        }
        return sawAt && dotsAfterAt > 0 ? j : nil
    }
}

PluginMain.run(HelloExtractor())
