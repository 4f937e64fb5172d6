import Dispatch
import GlossKit
import GlossNumbers
import GlossPeople
import GlossPlaces
import Synchronization

/// The extractors that ship with Gloss, by name: `people`, `numbers` and `places`.
public enum BuiltinExtractors {
    /// The names of the built-in extractors, in the order `annotate` runs them.
    public static var names: [String] { factories.map(\.name) }

    /// Creates the built-in extractor called `name`, or returns `nil` for an unknown name.
    public static func make(_ name: String) throws -> (any Extractor)? {
        try factories.first { $0.name == name }?.make()
    }

    /// Creates every built-in extractor.
    public static func all() throws -> [any Extractor] {
        try make(names: names)
    }

    /// Creates the built-in extractors called `names`, in that order, loading their word lists
    /// side by side on the machine's cores (each takes tens of milliseconds, which a short run
    /// would otherwise wait for one after the other). Throws `UnknownBuiltinExtractor` for a
    /// name that is not a built-in, or the first error of a failed load, in `names` order.
    public static func make(names: [String]) throws -> [any Extractor] {
        let factories = try names.map { name in
            guard let factory = Self.factories.first(where: { $0.name == name }) else { throw UnknownBuiltinExtractor(name: name) }
            return factory.make
        }
        guard factories.count > 1 else { return try factories.map { try $0() } }
        // Every slot is filled: concurrentPerform returns once each iteration has run.
        let made = Mutex([Result<any Extractor, any Error>](repeating: .failure(NotLoaded()), count: factories.count))
        DispatchQueue.concurrentPerform(iterations: factories.count) { k in
            let result = Result { try factories[k]() }
            made.withLock { $0[k] = result }
        }
        return try made.withLock { results in try results.map { try $0.get() } }
    }

    /// The state of a slot of ``make(names:)`` before its extractor is made.
    private struct NotLoaded: Error {}

    private static let factories: [(name: String, make: @Sendable () throws -> any Extractor)] = [
        ("people", { try PeopleExtractor() }),
        ("numbers", { NumbersExtractor() }),
        ("places", { try PlacesExtractor() }),
    ]
}

/// A name given to ``BuiltinExtractors/make(names:)`` that is not a built-in extractor's.
public struct UnknownBuiltinExtractor: Error, CustomStringConvertible {
    /// The name asked for.
    public let name: String

    public var description: String {
        "no built-in extractor is called \(name.debugDescription) (built-ins: \(BuiltinExtractors.names.joined(separator: ", ")))"
    }
}
