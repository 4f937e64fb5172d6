/// An aligned text table that stays readable with Arabic: widths count what a terminal shows
/// (combining marks and invisible marks take no column, wide East Asian characters take two),
/// and right-to-left cells are wrapped in Unicode isolates (FSI … PDI) so their direction
/// cannot reorder the columns around them.
struct Table {
    let columns: [String]
    let rightAligned: Set<Int>
    /// Columns shown in full (the last column of a row never needs padding).
    let untruncated: Set<Int>
    private var rows: [[String]] = []
    static let maximumCellWidth = 48

    init(columns: [String], rightAligned: Set<Int> = [], untruncated: Set<Int> = []) {
        self.columns = columns
        self.rightAligned = rightAligned
        self.untruncated = untruncated
    }

    mutating func add(_ row: [String]) {
        rows.append(row.enumerated().map { untruncated.contains($0.offset) ? Self.clean($0.element, width: .max) : Self.clean($0.element) })
    }

    func render(into output: inout OutputBuffer, empty: String) {
        guard !rows.isEmpty else {
            output.line(empty)
            return
        }
        var widths = columns.map(Self.width)
        for row in rows {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], Self.width(cell)) }
        }
        output.line(format(columns, widths: widths))
        output.line(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows { output.line(format(row, widths: widths)) }
    }

    private func format(_ row: [String], widths: [Int]) -> String {
        var parts: [String] = []
        for (i, cell) in row.enumerated() {
            let padding = String(repeating: " ", count: max(0, widths[i] - Self.width(cell)))
            let shown = Self.isolated(cell)
            if i == row.count - 1 && !rightAligned.contains(i) {
                parts.append(shown)
            } else {
                parts.append(rightAligned.contains(i) ? padding + shown : shown + padding)
            }
        }
        return parts.joined(separator: "  ")
    }

    /// One line, at most `maximumCellWidth` columns wide.
    static func clean(_ cell: String, width maximum: Int = maximumCellWidth) -> String {
        var out = String.UnicodeScalarView()
        var width = 0
        for scalar in cell.unicodeScalars {
            let shown: Unicode.Scalar = scalar == "\n" || scalar == "\t" || scalar == "\r" ? " " : scalar
            let w = scalarWidth(shown)
            if width + w > maximum - 1 {
                out.append("…")
                break
            }
            out.append(shown)
            width += w
        }
        return String(out)
    }

    static func isolated(_ cell: String) -> String {
        cell.unicodeScalars.contains(where: isRightToLeft) ? "\u{2068}" + cell + "\u{2069}" : cell
    }

    static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: true
        default: false
        }
    }

    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + scalarWidth($1) }
    }

    /// Terminal columns of one code point.
    static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if v == 0x0640 { return 1 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
