import ArgumentParser
import Foundation
import GlossKit
import GlossStore

/// Writes a stream of spans in one of the output formats, one span at a time.
struct SpanWriter {
    let format: OutputFormat
    let context: Int?
    let offsets: OffsetUnit?
    private var texts: DocumentTexts?
    private var table: Table?
    private var count = 0
    private var bratDocument: String?
    private var bratAttribute = 0

    static func make(format: OutputFormat, store: GlossStore, context: Int?, offsets: OffsetUnit?) throws -> SpanWriter {
        SpanWriter(format: format, store: store, context: context, offsets: offsets)
    }

    private init(format: OutputFormat, store: GlossStore, context: Int?, offsets: OffsetUnit?) {
        self.format = format
        self.context = context
        self.offsets = offsets
        if context != nil || offsets != nil || format == .webanno { texts = DocumentTexts(store: store) }
        if format == .table {
            var columns = ["doc", "start", "end"]
            if let offsets { columns += ["start_\(offsets.rawValue)", "end_\(offsets.rawValue)"] }
            columns += ["label"]
            columns += context == nil ? ["text"] : ["left", "text", "right"]
            columns += ["value", "source"]
            let right: Set<Int> = context == nil ? [1, 2] : [1, 2, columns.firstIndex(of: "left") ?? 0]
            table = Table(columns: columns, rightAligned: right.union(offsets == nil ? [] : [3, 4]))
        }
    }

    mutating func write(_ span: Span, into output: inout OutputBuffer) throws {
        var text: DocumentText?
        if var cache = texts {
            text = try cache.text(of: span.document)
            texts = cache
        }
        let around = context.flatMap { width in text.map { SpanContext(span: span, text: $0, width: width) } }
        let unitOffsets = offsets.flatMap { unit in text.map { Self.offsets(span, in: $0, unit: unit) } }
        defer { count += 1 }
        switch format {
        case .table:
            var row = [span.document, String(span.start), String(span.end)]
            if let unitOffsets { row += [String(unitOffsets.0), String(unitOffsets.1)] }
            row.append(span.label)
            if let around {
                // Keyword in context: for right-to-left text the preceding context shows on the right.
                let rtl = span.text.unicodeScalars.contains(where: Table.isRightToLeft)
                row += rtl ? [around.after, span.text, around.before] : [around.before, span.text, around.after]
            } else {
                row.append(span.text)
            }
            row += [span.value?.text ?? "", span.source]
            table?.add(row)
        case .jsonl, .json:
            var line = SpanJSON.line(span)
            if let around {
                line.removeLast()
                line += ",\"before\":"
                SpanJSON.appendString(around.before, to: &line)
                line += ",\"after\":"
                SpanJSON.appendString(around.after, to: &line)
                line += "}"
            }
            if let unitOffsets, let offsets {
                line.removeLast()
                line += ",\"start_\(offsets.rawValue)\":\(unitOffsets.0),\"end_\(offsets.rawValue)\":\(unitOffsets.1)}"
            }
            if format == .json {
                output.write(count == 0 ? "[\n" : ",\n")
                output.write(line)
            } else {
                output.line(line)
            }
        case .tsv:
            if count == 0 { output.line(tsvHeader) }
            var fields = [span.document, String(span.id), String(span.start), String(span.end)]
            if let unitOffsets { fields += [String(unitOffsets.0), String(unitOffsets.1)] }
            fields += [span.label, span.text, span.value?.text ?? "", span.source, SpanJSON.confidence(span.confidence),
                       span.attributes.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")]
            if let around { fields += [around.before, around.after] }
            output.line(fields.map(Self.tsvField).joined(separator: "\t"))
        case .brat:
            if bratDocument != span.document {
                if bratDocument != nil { output.line("") }
                output.line("# \(span.document)")
                bratDocument = span.document
            }
            for line in BratLines.lines(for: span, number: count + 1, attributeCounter: &bratAttribute) { output.line(line) }
        case .webanno:
            guard let text else { return }
            span.withReference { WebAnnotation.write($0, text: text, into: &output) }
            output.byte(0x0A)
        }
    }

    mutating func finish(into output: inout OutputBuffer) throws {
        switch format {
        case .table: table?.render(into: &output, empty: "no spans match")
        case .json: output.line(count == 0 ? "[]" : "\n]")
        // No span: the header alone, so that a reader still finds the columns.
        case .tsv where count == 0: output.line(tsvHeader)
        default: break
        }
    }

    /// The TSV header line: the columns this writer prints.
    private var tsvHeader: String {
        var header = ["doc", "id", "start", "end"]
        if let offsets { header += ["start_\(offsets.rawValue)", "end_\(offsets.rawValue)"] }
        header += ["label", "text", "value", "source", "confidence", "attrs"]
        if context != nil { header += ["before", "after"] }
        return header.joined(separator: "\t")
    }

    static func offsets(_ span: Span, in text: DocumentText, unit: OffsetUnit) -> (Int, Int) {
        switch unit {
        case .utf8: (text.utf8Offset(ofCodePoint: span.start), text.utf8Offset(ofCodePoint: span.end))
        case .utf16: (text.utf16Offset(ofCodePoint: span.start), text.utf16Offset(ofCodePoint: span.end))
        }
    }

    static func tsvField(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// Writes group counts.
enum CountWriter {
    static func write(_ groups: [(key: String, count: Int)], heading: String, format: OutputFormat, into output: inout OutputBuffer) throws {
        switch format {
        case .table:
            var table = Table(columns: [heading, "count"], rightAligned: [1])
            for group in groups { table.add([group.key, String(group.count)]) }
            table.render(into: &output, empty: "no spans match")
        case .jsonl:
            for group in groups {
                var line = "{\"key\":"
                SpanJSON.appendString(group.key, to: &line)
                output.line(line + ",\"count\":\(group.count)}")
            }
        case .json:
            output.write("[")
            for (i, group) in groups.enumerated() {
                var item = i == 0 ? "\n{\"key\":" : ",\n{\"key\":"
                SpanJSON.appendString(group.key, to: &item)
                output.write(item + ",\"count\":\(group.count)}")
            }
            output.line(groups.isEmpty ? "]" : "\n]")
        case .tsv:
            output.line("\(heading)\tcount")
            for group in groups { output.line("\(SpanWriter.tsvField(group.key))\t\(group.count)") }
        case .brat, .webanno:
            throw ValidationError("--count prints table, jsonl, json or tsv, not \(format.rawValue)")
        }
    }
}
