import ArgumentParser

/// How `query` and `export` print spans.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// An aligned table for people.
    case table
    /// One JSON object a line.
    case jsonl
    /// One JSON array.
    case json
    /// Tab-separated values with a header line.
    case tsv
    /// brat standoff `.ann` lines (T, A and AnnotatorNotes lines).
    case brat
    /// W3C Web Annotation JSON-LD, one annotation a line.
    case webanno
}
