/// Dense group numbers for 64-bit keys, for grouped aggregates: an open-addressing
/// table (load at most 1/2) of keys and group numbers. Groups are numbered 0, 1, ...
/// in order of first appearance, so an aggregate's output keeps the order in which
/// its groups first occur. A one-entry cache of the last key serves runs of equal
/// keys (rows of a sorted fact file, a relation derived one first value at a time).
///
/// Cost: one hash and usually one probe per lookup; 12 bytes per slot, 2 to 4
/// slots per group. It also serves as a set of (group, value) pairs for a count of
/// distinct values. Noncopyable: one owner, memory freed once by `deinit`.
struct GroupTable: ~Copyable {
    private var keys: UnsafeMutablePointer<UInt64>
    /// Group number per slot; -1 marks an empty slot.
    private var groups: UnsafeMutablePointer<Int32>
    private var mask: Int
    private(set) var count = 0
    private var lastKey: UInt64 = 0
    private var lastGroup = -1

    /// - Parameter expected: groups expected (the table grows past it as needed).
    init(expected: Int = 8) {
        precondition(expected >= 0, "negative group count")
        var capacity = 16
        while capacity < 2 * expected && capacity < 1 << 30 { capacity *= 2 }
        keys = .allocate(capacity: capacity)
        groups = .allocate(capacity: capacity)
        groups.initialize(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    deinit {
        keys.deallocate()
        groups.deallocate()
    }

    /// Bytes held.
    var allocatedBytes: Int { (mask + 1) * 12 }

    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: TupleStore.mix(key)) & mask
    }

    /// The group of `key`, and whether it was new (then numbered `count - 1`).
    @inline(__always)
    mutating func group(_ key: UInt64) -> (group: Int, isNew: Bool) {
        if key == lastKey && lastGroup >= 0 { return (lastGroup, false) }
        var s = home(key)
        while true {
            let g = groups[s]
            if g < 0 { break }
            if keys[s] == key { lastKey = key; lastGroup = Int(g); return (Int(g), false) }
            s = (s + 1) & mask
        }
        precondition(count < Int(Int32.max), "more groups than a group number holds")
        keys[s] = key
        groups[s] = Int32(count)
        count += 1
        lastKey = key
        lastGroup = count - 1
        if count * 2 > mask + 1 { grow() }
        return (count - 1, true)
    }

    private mutating func grow() {
        let oldKeys = keys, oldGroups = groups, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        keys = .allocate(capacity: capacity)
        groups = .allocate(capacity: capacity)
        groups.initialize(repeating: -1, count: capacity)
        mask = capacity - 1
        for i in 0..<oldCapacity where oldGroups[i] >= 0 {
            var s = home(oldKeys[i])
            while groups[s] >= 0 { s = (s + 1) & mask }
            keys[s] = oldKeys[i]
            groups[s] = oldGroups[i]
        }
        oldKeys.deallocate()
        oldGroups.deallocate()
    }

    #if DEBUG
    /// Every group number appears once and every key is found where it lives (O(slots)).
    func _checkInvariants() {
        precondition((mask + 1) & mask == 0 && count * 2 <= mask + 1, "GroupTable: table over-full")
        var seen = [Bool](repeating: false, count: count)
        for s in 0...mask where groups[s] >= 0 {
            let g = Int(groups[s])
            precondition(g < count && !seen[g], "GroupTable: group \(g) twice or out of range")
            seen[g] = true
            var t = home(keys[s])
            while t != s {
                precondition(groups[t] >= 0, "GroupTable: a key sits past an empty slot")
                t = (t + 1) & mask
            }
        }
        precondition(!seen.contains(false), "GroupTable: a group lost its key")
    }
    #endif
}
