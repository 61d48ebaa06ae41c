import KGCore

/// What `kg stats`, `:stats`, `:preds` and the ingest report show, kept as
/// operations apply instead of recounted over the whole graph per command.
///
/// The counts are exactly what the full scans in `GraphState.recountStatistics`
/// give (StatisticsTests checks them against each other after random
/// asserts, retractions, merges, splits and as-of reads):
/// - `entitiesByType[code]`: live entities not merged into another, per type code;
/// - `triplesByPredicate[p]`: distinct visible triples (merges resolved, a
///   triple naming a retracted entity hidden) per predicate id;
/// - `evidence`: live evidence rows of visible stored triples.
///
/// They are derived, not stored in the snapshot: loading a snapshot recounts
/// them (one pass, part of the O(graph) open).
struct GraphStatistics: Sendable, Equatable {
    var entitiesByType = [Int](repeating: 0, count: TransactionCodec.types.count)
    var triplesByPredicate: [Int] = []
    var evidence = 0

    var entities: Int { entitiesByType.reduce(0, +) }
    var triples: Int { triplesByPredicate.reduce(0, +) }
}

extension GraphState {
    /// Whether stored triple `t` is live and names no retracted entity (after merges).
    @inline(__always)
    func isVisible(_ t: Int) -> Bool {
        guard tLive[t] > 0 else { return false }
        if entityState[Int(canonical(tS[t]))] == GraphState.retracted { return false }
        let o = tO[t]
        if o >= 0 && entityState[Int(canonical(o))] == GraphState.retracted { return false }
        return true
    }

    /// Whether visible stored triple `t` is the one that counts for the triple it
    /// reads as: the first visible stored triple with the same subject, predicate
    /// and object once merges are resolved. Without merges every stored triple
    /// is its own. Cost: members(subject) × members(object) probes.
    func isRepresentative(_ t: Int) -> Bool {
        guard mergeCount > 0 else { return true }
        let s = canonical(tS[t]), o = tO[t]
        let subjects = members(of: s)
        let objects = o >= 0 ? members(of: canonical(o)) : [o]
        for sm in subjects {
            for om in objects {
                if let other = table.find(sm, tP[t], om, tS, tP, tO), Int(other) < t, isVisible(Int(other)) { return false }
            }
        }
        return true
    }

    /// Adds (`sign` 1) or removes (-1) what stored triple `t` contributes to the counts.
    @inline(__always)
    mutating func count(triple t: Int, _ sign: Int) {
        guard isVisible(t) else { return }
        statistics.evidence += sign * Int(tLive[t])
        if isRepresentative(t) {
            let p = Int(tP[t])
            if p >= statistics.triplesByPredicate.count {
                statistics.triplesByPredicate.append(contentsOf: repeatElement(0, count: p + 1 - statistics.triplesByPredicate.count))
            }
            statistics.triplesByPredicate[p] += sign
        }
    }

    /// Adds or removes what entity `id` contributes (one, to its type, when live and not merged).
    @inline(__always)
    mutating func count(entity id: Int, _ sign: Int) {
        guard id >= 1, id < entityState.count, entityState[id] == GraphState.live, mergedInto[id] < 0 else { return }
        statistics.entitiesByType[Int(entityType[id])] += sign
    }

    /// Stored triples naming `id` or any entity merged into it, as subject or
    /// object, each once. O(their number): what a merge or retraction touches.
    func triplesTouching(group id: Int32) -> [Int32] {
        var out: [Int32] = []
        var seen = Set<Int32>()
        for m in members(of: id) {
            var t = sHead[Int(m)]
            while t >= 0 { if seen.insert(t).inserted { out.append(t) }; t = tNextS[Int(t)] }
            t = oHead[Int(m)]
            while t >= 0 { if seen.insert(t).inserted { out.append(t) }; t = tNextO[Int(t)] }
        }
        return out
    }

    /// Runs `change` with the counts of `triples` taken out before and put back
    /// after: every count `change` can alter must come from these triples.
    mutating func recounting(_ triples: [Int32], _ change: (inout GraphState) -> Void) {
        for t in triples { count(triple: Int(t), -1) }
        change(&self)
        for t in triples { count(triple: Int(t), 1) }
    }

    /// The counts from scratch: one pass over entities and triples (O(graph)),
    /// for a loaded snapshot and as the reference the tests compare against.
    func recountStatistics() -> GraphStatistics {
        var s = GraphStatistics()
        s.triplesByPredicate = [Int](repeating: 0, count: predicateNames.count)
        for id in 1..<max(1, entityState.count) where entityState[id] == GraphState.live && mergedInto[id] < 0 {
            s.entitiesByType[Int(entityType[id])] += 1
        }
        if mergeCount == 0 {
            for t in 0..<tS.count where isVisible(t) {
                s.evidence += Int(tLive[t])
                s.triplesByPredicate[Int(tP[t])] += 1
            }
        } else {
            var seen = Set<[Int32]>()
            for t in 0..<tS.count where isVisible(t) {
                s.evidence += Int(tLive[t])
                let o = tO[t] >= 0 ? canonical(tO[t]) : tO[t]
                if seen.insert([canonical(tS[t]), tP[t], o]).inserted { s.triplesByPredicate[Int(tP[t])] += 1 }
            }
        }
        return s
    }
}
