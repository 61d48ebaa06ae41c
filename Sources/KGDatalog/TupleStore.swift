#if canImport(Glibc)
import Glibc
#endif

/// Flat tuple storage for one relation: rows of `arity` Int32 values, appended in
/// derivation order (a row's index says when it was derived, which semi-naive
/// evaluation and explanations both use), plus a set that keeps rows unique:
/// arity 1, an open-addressing table of the values; arity 2, a `PairSet`; arity > 2,
/// a `RowSet` of row numbers (5 bytes a slot). Nothing is stored per row beyond its
/// values and its set entry.
///
/// The set is only needed while rows are added (and for a negation that tests a
/// whole row): once a relation's stratum is done, `releaseSet()` frees it, and the
/// next `insert`, `contains` or `ensureSet()` rebuilds it from the rows (O(rows)).
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
    /// Arity 1: the values themselves (as UInt64). Empty: `UInt64.max`. Other arities keep
    /// a table of one slot here, unused.
    var slots: UnsafeMutablePointer<UInt64>
    var slotMask: Int
    /// Arity 2 keeps its set here.
    var pairs = PairSet()
    /// Arity > 2 keeps its set here.
    var rowSet: RowSet
    /// Whether the set was freed (`releaseSet`) and must be rebuilt before it is used.
    private(set) var setReleased = false

    static let empty = UInt64.max

    init(arity: Int) {
        precondition(arity >= 0, "negative arity")
        self.arity = arity
        rowCapacity = arity > 2 ? 16 : 64
        rows = RowBuffer.allocate(max(1, arity) * rowCapacity)
        let slotCount = arity == 1 ? 128 : 1
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: TupleStore.empty, count: slotCount)
        rowSet = RowSet(arity: arity > 2 ? arity : 3, small: arity <= 2)
    }

    deinit {
        RowBuffer.free(rows, count: rowCapacity * max(1, arity))
        slots.deallocate()
    }

    /// Bytes this store holds (row capacity and set), for the memory budget. The capacity
    /// is counted whole: a block below the allocator's mapping threshold is copied when it
    /// grows, so its pages are all resident.
    var allocatedBytes: Int {
        rowCapacity * max(1, arity) * 4 + (slotMask + 1) * 8 + pairs.allocatedBytes + rowSet.allocatedBytes
    }

    /// Bytes of the rows actually written (`count` rows; the capacity beyond them is
    /// reserved address space the system has not backed).
    var rowBytes: Int { count * max(1, arity) * 4 }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var h = x &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    @inline(__always) static func pack(_ a: Int32, _ b: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
    }

    /// Slot of an arity-1 value.
    @inline(__always) func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: TupleStore.mix(key)) & slotMask }

    /// Whether the tuple is present. The set must be in place (`ensureSet()` after a `releaseSet()`).
    func contains(_ t: UnsafePointer<Int32>) -> Bool {
        precondition(!setReleased, "contains on a released set: call ensureSet() first")
        switch arity {
        case 0: return count > 0
        case 1:
            let key = UInt64(UInt32(bitPattern: t[0]))
            var s = home(key)
            while true {
                let v = slots[s]
                if v == key { return true }
                if v == TupleStore.empty { return false }
                s = (s + 1) & slotMask
            }
        case 2: return pairs.contains(t[0], t[1])
        default: return rowSet.contains(t, rows: rows)
        }
    }

    /// Adds the tuple if new; returns whether it was new.
    @inline(__always)
    mutating func insert(_ t: UnsafePointer<Int32>) -> Bool {
        if setReleased { ensureSet() }
        switch arity {
        case 0:
            if count > 0 { return false }
            count = 1
            return true
        case 1:
            if (count + 1) * 2 > slotMask + 1 { grow() }
            let key = UInt64(UInt32(bitPattern: t[0]))
            var s = home(key)
            while true {
                let v = slots[s]
                if v == key { return false }
                if v == TupleStore.empty { slots[s] = key; break }
                s = (s + 1) & slotMask
            }
        case 2:
            if !pairs.insert(t[0], t[1]) { return false }
        default:
            precondition(count < Int(Int32.max), "a relation of more rows than a row number holds")
            if !rowSet.insert(t, row: Int32(count), rows: rows) { return false }
        }
        appendRow(t)
        return true
    }

    /// Inserts `n` tuples stored one after another at `t`, in order (as `insert` each).
    /// For arity > 2 (a set of row numbers, one random probe per row), the home groups of
    /// the whole batch are read first, so that their cache misses overlap instead of
    /// coming one after another: fact loading is bound by these misses.
    mutating func insertBatch(_ t: UnsafePointer<Int32>, _ n: Int) {
        precondition(n >= 0 && n <= 64, "batch of \(n) tuples")
        if arity <= 2 || setReleased {
            for i in 0..<n { _ = insert(t + i * arity) }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { hashes in
            var warm: UInt64 = 0
            for i in 0..<n {
                let h = RowSet.hash(t + i * arity, arity)
                hashes[i] = h
                warm &+= rowSet.touch(h)
            }
            warmSink = warm
            for i in 0..<n {
                let row = t + i * arity
                precondition(count < Int(Int32.max), "a relation of more rows than a row number holds")
                if rowSet.insert(hash: hashes[i], row, row: Int32(count), rows: rows) { appendRow(row) }
            }
        }
    }

    /// Where `insertBatch` leaves the sum of the slots it read ahead, so that the reads are not optimised away.
    private var warmSink: UInt64 = 0

    /// `insert` for a binary relation, without a tuple buffer.
    @inline(__always)
    mutating func insertPair(_ x: Int32, _ y: Int32) -> Bool {
        if setReleased { ensureSet() }
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
        rows = RowBuffer.resize(rows, from: rowCapacity * max(1, arity), to: newCapacity * max(1, arity))
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
            var s = home(v)
            while slots[s] != TupleStore.empty { s = (s + 1) & slotMask }
            slots[s] = v
        }
        oldSlots.deallocate()
    }

    /// Pre-sizes for `n` more rows (fact loading).
    mutating func reserve(_ n: Int) {
        if setReleased { ensureSet() }
        if arity == 1 && count == 0 && n * 2 > slotMask + 1 {
            // Empty: allocate the final table at once instead of doubling an empty one.
            var capacity = slotMask + 1
            while n * 2 > capacity { capacity *= 2 }
            slots.deallocate()
            slots = LargeAllocation.allocate(UInt64.self, capacity: capacity)
            slots.initialize(repeating: TupleStore.empty, count: capacity)
            slotMask = capacity - 1
        }
        while arity == 1 && (count + n) * 2 > slotMask + 1 { grow() }
        if arity > 2 { rowSet.reserve(count + n, rows: rows) }
        if count + n > rowCapacity {
            let newCapacity = count + n
            rows = RowBuffer.resize(rows, from: rowCapacity * max(1, arity), to: newCapacity * max(1, arity))
            rowCapacity = newCapacity
        }
    }

    /// Frees the set (the rows stay): for a relation no rule will add to for a while
    /// (its stratum is done). O(1) now, O(rows) at the next `ensureSet()`.
    mutating func releaseSet() {
        if setReleased || arity == 0 { return }
        switch arity {
        case 1:
            slots.deallocate()
            slots = .allocate(capacity: 1)
            slots.initialize(to: TupleStore.empty)
            slotMask = 0
        case 2: pairs = PairSet()
        default: rowSet = RowSet(arity: arity, small: true)
        }
        setReleased = true
    }

    /// Rebuilds the set from the rows if it was released (O(rows)); the rows keep their order.
    mutating func ensureSet() {
        guard setReleased else { return }
        setReleased = false
        switch arity {
        case 1:
            var capacity = 128
            while count * 2 > capacity { capacity *= 2 }
            slots.deallocate()
            slots = LargeAllocation.allocate(UInt64.self, capacity: capacity)
            slots.initialize(repeating: TupleStore.empty, count: capacity)
            slotMask = capacity - 1
            for r in 0..<count {
                var s = home(UInt64(UInt32(bitPattern: rows[r])))
                while slots[s] != TupleStore.empty { s = (s + 1) & slotMask }
                slots[s] = UInt64(UInt32(bitPattern: rows[r]))
            }
        case 2:
            for r in 0..<count { _ = pairs.insert(rows[2 * r], rows[2 * r + 1]) }
        default:
            rowSet = RowSet(arity: arity, small: false)
            rowSet.reserve(count, rows: rows)
            for r in 0..<count {
                let inserted = rowSet.insert(rows + r * arity, row: Int32(r), rows: rows)
                precondition(inserted, "a relation's rows repeat")
            }
        }
    }
}

#if DEBUG
extension TupleStore {
    /// Checks the rows against the set (O(rows)); the test build runs it at every stratum's end.
    func _checkInvariants() {
        precondition(count >= 0 && count <= rowCapacity, "TupleStore: count \(count) beyond capacity \(rowCapacity)")
        if setReleased { return }
        switch arity {
        case 0: precondition(count <= 1, "TupleStore: a nullary relation holds \(count) rows")
        case 1:
            precondition((slotMask + 1) & slotMask == 0 && count * 2 <= slotMask + 1, "TupleStore: set over-full")
            var used = 0
            for s in 0..<(slotMask + 1) where slots[s] != TupleStore.empty { used += 1 }
            precondition(used == count, "TupleStore: \(count) rows but \(used) set entries")
            for r in 0..<count { precondition(contains(rows + r), "TupleStore: row \(r) missing from the set") }
        case 2:
            precondition(pairs.count == count, "TupleStore: \(count) rows but \(pairs.count) pairs")
            pairs._checkInvariants()
            for r in 0..<count { precondition(pairs.contains(rows[2 * r], rows[2 * r + 1]), "TupleStore: row \(r) missing from the set") }
        default:
            rowSet._checkInvariants(rows: rows, rowCount: count)
        }
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
    /// Released (`Database.releaseIndexes`): empty and skipped until a join asks for it again.
    var dormant = false

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
        next = RowBuffer.allocate(64)
    }

    /// The frozen form, for relations that do not change while a stratum runs (base
    /// relations, lower strata): the relation's rows grouped by key, so that a lookup
    /// reads one contiguous run instead of following a chain. A relation of one or two
    /// columns is grouped as a copy of its rows (`frozenRows`, 8 bytes a row, read in
    /// order); a wider one as row numbers (`frozenOrder`, 4 bytes a row, where a copy
    /// would take 4 per column). Freezing builds the groups straight from the rows
    /// (two passes, counting then placing) and frees the chains: a frozen index holds
    /// its key table, its runs and nothing per row beyond those 4 or 8 bytes.
    var frozenRows: UnsafeMutablePointer<Int32>? = nil
    var frozenOrder: UnsafeMutablePointer<Int32>? = nil
    var frozenStart: UnsafeMutablePointer<Int32>? = nil
    var frozenLength: UnsafeMutablePointer<Int32>? = nil
    /// The relation's row count when frozen; -1 when not frozen.
    var frozenCount = -1
    /// Whether the chains were freed by `freeze`: `first`/`next` are then not usable
    /// until `catchUp` rebuilds them (which it does when the relation has grown).
    private(set) var chainDropped = false

    deinit {
        columns.deallocate(); keys.deallocate(); heads.deallocate(); RowBuffer.free(next, count: nextCapacity)
        frozenRows?.deallocate(); frozenOrder?.deallocate(); frozenStart?.deallocate(); frozenLength?.deallocate()
    }

    /// Bytes this index holds (table, chains, frozen runs), for the memory budget.
    var allocatedBytes: Int {
        (mask + 1) * 12 + nextCapacity * 4
            + (frozenCount >= 0 ? frozenCount * (frozenRows != nil ? frozenArity : 1) * 4 + frozenSlots * 8 : 0)
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

    /// The key of row `row` on this index's columns.
    @inline(__always) private func rowKey(_ row: UnsafePointer<Int32>, _ scratch: UnsafeMutablePointer<Int32>) -> UInt64 {
        if columnCount == 1 { return UInt64(UInt32(bitPattern: row[Int(columns[0])])) }
        if columnCount == 2 { return TupleStore.pack(row[Int(columns[0])], row[Int(columns[1])]) }
        for i in 0..<columnCount { scratch[i] = row[Int(columns[i])] }
        return HashIndex.key(scratch, columnCount)
    }

    /// Frees the chains and empties the key table (kept at its size).
    private mutating func dropChain() {
        heads.update(repeating: -1, count: mask + 1)
        used = 0
        RowBuffer.free(next, count: nextCapacity)
        next = RowBuffer.allocate(1)
        nextCapacity = 1
        indexedCount = 0
        chainDropped = true
    }

    /// Builds the frozen runs over every row of `store`, unless they are current, and
    /// frees the chains. O(rows): each row's key is looked up twice (count, place).
    mutating func freeze(_ store: borrowing TupleStore) {
        if frozenCount == store.count { return }
        frozenRows?.deallocate(); frozenOrder?.deallocate(); frozenStart?.deallocate(); frozenLength?.deallocate()
        frozenRows = nil; frozenOrder = nil
        dropChain()
        let arity = store.arity, n = store.count
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, columnCount)) { scratchBuffer in
            let scratch = scratchBuffer.baseAddress!
            // Pass 1: the keys, each slot's `heads` counting its rows.
            for r in 0..<n {
                let key = rowKey(store.rows + r * arity, scratch)
                if HashIndex.full(used, mask) { grow() }
                var s = slot(key)
                while true {
                    let h = heads[s]
                    if h < 0 { keys[s] = key; heads[s] = 1; used += 1; break }
                    if keys[s] == key { heads[s] = h + 1; break }
                    s = (s + 1) & mask
                }
            }
            let capacity = mask + 1
            let start = LargeAllocation.allocate(Int32.self, capacity: capacity)
            let length = LargeAllocation.allocate(Int32.self, capacity: capacity)
            var at: Int32 = 0
            for s in 0..<capacity {
                start[s] = at
                length[s] = 0
                if heads[s] > 0 { at += heads[s] }
            }
            // Pass 2: each row at its key's run, in row order.
            let copy = arity <= 2
            let out = LargeAllocation.allocate(Int32.self, capacity: max(1, copy ? n * arity : n))
            for r in 0..<n {
                let row = store.rows + r * arity
                let s = findSlot(rowKey(row, scratch))
                let k = Int(start[s] + length[s])
                length[s] += 1
                if copy {
                    for c in 0..<arity { out[k * arity + c] = row[c] }
                } else {
                    out[k] = Int32(r)
                }
            }
            if copy { frozenRows = out } else { frozenOrder = out }
            frozenStart = start
            frozenLength = length
            frozenSlots = capacity
        }
        frozenCount = n
        frozenArity = arity
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

    /// Whether the key table (`mask + 1` slots, `used` of them taken) must grow before one
    /// more key: kept at most 3/4 full (the keys are mixed, so probes stay short; at 1/2,
    /// the tables of CSPA-100k's six indexes held 2.6 MB more).
    @inline(__always) static func full(_ used: Int, _ mask: Int) -> Bool { (used + 1) * 4 > (mask + 1) * 3 }

    /// First (newest) row with this key, or -1.
    @inline(__always) func first(_ key: UInt64) -> Int32 {
        let s = findSlot(key)
        return s < 0 ? -1 : heads[s]
    }

    /// Indexes rows [indexedCount, store.count).
    /// An index frozen before (its chains dropped) gets its chains rebuilt from the
    /// first row, and its frozen runs freed: a relation that changes is read by chains.
    mutating func catchUp(_ store: borrowing TupleStore) {
        if chainDropped {
            heads.update(repeating: -1, count: mask + 1)
            used = 0
            chainDropped = false
            frozenRows?.deallocate(); frozenOrder?.deallocate(); frozenStart?.deallocate(); frozenLength?.deallocate()
            frozenRows = nil; frozenOrder = nil; frozenStart = nil; frozenLength = nil
            frozenCount = -1
        }
        if indexedCount == store.count { return }
        if store.count > nextCapacity {
            var c = nextCapacity
            while c < store.count { c *= 2 }
            // Grown by moving its pages (`RowBuffer`): the old and the new chains are not held at once.
            next = RowBuffer.resize(next, from: nextCapacity, to: c)
            nextCapacity = c
        }
        var keyValues = [Int32](repeating: 0, count: max(1, columnCount))
        keyValues.withUnsafeMutableBufferPointer { kv in
            for r in indexedCount..<store.count {
                let row = store.rows + r * store.arity
                for i in 0..<columnCount { kv[i] = row[Int(columns[i])] }
                let key = HashIndex.key(kv.baseAddress!, columnCount)
                if HashIndex.full(used, mask) { grow() }
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
        precondition((mask + 1) & mask == 0 && (used == 0 || !HashIndex.full(used - 1, mask)), "HashIndex: table over-full")
        precondition(indexedCount <= store.count && indexedCount <= nextCapacity, "HashIndex: indexed rows beyond the relation")
        var chained = 0
        var keyValues = [Int32](repeating: 0, count: columnCount)
        if chainDropped {
            // Frozen only: every run holds rows of its slot's key, in row order, all rows once.
            precondition(frozenCount >= 0 && frozenCount <= store.count && indexedCount == 0, "HashIndex: chains dropped but not frozen")
            var seen = [Bool](repeating: false, count: frozenCount)
            for s in 0..<(mask + 1) where heads[s] >= 0 {
                precondition(findSlot(keys[s]) == s && frozenLength![s] == heads[s], "HashIndex: frozen run of a slot miscounted")
                var previous = -1
                for k in Int(frozenStart![s])..<Int(frozenStart![s] + frozenLength![s]) {
                    let row: UnsafePointer<Int32>
                    if let copy = frozenRows { row = UnsafePointer(copy + k * store.arity) } else {
                        let r = Int(frozenOrder![k])
                        precondition(r > previous && r < frozenCount && !seen[r], "HashIndex: frozen run not in row order")
                        seen[r] = true
                        previous = r
                        row = UnsafePointer(store.rows + r * store.arity)
                    }
                    for i in 0..<columnCount { keyValues[i] = row[Int(columns[i])] }
                    precondition(HashIndex.key(keyValues, columnCount) == keys[s], "HashIndex: frozen row under another key")
                    chained += 1
                }
            }
            precondition(chained == frozenCount, "HashIndex: frozen runs hold \(chained) rows of \(frozenCount)")
            return
        }
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
