/// The set of a binary relation's pairs, as two levels: first value -> a small
/// open-addressing table of second values. Semi-naive evaluation derives many
/// pairs sharing a first value in a row (tc: every `path(x, _)` from one delta
/// row), so the small table it touches stays in cache, where one big hash table
/// of packed pairs would miss the cache on nearly every probe. A one-entry cache
/// of the last first value skips the top-level lookup for such runs.
struct PairSet {
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

    func release() {
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
            groupCapacity = c
        }
        let g = groupCount
        groupCount += 1
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
        tables[g] = t
        masks[g] = m
    }
}
