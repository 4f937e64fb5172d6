/// Dense ids for the name parts of one document's mentions: a part of one word has its form id
/// (see ``DocumentForms``); a compound part (عبد الله، نصر الله) gets an id after the forms.
struct PartIDs {
    /// Number of forms of the document: ids below it are one-word parts.
    let formCount: Int
    /// The words of each compound part, by id − ``formCount``.
    private var compounds: [[Int32]] = []
    /// The same by words, once there are more than ``linearLimit`` (fewer are searched one by one).
    private var compoundIDs: [[Int32]: Int] = [:]

    /// Compound parts searched one by one before they are hashed.
    static let linearLimit = 8

    init(formCount: Int) { self.formCount = formCount }

    /// The number of ids given so far.
    var count: Int { formCount + compounds.count }

    /// The id of the part held in `words[range]` (entries of ``Mention/words``: a first word
    /// and the continuations of a compound), `-1` for an empty part.
    @inline(__always)
    mutating func intern(_ words: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> Int {
        if range.count == 1 { return Int(words[range.lowerBound]) }
        if range.isEmpty { return -1 }
        return internCompound(words, range)
    }

    /// The id of a compound part (its array is built only when it is new or hashed).
    private mutating func internCompound(_ words: UnsafeBufferPointer<Int32>, _ range: Range<Int>) -> Int {
        let n = range.count
        if compounds.count <= Self.linearLimit {
            for c in compounds.indices where compounds[c].count == n {
                var same = compounds[c][0] == words[range.lowerBound]
                var k = 1
                while same, k < n {
                    same = compounds[c][k] == Mention.continuedForm(words[range.lowerBound + k])
                    k += 1
                }
                if same { return formCount + c }
            }
        }
        var part = [Int32]()
        part.reserveCapacity(n)
        part.append(words[range.lowerBound])
        for k in (range.lowerBound + 1)..<range.upperBound { part.append(Mention.continuedForm(words[k])) }
        if compounds.count > Self.linearLimit, let id = compoundIDs[part] { return id }
        compounds.append(part)
        if compounds.count == Self.linearLimit + 1 {
            for c in compounds.indices { compoundIDs[compounds[c]] = formCount + c }
        } else if compounds.count > Self.linearLimit + 1 {
            compoundIDs[part] = count - 1
        }
        return count - 1
    }

    /// The words of part `id`.
    func forms(of id: Int) -> [Int32] { id < formCount ? [Int32(id)] : compounds[id - formCount] }

    /// True when every word of part `id` is a simple form (see ``FormShape``).
    func isSimple(_ id: Int, _ forms: DocumentForms) -> Bool {
        if id < formCount { return forms.shape(Int32(id)).simple }
        return compounds[id - formCount].allSatisfy { forms.shape($0).simple }
    }
}

/// The linking keys of one part id: the entity whose one-word last part and first part it is
/// (`-1` for none), and (for a form) whether a compound last-part key of ``BareKeys/compounds``
/// starts with it.
struct KeySlot {
    var last: Int32 = -1
    var first: Int32 = -1
    var startsCompound = false
}

/// The linking keys of a scan for bare mentions, indexed by form id: the entity of each
/// one-word last-part and first-part key, and the compound last-part keys (نصر الله،
/// von der Leyen) by their first word.
struct BareKeys {
    /// The keys of each part id (ids of forms first, see ``PartIDs``); the scan reads the
    /// slots of forms only.
    private(set) var slots: [KeySlot]
    /// The compound last-part keys with their entities, in entity order (then by words), each
    /// marked at its first word's slot (``KeySlot/startsCompound``).
    private(set) var compounds: [(words: [Int32], entity: Int)] = []

    /// `slots` hold the entities of the one-word keys of each part id of `ids`; the compound
    /// ones go to ``compounds``, marked at their first word.
    init(_ slots: consuming [KeySlot], ids: PartIDs) {
        self.slots = slots
        guard ids.count > ids.formCount else { return }
        for id in ids.formCount..<ids.count where self.slots[id].last >= 0 {
            compounds.append((ids.forms(of: id), Int(self.slots[id].last)))
        }
        compounds.sort { $0.entity != $1.entity ? $0.entity < $1.entity : $0.words.lexicographicallyPrecedes($1.words) }
        for k in compounds.indices { self.slots[Int(compounds[k].words[0])].startsCompound = true }
    }

    /// True when `form` is a one-word key.
    @inline(__always)
    func knowsWord(_ form: Int32) -> Bool { slots[Int(form)].last >= 0 || slots[Int(form)].first >= 0 }

    /// True when some key starts with `form`.
    @inline(__always)
    func knows(_ form: Int32) -> Bool {
        let slot = slots[Int(form)]
        return slot.last >= 0 || slot.first >= 0 || slot.startsCompound
    }
}

/// The entities of the full names (two parts or more) linked so far, by key: the list of a
/// name's part ids, given as a range of a list that holds the keys of all mentions. A few keys
/// are searched one by one (most documents name few people in full); past ``linearLimit`` they
/// are hashed.
struct FullNames {
    /// The distinct keys added, as ranges of the key list, with their entities.
    private var entries: [(key: Range<Int>, entity: Int)] = []
    /// The same by key, once there are more than ``linearLimit``.
    private var table: [ArraySlice<Int>: Int] = [:]

    /// Keys searched one by one before they are hashed.
    static let linearLimit = 8

    /// The entity of the key `partIDs[key]`, if it was added.
    func entity(_ key: Range<Int>, _ partIDs: [Int]) -> Int? {
        if entries.count > Self.linearLimit { return table[partIDs[key]] }
        for entry in entries where entry.key.count == key.count {
            var same = true
            for k in 0..<key.count where partIDs[entry.key.lowerBound + k] != partIDs[key.lowerBound + k] {
                same = false
                break
            }
            if same { return entry.entity }
        }
        return nil
    }

    /// Adds the key `partIDs[key]` (not yet added) with its entity.
    mutating func add(_ key: Range<Int>, entity: Int, _ partIDs: [Int]) {
        entries.append((key, entity))
        guard entries.count > Self.linearLimit else { return }
        if entries.count == Self.linearLimit + 1 {
            table.reserveCapacity(2 * entries.count)
            for entry in entries { table[partIDs[entry.key]] = entry.entity }
        } else {
            table[partIDs[key]] = entity
        }
    }
}
