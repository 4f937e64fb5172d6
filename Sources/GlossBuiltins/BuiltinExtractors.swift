import GlossKit
import GlossNumbers
import GlossPeople
import GlossPlaces

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
        try factories.map { try $0.make() }
    }

    private static let factories: [(name: String, make: @Sendable () throws -> any Extractor)] = [
        ("people", { try PeopleExtractor() }),
        ("numbers", { NumbersExtractor() }),
        ("places", { try PlacesExtractor() }),
    ]
}
