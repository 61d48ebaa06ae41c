/// An open-addressing hash set of triple indexes keyed by their (subject,
/// predicate, object) columns, so finding a triple costs no allocation.
/// The columns live in `GraphState`; a slot holds a 32-bit hash of the key
/// (high half) and the triple index + 1 (low half, 0 = empty), so probing
/// past other keys and growing never touch the columns. Probing stops after
/// `slots.count` slots, so a damaged snapshot's full table cannot loop.
struct TripleTable: Sendable {
    /// Capacity is a power of two.
    var slots = Column<UInt64>(repeating: 0, count: 1024)
    var count = 0

    @inline(__always)
    static func hash(_ s: Int32, _ p: Int32, _ o: Int32) -> UInt32 {
        var h = UInt64(UInt32(bitPattern: s)) &* 0x9E37_79B9_7F4A_7C15
        h ^= UInt64(UInt32(bitPattern: p)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= UInt64(UInt32(bitPattern: o)) &* 0x1656_67B1_9E37_79F9
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h >> 32)
    }

    /// The index of the triple with these columns, or nil.
    func find<C: RandomAccessCollection>(_ s: Int32, _ p: Int32, _ o: Int32, _ cs: C, _ cp: C, _ co: C) -> Int32?
        where C.Element == Int32, C.Index == Int {
        let h = TripleTable.hash(s, p, o)
        let mask = slots.count - 1
        var i = Int(h) & mask
        for _ in 0..<slots.count {
            let v = slots[i]
            if v == 0 { return nil }
            if UInt32(truncatingIfNeeded: v >> 32) == h {
                let ti = Int(UInt32(truncatingIfNeeded: v)) - 1
                if ti >= 0 && ti < cs.count && cs[ti] == s && cp[ti] == p && co[ti] == o { return Int32(ti) }
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Adds triple `t` (not present yet) whose columns are already appended.
    mutating func insert<C: RandomAccessCollection>(_ t: Int32, _ cs: C, _ cp: C, _ co: C) where C.Element == Int32, C.Index == Int {
        if (count + 1) * 2 > slots.count { grow() }
        let ti = Int(t)
        place(TripleTable.hash(cs[ti], cp[ti], co[ti]), t)
        count += 1
    }

    @inline(__always)
    private mutating func place(_ h: UInt32, _ t: Int32) {
        let mask = slots.count - 1
        var i = Int(h) & mask
        var probes = 0
        while slots[i] != 0 {
            i = (i + 1) & mask
            probes += 1
            if probes == slots.count { grow(); return place(h, t) } // full: only a damaged snapshot's
        }
        slots[i] = UInt64(h) << 32 | UInt64(UInt32(t) + 1)
    }

    /// Doubles the table, O(slots).
    private mutating func grow() {
        let old = slots
        var bigger = [UInt64](repeating: 0, count: old.count * 2)
        let mask = bigger.count - 1
        old.forEachChunk { chunk, _ in
            for v in chunk where v != 0 {
                var i = Int(UInt32(truncatingIfNeeded: v >> 32)) & mask
                while bigger[i] != 0 { i = (i + 1) & mask }
                bigger[i] = v
            }
        }
        slots = Column(bigger)
    }
}
