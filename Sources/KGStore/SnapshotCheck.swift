import Foundation
import KGCore

/// SNAP-5: everything a loaded snapshot's columns say is checked before the
/// graph is used: every id and offset in range, offsets monotone within their
/// arena, every linked list pointing forward (so walking one ends), the merge
/// table a forest, hash slots naming each entry once, counts that add up. A
/// snapshot that fails is ignored (SNAP-1) and the log replayed. Cost: one pass
/// over every column, no allocation beyond one bit or counter per row.
extension GraphState {
    func checkSnapshotColumns() throws {
        func fail(_ what: String) -> DecodeError { DecodeError(message: what) }
        let e = entityState.count, t = tS.count, ev = eTriple.count
        let nStrings = strings.count, nPredicates = predicateNames.count, nLiterals = literals.count
        guard e >= 1, nextEntityID == e, entityState[0] == GraphState.absent, e <= Int(Int32.max) else {
            throw fail("entity count \(e) and next id \(nextEntityID) disagree")
        }
        guard [entityType.count, entityName.count, entityAliases.count, mergedInto.count, sHead.count, sTail.count,
               oHead.count, oTail.count].allSatisfy({ $0 == e }),
              [tP.count, tO.count, tLive.count, tEvHead.count, tEvTail.count, tNextS.count, tNextP.count, tNextO.count].allSatisfy({ $0 == t }),
              [eNext.count, eDoc.count, eStart.count, eEnd.count, eSentence.count, eRule.count, eMetric.count, eConf.count, eLive.count].allSatisfy({ $0 == ev }),
              pHead.count == nPredicates, pTail.count == nPredicates, lHead.count == nLiterals, lTail.count == nLiterals,
              nameHead.count == nameKeys.count, postEntity.count == postNext.count,
              t < Int(Int32.max), ev < Int(Int32.max) else {
            throw fail("column lengths do not fit together")
        }
        for (name, table) in [("strings", strings), ("predicates", predicateNames), ("name keys", nameKeys)] {
            try table.checkWellFormed(name)
        }
        try sentences.checkWellFormed()

        // Entities.
        // Branch-free scans over raw buffers: a million-row column costs well under a millisecond.
        func inRange(_ xs: [Int32], _ lo: Int32, _ hi: Int, _ what: String) throws {
            // The column's least and greatest values (a min/max loop the compiler vectorises).
            let (least, greatest) = xs.withUnsafeBufferPointer { b -> (Int32, Int32) in
                var mn = Int32.max, mx = Int32.min
                for x in b { mn = min(mn, x); mx = max(mx, x) }
                return (mn, mx)
            }
            if !xs.isEmpty && (least < lo || Int(greatest) >= hi) { throw fail("\(what) out of range") }
        }
        /// A singly linked list column: each entry -1 or a later row below `n`, so every walk ends.
        func linksForward(_ next: [Int32], _ n: Int, _ what: String) throws {
            let bad = next.withUnsafeBufferPointer { b -> Bool in
                // x is -1, or i < x < n: as unsigned, x - i - 1 < n - i - 1.
                var bad = 0
                for i in 0..<b.count {
                    let x = Int(b[i])
                    let forward = UInt(bitPattern: x &- i &- 1) < UInt(bitPattern: n &- i &- 1)
                    bad |= (x == -1 || forward) ? 0 : 1
                }
                return bad != 0
            }
            if bad { throw fail("\(what) links backwards or out of range") }
        }
        for i in 0..<e {
            guard entityState[i] <= GraphState.retracted, Int(entityType[i]) < TransactionCodec.types.count else {
                throw fail("entity \(i) has an unknown state or type")
            }
            let name = entityName[i]
            guard name >= -1, Int(name) < nStrings, entityState[i] == GraphState.absent || name >= 0 else {
                throw fail("entity \(i) names string \(name)")
            }
            try inRange(entityAliases[i], 0, nStrings, "alias string")
        }
        // Merges: a forest (walking `mergedInto` from any entity ends), children the inverse of parents.
        try inRange(mergedInto, -1, e, "merge target")
        var merged = 0
        // 0 unvisited, 1 on the chain being walked, 2 known to end at a root.
        var mark = [UInt8](repeating: 0, count: e)
        for i in 0..<e where mark[i] == 0 {
            var c = i
            while mark[c] == 0 {
                mark[c] = 1
                let p = mergedInto[c]
                if p < 0 { break }
                c = Int(p)
                if mark[c] == 1 { throw fail("merge cycle at entity \(c)") }
            }
            var d = i
            while mark[d] == 1 {
                mark[d] = 2
                let p = mergedInto[d]
                if p < 0 { break }
                d = Int(p)
            }
        }
        for x in mergedInto where x >= 0 { merged += 1 }
        var children = 0
        for (k, vs) in mergeChildren {
            guard k >= 0, Int(k) < e else { throw fail("merge children of unknown entity \(k)") }
            for v in vs {
                guard v >= 0, Int(v) < e, mergedInto[Int(v)] == k else { throw fail("entity \(v) listed as merged into \(k)") }
            }
            children += vs.count
        }
        guard merged == mergeCount, children == mergeCount else { throw fail("merge counts disagree") }

        // Name index: posting lists point to older postings only.
        try inRange(nameHead, -1, postEntity.count, "name posting")
        try inRange(postEntity, -1, e, "posted entity")
        let postingsBad = postNext.withUnsafeBufferPointer { b -> Bool in
            var bad = false
            for i in 0..<b.count { bad = bad || b[i] < -1 || Int(b[i]) >= i }
            return bad
        }
        if postingsBad { throw fail("a name posting links forward or out of range") }

        // Triples.
        try inRange(tS, 1, e, "triple subject")
        try inRange(tP, 0, nPredicates, "triple predicate")
        try inRange(tO, -Int32(truncatingIfNeeded: nLiterals), e, "triple object")
        guard !tO.contains(0) else { throw fail("triple object 0") }
        try linksForward(tNextS, t, "subject list")
        try linksForward(tNextP, t, "predicate list")
        try linksForward(tNextO, t, "object list")
        for heads in [sHead, sTail, oHead, oTail, pHead, pTail, lHead, lTail] { try inRange(heads, -1, t, "triple list end") }
        try inRange(tEvHead, -1, ev, "evidence list head")
        try inRange(tEvTail, -1, ev, "evidence list tail")
        // The triple hash table: slots name triples in range, one filled slot per triple, so a probe
        // always meets an empty slot. (A duplicated slot or one under the wrong hash only makes a lookup
        // miss, never read out of bounds; telling it would read the columns in random order for a tenth
        // of the load time. `kg verify` compares the snapshot with the replayed log and reports it, SNAP-2.)
        guard table.slots.count.nonzeroBitCount == 1, table.slots.count > t, table.count == t else {
            throw fail("triple table does not fit the triples")
        }
        // A filled slot (any bit set) must name triple index + 1 in 1...t: a slot whose hash half is set
        // and whose index half is 0 counts as filled but names triple -1, which `TripleTable.find` would
        // read when a lookup's hash matches (the store fuzzer's seed 5005 found it).
        let (filled, worst, least) = table.slots.withUnsafeBufferPointer { slots -> (Int, UInt32, UInt32) in
            var filled = 0, worst: UInt32 = 0, least = UInt32.max
            for v in slots {
                let index = UInt32(truncatingIfNeeded: v)
                filled &+= v != 0 ? 1 : 0
                worst = max(worst, index)
                least = min(least, v != 0 ? index : UInt32.max)
            }
            return (filled, worst, least)
        }
        guard filled == t, Int(worst) <= t, least >= 1 else { throw fail("triple table slots do not name the triples") }

        // Evidence.
        try inRange(eTriple, 0, t, "evidence triple")
        try linksForward(eNext, ev, "evidence list")
        try inRange(eDoc, 0, nStrings, "evidence document")
        try inRange(eRule, 0, nStrings, "evidence rule")
        try inRange(eMetric, -1, nStrings, "evidence metric")
        try inRange(eSentence, 0, sentences.count, "evidence sentence")
        try inRange(eStart, 0, Int(Int32.max) + 1, "evidence start")
        try inRange(eEnd, 0, Int(Int32.max) + 1, "evidence end")
        guard !eLive.contains(where: { $0 > 1 }) else { throw fail("an evidence live flag is not 0 or 1") }
        // Live counts in range (exact counts are the graph's meaning, which `kg verify` checks, SNAP-2).
        try inRange(tLive, 0, ev + 1, "live evidence count")
        guard liveTripleCount >= 0, liveTripleCount <= t else { throw fail("live triple count out of range") }
    }
}

extension StringTable {
    /// Offsets monotone within the arena; slots name each string once (so probing ends at an empty slot).
    func checkWellFormed(_ name: String) throws {
        guard starts.first == 0, starts.last == arena.count, count < Int(Int32.max),
              slots.count.nonzeroBitCount == 1, slots.count > count else {
            throw DecodeError(message: "\(name) table does not fit together")
        }
        guard monotone(starts) else { throw DecodeError(message: "\(name) offsets go backwards") }
        // Every slot -1 or a string id, one filled slot per string: a probe always meets an empty slot.
        let (filled, least, greatest) = slots.withUnsafeBufferPointer { b -> (Int, Int32, Int32) in
            var filled = 0, mn = Int32.max, mx = Int32.min
            for id in b { filled &+= id != -1 ? 1 : 0; mn = min(mn, id); mx = max(mx, id) }
            return (filled, mn, mx)
        }
        guard filled == count, least >= -1, Int(greatest) < count else {
            throw DecodeError(message: "\(name) slots do not name the strings")
        }
    }
}

extension TextArena {
    func checkWellFormed() throws {
        guard starts.first == 0, starts.last == arena.count, count < Int(Int32.max) else {
            throw DecodeError(message: "sentence arena does not fit together")
        }
        guard monotone(starts) else { throw DecodeError(message: "sentence offsets go backwards") }
    }
}

/// Whether `xs` never decreases (branch-free over the raw buffer).
func monotone(_ xs: [Int]) -> Bool {
    xs.withUnsafeBufferPointer { b in
        var bad = false
        if b.count > 1 { for i in 1..<b.count { bad = bad || b[i] < b[i - 1] } }
        return !bad
    }
}
