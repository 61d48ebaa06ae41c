/// Interns strings by their UTF-8 bytes: one byte arena, an offset column and
/// an open-addressing table of ids. Interning from raw bytes (the log's
/// payload) builds no String and hashes with a cheap multiply-xorshift instead
/// of SipHash; the three parts go into a snapshot as they are and are mapped
/// back from it (`ByteArena`, `Column`). Probing stops after `slots.count`
/// slots, so a damaged slot table cannot make a lookup loop.
struct StringTable: Sendable {
    /// Every string's bytes, back to back.
    var arena = ByteArena()
    /// String i is `arena[starts[i] ..< starts[i + 1]]`.
    var starts: Column<Int> = [0]
    /// Id per slot, -1 when empty; capacity a power of two.
    var slots = Column<Int32>(repeating: -1, count: 256)

    var count: Int { starts.count - 1 }

    @inline(__always)
    static func hash(_ b: UnsafeRawBufferPointer) -> Int {
        let n = b.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ (UInt64(n) &* 0xFF51_AFD7_ED55_8CCD)
        var i = 0
        if let base = b.baseAddress {
            while i + 8 <= n {
                h = (h ^ base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private func equals(_ id: Int, _ b: UnsafeRawBufferPointer) -> Bool {
        guard id < count else { return false }
        let s = starts[id], e = starts[id + 1]
        guard e - s == b.count else { return false }
        return arena.withBytes(s, e) { a in b.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 } ?? false
    }

    func lookup(_ b: UnsafeRawBufferPointer) -> Int32? {
        let mask = slots.count - 1
        var i = StringTable.hash(b) & mask
        for _ in 0..<slots.count {
            let id = slots[i]
            if id < 0 { return nil }
            if equals(Int(id), b) { return id }
            i = (i + 1) & mask
        }
        return nil
    }

    func lookup(_ s: String) -> Int32? {
        var s = s
        return s.withUTF8 { lookup(UnsafeRawBufferPointer($0)) }
    }

    @discardableResult
    mutating func intern(_ b: UnsafeRawBufferPointer) -> Int32 {
        let mask = slots.count - 1
        var i = StringTable.hash(b) & mask
        var probes = 0
        while true {
            let id = slots[i]
            if id < 0 { break }
            if equals(Int(id), b) { return id }
            i = (i + 1) & mask
            probes += 1
            // A full table (only a damaged snapshot's): rebuild the slots from the strings.
            if probes == slots.count { grow(); return intern(b) }
        }
        let id = Int32(count)
        arena.append(contentsOf: b)
        starts.append(arena.count)
        slots[i] = id
        if count * 2 > slots.count { grow() }
        return id
    }

    @discardableResult
    mutating func intern(_ s: String) -> Int32 {
        var s = s
        return s.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// Doubles the slot table and re-places every string: O(strings).
    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for id in 0..<count {
            let h = arena.withBytes(starts[id], starts[id + 1]) { StringTable.hash($0) } ?? id
            var i = h & mask
            while bigger[i] >= 0 { i = (i + 1) & mask }
            bigger[i] = Int32(id)
        }
        slots = Column(bigger)
    }

    /// String `id`, O(length); "" for an id out of range or bytes a damaged snapshot chunk hides.
    subscript(id: Int32) -> String {
        guard id >= 0, Int(id) < count else { return "" }
        return arena.withBytes(starts[Int(id)], starts[Int(id) + 1]) { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every string, by id.
    var strings: [String] { (0..<count).map { self[Int32($0)] } }
}

#if canImport(Glibc)
import Glibc
#endif
