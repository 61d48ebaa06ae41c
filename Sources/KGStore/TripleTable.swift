/// An open-addressing hash set of triple indexes keyed by their (subject,
/// predicate, object) columns, so finding a triple costs no allocation.
/// The columns themselves live in `GraphState`; this holds only slots.
struct TripleTable {
    /// Triple index per slot, -1 when empty. Capacity is a power of two.
    var slots: [Int32] = [Int32](repeating: -1, count: 1024)
    var count = 0

    @inline(__always)
    static func hash(_ s: Int32, _ p: Int32, _ o: Int32) -> Int {
        var h = UInt64(UInt32(bitPattern: s)) &* 0x9E37_79B9_7F4A_7C15
        h ^= UInt64(UInt32(bitPattern: p)) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= UInt64(UInt32(bitPattern: o)) &* 0x1656_67B1_9E37_79F9
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The index of the triple with these columns, or nil.
    func find(_ s: Int32, _ p: Int32, _ o: Int32, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) -> Int32? {
        let mask = slots.count - 1
        var i = TripleTable.hash(s, p, o) & mask
        while true {
            let t = slots[i]
            if t < 0 { return nil }
            let ti = Int(t)
            if cs[ti] == s && cp[ti] == p && co[ti] == o { return t }
            i = (i + 1) & mask
        }
    }

    /// Adds triple `t` (not present yet) whose columns are already appended.
    mutating func insert(_ t: Int32, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) {
        if (count + 1) * 2 > slots.count { grow(cs, cp, co) }
        place(t, cs, cp, co)
        count += 1
    }

    private mutating func place(_ t: Int32, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) {
        let ti = Int(t)
        let mask = slots.count - 1
        var i = TripleTable.hash(cs[ti], cp[ti], co[ti]) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = t
    }

    private mutating func grow(_ cs: [Int32], _ cp: [Int32], _ co: [Int32]) {
        let old = slots
        slots = [Int32](repeating: -1, count: old.count * 2)
        for t in old where t >= 0 { place(t, cs, cp, co) }
    }

    /// Rebuilds the table for triples 0..<n (after loading a snapshot).
    mutating func rebuild(count n: Int, _ cs: [Int32], _ cp: [Int32], _ co: [Int32]) {
        var cap = 1024
        while cap < n * 2 + 2 { cap *= 2 }
        slots = [Int32](repeating: -1, count: cap)
        count = n
        for t in 0..<n { place(Int32(t), cs, cp, co) }
    }
}
