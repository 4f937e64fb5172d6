import GlossKit

/// A phrase dictionary over normalized tokens while the lexicon is being built; ``compiled(with:)``
/// turns it into a ``CompiledTrie`` keyed by vocabulary ids for matching.
struct TokenTrie<Payload: Sendable>: Sendable {
    private var children: [[ByteKey: Int]] = [[:]]
    private var payloads: [[Payload]] = [[]]

    /// The number of phrases added.
    private(set) var count = 0

    /// Adds a phrase given as normalized token forms.
    mutating func add(normalizedTokens keys: [String], payload: Payload) {
        guard !keys.isEmpty else { return }
        var node = 0
        for key in keys {
            if let next = children[node][ByteKey(key)] {
                node = next
            } else {
                children.append([:])
                payloads.append([])
                children[node][ByteKey(key)] = children.count - 1
                node = children.count - 1
            }
        }
        payloads[node].append(payload)
        count += 1
    }

    /// Every token form the trie uses, so that the vocabulary can give each an id.
    var keys: [String] { children.flatMap { $0.keys.map(\.string) } }

    /// The trie with edges keyed by ids of `vocabulary`, which must hold every key.
    func compiled(with vocabulary: ByteTable) -> CompiledTrie<Payload> {
        var root = [Int32](repeating: -1, count: vocabulary.count)
        var edges: [UInt64: Int32] = [:]
        for (node, map) in children.enumerated() {
            for (key, child) in map {
                let id = vocabulary.find(key.string)
                guard id >= 0 else { continue }
                if node == 0 {
                    root[Int(id)] = Int32(child)
                } else {
                    edges[CompiledTrie<Payload>.edgeKey(Int32(node), id)] = Int32(child)
                }
            }
        }
        return CompiledTrie(root: root, edges: edges, payloads: payloads, count: count)
    }
}

/// A phrase dictionary over normalized tokens, like GlossKit's `PhraseMatcher`, matched on the
/// lexicon ids of a document's tokens and with the proclitic readings the People extractor has
/// already computed for each form, so that a word is split into clitic + stem once per document
/// rather than once per dictionary and no token is hashed twice.
struct CompiledTrie<Payload: Sendable>: Sendable {
    /// Child of the root node by vocabulary id, `-1` for none.
    private let root: [Int32]
    /// Child of `(node, vocabulary id)` below the root.
    private let edges: [UInt64: Int32]
    /// Payloads of each node (empty for inner nodes).
    let payloads: [[Payload]]
    /// The number of phrases.
    let count: Int

    init(root: [Int32], edges: [UInt64: Int32], payloads: [[Payload]], count: Int) {
        self.root = root
        self.edges = edges
        self.payloads = payloads
        self.count = count
    }

    @inline(__always)
    static func edgeKey(_ node: Int32, _ id: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: id))
    }

    /// True when some phrase starts with vocabulary word `id`.
    @inline(__always)
    func starts(with id: Int32) -> Bool { root[Int(id)] >= 0 }

    /// The longest phrase starting at token `index`, trying the whole first word, then each of
    /// its proclitic readings (`readings`: vocabulary ids of the stems after one and two
    /// letters, `-1` when absent). `vocabOf` holds the vocabulary id of every token (`-1` when
    /// the form is not in the vocabulary). On equal length the earlier reading wins.
    func longest(_ vocabOf: [Int32], at index: Int, readings: (Int32, Int32)) -> TrieMatch? {
        var best: TrieMatch?
        for r in 0..<3 {
            let first = r == 0 ? vocabOf[index] : (r == 1 ? readings.0 : readings.1)
            guard first >= 0 else { continue }
            let start = root[Int(first)]
            guard start >= 0 else { continue }
            var node = start
            var lastNode: Int32 = payloads[Int(node)].isEmpty ? -1 : node
            var lastIndex = index
            var k = index + 1
            while k < vocabOf.count {
                let id = vocabOf[k]
                guard id >= 0, let next = edges[Self.edgeKey(node, id)] else { break }
                node = next
                if !payloads[Int(node)].isEmpty { lastNode = node; lastIndex = k }
                k += 1
            }
            guard lastNode >= 0 else { continue }
            if let current = best, current.end >= lastIndex + 1 { continue }
            best = TrieMatch(end: lastIndex + 1, prefixLength: r, node: lastNode)
        }
        return best
    }
}

/// One phrase found by a ``CompiledTrie``.
struct TrieMatch: Sendable {
    /// One past the last token of the match.
    let end: Int
    /// Normalized letters of proclitics cut off the first token.
    let prefixLength: Int
    /// The trie node of the phrase (its payloads are `payloads[node]`).
    let node: Int32
}
