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
