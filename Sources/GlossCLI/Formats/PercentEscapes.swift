/// Percent escapes — `%` and two upper-case hex digits — for a few bytes that a brat file cannot
/// hold where they stand: the `/` and `.` of document names (``SafePath``), the spaces of
/// attribute names and values and the line breaks of notes (``BratLines``).
///
/// Only the escapes of the chosen bytes and `%25` (for `%`) are read as escapes, and a `%` is
/// written `%25` only where it would otherwise begin one: `100%` and `50% off` keep their `%`,
/// `%2E` is written `%252E`. Reading undoes writing for every string.
struct PercentEscapes {
    /// The bytes that have escapes, `%` among them.
    private let bytes: Set<UInt8>

    /// Escapes for `bytes` (ASCII) and for `%`.
    init(for bytes: Set<UInt8>) {
        self.bytes = bytes.union([UInt8(ascii: "%")])
    }

    /// `/` and `.`, for document names.
    static let names = PercentEscapes(for: [UInt8(ascii: "/"), UInt8(ascii: ".")])

    /// The whitespace that ends a brat attribute's name or value, or its line — space, tab,
    /// line feed and carriage return —, and the double quote (so that `""`, the empty value,
    /// is no escaped string).
    static let tokens = PercentEscapes(for: [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\"")])

    /// What ends a brat note's field or its line: tab, line feed and carriage return.
    static let notes = PercentEscapes(for: [UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")])

    /// `string` with every byte that has an escape written as it, a `%` only where it would
    /// begin an escape.
    func escaping(_ string: some StringProtocol) -> String {
        escaping(string) { bytes.contains($0) && $0 != UInt8(ascii: "%") }
    }

    /// `string` with only each `%` that would begin an escape written `%25`.
    func escapingPercents(_ string: some StringProtocol) -> String {
        escaping(string) { _ in false }
    }

    /// The string that `escaped` holds: each escape read as its byte, everything else as it is.
    func unescaping(_ escaped: some StringProtocol) -> String {
        var rest = Array(escaped.utf8)[...]
        var result: [UInt8] = []
        result.reserveCapacity(rest.count)
        while let byte = rest.first {
            if let unescaped = escape(at: rest) {
                result.append(unescaped)
                rest = rest.dropFirst(3)
            } else {
                result.append(byte)
                rest = rest.dropFirst()
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `string` with each byte for which `escapes` holds, and each `%` that would begin an
    /// escape, written as an escape.
    private func escaping(_ string: some StringProtocol, where escapes: (UInt8) -> Bool) -> String {
        let source = Array(string.utf8)
        guard source.contains(where: { escapes($0) || $0 == UInt8(ascii: "%") }) else { return String(string) }
        var result: [UInt8] = []
        result.reserveCapacity(source.count + 8)
        for index in source.indices {
            let byte = source[index]
            if escapes(byte) || (byte == UInt8(ascii: "%") && escape(at: source[index...]) != nil) {
                result += Self.escape(of: byte)
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The byte that the escape at the start of `bytes` stands for, if it is one of these.
    private func escape(at bytes: ArraySlice<UInt8>) -> UInt8? {
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "%") else { return nil }
        let start = bytes.startIndex
        guard let high = Self.hexValue(bytes[start + 1]), let low = Self.hexValue(bytes[start + 2]) else { return nil }
        let byte = high << 4 | low
        return self.bytes.contains(byte) ? byte : nil
    }

    /// The escape of `byte`: `%` and its two hex digits, upper case.
    private static func escape(of byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [UInt8(ascii: "%"), digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }

    /// The value of an upper-case hex digit (escapes are written upper case, and only those are read).
    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
