/// The set of a binary relation's pairs, as two levels: first value -> a small
/// open-addressing table of second values. Semi-naive evaluation derives many
/// pairs sharing a first value in a row (tc: every `path(x, _)` from one delta
/// row), so the small table it touches stays in cache, where one big hash table
/// of packed pairs would miss the cache on nearly every probe. A one-entry cache
/// of the last first value skips the top-level lookup for such runs.
struct PairSet: ~Copyable {
    static let empty = Int32.min

    private var firstKeys: UnsafeMutablePointer<Int32>
    private var firstGroups: UnsafeMutablePointer<Int32>
    private var firstMask: Int
    private(set) var groupCount = 0
    private var groupCapacity: Int
    private var tables: UnsafeMutablePointer<UnsafeMutablePointer<Int32>>
    private var masks: UnsafeMutablePointer<Int>
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
        masks = .allocate(capacity: 16)
        counts = .allocate(capacity: 16)
    }

    /// Bytes this set holds, for the memory budget (kept as tables grow).
    private(set) var allocatedBytes = 16 * 8 + 16 * 24

    deinit {
        for g in 0..<groupCount { tables[g].deallocate() }
        firstKeys.deallocate(); firstGroups.deallocate(); tables.deallocate(); masks.deallocate(); counts.deallocate()
    }

    @inline(__always) private static func hash(_ v: Int32) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: v)) &* 0x9E37_79B9_7F4A_7C15) >> 29)
    }

    @inline(__always) private func findGroup(_ x: Int32) -> Int {
        if x == lastFirst { return lastGroup }
        var s = PairSet.hash(x) & firstMask
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
        let t = tables[g], m = masks[g]
        var s = PairSet.hash(y) & m
        while true {
            let v = t[s]
            if v == y { return true }
            if v == PairSet.empty { return false }
            s = (s + 1) & m
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
        if (counts[g] + 1) * 2 > masks[g] + 1 { growGroup(g) }
        let t = tables[g], m = masks[g]
        var s = PairSet.hash(y) & m
        while true {
            let v = t[s]
            if v == y { return false }
            if v == PairSet.empty {
                t[s] = y
                counts[g] += 1
                return true
            }
            s = (s + 1) & m
        }
    }

    private mutating func addGroup(_ x: Int32) -> Int {
        if (groupCount + 1) * 2 > firstMask + 1 { growFirst() }
        if groupCount == groupCapacity {
            let c = groupCapacity * 2
            let t = UnsafeMutablePointer<UnsafeMutablePointer<Int32>>.allocate(capacity: c)
            t.moveInitialize(from: tables, count: groupCount)
            tables.deallocate(); tables = t
            let m = UnsafeMutablePointer<Int>.allocate(capacity: c)
            m.moveInitialize(from: masks, count: groupCount)
            masks.deallocate(); masks = m
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
        masks[g] = 7
        counts[g] = 0
        var s = PairSet.hash(x) & firstMask
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
            var s = PairSet.hash(oldKeys[i]) & firstMask
            while firstGroups[s] >= 0 { s = (s + 1) & firstMask }
            firstKeys[s] = oldKeys[i]
            firstGroups[s] = oldGroups[i]
        }
        oldKeys.deallocate(); oldGroups.deallocate()
    }

    private mutating func growGroup(_ g: Int) {
        let old = tables[g], oldCapacity = masks[g] + 1
        let c = oldCapacity * (oldCapacity < 512 ? 4 : 2)
        let t = UnsafeMutablePointer<Int32>.allocate(capacity: c)
        t.initialize(repeating: PairSet.empty, count: c)
        let m = c - 1
        for i in 0..<oldCapacity where old[i] != PairSet.empty {
            var s = PairSet.hash(old[i]) & m
            while t[s] != PairSet.empty { s = (s + 1) & m }
            t[s] = old[i]
        }
        old.deallocate()
        allocatedBytes += (c - oldCapacity) * 4
        tables[g] = t
        masks[g] = m
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
        precondition(groupCount <= groupCapacity && groupCount * 2 <= firstMask + 1, "PairSet: group count out of bounds")
        var seenGroups = 0
        for s in 0..<(firstMask + 1) where firstGroups[s] >= 0 {
            let g = Int(firstGroups[s])
            precondition(g < groupCount, "PairSet: slot names a group that does not exist")
            precondition(findGroupUncached(firstKeys[s]) == g, "PairSet: first value not found where it lives")
            seenGroups += 1
        }
        precondition(seenGroups == groupCount, "PairSet: \(seenGroups) first values for \(groupCount) groups")
        for g in 0..<groupCount {
            let m = masks[g]
            precondition((m + 1) & m == 0 && counts[g] * 2 <= m + 1, "PairSet: group table over-full")
            var used = 0
            for s in 0..<(m + 1) where tables[g][s] != PairSet.empty { used += 1 }
            precondition(used == counts[g], "PairSet: group count \(counts[g]) but \(used) entries")
        }
        if lastGroup >= 0 { precondition(findGroupUncached(lastFirst) == lastGroup, "PairSet: stale last-group cache") }
    }

    private func findGroupUncached(_ x: Int32) -> Int {
        var s = PairSet.hash(x) & firstMask
        while true {
            let g = firstGroups[s]
            if g < 0 { return -1 }
            if firstKeys[s] == x { return Int(g) }
            s = (s + 1) & firstMask
        }
    }
    #endif
}
