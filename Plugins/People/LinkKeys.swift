/// Dense ids for the name parts of one document's mentions: a part of one word has its form id
/// (see ``DocumentForms``); a compound part (عبد الله، نصر الله) gets an id after the forms.
struct PartIDs {
    /// Number of forms of the document: ids below it are one-word parts.
    let formCount: Int
    /// The words of each compound part, by id − ``formCount``.
    private var compounds: [[Int32]] = []
    private var compoundIDs: [[Int32]: Int] = [:]

    init(formCount: Int) { self.formCount = formCount }

    /// The number of ids given so far.
    var count: Int { formCount + compounds.count }

    /// The id of a part, `-1` for an empty part.
    mutating func intern(_ part: [Int32]) -> Int {
        if part.count == 1 { return Int(part[0]) }
        if part.isEmpty { return -1 }
        if let id = compoundIDs[part] { return id }
        compounds.append(part)
        compoundIDs[part] = count - 1
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

/// The linking keys of a scan for bare mentions, indexed by form id: the entity of each
/// one-word last-part and first-part key, and the compound last-part keys (نصر الله،
/// von der Leyen) by their first word.
struct BareKeys {
    /// Entity of the one-word last-part key of each form, `-1` for none.
    let last: [Int32]
    /// Entity of the one-word first-part key of each form, `-1` for none.
    let first: [Int32]
    /// Index in ``multiWord`` of the compound keys starting with each form, `-1` for none.
    private(set) var multiHead: [Int32]
    /// Compound last-part keys that share a first word, in entity order.
    private(set) var multiWord: [[([Int32], Int)]] = []

    /// `last` and `first` hold the entity of each part id, `-1` for none.
    init(last: [Int32], first: [Int32], ids: PartIDs) {
        self.last = Array(last[0..<ids.formCount])
        self.first = Array(first[0..<ids.formCount])
        multiHead = [Int32](repeating: -1, count: ids.formCount)
        var long: [(words: [Int32], entity: Int)] = []
        for id in ids.formCount..<ids.count where last[id] >= 0 {
            long.append((ids.forms(of: id), Int(last[id])))
        }
        long.sort { $0.entity != $1.entity ? $0.entity < $1.entity : $0.words.lexicographicallyPrecedes($1.words) }
        for (words, e) in long {
            let head = Int(words[0])
            if multiHead[head] < 0 {
                multiHead[head] = Int32(multiWord.count)
                multiWord.append([])
            }
            multiWord[Int(multiHead[head])].append((words, e))
        }
    }

    /// True when `form` is a one-word key.
    @inline(__always)
    func knowsWord(_ form: Int32) -> Bool { last[Int(form)] >= 0 || first[Int(form)] >= 0 }

    /// True when some key starts with `form`.
    @inline(__always)
    func knows(_ form: Int32) -> Bool {
        last[Int(form)] >= 0 || first[Int(form)] >= 0 || multiHead[Int(form)] >= 0
    }
}
