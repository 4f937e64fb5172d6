import Foundation
import Testing
@testable import LMDB

/// A fresh environment in a temporary directory, removed when the test ends.
final class TemporaryEnvironment {
    let directory: URL
    let environment: Environment

    init(mapSize: Int = 1 << 24) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("lmdb-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = Environment.Options()
        options.mapSize = mapSize
        options.noSync = true
        environment = try Environment(path: directory.path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private func string(_ b: UnsafeRawBufferPointer?) -> String? { b.map { String(decoding: $0, as: UTF8.self) } }

private enum ByteReaderForTests {
    static func u32(_ b: UnsafeRawBufferPointer) -> UInt32 { b.prefix(4).reduce(0) { $0 << 8 | UInt32($1) } }
}

@Suite("LMDB environment and transactions")
struct EnvironmentTests {
    /// Letting go of the mapped pages, even inside a write, loses nothing: the pages are read
    /// again from the file.
    @Test func releasingMappedPagesKeepsTheData() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        let keys = (0..<5_000).map { bytes(String(format: "key-%06d", $0 * 7919 % 5_000)) }
        try env.write { txn in
            for key in keys { try txn.put(db, key: key, value: key + key) }
        }
        env.releaseMappedPages()
        try env.write { txn in
            for key in keys.prefix(2_500) {
                #expect(string(try txn.get(db, key: key)) == String(decoding: key + key, as: UTF8.self))
                env.releaseMappedPages()
                try txn.put(db, key: key, value: key)
            }
        }
        env.releaseMappedPages()
        let values = try env.read { txn in try keys.map { string(try txn.get(db, key: $0)) } }
        #expect(values == keys.enumerated().map { String(decoding: $0.offset < 2_500 ? $0.element : $0.element + $0.element, as: UTF8.self) })
    }

    @Test func writeThenReadBack() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        try env.write { txn in
            try txn.put(db, key: bytes("b"), value: bytes("two"))
            try txn.put(db, key: bytes("a"), value: bytes("one"))
        }
        let (a, b, missing) = try env.read { txn in
            (string(try txn.get(db, key: bytes("a"))), string(try txn.get(db, key: bytes("b"))),
             string(try txn.get(db, key: bytes("zzz"))))
        }
        #expect(a == "one")
        #expect(b == "two")
        #expect(missing == nil)
        #expect(try env.read { try $0.count(db) } == 2)
    }

    @Test func aThrowingWriteCommitsNothing() throws {
        struct Boom: Error {}
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        #expect(throws: Boom.self) {
            try env.write { txn in
                try txn.put(db, key: bytes("a"), value: bytes("one"))
                throw Boom()
            }
        }
        #expect(try env.read { try $0.count(db) } == 0)
    }

    @Test func readersSeeASnapshot() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        try env.write { try $0.put(db, key: bytes("k"), value: bytes("old")) }
        try env.read { reader in
            try env.write { try $0.put(db, key: bytes("k"), value: bytes("new")) }
            #expect(string(try reader.get(db, key: bytes("k"))) == "old")
        }
        #expect(try env.read { string(try $0.get(db, key: bytes("k"))) } == "new")
    }

    @Test func noOverwriteReportsKeyExists() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        try env.write { try $0.put(db, key: bytes("k"), value: bytes("1")) }
        do {
            try env.write { try $0.put(db, key: bytes("k"), value: bytes("2"), flags: .noOverwrite) }
            Issue.record("expected MDB_KEYEXIST")
        } catch let error as LMDBError {
            #expect(error.isKeyExists)
            #expect(error.description.contains("writing to things"))
        }
    }

    @Test func cursorsScanRangesAndPrefixes() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        try env.write { txn in
            for key in ["apple", "apricot", "banana", "blueberry", "cherry"] {
                try txn.put(db, key: bytes(key), value: bytes(key.uppercased()))
            }
        }
        var prefixed: [String] = []
        var fromB: [String] = []
        var deleted = 0
        try env.read { txn in
            try txn.scan(db, prefix: bytes("ap")) { key, _ in prefixed.append(string(key) ?? ""); return true }
            try bytes("b").withUnsafeBytes { start in
                try txn.scan(db, from: start) { key, value in
                    fromB.append(string(value) ?? "")
                    return fromB.count < 2
                }
            }
        }
        try env.write { txn in
            try txn.withCursor(db) { cursor in
                var entry = try cursor.first()
                while let (key, _) = entry {
                    if key.first == UInt8(ascii: "b") { try cursor.deleteCurrent(); deleted += 1; entry = try cursor.seek(atOrAfter: key) }
                    else { entry = try cursor.next() }
                }
            }
        }
        #expect(prefixed == ["apple", "apricot"])
        #expect(fromB == ["BANANA", "BLUEBERRY"])
        #expect(deleted == 2)
        #expect(try env.read { try $0.count(db) } == 3)
    }

    /// Several values of one key in one call: appended while they go last, inserted in place
    /// after the first that does not, a value already stored kept once; and single appends
    /// through a cursor refuse a key that does not sort last.
    @Test func cursorsPutManyDuplicatesAndAppend() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("dups", flags: [.create, .duplicateSort, .duplicateFixed])
        let plain = try env.openDatabase("plain", flags: .create)
        func values(_ numbers: [UInt32]) -> [UInt8] { numbers.flatMap { n in withUnsafeBytes(of: n.bigEndian, Array.init) } }
        try env.write { txn in
            try txn.withCursor(db) { cursor in
                try bytes("k").withUnsafeBytes { key in
                    try values([10, 20, 30]).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 4) }
                    try values([40, 50]).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 4) }
                    try values([5, 15, 30, 60]).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 4) }
                }
                try bytes("j").withUnsafeBytes { key in
                    try values(Array(0..<1_000).map { $0 * 3 }).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 4) }
                }
            }
            try txn.withCursor(plain) { cursor in
                var appended: [Bool] = []
                for key in ["a", "c", "b"] {
                    appended.append(try bytes(key).withUnsafeBytes { try cursor.append(key: $0, value: $0) })
                }
                #expect(appended == [true, true, false])
            }
        }
        var stored: [String: [UInt32]] = [:]
        try env.read { txn in
            try txn.scan(db) { key, value in
                stored[string(key) ?? "", default: []].append(ByteReaderForTests.u32(value))
                return true
            }
            #expect(try txn.count(plain) == 2)
        }
        #expect(stored["k"] == [5, 10, 15, 20, 30, 40, 50, 60])
        #expect(stored["j"] == Array(0..<1_000).map { $0 * 3 })
        do {
            try env.write { txn in
                try txn.withCursor(db) { cursor in
                    try bytes("k").withUnsafeBytes { key in
                        try values([1, 2, 3]).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 5) }
                    }
                }
            }
            Issue.record("values that are not a whole number of the size should be refused")
        } catch let error as LMDBError {
            #expect(error.code == EINVAL)
        }
    }

    /// Pages of fixed-size duplicates read back every value once, in order: from the first
    /// value, from a value in the middle (the page comes whole, values before it included), and
    /// for a key whose single value lives in its node.
    @Test func duplicatePagesReadBackEveryValue() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("dups", flags: [.create, .duplicateSort, .duplicateFixed])
        func word(_ n: UInt32) -> [UInt8] { withUnsafeBytes(of: n.bigEndian, Array.init) }
        let many = (0..<5_000).map { UInt32($0) * 3 }
        try env.write { txn in
            try txn.withCursor(db) { cursor in
                try bytes("many").withUnsafeBytes { key in
                    try many.flatMap(word).withUnsafeBytes { try cursor.putDuplicates(key: key, values: $0, size: 4) }
                }
                try bytes("one").withUnsafeBytes { key in try word(7).withUnsafeBytes { try cursor.putDuplicate(key: key, value: $0) } }
            }
        }
        func pages(_ cursor: Cursor) throws -> (count: Int, values: [UInt32]) {
            var values: [UInt32] = []
            var count = 0
            var page = try cursor.duplicatePage()
            while let current = page {
                count += 1
                #expect(current.count % 4 == 0)
                values += stride(from: 0, to: current.count, by: 4).map { ByteReaderForTests.u32(UnsafeRawBufferPointer(rebasing: current[$0...])) }
                page = try cursor.nextDuplicatePage()
            }
            return (count, values)
        }
        try env.read { txn in
            try txn.withCursor(db) { cursor in
                #expect(try bytes("many").withUnsafeBytes { try cursor.seek(exactly: $0) } != nil)
                let all = try pages(cursor)
                #expect(all.values == many)
                #expect(all.count > 1)
                // From a value in the middle: its page whole, then the pages after it.
                let found = try bytes("many").withUnsafeBytes { key in try word(9_001).withUnsafeBytes { try cursor.move(toKey: key, valueAtOrAfter: $0) } }
                #expect(found)
                let tail = try pages(cursor)
                #expect(tail.values.first.map { $0 <= 9_003 } == true)
                #expect(Array(tail.values.drop { $0 < 9_003 }) == many.filter { $0 >= 9_003 })
                #expect(try bytes("one").withUnsafeBytes { try cursor.seek(exactly: $0) } != nil)
                #expect(try pages(cursor).values == [7])
                #expect(try bytes("many").withUnsafeBytes { key in try word(20_000).withUnsafeBytes { try cursor.move(toKey: key, valueAtOrAfter: $0) } } == false)
            }
        }
    }

    @Test func mapGrowsWhenFull() throws {
        let temp = try TemporaryEnvironment(mapSize: 64 * 1024)
        let env = temp.environment
        let db = try env.openDatabase("big", flags: .create)
        let value = [UInt8](repeating: 7, count: 1000)
        let before = env.info().mapSize
        try env.write { txn in
            for i in 0..<5000 {
                try txn.put(db, key: bytes(String(format: "%08d", i)), value: value)
            }
        }
        #expect(env.info().mapSize > before)
        #expect(try env.read { try $0.count(db) } == 5000)
    }

    @Test func openingAMissingDirectoryFailsClearly() {
        do {
            _ = try Environment(path: "/nonexistent/gloss/store")
            Issue.record("expected an error")
        } catch let error as LMDBError {
            #expect(error.code == ENOENT)
            #expect(error.description.contains("/nonexistent/gloss/store"))
            #expect(error.description.contains("No such file"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func readOnlyEnvironmentRefusesWrites() throws {
        let temp = try TemporaryEnvironment()
        _ = try temp.environment.openDatabase("things", flags: .create)
        var options = Environment.Options()
        options.readOnly = true
        let reader = try Environment(path: temp.directory.path, options: options)
        let db = try reader.openDatabase("things")
        #expect(throws: LMDBError.self) {
            try reader.write { try $0.put(db, key: bytes("k"), value: bytes("v")) }
        }
    }

    @Test func garbageFileIsReportedAsInvalid() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lmdb-garbage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(repeating: 0x41, count: 8192).write(to: dir.appendingPathComponent("data.mdb"))
        do {
            _ = try Environment(path: dir.path)
            Issue.record("expected an error")
        } catch let error as LMDBError {
            #expect(error.isInvalidFile)
        }
    }

    @Test func compactCopy() throws {
        let temp = try TemporaryEnvironment()
        let env = temp.environment
        let db = try env.openDatabase("things", flags: .create)
        try env.write { try $0.put(db, key: bytes("k"), value: bytes("v")) }
        let copy = temp.directory.appendingPathComponent("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        try env.copy(to: copy.path)
        let copied = try Environment(path: copy.path)
        let copiedDB = try copied.openDatabase("things")
        #expect(try copied.read { string(try $0.get(copiedDB, key: bytes("k"))) } == "v")
    }
}

/// Dropping mapped pages from the resident set loses nothing and shrinks the process's RSS.
@Suite("Releasing mapped pages")
struct ReleaseMappedPagesTests {
    /// The `RssFile` line of /proc/self/status, in KiB (file-backed resident pages: the map).
    private func residentFileKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("RssFile:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    @Test func pagesComeBackAfterRelease() throws {
        let temp = try TemporaryEnvironment(mapSize: 1 << 26)
        let env = temp.environment
        let db = try env.openDatabase("values", flags: .create)
        let value = [UInt8](repeating: 0x61, count: 1000)
        try env.write { txn in
            for i in 0..<16_000 { try txn.put(db, key: Array(String(format: "%08d", i).utf8), value: value) }
        }
        try env.read { txn in
            var checksum = 0
            try txn.scan(db) { _, v in checksum &+= Int(v[0]) &+ Int(v[999]); return true }
            let before = residentFileKiB()
            env.releaseMappedPages()
            let after = residentFileKiB()
            // 16 MB of values were mapped; most of them are gone from the resident set now.
            #expect(before - after > 8_000, "RssFile \(before) KiB → \(after) KiB")
            var again = 0
            try txn.scan(db) { _, v in again &+= Int(v[0]) &+ Int(v[999]); return true }
            #expect(again == checksum)
            #expect(again == 16_000 * 2 * 0x61)
        }
    }
}
