import Foundation
import GlossKit
import LMDB

extension ReadContext {
    func documentSummaries() throws -> [DocumentSummary] {
        var result: [DocumentSummary] = []
        try txn.scan(schema.docs) { key, value in
            let id = ByteReader.u32(key, at: 0)
            let record = try DocumentRecord.decode(value)
            var spans = 0
            try txn.scan(schema.docState, prefix: IndexKey.prefix(id)) { _, state in
                spans += Int(try ExtractionState.decode(state).spanCount)
                return true
            }
            result.append(DocumentSummary(name: record.name, length: record.codePoints, bytes: record.utf8Count, spans: spans,
                                          hash: ContentHash.hex(record.hash), metadata: Self.decodeMetadata(record.metadataJSON)))
            return true
        }
        return result
    }

    static func decodeMetadata(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else { return [:] }
        return object
    }

    func statistics() throws -> StoreStatistics {
        var labels: [(String, Int)] = []
        for (name, id) in try store.dictionary.all(.label, in: txn, schema: schema) {
            let count = try counter(.label, id)
            if count > 0 { labels.append((name, count)) }
        }
        var sources: [(String, Int)] = []
        for (name, id) in try store.dictionary.all(.source, in: txn, schema: schema) {
            let count = try counter(.source, id)
            if count > 0 { sources.append((name, count)) }
        }
        var textBytes = 0
        try txn.scan(schema.docs) { _, value in
            textBytes += try DocumentRecord.decode(value).utf8Count
            return true
        }
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: store.path + "/data.mdb")[.size] as? Int) ?? 0
        let byCount: ((String, Int), (String, Int)) -> Bool = { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return StoreStatistics(
            documents: try txn.count(schema.docs), spans: try txn.count(schema.spans),
            labels: labels.sorted(by: byCount).map { (name: $0.0, count: $0.1) },
            sources: sources.sorted(by: byCount).map { (name: $0.0, count: $0.1) },
            fileBytes: fileBytes, usedBytes: store.environment.usedBytes, textBytes: textBytes,
            schemaVersion: Schema.version)
    }
}
