/// Distinct short strings (kinds, country codes) numbered in order of first appearance.
struct Interner<Code: FixedWidthInteger> {
    private(set) var names: [String] = []
    private var codes: [String: Code] = [:]
    /// Codes of names of 1–8 bytes without NUL, by their bytes packed into an integer.
    private var packedCodes: [UInt64: Code] = [:]
    private var lastPacked: UInt64 = 0
    private var lastCode: Code = 0

    init(_ initial: [String]) {
        for name in initial { _ = code(name) }
    }

    mutating func code(_ name: String) -> Code {
        if let code = codes[name] { return code }
        let code = Code(names.count)
        names.append(name)
        codes[name] = code
        return code
    }

    /// The code of a UTF-8 name (rows come grouped: the last name is checked first).
    mutating func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Code {
        guard (1...8).contains(bytes.count), !bytes.contains(0) else {
            return code(String(decoding: bytes, as: UTF8.self))
        }
        var packed: UInt64 = 0
        for byte in bytes { packed = packed << 8 | UInt64(byte) }
        if packed == lastPacked { return lastCode }
        let found: Code
        if let known = packedCodes[packed] {
            found = known
        } else {
            found = code(String(decoding: bytes, as: UTF8.self))
            packedCodes[packed] = found
        }
        lastPacked = packed
        lastCode = found
        return found
    }
}
