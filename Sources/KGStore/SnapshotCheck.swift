import Foundation
import KGCore

/// SNAP-7: the rules each mapped chunk must pass on its first read (besides its
/// CRC-32C), so that whatever a reader does with a value from a good chunk
/// stays inside the columns and every walk ends: ids below the count of what
/// they name, list links pointing forward (name postings backward), offsets
/// monotone inside their arena, hash slots naming entries in range. Each rule
/// is one branch-light pass over the chunk. `fallback` is what a read of a
/// chunk that fails returns: -1 ends a list, other fallbacks are ids in range.
enum ChunkRules {
    /// lo <= x < hi (and x != 0 when `nonZero`).
    static func range(_ lo: Int, _ hi: Int, nonZero: Bool = false) -> @Sendable (UnsafeBufferPointer<Int32>, Int) -> String? {
        { b, _ in
            var mn = Int32.max, mx = Int32.min, zero = false
            for x in b { mn = min(mn, x); mx = max(mx, x); zero = zero || x == 0 }
            if b.isEmpty { return nil }
            if Int(mn) < lo || Int(mx) >= hi { return "value \(Int(mn) < lo ? mn : mx) outside \(lo)..<\(hi)" }
            if nonZero && zero { return "value 0 where 0 is not allowed" }
            return nil
        }
    }

    static func bytes(below hi: UInt8) -> @Sendable (UnsafeBufferPointer<UInt8>, Int) -> String? {
        { b, _ in
            var mx: UInt8 = 0
            for x in b { mx = max(mx, x) }
            return mx >= hi ? "value \(mx) is not below \(hi)" : nil
        }
    }

    /// A next-link: -1, or a later element below `n` (every walk ends).
    static func forward(_ n: Int) -> @Sendable (UnsafeBufferPointer<Int32>, Int) -> String? {
        { b, first in
            var bad = 0
            for k in 0..<b.count {
                let i = first + k, x = Int(b[k])
                let ok = x == -1 || UInt(bitPattern: x &- i &- 1) < UInt(bitPattern: n &- i &- 1)
                bad |= ok ? 0 : 1
            }
            return bad != 0 ? "a link points backwards or out of range" : nil
        }
    }

    /// A name posting's next: -1 or an earlier posting.
    static let backward: @Sendable (UnsafeBufferPointer<Int32>, Int) -> String? = { b, first in
        var bad = false
        for k in 0..<b.count { bad = bad || b[k] < -1 || Int(b[k]) >= first + k }
        return bad ? "a posting links forward or out of range" : nil
    }

    /// String start offsets: monotone, inside 0 ... `limit`, 0 first and `limit` last.
    static func offsets(limit: Int, count: Int) -> @Sendable (UnsafeBufferPointer<Int>, Int) -> String? {
        { b, first in
            guard let f = b.first, let l = b.last else { return nil }
            var bad = f < 0 || l > limit
            for k in 1..<max(1, b.count) { bad = bad || b[k] < b[k - 1] }
            // Across chunks (each checked alone) a start below the previous chunk's last reads as an empty string (withBytes).
            if first == 0 { bad = bad || f != 0 }
            if first + b.count == count { bad = bad || l != limit }
            return bad ? "offsets go backwards or leave the arena of \(limit) bytes" : nil
        }
    }

    /// String hash slots: -1 or a string id.
    static func stringSlots(_ n: Int) -> @Sendable (UnsafeBufferPointer<Int32>, Int) -> String? { range(-1, n) }

    /// Triple hash slots: 0, or a 32-bit hash and triple index + 1 in 1 ... t.
    static func tripleSlots(_ t: Int) -> @Sendable (UnsafeBufferPointer<UInt64>, Int) -> String? {
        { b, _ in
            var bad = false
            for v in b { let i = Int(UInt32(truncatingIfNeeded: v)); bad = bad || (v != 0 && (i < 1 || i > t)) }
            return bad ? "a slot names no triple" : nil
        }
    }

    static let anything: @Sendable (UnsafeBufferPointer<Double>, Int) -> String? = { _, _ in nil }
}

extension SnapshotDecoder {
    /// SNAP-6: the columns' counts agree with each other and with the small
    /// section, then every column is set over its mapped chunks with its SNAP-7 rule.
    func mapColumns(into s: inout GraphState) throws {
        func fail(_ what: String) -> SnapshotStale { SnapshotStale(why: what) }
        let e = count(.entityState), t = count(.tS), ev = count(.eTriple)
        let nS = count(.stringStarts) - 1, nP = count(.predicateStarts) - 1, nK = count(.nameKeyStarts) - 1
        let nSent = count(.sentenceStarts) - 1, nL = s.literals.count, nPost = count(.postEntity)
        let nAlias = count(.aliasValues), nDocSlots = count(.docEvHead)
        guard e >= 1, s.nextEntityID == e, e < Int(Int32.max), t < Int(Int32.max), ev < Int(Int32.max),
              nS >= 0, nP >= 0, nK >= 0, nSent >= 0, nS < Int(Int32.max), nSent < Int(Int32.max), nAlias < Int(Int32.max) else {
            throw fail("entity count \(e) and next id \(s.nextEntityID) disagree, or a table is empty")
        }
        let byEntity: [SectionKind] = [.entityType, .entityName, .aliasStart, .aliasCount, .mergedInto, .sHead, .sTail, .oHead, .oTail]
        let byTriple: [SectionKind] = [.tP, .tO, .tLive, .tEvHead, .tEvTail, .tEvCount, .tNextS, .tNextP, .tNextO]
        let byRow: [SectionKind] = [.eNext, .eDoc, .eStart, .eEnd, .eSentence, .eRule, .eMetric, .eConf, .eLive, .eDocNext]
        guard byEntity.allSatisfy({ count($0) == e }), byTriple.allSatisfy({ count($0) == t }), byRow.allSatisfy({ count($0) == ev }),
              count(.pHead) == nP, count(.pTail) == nP, count(.lHead) == nL, count(.lTail) == nL,
              count(.nameHead) == nK, count(.postNext) == nPost, count(.docEvTail) == nDocSlots,
              count(.docEvCount) == nDocSlots, nDocSlots <= max(nS, 0),
              s.statistics.triplesByPredicate.count == nP,
              s.statistics.triplesByPredicate.allSatisfy({ $0 <= t }), s.statistics.entitiesByType.allSatisfy({ $0 < e }),
              s.statistics.evidence <= ev, s.liveTripleCount <= t, s.table.count == t, s.mergeCount < e,
              // A fallback read must name something that exists (SNAP-7).
              t == 0 || (e >= 2 && nP >= 1), ev == 0 || (t >= 1 && nS >= 1 && nSent >= 1), nAlias == 0 || nS >= 1 else {
            throw fail("column lengths do not fit together")
        }
        for (kind, arena, slots) in [(SectionKind.stringStarts, SectionKind.stringArena, SectionKind.stringSlots),
                                     (.predicateStarts, .predicateArena, .predicateSlots), (.nameKeyStarts, .nameKeyArena, .nameKeySlots)] {
            let slotCount = count(slots)
            guard slotCount.nonzeroBitCount == 1, slotCount > count(kind) - 1 else { throw fail("\(slots.name) do not fit the strings") }
            _ = arena
        }
        let tripleSlots = count(.tripleSlots)
        guard tripleSlots.nonzeroBitCount == 1, tripleSlots > t else { throw fail("triple table does not fit the triples") }

        func table(_ arena: SectionKind, _ starts: SectionKind, _ slots: SectionKind) -> StringTable {
            var x = StringTable()
            let a = count(arena), n = count(starts)
            x.arena = ByteArena(mapped: chunks(arena, UInt8.self, fallback: 0, { _, _ in nil }))
            x.starts = Column(mapped: chunks(starts, Int.self, fallback: 0, ChunkRules.offsets(limit: a, count: n)))
            x.slots = Column(mapped: chunks(slots, Int32.self, fallback: -1, ChunkRules.stringSlots(n - 1)))
            return x
        }
        s.strings = table(.stringArena, .stringStarts, .stringSlots)
        s.predicateNames = table(.predicateArena, .predicateStarts, .predicateSlots)
        s.nameKeys = table(.nameKeyArena, .nameKeyStarts, .nameKeySlots)
        s.sentences.arena = ByteArena(mapped: chunks(.sentenceArena, UInt8.self, fallback: 0, { _, _ in nil }))
        s.sentences.starts = Column(mapped: chunks(.sentenceStarts, Int.self, fallback: 0,
                                                   ChunkRules.offsets(limit: count(.sentenceArena), count: nSent + 1)))
        func ints(_ k: SectionKind, _ fallback: Int32, _ rule: @escaping @Sendable (UnsafeBufferPointer<Int32>, Int) -> String?) -> Column<Int32> {
            Column(mapped: chunks(k, Int32.self, fallback: fallback, rule))
        }
        let list = ChunkRules.range(-1, t), rowList = ChunkRules.range(-1, ev)
        s.nameHead = ints(.nameHead, -1, ChunkRules.range(-1, nPost))
        s.postEntity = ints(.postEntity, -1, ChunkRules.range(-1, e))
        s.postNext = ints(.postNext, -1, ChunkRules.backward)
        s.entityState = Column(mapped: chunks(.entityState, UInt8.self, fallback: GraphState.absent, ChunkRules.bytes(below: 3)))
        s.entityType = Column(mapped: chunks(.entityType, UInt8.self, fallback: 0, ChunkRules.bytes(below: UInt8(TransactionCodec.types.count))))
        s.entityName = ints(.entityName, -1, ChunkRules.range(-1, nS))
        s.aliasStart = ints(.aliasStart, 0, ChunkRules.range(0, nAlias + 1))
        s.aliasCount = ints(.aliasCount, 0, ChunkRules.range(0, nAlias + 1))
        s.aliasValues = ints(.aliasValues, 0, ChunkRules.range(0, nS))
        s.mergedInto = ints(.mergedInto, -1, ChunkRules.range(-1, e))
        s.sHead = ints(.sHead, -1, list); s.sTail = ints(.sTail, -1, list)
        s.oHead = ints(.oHead, -1, list); s.oTail = ints(.oTail, -1, list)
        s.pHead = ints(.pHead, -1, list); s.pTail = ints(.pTail, -1, list)
        s.lHead = ints(.lHead, -1, list); s.lTail = ints(.lTail, -1, list)
        s.tS = ints(.tS, 1, ChunkRules.range(1, e))
        s.tP = ints(.tP, 0, ChunkRules.range(0, nP))
        s.tO = ints(.tO, nL > 0 ? -1 : 1, ChunkRules.range(-nL, e, nonZero: true))
        s.tLive = ints(.tLive, 0, ChunkRules.range(0, ev + 1))
        s.tEvHead = ints(.tEvHead, -1, rowList); s.tEvTail = ints(.tEvTail, -1, rowList)
        s.tEvCount = ints(.tEvCount, 0, ChunkRules.range(0, ev + 1))
        s.tNextS = ints(.tNextS, -1, ChunkRules.forward(t))
        s.tNextP = ints(.tNextP, -1, ChunkRules.forward(t))
        s.tNextO = ints(.tNextO, -1, ChunkRules.forward(t))
        s.table.slots = Column(mapped: chunks(.tripleSlots, UInt64.self, fallback: 0, ChunkRules.tripleSlots(t)))
        s.eTriple = ints(.eTriple, 0, ChunkRules.range(0, t))
        s.eNext = ints(.eNext, -1, ChunkRules.forward(ev))
        s.eDoc = ints(.eDoc, 0, ChunkRules.range(0, nS))
        s.eStart = ints(.eStart, 0, ChunkRules.range(0, Int(Int32.max) + 1))
        s.eEnd = ints(.eEnd, 0, ChunkRules.range(0, Int(Int32.max) + 1))
        s.eSentence = ints(.eSentence, 0, ChunkRules.range(0, nSent))
        s.eRule = ints(.eRule, 0, ChunkRules.range(0, nS))
        s.eMetric = ints(.eMetric, -1, ChunkRules.range(-1, nS))
        s.eConf = Column(mapped: chunks(.eConf, Double.self, fallback: 0, ChunkRules.anything))
        s.eLive = Column(mapped: chunks(.eLive, UInt8.self, fallback: 0, ChunkRules.bytes(below: 2)))
        s.eDocNext = ints(.eDocNext, -1, rowList)
        s.docEvHead = ints(.docEvHead, -1, rowList); s.docEvTail = ints(.docEvTail, -1, rowList)
        s.docEvCount = ints(.docEvCount, 0, ChunkRules.range(0, ev + 1))
    }
}

extension GraphState {
    /// What open checks beyond counts (SNAP-6): the merge table is a forest whose
    /// children lists are the inverse of `mergedInto` for the listed entities, so
    /// `members(of:)` ends. O(merges) reads (they check the chunks they touch).
    func checkOpenedSnapshot() throws {
        func fail(_ what: String) -> SnapshotStale { SnapshotStale(why: what) }
        let e = entityState.count
        var children = 0
        for (k, vs) in mergeChildren {
            guard k >= 1, Int(k) < e else { throw fail("merge children of unknown entity \(k)") }
            for v in vs {
                guard v >= 1, Int(v) < e, mergedInto[Int(v)] == k else { throw fail("entity \(v) listed as merged into \(k)") }
                // Its chain must reach a root within mergeCount steps (no cycle).
                var c = Int(v), steps = 0
                while mergedInto[c] >= 0 {
                    c = Int(mergedInto[c]); steps += 1
                    if steps > mergeCount { throw fail("merge cycle at entity \(v)") }
                }
            }
            children += vs.count
        }
        guard children == mergeCount else { throw fail("merge counts disagree") }
        for id in figures.keys { guard id >= 1, id < e else { throw fail("figure of unknown entity \(id)") } }
    }
}
