#if canImport(Glibc)
import Glibc
#endif

/// Flat tuple storage for one relation: rows of `arity` Int32 values, appended in
/// derivation order (a row's index says when it was derived, which semi-naive
/// evaluation and explanations both use), plus an open-addressing hash set that
/// keeps rows unique.
///
/// These are noncopyable structs of raw pointers, kept in an unsafe buffer by
/// `Database`, so that the join loop touches no reference counts; being
/// `~Copyable`, a store has exactly one owner and its memory is freed once, by
/// `deinit` (overwriting or deinitializing the slot that holds it).
struct TupleStore: ~Copyable {
    var arity: Int
    var rows: UnsafeMutablePointer<Int32>
    var count = 0
    var rowCapacity: Int
    /// Set slots. Arity <= 2: the packed tuple itself. Arity > 2: the row's 32-bit hash
    /// (high half; its low bits pick the home slot) and row index (low half), so that a
    /// probe compares rows only when their hashes agree and growing never reads a row.
    /// Empty: `UInt64.max`.
    var slots: UnsafeMutablePointer<UInt64>
    var slotMask: Int
    /// Whether the packed key `UInt64.max` (only possible for arity 2) is present.
    var hasMaxKey = false
    /// Arity 2 keeps its set here instead of in `slots`.
    var pairs = PairSet()

    static let empty = UInt64.max

    init(arity: Int) {
        precondition(arity >= 0, "negative arity")
        self.arity = arity
        rowCapacity = 64
        rows = RowBuffer.allocate(max(1, arity) * rowCapacity)
        slotMask = 127
        slots = .allocate(capacity: 128)
        slots.initialize(repeating: TupleStore.empty, count: 128)
    }

    deinit {
        RowBuffer.free(rows)
        slots.deallocate()
    }

    /// Bytes this store holds (rows and set slots), for the memory budget.
    var allocatedBytes: Int {
        rowCapacity * max(1, arity) * 4 + (slotMask + 1) * 8 + pairs.allocatedBytes
    }

    @inline(__always) var packed: Bool { arity <= 2 }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    @inline(__always) static func pack(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// Slot of a packed pair: a random base from the first value plus a
    /// bounded offset from the second, so that tuples sharing a first value
    /// (which semi-naive evaluation tends to derive together) land in one
    /// cache-friendly window of the table.
    @inline(__always) func home(_ key: UInt64) -> Int {
        if arity == 1 { return Int(truncatingIfNeeded: TupleStore.mix(key)) & slotMask }
        let hi = TupleStore.mix(key >> 32)
        let lo = TupleStore.mix(key & 0xFFFF_FFFF)
        return Int(truncatingIfNeeded: hi &+ (lo & 0xFFFF)) & slotMask
    }

    /// A row's 32-bit hash as a slot keeps it (in the high half).
    @inline(__always) func hashRow(_ t: UnsafePointer<Int32>) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for c in 0..<arity { h = TupleStore.mix(h ^ UInt64(UInt32(bitPattern: t[c]))) }
        return h & 0xFFFF_FFFF_0000_0000
    }

    /// Home slot of a row hash (as `hashRow` gives it).
    @inline(__always) func rowHome(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 32) & slotMask }

    @inline(__always) func packKey(_ t: UnsafePointer<Int32>) -> UInt64 {
        arity == 2 ? TupleStore.pack(t[0], t[1]) : (arity == 1 ? UInt64(UInt32(bitPattern: t[0])) : 0)
    }

    /// Whether the tuple is present.
    func contains(_ t: UnsafePointer<Int32>) -> Bool {
        if arity == 2 { return pairs.contains(t[0], t[1]) }
        if packed {
            let key = packKey(t)
            if key == TupleStore.empty { return hasMaxKey }
            if arity == 0 { return count > 0 }
            var s = home(key)
            while true {
                let v = slots[s]
                if v == key { return true }
                if v == TupleStore.empty { return false }
                s = (s + 1) & slotMask
            }
        }
        let h = hashRow(t)
        var s = rowHome(h)
        while true {
            let v = slots[s]
            if v == TupleStore.empty { return false }
            if v & 0xFFFF_FFFF_0000_0000 == h && rowEquals(Int(v & 0xFFFF_FFFF), t) { return true }
            s = (s + 1) & slotMask
        }
    }

    @inline(__always) func rowEquals(_ r: Int, _ t: UnsafePointer<Int32>) -> Bool {
        let base = rows + r * arity
        for c in 0..<arity where base[c] != t[c] { return false }
        return true
    }

    /// Adds the tuple if new; returns whether it was new.
    @inline(__always)
    mutating func insert(_ t: UnsafePointer<Int32>) -> Bool {
        if arity == 2 {
            if !pairs.insert(t[0], t[1]) { return false }
            appendRow(t)
            return true
        }
        if (count + 1) * 2 > slotMask + 1 { grow() }
        if packed {
            if arity == 0 {
                if count > 0 { return false }
                count = 1
                return true
            }
            let key = packKey(t)
            if key == TupleStore.empty {
                if hasMaxKey { return false }
                hasMaxKey = true
            } else {
                var s = home(key)
                while true {
                    let v = slots[s]
                    if v == key { return false }
                    if v == TupleStore.empty { slots[s] = key; break }
                    s = (s + 1) & slotMask
                }
            }
        } else {
            precondition(count < Int(Int32.max), "a relation of more rows than a row number holds")
            let h = hashRow(t)
            var s = rowHome(h)
            while true {
                let v = slots[s]
                if v == TupleStore.empty { slots[s] = h | UInt64(count); break }
                if v & 0xFFFF_FFFF_0000_0000 == h && rowEquals(Int(v & 0xFFFF_FFFF), t) { return false }
                s = (s + 1) & slotMask
            }
        }
        appendRow(t)
        return true
    }

    /// Inserts `n` tuples stored one after another at `t`, in order (as `insert` each).
    /// For arity > 2 (a set of row hashes, one random probe per row), the home slots of
    /// the whole batch are read first, so that their cache misses overlap instead of
    /// coming one after another: fact loading is bound by these misses.
    mutating func insertBatch(_ t: UnsafePointer<Int32>, _ n: Int) {
        precondition(n >= 0 && n <= 64, "batch of \(n) tuples")
        if arity <= 2 {
            for i in 0..<n { _ = insert(t + i * arity) }
            return
        }
        while (count + n) * 2 > slotMask + 1 { grow() }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { hashes in
            var warm: UInt64 = 0
            for i in 0..<n {
                let h = hashRow(t + i * arity)
                hashes[i] = h
                warm &+= slots[rowHome(h)]
            }
            warmSink = warm
            for i in 0..<n {
                let row = t + i * arity
                let h = hashes[i]
                var s = rowHome(h)
                var new = true
                while true {
                    let v = slots[s]
                    if v == TupleStore.empty { break }
                    if v & 0xFFFF_FFFF_0000_0000 == h && rowEquals(Int(v & 0xFFFF_FFFF), row) { new = false; break }
                    s = (s + 1) & slotMask
                }
                if !new { continue }
                precondition(count < Int(Int32.max), "a relation of more rows than a row number holds")
                slots[s] = h | UInt64(count)
                appendRow(row)
            }
        }
    }

    /// Where `insertBatch` leaves the sum of the slots it read ahead, so that the reads are not optimised away.
    private var warmSink: UInt64 = 0

    /// `insert` for a binary relation, without a tuple buffer.
    @inline(__always)
    mutating func insertPair(_ x: Int32, _ y: Int32) -> Bool {
        if !pairs.insert(x, y) { return false }
        if count == rowCapacity { growRows() }
        let base = rows + count &* 2
        base[0] = x
        base[1] = y
        count &+= 1
        return true
    }

    private mutating func growRows() {
        let newCapacity = rowCapacity * 2
        rows = RowBuffer.resize(rows, newCapacity * max(1, arity))
        rowCapacity = newCapacity
    }

    @inline(__always) private mutating func appendRow(_ t: UnsafePointer<Int32>) {
        if count == rowCapacity { growRows() }
        let base = rows + count * arity
        for c in 0..<arity { base[c] = t[c] }
        count += 1
    }

    private mutating func grow() {
        let oldSlots = slots
        let oldCapacity = slotMask + 1
        let capacity = oldCapacity * 2
        slots = LargeAllocation.allocate(UInt64.self, capacity: capacity)
        slots.initialize(repeating: TupleStore.empty, count: capacity)
        slotMask = capacity - 1
        for i in 0..<oldCapacity {
            let v = oldSlots[i]
            if v == TupleStore.empty { continue }
            var s = packed ? home(v) : rowHome(v)
            while slots[s] != TupleStore.empty { s = (s + 1) & slotMask }
            slots[s] = v
        }
        oldSlots.deallocate()
    }

    /// Pre-sizes for `n` more rows (fact loading).
    mutating func reserve(_ n: Int) {
        if arity != 2 && count == 0 && !hasMaxKey && n * 2 > slotMask + 1 {
            // Empty: allocate the final table at once instead of doubling an empty one.
            var capacity = slotMask + 1
            while n * 2 > capacity { capacity *= 2 }
            slots.deallocate()
            slots = LargeAllocation.allocate(UInt64.self, capacity: capacity)
            slots.initialize(repeating: TupleStore.empty, count: capacity)
            slotMask = capacity - 1
        }
        while arity != 2 && (count + n) * 2 > slotMask + 1 { grow() }
        if count + n > rowCapacity {
            let newCapacity = count + n
            rows = RowBuffer.resize(rows, newCapacity * max(1, arity))
            rowCapacity = newCapacity
        }
    }
}

#if DEBUG
extension TupleStore {
    /// Checks the rows against the set (O(rows)); the test build runs it at every stratum's end.
    func _checkInvariants() {
        precondition(count >= 0 && count <= rowCapacity, "TupleStore: count \(count) beyond capacity \(rowCapacity)")
        if arity == 2 {
            precondition(pairs.count == count, "TupleStore: \(count) rows but \(pairs.count) pairs")
            pairs._checkInvariants()
            for r in 0..<count { precondition(pairs.contains(rows[2 * r], rows[2 * r + 1]), "TupleStore: row \(r) missing from the set") }
            return
        }
        if arity == 0 { precondition(count <= 1, "TupleStore: a nullary relation holds \(count) rows"); return }
        precondition((slotMask + 1) & slotMask == 0 && count * 2 <= slotMask + 1, "TupleStore: set over-full")
        var used = 0
        for s in 0..<(slotMask + 1) where slots[s] != TupleStore.empty {
            used += 1
            if !packed {
                let r = Int(slots[s] & 0xFFFF_FFFF)
                precondition(r < count, "TupleStore: slot names row \(r) of \(count)")
                precondition(hashRow(rows + r * arity) == slots[s] & 0xFFFF_FFFF_0000_0000, "TupleStore: slot of row \(r) holds another hash")
            }
        }
        precondition(used + (hasMaxKey ? 1 : 0) == count, "TupleStore: \(count) rows but \(used) set entries")
        for r in 0..<count { precondition(contains(rows + r * arity), "TupleStore: row \(r) missing from the set") }
    }
}
#endif

/// A hash index of one relation on a list of columns: key -> chain of row
/// indexes, newest first (`next[row]` is the previous row with the same key).
/// It is extended incrementally (`catchUp`) as the relation grows, so a chain
/// holds rows in descending order and a version range [lo, hi) is walked by
/// skipping rows >= hi and stopping at the first row < lo.
struct HashIndex: ~Copyable {
    var relation: Int
    var columns: UnsafeMutablePointer<Int32>
    var columnCount: Int
    /// Keys of <= 2 columns are packed exactly; longer keys are hashed and every
    /// row found is checked.
    var exact: Bool
    var keys: UnsafeMutablePointer<UInt64>
    var heads: UnsafeMutablePointer<Int32>
    var mask: Int
    var used = 0
    var next: UnsafeMutablePointer<Int32>
    var nextCapacity: Int
    var indexedCount = 0

    init(relation: Int, columns: [Int], arity: Int) {
        precondition(!columns.isEmpty && columns.allSatisfy { $0 >= 0 && $0 < arity }, "index columns outside the relation")
        self.relation = relation
        columnCount = columns.count
        self.columns = .allocate(capacity: max(1, columns.count))
        for (i, c) in columns.enumerated() { self.columns[i] = Int32(c) }
        exact = columns.count <= 2
        mask = 63
        keys = .allocate(capacity: 64)
        heads = .allocate(capacity: 64)
        heads.initialize(repeating: -1, count: 64)
        nextCapacity = 64
        next = .allocate(capacity: 64)
    }

    /// A frozen copy: the relation's rows grouped by key, for relations that do not
    /// change while a stratum runs (base relations, lower strata). A lookup then
    /// reads one contiguous run of rows instead of following a chain.
    var frozenRows: UnsafeMutablePointer<Int32>? = nil
    var frozenStart: UnsafeMutablePointer<Int32>? = nil
    var frozenLength: UnsafeMutablePointer<Int32>? = nil
    /// The relation's row count when frozen; -1 when not frozen.
    var frozenCount = -1

    deinit {
        columns.deallocate(); keys.deallocate(); heads.deallocate(); next.deallocate()
        frozenRows?.deallocate(); frozenStart?.deallocate(); frozenLength?.deallocate()
    }

    /// Bytes this index holds (table, chains, frozen copy), for the memory budget.
    var allocatedBytes: Int {
        (mask + 1) * 12 + nextCapacity * 4 + (frozenCount >= 0 ? frozenCount * frozenArity * 4 + frozenSlots * 8 : 0)
    }
    private var frozenArity = 0
    /// Table size when frozen (the frozen run arrays have one entry per slot).
    private var frozenSlots = 0

    /// The slot holding `key`, or -1.
    @inline(__always) func findSlot(_ key: UInt64) -> Int {
        var s = slot(key)
        while true {
            let h = heads[s]
            if h < 0 { return -1 }
            if keys[s] == key { return s }
            s = (s + 1) & mask
        }
    }

    /// Builds the grouped copy (after `catchUp`), unless it is current.
    mutating func freeze(_ store: borrowing TupleStore) {
        if frozenCount == store.count { return }
        frozenRows?.deallocate(); frozenStart?.deallocate(); frozenLength?.deallocate()
        let arity = store.arity
        let capacity = mask + 1
        let rowsCopy = LargeAllocation.allocate(Int32.self, capacity: max(1, store.count * arity))
        let start = LargeAllocation.allocate(Int32.self, capacity: capacity)
        let length = LargeAllocation.allocate(Int32.self, capacity: capacity)
        var at = 0
        var chain: [Int32] = []
        for s in 0..<capacity {
            start[s] = Int32(at)
            length[s] = 0
            var r = heads[s]
            if r < 0 { continue }
            chain.removeAll(keepingCapacity: true)
            while r >= 0 { chain.append(r); r = next[Int(r)] }
            for row in chain.reversed() {
                (rowsCopy + at * arity).update(from: store.rows + Int(row) * arity, count: arity)
                at += 1
            }
            length[s] = Int32(chain.count)
        }
        frozenRows = rowsCopy
        frozenStart = start
        frozenLength = length
        frozenCount = store.count
        frozenArity = arity
        frozenSlots = capacity
    }

    /// The key of values `v0, v1, ...` as the index stores it.
    @inline(__always) static func key(_ values: UnsafePointer<Int32>, _ n: Int) -> UInt64 {
        if n == 1 { return UInt64(UInt32(bitPattern: values[0])) }
        if n == 2 { return TupleStore.pack(values[0], values[1]) }
        var h: UInt64 = 0x1319_8A2E_0370_7344
        for i in 0..<n { h = TupleStore.mix(h ^ UInt64(UInt32(bitPattern: values[i]))) }
        return h
    }

    @inline(__always) func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: TupleStore.mix(key)) & mask }

    /// First (newest) row with this key, or -1.
    @inline(__always) func first(_ key: UInt64) -> Int32 {
        let s = findSlot(key)
        return s < 0 ? -1 : heads[s]
    }

    /// Indexes rows [indexedCount, store.count).
    mutating func catchUp(_ store: borrowing TupleStore) {
        if indexedCount == store.count { return }
        if store.count > nextCapacity {
            var c = nextCapacity
            while c < store.count { c *= 2 }
            let fresh = LargeAllocation.allocate(Int32.self, capacity: c)
            fresh.moveInitialize(from: next, count: indexedCount)
            next.deallocate()
            next = fresh
            nextCapacity = c
        }
        var keyValues = [Int32](repeating: 0, count: max(1, columnCount))
        keyValues.withUnsafeMutableBufferPointer { kv in
            for r in indexedCount..<store.count {
                let row = store.rows + r * store.arity
                for i in 0..<columnCount { kv[i] = row[Int(columns[i])] }
                let key = HashIndex.key(kv.baseAddress!, columnCount)
                if (used + 1) * 2 > mask + 1 { grow() }
                var s = slot(key)
                while true {
                    let h = heads[s]
                    if h < 0 {
                        keys[s] = key; heads[s] = Int32(r); next[r] = -1; used += 1
                        break
                    }
                    if keys[s] == key { next[r] = h; heads[s] = Int32(r); break }
                    s = (s + 1) & mask
                }
            }
        }
        indexedCount = store.count
    }

    private mutating func grow() {
        let oldKeys = keys, oldHeads = heads, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        keys = LargeAllocation.allocate(UInt64.self, capacity: capacity)
        heads = LargeAllocation.allocate(Int32.self, capacity: capacity)
        heads.initialize(repeating: -1, count: capacity)
        mask = capacity - 1
        for i in 0..<oldCapacity where oldHeads[i] >= 0 {
            var s = slot(oldKeys[i])
            while heads[s] >= 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[i]
            heads[s] = oldHeads[i]
        }
        oldKeys.deallocate()
        oldHeads.deallocate()
    }

    #if DEBUG
    /// Checks the table and chains against the relation (O(rows)); the test build runs it at every stratum's end.
    func _checkInvariants(_ store: borrowing TupleStore) {
        precondition((mask + 1) & mask == 0 && used * 2 <= mask + 1, "HashIndex: table over-full")
        precondition(indexedCount <= store.count && indexedCount <= nextCapacity, "HashIndex: indexed rows beyond the relation")
        var chained = 0
        var keyValues = [Int32](repeating: 0, count: columnCount)
        for s in 0..<(mask + 1) where heads[s] >= 0 {
            precondition(findSlot(keys[s]) == s, "HashIndex: key not found where it lives")
            var r = Int(heads[s]), previous = Int.max
            while r >= 0 {
                precondition(r < indexedCount && r < previous, "HashIndex: chain not descending within the indexed rows")
                let row = store.rows + r * store.arity
                for i in 0..<columnCount { keyValues[i] = row[Int(columns[i])] }
                precondition(HashIndex.key(keyValues, columnCount) == keys[s], "HashIndex: row \(r) chained under another key")
                chained += 1
                previous = r
                r = Int(next[r])
            }
        }
        precondition(chained == indexedCount, "HashIndex: \(chained) chained rows of \(indexedCount) indexed")
        if frozenCount >= 0 {
            var total = 0
            for s in 0..<frozenSlots { total += Int(frozenLength![s]) }
            precondition(total == frozenCount, "HashIndex: frozen runs hold \(total) rows of \(frozenCount)")
        }
    }
    #endif
}

/// A relation's rows: one malloc'd block of Int32 grown with `realloc`, which for a
/// big block moves pages (mremap) instead of copying them, so growing a relation of
/// many megabytes neither copies it nor holds the old and the new block at once
/// (that transient doubled the peak memory of the largest relation). Big blocks get
/// the huge-page hint (`LargeAllocation`). Freed with `free`, by `TupleStore.deinit` only.
enum RowBuffer {
    static func allocate(_ count: Int) -> UnsafeMutablePointer<Int32> {
        precondition(count > 0 && count <= Int.max / 4, "row buffer of \(count) values")
        guard let p = malloc(count * 4) else { fatalError("out of memory: \(count * 4) bytes for rows") }
        if count * 4 >= LargeAllocation.threshold { LargeAllocation.adviseHugePages(p, count * 4) }
        return p.bindMemory(to: Int32.self, capacity: count)
    }

    static func resize(_ rows: UnsafeMutablePointer<Int32>, _ count: Int) -> UnsafeMutablePointer<Int32> {
        precondition(count > 0 && count <= Int.max / 4, "row buffer of \(count) values")
        guard let p = realloc(UnsafeMutableRawPointer(rows), count * 4) else { fatalError("out of memory: \(count * 4) bytes for rows") }
        if count * 4 >= LargeAllocation.threshold { LargeAllocation.adviseHugePages(p, count * 4) }
        return p.bindMemory(to: Int32.self, capacity: count)
    }

    static func free(_ rows: UnsafeMutablePointer<Int32>) { Glibc.free(UnsafeMutableRawPointer(rows)) }
}
