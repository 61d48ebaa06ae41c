import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

/// The graph as replayed from the log: flat integer columns plus a few small
/// dictionaries. `GraphView` wraps one (value semantics: a view taken before a
/// commit never changes). `apply` is total — it never fails, it ignores what it
/// cannot do — so replaying a log always reproduces what the writer saw
/// (FORMAT.md OP-1 … OP-10).
struct GraphState: Sendable {
    /// The last transaction applied.
    var tx: TxID = 0
    /// One more than the largest entity id ever seen (OP-11).
    var nextEntityID: EntityID = 1

    /// Names, aliases, documents, sentences, rules, metrics, string literals.
    var strings = StringTable()
    /// Predicates get their own small table so their ids are dense (0, 1, 2, …).
    var predicateNames = StringTable()

    // MARK: Entities, indexed by EntityID.
    static let absent: UInt8 = 0, live: UInt8 = 1, retracted: UInt8 = 2
    var entityState: Column<UInt8> = [0]
    var entityType: Column<UInt8> = [0]
    var entityName: Column<Int32> = [-1]
    /// Entity i's alias string ids are `aliasValues[aliasStart[i] ..< aliasStart[i] + aliasCount[i]]`
    /// (flat, so they map from a snapshot); a change appends the new list and repoints the entity.
    var aliasStart: Column<Int32> = [0], aliasCount: Column<Int32> = [0]
    var aliasValues: Column<Int32> = []
    var figures: [EntityID: FigurePayload] = [:]
    /// The entity this one is merged into, -1 if none.
    var mergedInto: Column<Int32> = [-1]
    /// Entities merged directly into the key.
    var mergeChildren: [Int32: [Int32]] = [:]
    var mergeCount = 0
    /// The name index: `NameKey` of every live entity's name and aliases -> the
    /// entities (stored ids), as a list per key through flat posting columns.
    var nameKeys = StringTable()
    var nameHead: Column<Int32> = []
    var postEntity: Column<Int32> = [], postNext: Column<Int32> = []

    // MARK: Literal objects: object column value -1 - k is literal k.
    var literals: [TripleObject] = []
    var literalIndex: [TripleObject: Int32] = [:]

    // MARK: Triples, indexed by triple number (order of first assertion).
    var tS: Column<Int32> = [], tP: Column<Int32> = [], tO: Column<Int32> = []
    /// Number of live evidence rows; a triple is live while this is > 0.
    var tLive: Column<Int32> = []
    var tEvHead: Column<Int32> = [], tEvTail: Column<Int32> = []
    /// Next triple with the same subject / predicate / object (-1 ends the list).
    var tNextS: Column<Int32> = [], tNextP: Column<Int32> = [], tNextO: Column<Int32> = []
    var sHead: Column<Int32> = [-1], sTail: Column<Int32> = [-1]
    var oHead: Column<Int32> = [-1], oTail: Column<Int32> = [-1]
    var pHead: Column<Int32> = [], pTail: Column<Int32> = []
    var lHead: Column<Int32> = [], lTail: Column<Int32> = []
    var table = TripleTable()
    var liveTripleCount = 0

    // MARK: Evidence rows (one per assertTriple that added something).
    var eTriple: Column<Int32> = [], eNext: Column<Int32> = []
    var eDoc: Column<Int32> = [], eStart: Column<Int32> = [], eEnd: Column<Int32> = []
    /// Evidence sentences (eSentence indexes this, not `strings`).
    var sentences = TextArena()
    var eSentence: Column<Int32> = [], eRule: Column<Int32> = [], eMetric: Column<Int32> = []
    var eConf: Column<Double> = []
    var eLive: Column<UInt8> = []

    // MARK: Documents (GraphState+Documents.swift).
    /// The document records by path (canonical paths for documents ingested since identity by content).
    var documents: [String: DocumentRecord] = [:]
    /// SHA-256 -> paths of the records holding that content, oldest first. More
    /// than one path only in logs written before identity by content (`kg dedupe`).
    var documentsBySHA: [String: [String]] = [:]
    /// Evidence rows by document: the next row with the same `eDoc` (-1 ends),
    /// and per document string id the first and last row and the row count.
    /// Derived from `eDoc`, stored in the snapshot so opening rebuilds nothing.
    /// `eDocNext` may link backwards (a moved document's rows join another's list).
    var eDocNext: Column<Int32> = []
    var docEvHead: Column<Int32> = [], docEvTail: Column<Int32> = [], docEvCount: Column<Int32> = []
    /// Evidence rows per triple (live or not), to pick the shorter list to scan.
    var tEvCount: Column<Int32> = []

    /// Counts kept as operations apply (GraphState+Statistics.swift).
    var statistics = GraphStatistics()

    /// Shared with every view of this state: when it is not uniquely referenced
    /// at a commit, a view still holds the columns and the commit copies them all
    /// (O(graph)); `GraphStore.commitsThatCopiedTheGraph` counts those commits.
    var viewToken = ViewToken()
    /// The snapshot these columns are mapped from (nil when built from the log):
    /// where a read that found a damaged chunk records it (SNAP-7).
    var mapping: SnapshotMapping?
    final class ViewToken: Sendable {}

    // MARK: - Applying operations

    /// Applies a transaction's operations in order, exactly as `replay` applies
    /// its encoded payload (the commit path and the open path build the same columns).
    mutating func apply(_ t: Transaction) {
        var recent = RecentValues<String>()
        for op in t.operations {
            if case .assertTriple(let triple, let p) = op {
                assertTriple(triple, p, recent: &recent)
            } else {
                apply(op)
            }
        }
        tx = t.id
    }

    mutating func apply(_ op: Operation) {
        switch op {
        case .assertEntity(let e): assertEntity(e)
        case .retractEntity(let id): retractEntity(id)
        case .assertAlias(let id, let a): assertAlias(id, a)
        case .retractAlias(let id, let a): retractAlias(id, a)
        case .assertTriple(let t, let p):
            var recent = RecentValues<String>()
            assertTriple(t, p, recent: &recent)
        case .retractTriple(let t, let doc): retractTriple(t, document: doc)
        case .assertDocument(let d): assertDocument(d)
        case .retractDocument(let path): retractDocument(path)
        case .moveDocument(let from, let to): moveDocument(from: from, to: to)
        case .merge(let from, let into): merge(from: from, into: into)
        case .unmerge(let from, let into): unmerge(from: from, into: into)
        }
    }

    /// Grows the per-entity columns to hold `id`.
    mutating func ensureEntity(_ id: EntityID) {
        guard id >= entityState.count else { return }
        let n = id + 1 - entityState.count
        entityState.append(contentsOf: repeatElement(0, count: n))
        entityType.append(contentsOf: repeatElement(0, count: n))
        entityName.append(contentsOf: repeatElement(-1, count: n))
        aliasStart.append(contentsOf: repeatElement(0, count: n))
        aliasCount.append(contentsOf: repeatElement(0, count: n))
        mergedInto.append(contentsOf: repeatElement(-1, count: n))
        sHead.append(contentsOf: repeatElement(-1, count: n))
        sTail.append(contentsOf: repeatElement(-1, count: n))
        oHead.append(contentsOf: repeatElement(-1, count: n))
        oTail.append(contentsOf: repeatElement(-1, count: n))
        if id >= nextEntityID { nextEntityID = id + 1 }
    }

    func isValidID(_ id: EntityID) -> Bool { id >= 1 && id < Int(Int32.max) }

    /// The name-index key id of string `s` (interned when `create`); ASCII and
    /// CJK names are keyed straight from the string arena (`NameKey.fastKey`).
    private mutating func nameKeyID(_ s: Int32, create: Bool) -> Int32? {
        guard s >= 0, Int(s) < strings.count else { return nil }
        let start = strings.starts[Int(s)], end = strings.starts[Int(s) + 1]
        let bytes = strings.arena // a reference, not a copy: nothing writes it meanwhile
        let found: Int32?? = bytes.withBytes(start, end) { name in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, end - start)) { out -> Int32?? in
                guard let n = NameKey.fastKey(name, into: out) else { return .none }
                let key = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: out[0..<n]))
                return .some(create ? nameKeys.intern(key) : nameKeys.lookup(key))
            }
        } ?? .none
        if let found { return found }
        let key = NameKey.normalize(strings[s])
        return create ? nameKeys.intern(key) : nameKeys.lookup(key)
    }

    private mutating func indexName(_ s: Int32, _ id: Int32) {
        guard let key = nameKeyID(s, create: true) else { return }
        let k = Int(key)
        if k == nameHead.count { nameHead.append(-1) }
        postEntity.append(id)
        postNext.append(nameHead[k])
        nameHead[k] = Int32(postEntity.count - 1)
    }

    private mutating func unindexName(_ s: Int32, _ id: Int32) {
        guard let k = nameKeyID(s, create: false), Int(k) < nameHead.count else { return }
        var p = nameHead[Int(k)]
        while p >= 0 {
            if postEntity[Int(p)] == id { postEntity[Int(p)] = -1; return }
            p = postNext[Int(p)]
        }
    }

    /// Stored ids of the entities whose name or alias has key `key` (already normalised).
    func entities(withKey key: String) -> [Int32] {
        guard let k = nameKeys.lookup(key), Int(k) < nameHead.count else { return [] }
        var out: [Int32] = []
        var p = nameHead[Int(k)]
        while p >= 0 {
            if postEntity[Int(p)] >= 0 { out.append(postEntity[Int(p)]) }
            p = postNext[Int(p)]
        }
        return out
    }

    // OP-1
    /// Re-asserting a retracted entity shows its triples again: their counts
    /// are redone (O(its triples)).
    mutating func assertEntity(_ e: Entity) {
        guard isValidID(e.id) else { return }
        ensureEntity(e.id)
        count(entity: e.id, -1)
        if entityState[e.id] == GraphState.retracted && mergedInto[e.id] < 0 {
            recounting(triplesTouching(group: Int32(e.id))) { $0.storeEntity(e) }
        } else {
            storeEntity(e)
        }
        count(entity: e.id, 1)
    }

    private mutating func storeEntity(_ e: Entity) {
        let id32 = Int32(e.id)
        if entityState[e.id] == GraphState.live {
            unindexName(entityName[e.id], id32)
            for a in aliases(of: e.id) { unindexName(a, id32) }
        }
        entityState[e.id] = GraphState.live
        entityType[e.id] = TransactionCodec.typeCode(e.type)
        let name = strings.intern(e.name)
        entityName[e.id] = name
        var aliases: [Int32] = []
        for a in e.aliases {
            let s = strings.intern(a)
            if s != name && !aliases.contains(s) { aliases.append(s) }
        }
        setAliases(e.id, aliases)
        figures[e.id] = e.figure
        indexName(name, id32)
        for a in aliases { indexName(a, id32) }
    }

    // OP-2
    /// Hides the entity's triples: their counts are redone (O(its triples)).
    mutating func retractEntity(_ id: EntityID) {
        guard isValidID(id), id < entityState.count, entityState[id] == GraphState.live else { return }
        count(entity: id, -1)
        let change: (inout GraphState) -> Void = { s in
            s.entityState[id] = GraphState.retracted
            s.unindexName(s.entityName[id], Int32(id))
            for a in s.aliases(of: id) { s.unindexName(a, Int32(id)) }
        }
        if mergedInto[id] < 0 { recounting(triplesTouching(group: Int32(id)), change) } else { change(&self) }
    }

    // OP-3
    mutating func assertAlias(_ id: EntityID, _ alias: String) {
        guard isValidID(id), id < entityState.count, entityState[id] == GraphState.live else { return }
        let s = strings.intern(alias)
        var list = aliases(of: id)
        guard s != entityName[id], !list.contains(s) else { return }
        list.append(s)
        setAliases(id, list)
        indexName(s, Int32(id))
    }

    // OP-4
    mutating func retractAlias(_ id: EntityID, _ alias: String) {
        guard isValidID(id), id < entityState.count, entityState[id] == GraphState.live,
              let s = strings.lookup(alias) else { return }
        var list = aliases(of: id)
        guard let i = list.firstIndex(of: s) else { return }
        list.remove(at: i)
        setAliases(id, list)
        unindexName(s, Int32(id))
    }

    /// The object column value of `o` (interning it when `create`).
    mutating func objectCode(_ o: TripleObject) -> Int32 {
        if case .entity(let id) = o { ensureEntity(id); return Int32(id) }
        if let k = literalIndex[o] { return -1 - k }
        let k = Int32(literals.count)
        literals.append(o)
        literalIndex[o] = k
        lHead.append(-1)
        lTail.append(-1)
        return -1 - k
    }

    func existingObjectCode(_ o: TripleObject) -> Int32? {
        if case .entity(let id) = o { return isValidID(id) && id < entityState.count ? Int32(id) : nil }
        return literalIndex[o].map { -1 - $0 }
    }

    /// What the previous assert triple of a transaction interned: the next one
    /// usually names the same predicate, document and rule, so it skips their
    /// hashing. `Key` is `String` on the commit path (often the very same String,
    /// which compares in O(1)) and the payload's bytes on the replay path.
    struct RecentValues<Key> {
        var predicate: (Key, Int32)?
        var document: (Key, Int32)?
        var rule: (Key, Int32)?
        /// See `assertTriple(subject:…)`.
        var sentence: Int32 = -1
    }

    @inline(__always)
    private static func intern(_ s: String, _ table: inout StringTable, _ cache: inout (String, Int32)?) -> Int32 {
        if let (last, id) = cache, last == s { return id }
        let id = table.intern(s)
        cache = (s, id)
        return id
    }

    // OP-5
    /// Spans are clamped the way the log encodes them (LEB128 holds no negative
    /// number), so this path and replay agree.
    mutating func assertTriple(_ t: Triple, _ p: Provenance, recent: inout RecentValues<String>) {
        guard isValidID(t.subject) else { return }
        if case .entity(let o) = t.object, !isValidID(o) { return }
        let pr = GraphState.intern(t.predicate, &predicateNames, &recent.predicate)
        let o = objectCode(t.object)
        let metric = p.metric.map { strings.intern($0) } ?? -1
        let doc = GraphState.intern(p.document, &strings, &recent.document)
        let rule = GraphState.intern(p.rule, &strings, &recent.rule)
        var sentence = p.sentence
        sentence.withUTF8 { text in
            assertTriple(subject: t.subject, predicate: pr, object: o, document: doc,
                         start: Int32(clamping: max(0, p.start)), end: Int32(clamping: max(0, p.end)),
                         sentence: UnsafeRawBufferPointer(text),
                         recentSentence: &recent.sentence, rule: rule, confidence: p.confidence, metric: metric)
        }
    }

    /// OP-5 on interned values: what both the String path (commit) and the byte path (replay) call.
    /// `recentSentence` is the id of the last sentence this transaction stored (-1: none);
    /// several triples usually come from one sentence in a row, and they share its copy.
    mutating func assertTriple(subject: EntityID, predicate pr: Int32, object o: Int32, document doc: Int32,
                               start: Int32, end: Int32, sentence: UnsafeRawBufferPointer,
                               recentSentence: inout Int32,
                               rule: Int32, confidence: Double, metric: Int32) {
        ensureEntity(subject)
        let s = Int32(subject)
        if Int(pr) >= pHead.count { pHead.append(-1); pTail.append(-1); statistics.triplesByPredicate.append(0) }
        let ti: Int32
        if let found = table.find(s, pr, o, tS, tP, tO) {
            ti = found
        } else {
            ti = Int32(tS.count)
            tS.append(s); tP.append(pr); tO.append(o)
            tLive.append(0); tEvHead.append(-1); tEvTail.append(-1); tEvCount.append(0)
            tNextS.append(-1); tNextP.append(-1); tNextO.append(-1)
            table.insert(ti, tS, tP, tO)
            GraphState.link(&sHead, &sTail, &tNextS, Int(s), ti)
            GraphState.link(&pHead, &pTail, &tNextP, Int(pr), ti)
            if o >= 0 { GraphState.link(&oHead, &oTail, &tNextO, Int(o), ti) } else { GraphState.link(&lHead, &lTail, &tNextO, Int(-1 - o), ti) }
        }
        // An identical live evidence row is not added twice. It shares the
        // document, so scan the shorter of the triple's rows and the document's
        // rows: a popular triple's list grows with the graph, a document's does not.
        ensureDocumentSlot(doc)
        let byDocument = docEvCount[Int(doc)] < tEvCount[Int(ti)]
        var e = byDocument ? docEvHead[Int(doc)] : tEvHead[Int(ti)]
        var steps = 0
        while e >= 0 && steps < eDocNext.count {
            steps += 1
            let ei = Int(e)
            if eLive[ei] != 0 && eTriple[ei] == ti && eDoc[ei] == doc && eStart[ei] == start && eEnd[ei] == end
                && eRule[ei] == rule && eMetric[ei] == metric && eConf[ei] == confidence
                && sentences.equals(eSentence[ei], sentence) { return }
            e = byDocument ? eDocNext[ei] : eNext[ei]
        }
        let sid: Int32
        if recentSentence >= 0 && sentences.equals(recentSentence, sentence) {
            sid = recentSentence
        } else {
            sid = sentences.append(sentence)
            recentSentence = sid
        }
        // The counts of every stored triple reading as this one (itself alone without merges).
        let sharing = mergeCount > 0 ? storedTriples(readingAs: Int(ti)) : []
        if mergeCount > 0 { for t in sharing { count(triple: Int(t), -1) } } else { count(triple: Int(ti), -1) }
        defer { if mergeCount > 0 { for t in sharing { count(triple: Int(t), 1) } } else { count(triple: Int(ti), 1) } }
        let ne = Int32(eTriple.count)
        eTriple.append(ti); eNext.append(-1)
        eDoc.append(doc); eStart.append(start); eEnd.append(end)
        eSentence.append(sid); eRule.append(rule); eMetric.append(metric)
        eConf.append(confidence); eLive.append(1)
        if tEvTail[Int(ti)] >= 0 { eNext[Int(tEvTail[Int(ti)])] = ne } else { tEvHead[Int(ti)] = ne }
        tEvTail[Int(ti)] = ne
        tEvCount[Int(ti)] += 1
        linkDocumentRow(ne, doc)
        if tLive[Int(ti)] == 0 { liveTripleCount += 1 }
        tLive[Int(ti)] += 1
    }

    @inline(__always)
    private static func link(_ head: inout Column<Int32>, _ tail: inout Column<Int32>, _ next: inout Column<Int32>, _ key: Int, _ t: Int32) {
        if tail[key] >= 0 { next[Int(tail[key])] = t } else { head[key] = t }
        tail[key] = t
    }

    // OP-6
    mutating func retractTriple(_ t: Triple, document: String?) {
        let doc: Int32?
        if let d = document {
            guard let id = strings.lookup(d) else { return }
            doc = id
        } else {
            doc = nil
        }
        let stored = storedTriples(matching: t)
        for ti in stored { count(triple: Int(ti), -1) }
        defer { for ti in stored { count(triple: Int(ti), 1) } }
        // One document's evidence: walk that document's rows when they are fewer
        // than the triples' (retracting a changed document costs its own size).
        if let doc, Int(doc) < docEvCount.count,
           Int(docEvCount[Int(doc)]) < stored.reduce(0, { $0 + Int(tEvCount[Int($1)]) }) {
            var e = docEvHead[Int(doc)]
            var steps = 0
            while e >= 0 && steps < eDocNext.count {
                steps += 1
                let ei = Int(e)
                if eLive[ei] != 0 && stored.contains(eTriple[ei]) { retractRow(ei) }
                e = eDocNext[ei]
            }
            return
        }
        for ti in stored {
            var e = tEvHead[Int(ti)]
            while e >= 0 {
                let ei = Int(e)
                if eLive[ei] != 0 && (doc == nil || eDoc[ei] == doc!) { retractRow(ei) }
                e = eNext[ei]
            }
        }
    }

    private mutating func retractRow(_ ei: Int) {
        let ti = Int(eTriple[ei])
        eLive[ei] = 0
        tLive[ti] -= 1
        if tLive[ti] == 0 { liveTripleCount -= 1 }
    }

    /// Every stored triple that reads as stored triple `t` does once merges are
    /// resolved (`t` included); O(members of its subject × of its object).
    func storedTriples(readingAs t: Int) -> [Int32] {
        let subjects = members(of: canonical(tS[t]))
        let objects = tO[t] >= 0 ? members(of: canonical(tO[t])) : [tO[t]]
        var out: [Int32] = []
        for s in subjects {
            for o in objects {
                if let ti = table.find(s, tP[t], o, tS, tP, tO) { out.append(ti) }
            }
        }
        return out
    }

    /// Every stored triple that reads as `t` once merges are resolved.
    func storedTriples(matching t: Triple) -> [Int32] {
        guard isValidID(t.subject), t.subject < entityState.count,
              let pr = predicateNames.lookup(t.predicate) else { return [] }
        let subjects = members(of: canonical(Int32(t.subject)))
        var objects: [Int32]
        if case .entity(let o) = t.object {
            guard isValidID(o), o < entityState.count else { return [] }
            objects = members(of: canonical(Int32(o)))
        } else {
            guard let k = literalIndex[t.object] else { return [] }
            objects = [-1 - k]
        }
        var out: [Int32] = []
        for s in subjects {
            for o in objects {
                if let ti = table.find(s, pr, o, tS, tP, tO) { out.append(ti) }
            }
        }
        return out
    }

    // OP-9
    /// The counts of both groups' triples are redone (O(their triples)).
    mutating func merge(from: EntityID, into: EntityID) {
        guard canMerge(from: from, into: into) else { return }
        var touched = triplesTouching(group: canonical(Int32(into)))
        let known = Set(touched)
        touched += triplesTouching(group: Int32(from)).filter { !known.contains($0) }
        count(entity: from, -1)
        recounting(touched) { s in
            s.mergedInto[from] = Int32(into)
            s.mergeChildren[Int32(into), default: []].append(Int32(from))
            s.mergeCount += 1
        }
    }

    func canMerge(from: EntityID, into: EntityID) -> Bool {
        isValidID(from) && isValidID(into) && from != into && from < entityState.count && into < entityState.count
            && mergedInto[from] < 0 && canonical(Int32(into)) != Int32(from)
    }

    // OP-10
    /// The counts of the group's triples are redone (O(their triples)).
    mutating func unmerge(from: EntityID, into: EntityID) {
        guard canUnmerge(from: from, into: into) else { return }
        recounting(triplesTouching(group: canonical(Int32(into)))) { s in
            s.mergedInto[from] = -1
            s.mergeChildren[Int32(into)]?.removeAll { $0 == Int32(from) }
            if s.mergeChildren[Int32(into)]?.isEmpty == true { s.mergeChildren[Int32(into)] = nil }
            s.mergeCount -= 1
        }
        count(entity: from, 1)
    }

    func canUnmerge(from: EntityID, into: EntityID) -> Bool {
        isValidID(from) && isValidID(into) && from < entityState.count && mergedInto[from] == Int32(into)
    }

    // MARK: - Merge resolution

    /// The entity `id` reads as: follows merges to the end. A chain is at most
    /// `mergeCount` long (a damaged snapshot's longer one stops there, never loops).
    @inline(__always)
    func canonical(_ id: Int32) -> Int32 {
        guard mergeCount > 0, id >= 0, Int(id) < mergedInto.count else { return id }
        var c = id
        var steps = 0
        while mergedInto[Int(c)] >= 0 && steps <= mergeCount { c = mergedInto[Int(c)]; steps += 1 }
        return c
    }

    /// Entity `id`'s alias string ids; O(aliases). A damaged snapshot's list out of range reads as none.
    func aliases(of id: Int) -> [Int32] {
        let n = Int(aliasCount[id]), start = Int(aliasStart[id])
        guard n > 0, start >= 0, start <= aliasValues.count - n else { return [] }
        var out: [Int32] = []
        out.reserveCapacity(n)
        for i in start..<(start + n) { out.append(aliasValues[i]) }
        return out
    }

    /// Replaces entity `id`'s aliases: the list is appended to `aliasValues` (the old one stays, unread).
    mutating func setAliases(_ id: Int, _ list: [Int32]) {
        aliasStart[id] = Int32(clamping: aliasValues.count)
        aliasCount[id] = Int32(list.count)
        aliasValues.append(contentsOf: list)
    }

    /// `id` and every entity merged (directly or not) into it.
    func members(of id: Int32) -> [Int32] {
        guard mergeCount > 0, mergeChildren[id] != nil else { return [id] }
        var out = [id], i = 0
        while i < out.count {
            out.append(contentsOf: mergeChildren[out[i]] ?? [])
            i += 1
        }
        return out
    }
}
