import GlossKit
import GlossStore

/// Colours for labels: a fixed palette for the built-in labels, a stable hash for others.
enum LabelColors {
    static let known: [String: Int] = ["PERSON": 0, "PLACE": 1, "NUMBER": 2, "DATE": 3, "NORP": 4]
    static let palette: [(ansi: Int, html: String)] = [
        (75, "#cfe3ff"), (114, "#d3f5d0"), (221, "#fff0b3"), (213, "#f9d4f5"), (180, "#f5e1c8"),
        (80, "#c9f2f0"), (209, "#ffd9c7"), (147, "#e0dcff"),
    ]

    static func index(_ label: String) -> Int {
        if let i = known[label] { return i }
        let hash = label.unicodeScalars.reduce(UInt32(2166136261)) { ($0 ^ $1.value) &* 16777619 }
        return Int(hash % UInt32(palette.count))
    }
}

/// Segments of a text with the spans covering each, outermost first.
struct SpanLayout {
    struct Segment {
        let range: Range<Int>
        let covering: [Int]
    }

    static func segments(textLength: Int, spans: [Span]) -> [Segment] {
        var bounds = Set([0, textLength])
        for span in spans {
            bounds.insert(min(max(span.start, 0), textLength))
            bounds.insert(min(max(span.end, 0), textLength))
        }
        let sorted = bounds.sorted()
        var result: [Segment] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) where a < b {
            let covering = spans.indices.filter { spans[$0].start <= a && spans[$0].end >= b }
                .sorted { (spans[$0].start, -spans[$0].end) < (spans[$1].start, -spans[$1].end) }
            result.append(Segment(range: a..<b, covering: covering))
        }
        return result
    }
}

/// ANSI colouring for `gloss show` on a terminal, and inline markers when not on one.
enum TerminalHighlighter {
    static func render(text: String, spans: [Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for segment in SpanLayout.segments(textLength: scalars.count, spans: spans) {
            let piece = String(String.UnicodeScalarView(scalars[segment.range]))
            if let inner = segment.covering.last {
                let color = LabelColors.palette[LabelColors.index(spans[inner].label)].ansi
                let underline = segment.covering.count > 1 ? ";4" : ""
                out += "\u{1B}[38;5;16;48;5;\(color)\(underline)m" + piece + "\u{1B}[0m"
            } else {
                out += piece
            }
        }
        if !out.hasSuffix("\n") { out += "\n" }
        let labels = Array(Set(spans.map(\.label))).sorted()
        out += "\nlegend: " + (labels.isEmpty ? "no spans" : labels.map { label in
            "\u{1B}[38;5;16;48;5;\(LabelColors.palette[LabelColors.index(label)].ansi)m \(label) \u{1B}[0m"
        }.joined(separator: " ")) + "  (underlined: nested spans)\n"
        return out
    }

    /// The text with each outermost span marked as `[text]LABEL`.
    /// The text with each span marked `[text]LABEL`, nested spans inside their container
    /// (`[March [3]NUMBER, [2024]NUMBER]DATE`); a span that crosses the end of an open one
    /// is left out. `spans` come in store order: start ascending, end descending.
    static func plain(text: String, spans: [Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var open: [Span] = []  // the spans opened and not yet closed, outermost first
        var next = 0
        for position in 0...scalars.count {
            while let last = open.last, last.end == position {
                out.append("]")
                out.append(contentsOf: last.label.unicodeScalars)
                open.removeLast()
            }
            guard position < scalars.count else { break }
            while next < spans.count, spans[next].start <= position {
                let span = spans[next]
                next += 1
                guard span.start == position, span.end <= scalars.count, span.end > span.start,
                      open.last.map({ span.end <= $0.end }) ?? true else { continue }
                out.append("[")
                open.append(span)
            }
            out.append(scalars[position])
        }
        var result = String(out)
        if !result.hasSuffix("\n") { result += "\n" }
        return result
    }
}

/// The self-contained HTML page of `gloss show --html`.
enum HTMLPage {
    static func render(document: String, text: String, spans: [Span]) -> String {
        let scalars = Array(text.unicodeScalars)
        var body = "<p dir=\"auto\">"
        var open: [Int] = []  // indices of open spans, outermost first
        func openTag(_ i: Int) -> String {
            let span = spans[i]
            var tip = "\(span.label)"
            if let value = span.value { tip += " · \(value.text)" }
            tip += " · \(span.source)"
            for (k, v) in span.attributes.sorted(by: { $0.key < $1.key }) { tip += " · \(k)=\(v)" }
            let color = LabelColors.palette[LabelColors.index(span.label)].html
            return "<span class=\"span\" style=\"background:\(color)\" data-span-id=\"\(span.id)\" data-label=\"\(escape(span.label))\" "
                + "data-start=\"\(span.start)\" data-end=\"\(span.end)\" title=\"\(escape(tip))\">"
        }
        for segment in SpanLayout.segments(textLength: scalars.count, spans: spans) {
            // Close spans that end here (and any opened inside them), then open the new ones.
            var keep = 0
            while keep < open.count, keep < segment.covering.count, open[keep] == segment.covering[keep] { keep += 1 }
            for i in open[keep...].reversed() { body += "<sup>\(escape(spans[i].label))</sup></span>" }
            open.removeLast(open.count - keep)
            for i in segment.covering[keep...] {
                body += openTag(i)
                open.append(i)
            }
            for scalar in scalars[segment.range] {
                if scalar == "\n" {
                    let closing = open.reversed().map { _ in "</span>" }.joined()
                    body += closing + "</p>\n<p dir=\"auto\">" + open.map(openTag).joined()
                } else {
                    body += escape(String(scalar))
                }
            }
        }
        for i in open.reversed() { body += "<sup>\(escape(spans[i].label))</sup></span>" }
        body += "</p>"
        let labels = Array(Set(spans.map(\.label))).sorted()
        let legend = labels.map { label in
            "<span class=\"key\" style=\"background:\(LabelColors.palette[LabelColors.index(label)].html)\">\(escape(label))</span>"
        }.joined(separator: " ")
        return """
            <!DOCTYPE html>
            <html lang="und">
            <head>
            <meta charset="utf-8">
            <title>\(escape(document)) — Gloss</title>
            <style>
            body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; max-width: 50em; margin: 2em auto; line-height: 2.4; }
            h1 { font-size: 1.1em; font-family: monospace; }
            .span { padding: 0.15em 0.1em; border-radius: 0.25em; border: 1px solid rgba(0,0,0,0.25); }
            .span .span { border-color: rgba(0,0,0,0.6); }
            .span sup { font-size: 0.55em; font-family: monospace; color: #444; margin: 0 0.15em; }
            .key { padding: 0.1em 0.5em; border-radius: 0.25em; font-family: monospace; }
            footer { margin-top: 2em; font-size: 0.9em; color: #555; }
            </style>
            </head>
            <body>
            <h1>\(escape(document))</h1>
            <div class="legend">\(legend.isEmpty ? "no spans" : legend)</div>
            <main>
            \(body)
            </main>
            <footer>\(spans.count) span\(spans.count == 1 ? "" : "s"); hover a span for its value, source and attributes.</footer>
            </body>
            </html>

            """
    }

    /// Escapes text for HTML content and attribute values.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
