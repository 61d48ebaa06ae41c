/// The set of a binary relation's pairs, as two levels: first value -> a small
/// open-addressing table of second values. Semi-naive evaluation derives many
/// pairs sharing a first value in a row (tc: every `path(x, _)` from one delta
/// row), so the small table it touches stays in cache, where one big hash table
/// of packed pairs would miss the cache on nearly every probe. A one-entry cache
/// of the last first value skips the top-level lookup for such runs.
///
/// Memory: 4 bytes a slot. A second-value table has 8, 12, 16, 24, 32, 48, ... slots
/// (steps of 3/2 and 4/3, not doublings), filled to 7/8 up to 32 slots and 3/4 beyond:
/// 4 to 7.1 bytes a pair in a big table (a first value with 2,000 second values takes
/// 3,072 slots, not 4,096), where doubling tables kept at most half full took 8 to 16
/// (and 12.8 for CSPA's clusters of 40 values: 128 slots, now 64). Per first value: 24
/// bytes of table pointer, size and count, and 8 bytes a slot of the first level.
struct PairSet: ~Copyable {
    static let empty = Int32.min

    private var firstKeys: UnsafeMutablePointer<Int32>
    private var firstGroups: UnsafeMutablePointer<Int32>
    private var firstMask: Int
    private(set) var groupCount = 0
    private var groupCapacity: Int
    private var tables: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    /// Slots of each group's table (8, 12, 16, 24, ...: `PairSet.grown`).
    private var sizes: UnsafeMutablePointer<Int>
    private var counts: UnsafeMutablePointer<Int>
    private var lastFirst: Int32 = PairSet.empty
    private var lastGroup = -1
    private(set) var hasEmptySecond = Set<Int32>()

    init() {
        firstMask = 15
        firstKeys = .allocate(capacity: 16)
        firstGroups = .allocate(capacity: 16)
        firstGroups.initialize(repeating: -1, count: 16)
        groupCapacity = 16
        tables = .allocate(capacity: 16)
        sizes = .allocate(capacity: 16)
        counts = .allocate(capacity: 16)
    }

    /// Bytes this set holds, for the memory budget (kept as tables grow).
    private(set) var allocatedBytes = 16 * 8 + 16 * 24

    deinit {
        for g in 0..<groupCount { tables[g].deallocate() }
        firstKeys.deallocate(); firstGroups.deallocate(); tables.deallocate(); sizes.deallocate(); counts.deallocate()
    }

    /// The top 32 bits of `v` times 2^64 / golden ratio (Fibonacci hashing): a run of
    /// consecutive values (the usual case: entity and variable numbers) is spread evenly
    /// over a table indexed by these top bits, so that linear probing stays short in a
    /// table 3/4 or 7/8 full. (The middle bits taken before put 40 consecutive numbers
    /// on about 16 homes of a table.)
    @inline(__always) private static func hash(_ v: Int32) -> UInt64 {
        (UInt64(UInt32(bitPattern: v)) &* 0x9E37_79B9_7F4A_7C15) >> 32
    }

    /// The home slot of `v` in the first level (`mask + 1` slots, a power of two).
    @inline(__always) private static func slot(_ v: Int32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash(v)) >> (32 - (mask + 1).trailingZeroBitCount)
    }

    /// The home slot of `v` in a table of `size` slots (any size below 2^32): the hash
    /// scaled to [0, size) by a multiply and a shift.
    @inline(__always) private static func slot(_ v: Int32, size: Int) -> Int {
        Int(truncatingIfNeeded: (hash(v) &* UInt64(size)) >> 32)
    }

    /// Whether a table of `size` slots holding `count` values must grow before one more
    /// is added: a table of up to 32 slots (two cache lines) is kept at most 7/8 full, a
    /// bigger one 3/4. (Filling 48-slot tables to 7/8 saved CSPA-100k another 5 MB but
    /// made it 13-20% slower: a repeated pair, the common insert, probed twice as far.)
    @inline(__always) private static func full(_ count: Int, _ size: Int) -> Bool {
        size <= 32 ? (count + 1) * 8 > size * 7 : (count + 1) * 4 > size * 3
    }

    /// The size after `size`: 8, 12, 16, 24, 32, 48, 64, ... (a power of two grows by
    /// half, the size between two powers to the next power).
    @inline(__always) static func grown(_ size: Int) -> Int {
        size & (size - 1) == 0 ? size + size / 2 : size + size / 3
    }

    @inline(__always) private func findGroup(_ x: Int32) -> Int {
        if x == lastFirst { return lastGroup }
        var s = PairSet.slot(x, firstMask)
        while true {
            let g = firstGroups[s]
            if g < 0 { return -1 }
            if firstKeys[s] == x { return Int(g) }
            s = (s + 1) & firstMask
        }
    }

    func contains(_ x: Int32, _ y: Int32) -> Bool {
        if y == PairSet.empty { return hasEmptySecond.contains(x) }
        let g = findGroup(x)
        if g < 0 { return false }
        let t = tables[g], size = sizes[g]
        var s = PairSet.slot(y, size: size)
        while true {
            let v = t[s]
            if v == y { return true }
            if v == PairSet.empty { return false }
            s += 1
            if s == size { s = 0 }
        }
    }

    /// Adds (x, y); whether it was new.
    @inline(__always)
    mutating func insert(_ x: Int32, _ y: Int32) -> Bool {
        if y == PairSet.empty { return hasEmptySecond.insert(x).inserted }
        var g = findGroup(x)
        if g < 0 { g = addGroup(x) }
        lastFirst = x
        lastGroup = g
        if PairSet.full(counts[g], sizes[g]) { growGroup(g) }
        let t = tables[g], size = sizes[g]
        var s = PairSet.slot(y, size: size)
        while true {
            let v = t[s]
            if v == y { return false }
            if v == PairSet.empty {
                t[s] = y
                counts[g] += 1
                return true
            }
            s += 1
            if s == size { s = 0 }
        }
    }

    private mutating func addGroup(_ x: Int32) -> Int {
        if PairSet.full(groupCount, firstMask + 1) { growFirst() }
        if groupCount == groupCapacity {
            let c = groupCapacity * 2
            let t = UnsafeMutablePointer<UnsafeMutablePointer<Int32>>.allocate(capacity: c)
            t.moveInitialize(from: tables, count: groupCount)
            tables.deallocate(); tables = t
            let m = UnsafeMutablePointer<Int>.allocate(capacity: c)
            m.moveInitialize(from: sizes, count: groupCount)
            sizes.deallocate(); sizes = m
            let n = UnsafeMutablePointer<Int>.allocate(capacity: c)
            n.moveInitialize(from: counts, count: groupCount)
            counts.deallocate(); counts = n
            allocatedBytes += (c - groupCapacity) * 24
            groupCapacity = c
        }
        let g = groupCount
        groupCount += 1
        allocatedBytes += 8 * 4
        tables[g] = .allocate(capacity: 8)
        tables[g].initialize(repeating: PairSet.empty, count: 8)
        sizes[g] = 8
        counts[g] = 0
        var s = PairSet.slot(x, firstMask)
        while firstGroups[s] >= 0 { s = (s + 1) & firstMask }
        firstKeys[s] = x
        firstGroups[s] = Int32(g)
        return g
    }

    private mutating func growFirst() {
        let oldKeys = firstKeys, oldGroups = firstGroups, oldCapacity = firstMask + 1
        let c = oldCapacity * 2
        firstKeys = .allocate(capacity: c)
        firstGroups = .allocate(capacity: c)
        firstGroups.initialize(repeating: -1, count: c)
        firstMask = c - 1
        allocatedBytes += (c - oldCapacity) * 8
        for i in 0..<oldCapacity where oldGroups[i] >= 0 {
            var s = PairSet.slot(oldKeys[i], firstMask)
            while firstGroups[s] >= 0 { s = (s + 1) & firstMask }
            firstKeys[s] = oldKeys[i]
            firstGroups[s] = oldGroups[i]
        }
        oldKeys.deallocate(); oldGroups.deallocate()
    }

    private mutating func growGroup(_ g: Int) {
        let old = tables[g], oldSize = sizes[g]
        let size = PairSet.grown(oldSize)
        precondition(size < Int(UInt32.max), "PairSet: a table of \(size) slots")
        let t = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        t.initialize(repeating: PairSet.empty, count: size)
        for i in 0..<oldSize where old[i] != PairSet.empty {
            var s = PairSet.slot(old[i], size: size)
            while t[s] != PairSet.empty {
                s += 1
                if s == size { s = 0 }
            }
            t[s] = old[i]
        }
        old.deallocate()
        allocatedBytes += (size - oldSize) * 4
        tables[g] = t
        sizes[g] = size
    }

    /// Pairs held (O(groups)).
    var count: Int {
        var n = hasEmptySecond.count
        for g in 0..<groupCount { n += counts[g] }
        return n
    }

    #if DEBUG
    /// Checks the structure (O(size)); the test build runs it at every stratum's end.
    func _checkInvariants() {
        precondition(firstMask >= 15 && (firstMask + 1) & firstMask == 0, "PairSet: first-level size not a power of two")
        precondition(groupCount <= groupCapacity && !PairSet.full(groupCount - 1, firstMask + 1), "PairSet: group count out of bounds")
        var seenGroups = 0
        for s in 0..<(firstMask + 1) where firstGroups[s] >= 0 {
            let g = Int(firstGroups[s])
            precondition(g < groupCount, "PairSet: slot names a group that does not exist")
            precondition(findGroupUncached(firstKeys[s]) == g, "PairSet: first value not found where it lives")
            seenGroups += 1
        }
        precondition(seenGroups == groupCount, "PairSet: \(seenGroups) first values for \(groupCount) groups")
        for g in 0..<groupCount {
            let size = sizes[g]
            var legal = 8
            while legal < size { legal = PairSet.grown(legal) }
            precondition(legal == size && !PairSet.full(counts[g] - 1, size), "PairSet: group table of \(size) slots over-full or of another size")
            var used = 0
            for s in 0..<size where tables[g][s] != PairSet.empty {
                used += 1
                // Found by a probe from its home: no empty slot between the home and it.
                var p = PairSet.slot(tables[g][s], size: size)
                while p != s {
                    precondition(tables[g][p] != PairSet.empty, "PairSet: a value past an empty slot from its home")
                    p += 1
                    if p == size { p = 0 }
                }
            }
            precondition(used == counts[g], "PairSet: group count \(counts[g]) but \(used) entries")
        }
        if lastGroup >= 0 { precondition(findGroupUncached(lastFirst) == lastGroup, "PairSet: stale last-group cache") }
    }

    private func findGroupUncached(_ x: Int32) -> Int {
        var s = PairSet.slot(x, firstMask)
        while true {
            let g = firstGroups[s]
            if g < 0 { return -1 }
            if firstKeys[s] == x { return Int(g) }
            s = (s + 1) & firstMask
        }
    }
    #endif
}
