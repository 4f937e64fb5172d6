import Foundation
import GlossKit
import LMDB
import Testing
@testable import GlossStore

@Suite("Check, backup and the writer lock")
struct CheckTests {
    private func populated() throws -> TemporaryStore {
        let temp = try TemporaryStore()
        _ = try Annotator(store: temp.store, extractors: [DigitsExtractor(), CityExtractor()])
            .annotate([AnnotationInput(name: "a", text: "بغداد 1 و 2"), AnnotationInput(name: "b", text: "Paris 3")])
        return temp
    }

    @Test func aSoundStorePasses() throws {
        let temp = try populated()
        let report = try temp.store.check()
        #expect(report.isSound, "\(report.problems)")
        #expect(report.documents == 2)
        #expect(report.spans == 5)
    }

    /// Index entries are put in key order when a transaction's spans are done (see
    /// PendingIndexEntries): a document replaced later in the same batch must lose its first
    /// spans from both indexes, and every span of a many-document batch must be found by label,
    /// by document and by value.
    @Test func indexesHoldExactlyTheSpansOfABatch() throws {
        let temp = try TemporaryStore()
        let store = temp.store
        var inputs = (0..<40).map { i in
            AnnotationInput(name: "doc\(i % 7)", text: "Paris \(i) بغداد \(i * 3) الموصل \(i + 100)")
        }
        inputs.append(AnnotationInput(name: "doc3", text: "Paris 77"))
        var annotator = Annotator(store: store, extractors: [DigitsExtractor(), CityExtractor()])
        annotator.batchDocuments = 1000
        _ = try annotator.annotate(inputs)

        let report = try store.check()
        #expect(report.isSound, "\(report.problems)")
        #expect(report.spans == 6 * 6 + 2)
        #expect(try store.spans(SpanQuery(labels: ["NUMBER"], documents: ["doc3"])).map(\.text) == ["77"])
        #expect(try store.spans(SpanQuery(labels: ["CITY"], documents: ["doc3"])).map(\.text) == ["Paris"])
        #expect(try store.spans(SpanQuery(labels: ["NUMBER"], minimum: 77, maximum: 77)).map(\.document) == ["doc3"])
        // The last text of each other document: i = 33...39 for doc5, doc6, doc0, …
        let numbers = try store.spans(SpanQuery(labels: ["NUMBER"])).map(\.text)
        let expected = (33..<40).filter { $0 % 7 != 3 }.flatMap { ["\($0)", "\($0 * 3)", "\($0 + 100)"] }
        #expect(numbers.sorted() == (expected + ["77"]).sorted())
        #expect(try store.spans(SpanQuery(labels: ["CITY"], value: "Paris")).count == 7)
        #expect(try store.count(SpanQuery(labels: ["CITY"]), by: .value).map(\.count).reduce(0, +) == 6 * 3 + 1)
    }

    @Test func findsAMissingIndexEntry() throws {
        let temp = try populated()
        let store = temp.store
        try store.environment.write { txn in
            try txn.withCursor(store.schema.byLabel) { cursor in
                _ = try cursor.first()
                try cursor.deleteCurrent()
            }
        }
        let report = try store.check()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("missing from the label index") })
    }

    @Test func findsADamagedTextAndCounter() throws {
        let temp = try populated()
        let store = temp.store
        try store.environment.write { txn in
            try TextChunks.withKey(document: 1, chunk: 0) { key in
                try Array("Bagdad 1 y 2".utf8).withUnsafeBytes { try txn.put(store.schema.texts, key: key, value: $0) }
            }
            try txn.put(store.schema.counters, key: CounterKey.make(.label, 1), value: [0, 0, 0, 0, 0, 0, 0, 99])
        }
        let problems = try store.check().problems
        #expect(problems.contains { $0.contains("does not match its hash") })
        #expect(problems.contains { $0.contains("says 99 spans") })
    }

    @Test func backupIsACompleteCopy() throws {
        let temp = try populated()
        let destination = temp.directory.path + "-backup"
        defer { try? FileManager.default.removeItem(atPath: destination) }
        try temp.store.backup(to: destination)
        let copy = try GlossStore(path: destination)
        #expect(try copy.check().isSound)
        #expect(try copy.spans().map(\.text) == temp.store.spans().map(\.text))
        #expect(throws: StoreError.self) { try temp.store.backup(to: destination) }
    }

    @Test func aStoreIsCreatedOnlyInANewOrEmptyDirectory() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gloss-store-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("mine\n".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        #expect(throws: StoreError.self) { try GlossStore(path: folder.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"], "nothing was added beside it")
        #expect(throws: StoreError.self) { try GlossStore(path: "") }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("notes.txt"))
        let store = try GlossStore(path: folder.path)
        #expect(try store.documents().isEmpty)
    }

    @Test func writerLockIsExclusiveAndReleased() throws {
        let temp = try populated()
        var first: WriterLock? = try temp.store.lockForWriting()
        let other = try GlossStore(path: temp.directory.path)
        do {
            _ = try other.lockForWriting(waitingUpTo: 0.2)
            Issue.record("the lock should be taken")
        } catch let error as StoreError {
            #expect(error.description.contains("pid \(getpid())"))
        }
        withExtendedLifetime(first) {}
        first = nil
        _ = try other.lockForWriting()
    }
}

@Suite("Pending index entries")
struct PendingIndexEntriesTests {
    /// The order they are put in is LMDB's: keys as unsigned bytes (a prefix first), then values
    /// — checked against a plain sort of random keys of mixed lengths that share long prefixes
    /// (lengths on both sides of each way an entry's bytes are copied: 4, 8, 16, 32 bytes).
    /// With keys of four bytes or more the entries are first grouped by those four bytes; a
    /// shorter key anywhere leaves them to the sort alone.
    @Test(arguments: [[4, 5, 13, 17, 20], [4, 8, 9, 15, 16, 17, 24], [2, 3, 4, 13, 20], [1, 7, 31, 32, 33, 40]])
    func sortsAsLMDBCompares(_ keyLengths: [Int]) throws {
        let temp = try TemporaryStore()
        var pending = PendingIndexEntries(temp.store.schema.byValue)
        var random = SystemRandomNumberGenerator()
        var expected: [(key: [UInt8], value: [UInt8])] = []
        for _ in 0..<2000 {
            let keyLength = keyLengths[Int.random(in: 0..<keyLengths.count, using: &random)]
            let key = (0..<keyLength).map { i in i < 3 ? UInt8(0) : UInt8.random(in: 0...2, using: &random) }
            let value = (0..<20).map { _ in UInt8.random(in: 0...1, using: &random) }
            key.withUnsafeBytes { k in value.withUnsafeBytes { pending.append(key: k, value: $0) } }
            expected.append((key, value))
        }
        func lexicographic(_ a: [UInt8], _ b: [UInt8]) -> Bool { a.lexicographicallyPrecedes(b) }
        expected.sort { $0.key != $1.key ? lexicographic($0.key, $1.key) : lexicographic($0.value, $1.value) }
        pending.sort()
        let sorted = pending.pairs
        #expect(sorted.count == expected.count)
        #expect(sorted.map(\.key) == expected.map(\.key))
        #expect(sorted.map(\.value) == expected.map(\.value))
    }

    /// Inputs that trouble quicksorts: already sorted, reversed, all equal, few distinct keys.
    @Test(arguments: ["sorted", "reversed", "equal", "few"])
    func sortsAwkwardInputs(_ shape: String) throws {
        let temp = try TemporaryStore()
        var pending = PendingIndexEntries(temp.store.schema.byLabel)
        let count = 5000
        var expected: [[UInt8]] = []
        for i in 0 ..< count {
            let n: Int
            switch shape {
            case "sorted": n = i
            case "reversed": n = count - i
            case "equal": n = 7
            default: n = (i * 7919) % 3
            }
            let key: [UInt8] = [0, 0, 0, UInt8(n % 5)]
            let value = (0 ..< 20).map { UInt8(truncatingIfNeeded: (n >> (($0 % 4) * 8))) }
            key.withUnsafeBytes { k in value.withUnsafeBytes { pending.append(key: k, value: $0) } }
            expected.append(key + value)
        }
        expected.sort { $0.lexicographicallyPrecedes($1) }
        pending.sort()
        #expect(pending.pairs.map { $0.key + $0.value } == expected)
    }
}
