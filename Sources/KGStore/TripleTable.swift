/// An open-addressing hash set of triple indexes keyed by their (subject,
/// predicate, object) columns, so finding a triple costs no allocation.
/// The columns live in `GraphState`; a slot holds a 32-bit hash of the key
/// (high half) and the triple index + 1 (low half, 0 = empty), so probing
/// past other keys and growing never touch the columns.
struct TripleTable: Sendable {
    /// Capacity is a power of two.
    var slots: [UInt64] = [UInt64](repeating: 0, count: 1024)
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
    func find(_ s: Int32, _ p: Int32, _ o: Int32, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) -> Int32? {
        let h = TripleTable.hash(s, p, o)
        let mask = slots.count - 1
        var i = Int(h) & mask
        while true {
            let v = slots[i]
            if v == 0 { return nil }
            if UInt32(truncatingIfNeeded: v >> 32) == h {
                let ti = Int(UInt32(truncatingIfNeeded: v)) - 1
                if cs[ti] == s && cp[ti] == p && co[ti] == o { return Int32(ti) }
            }
            i = (i + 1) & mask
        }
    }

    /// Adds triple `t` (not present yet) whose columns are already appended.
    mutating func insert(_ t: Int32, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) {
        if (count + 1) * 2 > slots.count { grow() }
        let ti = Int(t)
        place(TripleTable.hash(cs[ti], cp[ti], co[ti]), t)
        count += 1
    }

    @inline(__always)
    private mutating func place(_ h: UInt32, _ t: Int32) {
        let mask = slots.count - 1
        var i = Int(h) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = UInt64(h) << 32 | UInt64(UInt32(t) + 1)
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        for v in old where v != 0 { place(UInt32(truncatingIfNeeded: v >> 32), Int32(UInt32(truncatingIfNeeded: v)) - 1) }
    }
}
