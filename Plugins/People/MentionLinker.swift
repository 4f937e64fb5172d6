import GlossKit

/// Links the mentions of one document: groups them into entities, finds later (and earlier)
/// mentions by family name alone or first name alone, and gives every mention the full name as
/// its value and an entity number shared by all mentions of the same person.
struct MentionLinker {
    let a: TextAnalysis

    private struct Entity {
        var parts: [[String]]
        var arabic: Bool
    }

    func link(_ input: [Mention], covered: inout [Bool]) -> [Mention] {
        var mentions = input.sorted { $0.start < $1.start }
        var entities: [Entity] = []
        var byFull: [ByteKey: Int] = [:]

        // 1. Full names (two parts or more) define entities.
        for (m, mention) in mentions.enumerated() where mention.parts.count >= 2 {
            let key = fullKey(mention.parts, arabic: mention.arabic)
            if let e = byFull[ByteKey(key)] {
                mentions[m].entity = e
                if mention.parts.count > entities[e].parts.count { entities[e].parts = mention.parts }
            } else if let e = entityContaining(mention, entities) {
                mentions[m].entity = e
                if mention.parts.count > entities[e].parts.count { entities[e].parts = mention.parts }
                byFull[ByteKey(key)] = e
            } else {
                entities.append(Entity(parts: mention.parts, arabic: mention.arabic))
                byFull[ByteKey(key)] = entities.count - 1
                mentions[m].entity = entities.count - 1
            }
        }
        // Keys for bare mentions: last part (family name) and first part (given name), each
        // kept only when it points at one entity.
        var lastKeys: [ByteKey: Int] = [:]
        var firstKeys: [ByteKey: Int] = [:]
        var clash: Set<ByteKey> = []
        for (e, entity) in entities.enumerated() {
            guard let last = entity.parts.last, let first = entity.parts.first else { continue }
            for (key, isLast) in [(joined(last, entity.arabic), true), (joined(first, entity.arabic), false)] {
                if isLast {
                    if let other = lastKeys[ByteKey(key)], other != e { clash.insert(ByteKey(key)) } else { lastKeys[ByteKey(key)] = e }
                } else {
                    if let other = firstKeys[ByteKey(key)], other != e { clash.insert(ByteKey(key)) } else { firstKeys[ByteKey(key)] = e }
                }
            }
        }
        for key in clash { lastKeys[key] = nil; firstKeys[key] = nil }

        // 2. Single-part mentions found by evidence join an entity by key, or start their own.
        for (m, mention) in mentions.enumerated() where mention.parts.count < 2 {
            let key = mention.parts.first.map { joined($0, mention.arabic) } ?? ""
            if let e = lastKeys[ByteKey(key)] ?? firstKeys[ByteKey(key)] {
                mentions[m].entity = e
            } else {
                entities.append(Entity(parts: mention.parts, arabic: mention.arabic))
                mentions[m].entity = entities.count - 1
                if !key.isEmpty, lastKeys[ByteKey(key)] == nil { lastKeys[ByteKey(key)] = entities.count - 1 }
            }
        }

        // 3. Bare mentions anywhere in the document.
        var extra: [Mention] = []
        if !lastKeys.isEmpty || !firstKeys.isEmpty {
            var multiWord: [ByteKey: [([String], Int)]] = [:]
            for (k, e) in lastKeys where k.string.contains(" ") {
                let words = k.string.split(separator: " ").map(String.init)
                if let head = words.first { multiWord[ByteKey(head), default: []].append((words, e)) }
            }
            var i = 0
            let n = a.tokens.count
            while i < n {
                guard !covered[i], a.tokens[i].kind == .word else { i += 1; continue }
                if let found = bareMention(at: i, lastKeys: lastKeys, firstKeys: firstKeys, multiWord: multiWord) {
                    var mention = found.mention
                    mention.entity = found.entity
                    for k in mention.tokens { covered[k] = true }
                    extra.append(mention)
                    i = mention.tokens.upperBound
                } else {
                    i += 1
                }
            }
        }
        mentions.append(contentsOf: extra)
        mentions.sort { $0.start < $1.start }

        // 4. Values and entity numbers in order of first appearance.
        var order: [Int: Int] = [:]
        for mention in mentions where order[mention.entity] == nil { order[mention.entity] = order.count + 1 }
        var valueOf: [Int: (text: String, parts: Int)] = [:]
        for mention in mentions where mention.evidence != .link {
            if let current = valueOf[mention.entity], current.parts >= mention.parts.count { continue }
            valueOf[mention.entity] = (a.cleanSurface(mention.start, mention.end), mention.parts.count)
        }
        for m in mentions.indices {
            let e = mentions[m].entity
            mentions[m].value = valueOf[e]?.text ?? a.cleanSurface(mentions[m].start, mentions[m].end)
            mentions[m].entity = order[e] ?? 0
        }
        return mentions
    }

    private func joined(_ part: [String], _ arabic: Bool) -> String { part.joined(separator: " ") }

    private func fullKey(_ parts: [[String]], arabic: Bool) -> String {
        parts.map { $0.joined(separator: " ") }.joined(separator: "|")
    }

    /// An existing entity whose name contains this one as a prefix or suffix of parts
    /// (جو بايدن ⊂ الرئيس جو بايدن; Joe Biden ⊂ Joseph Robinette Biden is not tried).
    private func entityContaining(_ mention: Mention, _ entities: [Entity]) -> Int? {
        for (e, entity) in entities.enumerated() where entity.arabic == mention.arabic {
            let p = entity.parts
            let q = mention.parts
            if p.count >= q.count, p.first == q.first, p.last == q.last { return e }
            if q.count > p.count, q.first == p.first, q.last == p.last { return e }
        }
        return nil
    }

    private func bareMention(at i: Int, lastKeys: [ByteKey: Int], firstKeys: [ByteKey: Int],
                             multiWord: [ByteKey: [([String], Int)]]) -> (mention: Mention, entity: Int)? {
        let t = a.tokens[i]
        var key = t.normalized
        var prefix = 0
        if t.script == .latin {
            guard a.features[i].capitalized else { return nil }
        } else if t.script == .arabic {
            if lastKeys[ByteKey(key)] == nil && firstKeys[ByteKey(key)] == nil && multiWord[ByteKey(key)] == nil {
                // A proclitic on the bare mention: وبايدن، لنتنياهو، للمالكي.
                for reading in a.readings[i] where lastKeys[ByteKey(reading.stem)] != nil || firstKeys[ByteKey(reading.stem)] != nil {
                    key = reading.stem
                    prefix = reading.prefixLength
                    break
                }
            }
        } else {
            return nil
        }
        // Multi-token family names (نصر الله، von der Leyen).
        var end = i + 1
        var entity: Int?
        var isLast = true
        if let e = lastKeys[ByteKey(key)] {
            entity = e
        } else if let e = firstKeys[ByteKey(key)] {
            entity = e
            isLast = false
        } else {
            for (words, e) in multiWord[ByteKey(key)] ?? [] {
                if i + words.count <= a.tokens.count,
                   (1..<words.count).allSatisfy({ a.tokens[i + $0].normalized == words[$0] }) {
                    entity = e
                    end = i + words.count
                    break
                }
            }
        }
        guard let entity else { return nil }
        if t.script == .arabic, !plausibleArabicBare(i, key: key, isLast: isLast, prefix: prefix) { return nil }
        if t.script == .latin, !plausibleLatinBare(i, end: end) { return nil }
        let start = prefix == 0 ? t.start : a.text.offset(in: t, afterNormalized: prefix)
        let mention = Mention(tokens: i..<end, start: start, end: a.tokens[end - 1].end, evidence: .link,
                              confidence: isLast ? 0.75 : 0.6, parts: [[key]], arabic: t.script == .arabic)
        return (mention, entity)
    }

    /// A bare Arabic family name is an adjective when it follows a definite noun ("الجيش السوداني")
    /// or a title ("الرئيس السوري"). A key that is also a common word (صالح، الأسد، أمل) links only
    /// as a family name, bare or after the conjunctions و ف (never in لصالح), and not after a definite noun.
    private func plausibleArabicBare(_ i: Int, key: String, isLast: Bool, prefix: Int) -> Bool {
        let f = a.features[i]
        if f.maqsuraStop { return false }
        // مدينة زويل، مطار الحريري: after an organisation or facility word the name is that place's.
        if prefix == 0, i > 0, a.tokens[i - 1].script == .arabic, a.features[i - 1].stem.contains(.org) { return false }
        let cls = a.lexicon.arabic[ByteKey(key)] ?? []
        // A bare surname that is also a verb (تراس Truss / ترأس chaired) is the verb.
        if cls.contains(.verb) || cls.contains(.verbAmbiguous) { return false }
        let nisbaShaped = key.hasPrefix("ال") && key.hasSuffix("ي")
        let ambiguous = nisbaShaped || cls.contains(.nationality) || cls.contains(.familyAmbiguous) || cls.contains(.givenAmbiguous)
        guard ambiguous else { return true }
        if !isLast { return false }
        if prefix > 0 {
            let first = a.tokens[i].normalized.unicodeScalars.first
            return prefix == 1 && (first == "\u{0648}" || first == "\u{0641}")
        }
        if i > 0, a.sameSentence(i - 1, i), a.tokens[i - 1].kind == .word, a.tokens[i - 1].script == .arabic {
            let before = a.features[i - 1]
            let definite = before.article || before.stemForm.hasPrefix("ال")
            if definite && !before.stem.contains(.verb) { return false }
            if a.titleAt[i - 1] != nil { return false }
        }
        return true
    }

    private func plausibleLatinBare(_ i: Int, end: Int) -> Bool {
        // Right after another capitalised word it belongs to a longer name (Hunter Biden is not Joe Biden).
        if i > 0, a.tokens[i - 1].kind == .word, a.tokens[i - 1].script == .latin, a.features[i - 1].capitalized,
           a.sameSentence(i - 1, i), a.titleAt[i - 1] == nil,
           !a.features[i - 1].word.intersects([.sentenceStart, .nationality, .common, .place]) {
            return false
        }
        return true
    }
}
