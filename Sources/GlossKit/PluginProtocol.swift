import Foundation

/// The JSON-lines protocol between Gloss and out-of-process extractors (see
/// `docs/plugin-protocol.md`): message shapes shared by the host and by plugins written in Swift.
public enum PluginProtocol {
    /// The protocol version this GlossKit speaks.
    public static let version = 1

    /// Reads a span from a reply's JSON object; `nil` with a reason when it is malformed.
    public static func span(from object: Any) -> Result<SpanDraft, PluginProtocolError> {
        guard let fields = object as? [String: Any] else { return .failure(.init("a span is not a JSON object")) }
        guard let start = integer(fields["start"]), let end = integer(fields["end"]) else {
            return .failure(.init("a span lacks integer \"start\" and \"end\""))
        }
        guard let label = fields["label"] as? String else { return .failure(.init("a span lacks a string \"label\"")) }
        var draft = SpanDraft(start: start, end: end, label: label)
        switch fields["value"] {
        case nil, is NSNull: break
        case let s as String: draft.value = .string(s)
        case let n as NSNumber where !isBoolean(n):
            let d = n.doubleValue
            draft.value = d == d.rounded() && abs(d) < 9e15 ? .integer(Int64(d)) : .decimal(d)
        default: return .failure(.init("span \(start)..<\(end): \"value\" must be a string, a number or null"))
        }
        switch fields["confidence"] {
        case nil, is NSNull: break
        case let n as NSNumber where !isBoolean(n): draft.confidence = n.doubleValue
        default: return .failure(.init("span \(start)..<\(end): \"confidence\" must be a number"))
        }
        switch fields["attrs"] {
        case nil, is NSNull: break
        case let attrs as [String: Any]:
            for (key, value) in attrs {
                guard let s = value as? String else { return .failure(.init("span \(start)..<\(end): attribute \(key.debugDescription) must be a string")) }
                draft.attributes[key] = s
            }
        default: return .failure(.init("span \(start)..<\(end): \"attrs\" must be an object"))
        }
        return .success(draft)
    }

    /// A span as a JSON object.
    public static func object(_ span: SpanDraft) -> [String: Any] {
        var object: [String: Any] = ["start": span.start, "end": span.end, "label": span.label, "attrs": span.attributes]
        switch span.value {
        case nil: object["value"] = NSNull()
        case .integer(let n): object["value"] = n
        case .decimal(let d): object["value"] = d
        case .string(let s): object["value"] = s
        case .date(let date): object["value"] = date.iso
        }
        if span.confidence != 1 { object["confidence"] = span.confidence }
        return object
    }

    /// One JSON line (no trailing newline).
    public static func line(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses one line into a JSON object.
    public static func parse(_ line: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }

    static func integer(_ any: Any?) -> Int? {
        guard let n = any as? NSNumber, !isBoolean(n) else { return nil }
        let d = n.doubleValue
        guard d == d.rounded(), abs(d) < 1e15 else { return nil }
        return Int(d)
    }

    /// JSON booleans decode as NSNumber too; on Linux `0 as NSNumber is Bool` holds, so only
    /// the stored type tells them apart.
    static func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
}

/// Something wrong with a plugin message.
public struct PluginProtocolError: Error, CustomStringConvertible, Sendable {
    /// What is wrong.
    public let description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

/// The Swift side of the plugin protocol: an extractor outside this repository becomes a Gloss
/// plugin with one call from its `@main`:
///
/// ```swift
/// import GlossKit
///
/// @main
/// struct Main {
///     static func main() { PluginMain.run(HashtagExtractor()) }
/// }
/// ```
public enum PluginMain {
    /// Serves `extractor` over standard input and output until Gloss says bye (or closes the
    /// pipe), then exits.
    public static func run(_ extractor: some Extractor) -> Never {
        while let line = readLine(strippingNewline: true) {
            guard !line.isEmpty else { continue }
            guard let message = PluginProtocol.parse(line), let type = message["type"] as? String else {
                FileHandle.standardError.write(Data("plugin \(extractor.id): ignoring a line that is not a JSON message\n".utf8))
                continue
            }
            switch type {
            case "hello":
                send(["type": "hello", "protocol": PluginProtocol.version, "id": extractor.id, "version": extractor.version,
                      "labels": extractor.labels, "needs": extractor.needs, "options": [] as [Any]])
            case "document":
                let seq = message["seq"] as? Int ?? 0
                guard let text = message["text"] as? String else {
                    send(["type": "error", "seq": seq, "message": "the request has no text"])
                    continue
                }
                var metadata: [String: String] = [:]
                for (k, v) in message["meta"] as? [String: Any] ?? [:] { metadata[k] = v as? String ?? "\(v)" }
                let spans = (message["spans"] as? [Any] ?? []).compactMap { try? PluginProtocol.span(from: $0).get() }
                let document = Document(name: message["id"] as? String ?? "", text: text, metadata: metadata, spans: spans)
                do {
                    let drafts = try extractor.extract(document)
                    send(["type": "spans", "seq": seq, "spans": drafts.map(PluginProtocol.object)])
                } catch {
                    send(["type": "error", "seq": seq, "message": "\(error)"])
                }
            case "bye":
                exit(0)
            default:
                send(["type": "error", "seq": message["seq"] as? Int ?? 0, "message": "unknown message type \(type.debugDescription)"])
            }
        }
        exit(0)
    }

    private static func send(_ object: [String: Any]) {
        FileHandle.standardOutput.write(Data((PluginProtocol.line(object) + "\n").utf8))
    }
}
