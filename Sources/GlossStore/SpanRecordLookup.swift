import Foundation
import LMDB

/// Finds the records of span keys that come in key order (from the label or value index)
/// through one cursor on `spans`. The next key is usually a few entries ahead of the last one
/// found, so the lookup first steps forward a few entries, then searches from the cursor's
/// page (LMDB searches that page alone when the key is on it), and descends from the root
/// only when the key is elsewhere.
struct SpanRecordLookup {
    /// Entries stepped over before searching: a label with a tenth of the spans is found
    /// within it about two times in three.
    static let steps = 4

    private let cursor: Cursor
    /// Whether the cursor stands on the last key found.
    private var positioned = false

    init(cursor: Cursor) { self.cursor = cursor }

    /// The record stored under `key`, or `nil` when there is none.
    mutating func record(_ key: SpanKey) throws -> UnsafeRawBufferPointer? {
        try key.withBytes { wanted in
            if positioned, let wantedBytes = wanted.baseAddress {
                // Keys are compared as LMDB orders them: as bytes.
                for _ in 0..<Self.steps {
                    guard let (found, value) = try cursor.next(), found.count == SpanKey.size,
                          let foundBytes = found.baseAddress else { break }
                    let order = memcmp(foundBytes, wantedBytes, SpanKey.size)
                    if order == 0 { return value }
                    if order > 0 { break }
                }
            }
            let entry = try cursor.seek(exactly: wanted)
            positioned = entry != nil
            return entry?.value
        }
    }
}
