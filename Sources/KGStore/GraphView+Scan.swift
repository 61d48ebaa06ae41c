import KGCore

/// A batch of triples as three parallel code columns (see `TripleCodes` for what
/// the codes mean). The pointers are valid only inside the callback. With `live`,
/// the batch is a stretch of the store's own columns (no copy): row i is visible
/// exactly when `live[i] > 0`; without it every row is visible.
public struct TripleBatch {
    public let count: Int
    public let subjects: UnsafePointer<Int32>
    public let predicates: UnsafePointer<Int32>
    public let objects: UnsafePointer<Int32>
    public var live: UnsafePointer<Int32>? = nil

    /// Whether row `i` is visible.
    @inline(__always) public func isVisible(_ i: Int) -> Bool { live.map { $0[i] > 0 } ?? true }
}

/// Full scans over the store's flat triple columns, for aggregates that read a
/// whole relation (`?- P, sum(1) <- triple(S, P, O).`): a plain loop over the
/// subject/predicate/object columns and the live counts, no `Triple`, no String,
/// no set of rows when the graph has no merges.
extension GraphView {
    /// Streams every visible triple (live, naming no retracted entity), merges
    /// resolved and each distinct triple once (its first visible stored row), in
    /// stored order, in batches of up to `batchSize` rows (without merges, a floor, a
    /// predicate or a retracted entity: stretches of the columns themselves with their
    /// live counts, `TripleBatch.live`, nothing copied): the same rows, in the
    /// same order, as `forEachTriple(predicate:)`. With `predicate`, only its
    /// triples (its list when it holds few of them, else the columns with a test).
    /// With `minConfidence`, only triples with a live piece of evidence at least
    /// that confident (a triple with no evidence passes when the floor is ≤ 1), the
    /// evidence of every stored row reading as the triple counted, as
    /// `GraphFacts.passes` does. `body` returns false to stop.
    ///
    /// Cost: O(stored rows) array reads (O(the predicate's rows) through its list);
    /// with merges, a probe of the triple table per row naming a merged entity.
    /// Returns the stored rows looked at.
    @discardableResult
    public func scanTriples(predicate: Int32? = nil, minConfidence: Double? = nil, batchSize: Int = 16_384,
                            _ body: (TripleBatch) -> Bool) -> Int {
        let s = state
        let n = s.tS.count
        if let predicate, predicate < 0 || Int(predicate) >= s.pHead.count { return 0 }
        let size = max(1, batchSize)
        let bs = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        let bp = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        let bo = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        defer { bs.deallocate(); bp.deallocate(); bo.deallocate() }
        let merged = s.mergeCount > 0
        // Entities in a merge group: only their rows can read as another row's triple.
        var inGroup: [Bool] = []
        if merged {
            inGroup = [Bool](repeating: false, count: s.entityState.count)
            for (into, children) in s.mergeChildren where !children.isEmpty {
                if Int(into) < inGroup.count { inGroup[Int(into)] = true }
                for c in children where Int(c) < inGroup.count { inGroup[Int(c)] = true }
            }
        }
        let retracted = GraphState.retracted
        var fill = 0
        var stopped = false
        var looked = 0

        /// Whether visible representative row `t` passes the confidence floor.
        func passes(_ t: Int, _ floor: Double, grouped: Bool) -> Bool {
            let rows: [Int32] = grouped ? s.storedTriples(readingAs: t).filter { s.isVisible(Int($0)) } : [Int32(t)]
            var any = false
            for ti in rows {
                var e = s.tEvHead[Int(ti)]
                while e >= 0 {
                    let i = Int(e)
                    if s.eLive[i] != 0 {
                        any = true
                        if s.eConf[i] >= floor { return true }
                    }
                    e = s.eNext[i]
                }
            }
            return !any && floor <= 1
        }

        @inline(__always) func visit(_ t: Int) {
            guard s.tLive[t] > 0 else { return }
            let storedS = s.tS[t], storedO = s.tO[t]
            var sub = storedS, o = storedO
            var grouped = false
            if merged {
                sub = s.canonical(storedS)
                if storedO >= 0 { o = s.canonical(storedO) }
                grouped = inGroup[Int(storedS)] || (storedO >= 0 && inGroup[Int(storedO)])
            }
            if s.entityState[Int(sub)] == retracted { return }
            if o >= 0 && s.entityState[Int(o)] == retracted { return }
            if grouped && !s.isRepresentative(t) { return }
            if let minConfidence, !passes(t, minConfidence, grouped: grouped) { return }
            bs[fill] = sub; bp[fill] = s.tP[t]; bo[fill] = o
            fill += 1
            if fill == size {
                if !body(TripleBatch(count: fill, subjects: bs, predicates: bp, objects: bo)) { stopped = true }
                fill = 0
            }
        }

        if let predicate, s.statistics.triplesByPredicate.count > Int(predicate),
           s.statistics.triplesByPredicate[Int(predicate)] * 16 < n {
            // Few of the rows: walk the predicate's list (ascending stored order).
            var t = s.pHead[Int(predicate)]
            while t >= 0 && !stopped {
                looked += 1
                visit(Int(t))
                t = s.tNextP[Int(t)]
            }
        } else if !merged && minConfidence == nil {
            // No merges, no floor: one pass over the flat columns through raw pointers;
            // the entity tests only when some entity is retracted.
            looked = n
            let anyRetracted = s.entityState.contains(retracted)
            let wanted = predicate ?? -1
            // The four triple columns have one length, so chunk c of each covers the same rows.
            var c = 0
            let chunks = s.tS.chunkCount
            while c < chunks && !stopped {
                let first = c << columnChunkShift
                s.tS.withChunk(c) { S in
                    s.tP.withChunk(c) { P in
                        s.tO.withChunk(c) { O in
                            s.tLive.withChunk(c) { L in
                                let m = min(S.count, P.count, O.count, L.count, n - first)
                                if wanted < 0 && !anyRetracted, let s0 = S.baseAddress, let p0 = P.baseAddress,
                                   let o0 = O.baseAddress, let l0 = L.baseAddress {
                                    // Nothing to test but the live counts: the columns themselves, in stretches.
                                    var t = 0
                                    while t < m && !stopped {
                                        let k = min(size, m - t)
                                        if !body(TripleBatch(count: k, subjects: s0 + t, predicates: p0 + t, objects: o0 + t, live: l0 + t)) {
                                            stopped = true
                                        }
                                        t += k
                                    }
                                    return
                                }
                                var t = 0
                                while t < m && !stopped {
                                    defer { t += 1 }
                                    let p = P[t]
                                    if L[t] <= 0 || (wanted >= 0 && p != wanted) { continue }
                                    let sub = S[t], o = O[t]
                                    if anyRetracted && (s.entityState[Int(sub)] == retracted || (o >= 0 && s.entityState[Int(o)] == retracted)) { continue }
                                    bs[fill] = sub; bp[fill] = p; bo[fill] = o
                                    fill += 1
                                    if fill == size {
                                        if !body(TripleBatch(count: fill, subjects: bs, predicates: bp, objects: bo)) { stopped = true }
                                        fill = 0
                                    }
                                }
                            }
                        }
                    }
                }
                c += 1
            }
        } else if let predicate {
            var t = 0
            while t < n && !stopped {
                if s.tP[t] == predicate { visit(t) }
                t += 1
            }
            looked = t
        } else {
            var t = 0
            while t < n && !stopped {
                visit(t)
                t += 1
            }
            looked = t
        }
        if fill > 0 && !stopped { _ = body(TripleBatch(count: fill, subjects: bs, predicates: bp, objects: bo)) }
        return looked
    }
}
