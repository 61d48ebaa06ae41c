import Foundation
import KGCore

/// A read-only graph as of one transaction. A value: cheap to copy and pass
/// around, and never changed by later commits (its arrays are copy-on-write).
/// Every read resolves merges: a merged-away entity reads as the entity it was
/// merged into, and triples naming it show under that entity.
public struct GraphView: Sendable {
    let state: GraphState

    init(_ state: GraphState) { self.state = state }

    /// The last transaction this view includes (0 for an empty graph).
    public var tx: TxID { state.tx }

    /// One more than the largest entity id this view has seen.
    public var nextEntityID: EntityID { state.nextEntityID }

    // MARK: Entities

    /// Live entities, counting merged ones once; O(1) (kept as the graph changes).
    public var entityCount: Int { state.statistics.entities }

    /// Live entities of `type`, counting merged ones once; O(1).
    public func entityCount(ofType type: EntityType) -> Int {
        state.statistics.entitiesByType[Int(TransactionCodec.typeCode(type))]
    }

    @inline(__always)
    func isCanonicalLive(_ id: Int) -> Bool {
        state.entityState[id] == GraphState.live && state.mergedInto[id] < 0
    }

    /// The entity `id` reads as (the one it is merged into, if merged), nil if unknown or retracted.
    public func entity(_ id: EntityID) -> Entity? {
        guard id >= 1, id < state.entityState.count else { return nil }
        let c = Int(state.canonical(Int32(id)))
        guard state.entityState[c] == GraphState.live else { return nil }
        return build(c)
    }

    /// The id `id` reads as after merges.
    public func canonicalID(_ id: EntityID) -> EntityID {
        guard id >= 1, id < state.entityState.count else { return id }
        return Int(state.canonical(Int32(id)))
    }

    /// Whether `id` names a live entity (after merges).
    public func isLive(_ id: EntityID) -> Bool { entity(id) != nil }

    private func build(_ c: Int) -> Entity {
        let s = state
        let name = s.entityName[c]
        var aliases = s.aliases(of: c)
        for m in s.members(of: Int32(c)) where Int(m) != c && s.entityState[Int(m)] == GraphState.live {
            for a in [s.entityName[Int(m)]] + s.aliases(of: Int(m)) where a != name && !aliases.contains(a) {
                aliases.append(a)
            }
        }
        return Entity(id: c, type: TransactionCodec.types[Int(s.entityType[c])], name: s.strings[name],
                      aliases: aliases.map { s.strings[$0] }, figure: s.figures[c])
    }

    /// Live canonical entities of a type (all types when nil), by id.
    public func entities(ofType type: EntityType? = nil) -> [Entity] {
        let code = type.map(TransactionCodec.typeCode)
        var out: [Entity] = []
        for id in 1..<max(1, state.entityState.count) where isCanonicalLive(id) {
            if let code, state.entityType[id] != code { continue }
            out.append(build(id))
        }
        return out
    }

    /// Entities whose canonical name or any alias has the same `NameKey` as `name`.
    public func resolve(name: String) -> [EntityID] {
        let ids = state.entities(withKey: NameKey.normalize(name))
        var out: [EntityID] = []
        for id in ids {
            let c = Int(state.canonical(id))
            if state.entityState[c] == GraphState.live && !out.contains(c) { out.append(c) }
        }
        return out.sorted()
    }

    /// `resolve(name:)` for a name already keyed with `NameKey.normalize`.
    public func resolve(nameKey key: String) -> [EntityID] {
        var out: [EntityID] = []
        for id in state.entities(withKey: key) {
            let c = Int(state.canonical(id))
            if state.entityState[c] == GraphState.live && !out.contains(c) { out.append(c) }
        }
        return out.sorted()
    }

    /// Entities whose *own* name or alias matches, before merges are resolved
    /// (`kg split` needs the merged-away entity itself).
    public func resolveStored(name: String) -> [EntityID] {
        var out: [EntityID] = []
        for id in state.entities(withKey: NameKey.normalize(name)) where state.entityState[Int(id)] == GraphState.live {
            if !out.contains(Int(id)) { out.append(Int(id)) }
        }
        return out.sorted()
    }

    /// The entity `id` is directly merged into, nil if none.
    public func mergedInto(_ id: EntityID) -> EntityID? {
        guard id >= 1, id < state.mergedInto.count, state.mergedInto[id] >= 0 else { return nil }
        return Int(state.mergedInto[id])
    }

    /// The stored entity's own name (not resolved through merges).
    public func storedName(_ id: EntityID) -> String? {
        guard id >= 1, id < state.entityState.count, state.entityState[id] == GraphState.live else { return nil }
        return state.strings[state.entityName[id]]
    }

    /// Every live name and alias with the entity it resolves to (for suggestions).
    public var names: [(name: String, id: EntityID)] {
        var out: [(String, EntityID)] = []
        for id in 1..<max(1, state.entityState.count) where state.entityState[id] == GraphState.live {
            let c = canonicalID(id)
            out.append((state.strings[state.entityName[id]], c))
            for a in state.aliases(of: id) { out.append((state.strings[a], c)) }
        }
        return out
    }

    // MARK: Triples

    /// Whether stored triple `t` is live and names no retracted entity.
    @inline(__always)
    func isVisible(_ t: Int) -> Bool { state.isVisible(t) }

    func object(_ code: Int32) -> TripleObject {
        code >= 0 ? .entity(Int(state.canonical(code))) : state.literals[Int(-1 - code)]
    }

    func triple(_ t: Int) -> Triple {
        Triple(subject: Int(state.canonical(state.tS[t])), predicate: state.predicateNames[state.tP[t]],
               object: object(state.tO[t]))
    }

    /// Live triples matching the bound arguments (nil = any), in order of first assertion.
    public func triples(subject: EntityID? = nil, predicate: String? = nil, object: TripleObject? = nil) -> [Triple] {
        let s = state
        var pr: Int32 = -1
        if let predicate {
            guard let p = s.predicateNames.lookup(predicate) else { return [] }
            pr = p
        }
        var oc: Int32?
        if let object {
            guard let code = s.existingObjectCode(object) else { return [] }
            oc = code >= 0 ? s.canonical(code) : code
        }
        var sc: Int32?
        if let subject {
            guard subject >= 1, subject < s.entityState.count else { return [] }
            sc = s.canonical(Int32(subject))
        }
        var candidates: [Int32] = []
        forEachCandidateRow(subject: sc, object: oc, predicate: pr) { candidates.append(Int32(truncatingIfNeeded: $0)) }
        if s.mergeCount > 0 { candidates.sort() }
        var out: [Triple] = []
        var seen = Set<Triple>()
        for t32 in candidates {
            let t = Int(t32)
            guard isVisible(t) else { continue }
            if pr >= 0 && s.tP[t] != pr { continue }
            if let sc, s.canonical(s.tS[t]) != sc { continue }
            if let oc {
                let o = s.tO[t]
                if (o >= 0 ? s.canonical(o) : o) != oc { continue }
            }
            let triple = triple(t)
            if s.mergeCount > 0 { guard seen.insert(triple).inserted else { continue } }
            out.append(triple)
        }
        return out
    }

    /// Calls `visit` with every stored row on the list of the most selective bound
    /// column: the subject's (over each merged member), else the object's (an
    /// entity's over its members, or a literal's), else the predicate's; with
    /// nothing bound, every stored row. Rows are not filtered (retracted ones,
    /// other columns): the caller checks them. Cost: the length of that list.
    func forEachCandidateRow(subject sc: Int32?, object oc: Int32?, predicate pr: Int32, _ visit: (Int) -> Void) {
        let s = state
        func walk(_ head: Int32, _ next: Column<Int32>) {
            var t = head
            while t >= 0 { visit(Int(t)); t = next[Int(t)] }
        }
        if let sc {
            for m in s.members(of: sc) { walk(s.sHead[Int(m)], s.tNextS) }
        } else if let oc {
            if oc >= 0 { for m in s.members(of: oc) { walk(s.oHead[Int(m)], s.tNextO) } } else { walk(s.lHead[Int(-1 - oc)], s.tNextO) }
        } else if pr >= 0 {
            walk(s.pHead[Int(pr)], s.tNextP)
        } else {
            for t in 0..<s.tS.count { visit(t) }
        }
    }

    public var allTriples: [Triple] { triples() }

    /// Number of live triples per predicate (merged duplicates counted once);
    /// O(predicates): the counts are kept as the graph changes.
    public var predicates: [String: Int] {
        var out: [String: Int] = [:]
        for (i, n) in state.statistics.triplesByPredicate.enumerated() where n > 0 { out[state.predicateNames[Int32(i)]] = n }
        return out
    }

    /// Live triples (merged duplicates counted once); O(predicates).
    public var tripleCount: Int { state.statistics.triples }

    /// The live evidence of `t` (of every stored triple that reads as `t`).
    public func evidence(_ t: Triple) -> [Provenance] {
        let s = state
        var out: [Provenance] = []
        for ti in s.storedTriples(matching: t) {
            guard isVisible(Int(ti)) else { continue }
            var e = s.tEvHead[Int(ti)]
            while e >= 0 {
                let i = Int(e)
                if s.eLive[i] != 0 {
                    out.append(Provenance(document: s.strings[s.eDoc[i]], start: Int(s.eStart[i]), end: Int(s.eEnd[i]),
                                          sentence: s.sentences[s.eSentence[i]], rule: s.strings[s.eRule[i]],
                                          confidence: s.eConf[i], metric: s.eMetric[i] >= 0 ? s.strings[s.eMetric[i]] : nil))
                }
                e = s.eNext[i]
            }
        }
        return out
    }

    // MARK: Documents

    /// What a read of this view found damaged in the snapshot its columns are
    /// mapped from (SNAP-7), nil while nothing: answers given since may be
    /// wrong; `GraphStore.reopenIfSnapshotDamaged` rebuilds from the log. O(1).
    public var snapshotDamage: String? { state.mapping?.damage }

    /// Throws when a read of this view found a damaged snapshot chunk (SNAP-8):
    /// call it after a query so a damaged chunk gives an error, not an answer. O(1).
    public func checkIntact() throws {
        if let damage = snapshotDamage {
            throw StoreError.io("snapshot damaged at \(damage); reopening from the log")
        }
    }

    /// Ingested documents, by path.
    public var documents: [DocumentRecord] { state.documents.values.sorted { $0.path < $1.path } }

    public func document(path: String) -> DocumentRecord? { state.documents[path] }

    /// Number of document records (without sorting them).
    public var documentCount: Int { state.documents.count }

    /// Paths of the records holding content `sha256`, oldest first; O(1).
    public func documents(withSHA sha256: String) -> [String] { state.documentsBySHA[sha256] ?? [] }

    /// Groups of paths holding the same content (more than one record per
    /// SHA-256: logs written before identity by content), oldest first.
    public var duplicateDocuments: [[String]] {
        state.documentsBySHA.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
    }

    /// The triples document `path` gave live evidence to (merges resolved,
    /// each once); O(evidence rows of that document), not of the graph.
    public func triples(withEvidenceFrom path: String) -> [Triple] {
        var out: [Triple] = []
        var seen = Set<Triple>()
        for ti in state.triplesWithEvidence(fromDocument: path) {
            let t = triple(Int(ti))
            if seen.insert(t).inserted { out.append(t) }
        }
        return out
    }

    /// Live evidence rows document `path` gave.
    public func evidenceCount(fromDocument path: String) -> Int { state.liveEvidenceCount(ofDocument: path) }

    /// Live evidence rows of visible triples (what `evidence` returns, summed over every triple); O(1).
    public var evidenceCount: Int { state.statistics.evidence }

    /// `entityCount`, `entityCount(ofType:)`, `predicates` and `evidenceCount`
    /// recounted by full scans (O(graph)), for `kg verify` and the tests: they
    /// must equal the kept counts.
    public var recountedStatistics: (entitiesByType: [EntityType: Int], predicates: [String: Int], evidence: Int) {
        var byType: [EntityType: Int] = [:]
        for id in 1..<max(1, state.entityState.count) where isCanonicalLive(id) {
            byType[TransactionCodec.types[Int(state.entityType[id])], default: 0] += 1
        }
        var predicates: [String: Int] = [:]
        for t in allTriples { predicates[t.predicate, default: 0] += 1 }
        var evidence = 0
        for ei in 0..<state.eLive.count where state.eLive[ei] != 0 && isVisible(Int(state.eTriple[ei])) { evidence += 1 }
        return (byType, predicates, evidence)
    }

    /// The kept counts in the shape of `recountedStatistics`.
    public var keptStatistics: (entitiesByType: [EntityType: Int], predicates: [String: Int], evidence: Int) {
        var byType: [EntityType: Int] = [:]
        for type in EntityType.allCases where entityCount(ofType: type) != 0 { byType[type] = entityCount(ofType: type) }
        return (byType, predicates, evidenceCount)
    }

    // MARK: Integer columns for the Datalog engine

    /// The live triples as three parallel integer columns (merges resolved,
    /// duplicates removed), without building a String per triple.
    public var columns: TripleColumns {
        let s = state
        var cs: [Int32] = [], cp: [Int32] = [], co: [Int32] = []
        let n = s.tS.count
        cs.reserveCapacity(n); cp.reserveCapacity(n); co.reserveCapacity(n)
        if s.mergeCount == 0 {
            for t in 0..<n where isVisible(t) {
                cs.append(s.tS[t]); cp.append(s.tP[t]); co.append(s.tO[t])
            }
        } else {
            var seen = TripleTable()
            for t in 0..<n where isVisible(t) {
                let sub = s.canonical(s.tS[t]), o = s.tO[t] >= 0 ? s.canonical(s.tO[t]) : s.tO[t]
                if seen.find(sub, s.tP[t], o, cs, cp, co) != nil { continue }
                cs.append(sub); cp.append(s.tP[t]); co.append(o)
                seen.insert(Int32(cs.count - 1), cs, cp, co)
            }
        }
        return TripleColumns(subjects: cs, predicates: cp, objects: co,
                             predicateNames: s.predicateNames.strings, literals: s.literals)
    }
}

/// Live triples as parallel columns. Row i is `subjects[i] predicates[i] objects[i]`:
/// subject is an EntityID; predicate indexes `predicateNames`; object is an
/// EntityID when >= 0, else literal `literals[-1 - object]`.
public struct TripleColumns: Sendable {
    public var subjects: [Int32]
    public var predicates: [Int32]
    public var objects: [Int32]
    public var predicateNames: [String]
    public var literals: [TripleObject]

    public var count: Int { subjects.count }

    public func object(_ code: Int32) -> TripleObject {
        code >= 0 ? .entity(Int(code)) : literals[Int(-1 - code)]
    }
}
