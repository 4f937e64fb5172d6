/// Builds the key index of a gazetteer while its rows are read: a slot per distinct key (its
/// bytes in the file and its rules), the word records of first tokens, and the phrase hashes
/// of keys of two or more tokens and of their proper prefixes.
struct KeyIndexBuilder {
    private(set) var words: WordIndex
    private(set) var phrases: PhraseIndex
    /// The bytes of slot `s`'s key are `file[keyStart[s]..<keyEnd[s]]`.
    private(set) var keyStart: [Int32] = []
    private(set) var keyEnd: [Int32] = []
    /// The next slot of a longer key with the same phrase hash, or -1.
    private(set) var slotNext: [Int32] = []
    /// The longest key, in tokens.
    private(set) var maxTokens = 1
    /// The rules in file order, and the slot of each.
    private var rules: [VariantRule] = []
    private var slotOfRule: [Int32] = []

    init(capacity: Int) {
        words = WordIndex(capacity: capacity)
        phrases = PhraseIndex(capacity: capacity)
        rules.reserveCapacity(capacity + capacity / 4)
        slotOfRule.reserveCapacity(capacity + capacity / 4)
    }

    /// Adds a variant rule under its key `file[key]` (normalised tokens joined by one space).
    mutating func add(_ rule: VariantRule, key: Range<Int>, in file: UnsafeBufferPointer<UInt8>) {
        // The key's tokens, hashed one by one into the phrase hash; each space ends a proper
        // prefix (marked from two tokens on: one-token prefixes are word records).
        var phraseHash = PhraseHash.seed
        var tokens = 0
        var firstEnd = key.upperBound
        var partStart = key.lowerBound
        for offset in key where file[offset] == 0x20 {
            if tokens == 0 { firstEnd = offset }
            phraseHash = PhraseHash.extend(phraseHash, FastKey.hash(bytes: UnsafeBufferPointer(rebasing: file[partStart..<offset])))
            tokens += 1
            if tokens >= 2 { phrases.markPrefix(phraseHash) }
            partStart = offset + 1
        }
        phraseHash = PhraseHash.extend(phraseHash, FastKey.hash(bytes: UnsafeBufferPointer(rebasing: file[partStart..<key.upperBound])))
        tokens += 1
        maxTokens = max(maxTokens, tokens)
        let record = words.record(for: UnsafeBufferPointer(rebasing: file[key.lowerBound..<firstEnd]))
        let slot: Int32
        if tokens == 1 {
            if words.slot[Int(record)] >= 0 {
                slot = words.slot[Int(record)]
            } else {
                slot = newSlot(key)
                words.setSlot(record, slot)
                words.mark(record: record, .phraseKey)
            }
        } else {
            words.mark(record: record, .phrasePrefix)
            // The slot of this key among those with its hash, or a new one at the chain's end.
            let entry = phrases.entry(for: phraseHash)
            var found = phrases.slot(entry)
            var last: Int32 = -1
            while found >= 0, !file[Int(keyStart[Int(found)])..<Int(keyEnd[Int(found)])].elementsEqual(file[key]) {
                last = found
                found = slotNext[Int(found)]
            }
            if found >= 0 {
                slot = found
            } else {
                slot = newSlot(key)
                if last >= 0 { slotNext[Int(last)] = slot } else { phrases.setFirstSlot(entry, slot) }
            }
        }
        rules.append(rule)
        slotOfRule.append(slot)
    }

    private mutating func newSlot(_ key: Range<Int>) -> Int32 {
        let slot = Int32(keyStart.count)
        keyStart.append(Int32(key.lowerBound))
        keyEnd.append(Int32(key.upperBound))
        slotNext.append(-1)
        return slot
    }

    /// The word index, moved out of the builder (so that marking it more does not copy it).
    mutating func takeWords() -> WordIndex {
        let taken = words
        words = WordIndex(capacity: 0)
        return taken
    }

    /// The rules grouped by slot (file order within a slot); slot `s` has
    /// `rules[ruleStart[s]..<ruleStart[s + 1]]`.
    func rulesBySlot() -> (rules: [VariantRule], ruleStart: [Int32]) {
        var ruleStart = [Int32](repeating: 0, count: keyStart.count + 1)
        for slot in slotOfRule { ruleStart[Int(slot) + 1] += 1 }
        for s in 0..<keyStart.count { ruleStart[s + 1] += ruleStart[s] }
        var fill = ruleStart
        var grouped = rules
        for (k, slot) in slotOfRule.enumerated() {
            grouped[Int(fill[Int(slot)])] = rules[k]
            fill[Int(slot)] += 1
        }
        return (grouped, ruleStart)
    }
}
