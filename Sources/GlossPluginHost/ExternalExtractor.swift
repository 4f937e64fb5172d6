import Foundation
import GlossKit

/// An out-of-process plugin as an ``Extractor``: each batch of documents is streamed through one
/// run of the plugin's process, following `docs/plugin-protocol.md`.
///
/// Creating one starts the plugin briefly for the handshake, so `id`, `version` and `labels` are
/// what the installed plugin says now. Failures — an error reply, a malformed or oversized line,
/// a crash, a document taking longer than `timeout` — fail only the document concerned; the
/// plugin is restarted for the documents it had not answered.
public struct ExternalExtractor: BatchExtractor {
    public let id: String
    public let version: String
    public let labels: [String]
    public let needs: [String]
    /// How the plugin is started.
    public let registration: PluginRegistration
    /// Seconds a document may take.
    public let timeout: Double
    /// Restarts allowed per batch after failures.
    public var restartsPerBatch = 3

    /// Starts the plugin, performs the handshake, and stops it again.
    public init(registration: PluginRegistration, timeout: Double = 30) throws {
        self.registration = registration
        self.timeout = timeout
        let hello = try Self.handshake(registration, timeout: min(timeout, 30))
        id = hello.id
        version = hello.version
        labels = hello.labels
        needs = hello.needs
    }

    /// What a plugin says about itself.
    public struct Hello: Sendable {
        public let id: String
        public let version: String
        public let labels: [String]
        public let needs: [String]
        public let options: [String]
    }

    /// Runs the handshake alone (used by `gloss plugins add`).
    public static func handshake(_ registration: PluginRegistration, timeout: Double = 30) throws -> Hello {
        let name = registration.id.isEmpty ? registration.command.joined(separator: " ") : registration.id
        let process: PluginProcess
        do {
            process = try PluginProcess(command: registration.command, environment: registration.environment)
        } catch {
            throw PluginError(plugin: name, problem: "\(error)")
        }
        defer { process.stop(force: false, grace: 1) }
        let hello = try awaitHello(process, name: name, options: registration.options, timeout: timeout)
        process.send([PluginProtocol.line(["type": "bye"])])
        return hello
    }

    private static func awaitHello(_ process: PluginProcess, name: String, options: [String: String], timeout: Double) throws -> Hello {
        process.send([PluginProtocol.line(["type": "hello", "protocol": PluginProtocol.version, "options": options])])
        guard let event = process.next(timeout: timeout) else {
            process.stop(force: true)
            throw PluginError(plugin: name, problem: "no handshake within \(Int(timeout)) s (does it flush its output after each line?)")
        }
        guard case .line(let line) = event else {
            throw PluginError(plugin: name, problem: "exited before the handshake\(process.lastErrors)")
        }
        guard let message = PluginProtocol.parse(line), message["type"] as? String == "hello" else {
            throw PluginError(plugin: name, problem: "answered the handshake with \(line.prefix(120).debugDescription), not a hello message")
        }
        guard let version = message["protocol"] as? Int, version == PluginProtocol.version else {
            throw PluginError(plugin: name, problem: "speaks protocol \(message["protocol"].map { "\($0)" } ?? "?"); this gloss speaks \(PluginProtocol.version)")
        }
        guard let id = message["id"] as? String, !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }),
              let pluginVersion = message["version"] as? String, !pluginVersion.isEmpty,
              let labels = message["labels"] as? [String], !labels.isEmpty else {
            throw PluginError(plugin: name, problem: "the handshake must give an id (letters, digits, - _ .), a version and a non-empty list of labels")
        }
        if let problem = labels.lazy.compactMap(SpanDraft.labelProblem).first {
            throw PluginError(plugin: name, problem: "its handshake declares an invalid label: \(problem)")
        }
        let needs = message["needs"] as? [String] ?? []
        let options = (message["options"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        return Hello(id: id, version: pluginVersion, labels: labels, needs: needs, options: options)
    }

    public func extract(batch documents: [Document]) -> [Result<[SpanDraft], any Error>] {
        var results = [Result<[SpanDraft], any Error>?](repeating: nil, count: documents.count)
        var restarts = 0
        while results.contains(where: { $0 == nil }) {
            let remaining = results.indices.filter { results[$0] == nil }
            if restarts > restartsPerBatch {
                for i in remaining {
                    results[i] = .failure(PluginError(plugin: id, document: documents[i].name,
                                                      problem: "not run: the plugin failed \(restarts) times in this batch"))
                }
                break
            }
            run(documents, indices: remaining, into: &results)
            restarts += 1
        }
        return results.map { $0 ?? .failure(PluginError(plugin: id, problem: "no result")) }
    }

    /// One process run over the documents at `indices`; stops at the first failure that ends
    /// the process (leaving later documents unanswered for a restart).
    private func run(_ documents: [Document], indices: [Int], into results: inout [Result<[SpanDraft], any Error>?]) {
        let process: PluginProcess
        do {
            process = try PluginProcess(command: registration.command, environment: registration.environment)
        } catch {
            for i in indices { results[i] = .failure(PluginError(plugin: id, document: documents[i].name, problem: "\(error)")) }
            return
        }
        do {
            _ = try Self.awaitHello(process, name: id, options: registration.options, timeout: timeout)
        } catch {
            process.stop(force: true)
            for i in indices { results[i] = .failure(error) }
            return
        }
        // seq numbers are 1-based positions in `indices`.
        var requests: [String] = []
        requests.reserveCapacity(indices.count)
        for i in indices {
            let document = documents[i]
            requests.append(PluginProtocol.line([
                "type": "document", "seq": requests.count + 1, "id": document.name, "text": document.text.string,
                "meta": document.metadata, "spans": document.spans.map(PluginProtocol.object),
            ]))
        }
        process.send(requests)
        var unanswered = Set(1...indices.count)
        func fail(_ seq: Int, _ problem: String) {
            results[indices[seq - 1]] = .failure(PluginError(plugin: id, document: documents[indices[seq - 1]].name, problem: problem))
            unanswered.remove(seq)
        }
        while let oldest = unanswered.min() {
            guard let event = process.next(timeout: timeout) else {
                process.stop(force: true)
                fail(oldest, "no reply within \(Int(timeout)) s; the plugin was stopped")
                return
            }
            switch event {
            case .closed:
                // A plugin that closes its output is usually exiting: a moment for its status.
                process.stop(force: false, grace: 1)
                let status = process.ending ?? "closed its output"
                fail(oldest, "the plugin \(status) before answering\(process.lastErrors)")
                return
            case .tooLong:
                process.stop(force: true)
                fail(oldest, "a reply is larger than \(PluginProcess.maximumLine >> 20) MiB")
                return
            case .line(let line):
                guard let message = PluginProtocol.parse(line), let type = message["type"] as? String else {
                    process.stop(force: true)
                    fail(oldest, "wrote a line that is not a JSON message: \(line.prefix(120).debugDescription)")
                    return
                }
                guard let seq = message["seq"] as? Int, unanswered.contains(seq) else {
                    process.stop(force: true)
                    fail(oldest, "replied with an unknown or repeated seq: \(line.prefix(120).debugDescription)")
                    return
                }
                switch type {
                case "spans":
                    var drafts: [SpanDraft] = []
                    var problem: String?
                    for object in message["spans"] as? [Any] ?? [] {
                        switch PluginProtocol.span(from: object) {
                        case .success(let draft): drafts.append(draft)
                        case .failure(let error): problem = problem ?? error.description
                        }
                    }
                    if message["spans"] != nil && !(message["spans"] is [Any]) { problem = "\"spans\" must be a list" }
                    if let problem {
                        fail(seq, "malformed reply: \(problem)")
                    } else {
                        results[indices[seq - 1]] = .success(drafts)
                        unanswered.remove(seq)
                    }
                case "error":
                    fail(seq, "reported an error: \(message["message"] as? String ?? "(no message)")")
                default:
                    process.stop(force: true)
                    fail(seq, "unknown reply type \(type.debugDescription)")
                    return
                }
            }
        }
        process.send([PluginProtocol.line(["type": "bye"])])
        process.stop(force: false)
    }
}
