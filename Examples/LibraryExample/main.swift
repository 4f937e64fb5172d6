import GlossBuiltins
import GlossStore

// Open (or create) a store: a directory holding one LMDB database.
let path = CommandLine.arguments.dropFirst().first ?? "example.gloss"
let store = try GlossStore(path: path)

// Add a document; adding the same text again is a no-op.
try store.addDocument(name: "brief-1", text: "قال وزير الدفاع إن 3 آلاف جندي وصلوا إلى بغداد يوم 12 أيلول 2014.")

// Run the built-in extractors (people, numbers, places) over the stored documents.
let annotator = Annotator(store: store, extractors: try BuiltinExtractors.all())
let summary = try annotator.annotateStoredDocuments()
print("spans written:", summary.spansByLabel.values.reduce(0, +))

// Query spans by label, in document order.
for span in try store.spans(SpanQuery(labels: ["PLACE", "NUMBER"])) {
    print(span.label, span.start, span.end, span.text, span.value?.text ?? "-")
}

// Stream without copying: a SpanRef's text and value point into the store's memory map and are
// valid only inside the closure (nothing is allocated per span; `reference.span` makes a copy).
var numbers = 0.0
try store.forEachSpanReference(SpanQuery(labels: ["NUMBER"])) { reference in
    numbers += reference.valueRef?.number ?? 0
    return true  // false stops the stream
}
print("sum of numbers:", numbers)
