/// The set of a relation's rows when they are wider than two values (arity > 2): each
/// entry is the row's number (Int32) and a 7-bit tag of its hash, in groups of 8 slots
/// (8 tag bytes, then 8 row numbers: 40 bytes, read with one or two cache lines), filled
/// up to 7/8. A probe compares the 8 tags of a group at once (bit tricks on one UInt64)
/// and reads a row only when its tag matches (1 in 128 for another row).
///
/// Memory: 5 bytes a slot, 5.7 to 11.4 bytes a row (about 9 on average), where a table of
/// (hash, row) pairs kept at most half full takes 16 to 32. The table is split into 64
/// shards by the hash's top bits, each grown (doubled) alone, so that growing holds the
/// old and the new table of one shard, not of the whole set: no transient doubling of the
/// largest set at peak. Growing reads each moved row to rehash it (the tag is not the
/// whole hash); that costs about one cache miss per row per doubling of its shard.
struct RowSet: ~Copyable {
    /// 6 (64 shards), or 0 (one shard) for a placeholder that will hold few rows or none.
    let shardBits: Int
    let shardCount: Int
    static let groupBytes = 40
    static let emptyTag: UInt8 = 0x80

    /// One shard: `groups` groups of 8 slots in `buffer`.
    struct Shard {
        var buffer: UnsafeMutableRawPointer
        var groupMask: Int
        var count: Int
    }

    private var shards: UnsafeMutablePointer<Shard>
    let arity: Int

    /// - Parameter small: one shard instead of 64 (a placeholder: the set of a relation of
    ///   another arity, or a released one).
    init(arity: Int, small: Bool) {
        self.arity = arity
        shardBits = small ? 0 : 6
        shardCount = 1 << shardBits
        shards = .allocate(capacity: shardCount)
        for s in 0..<shardCount {
            (shards + s).initialize(to: Shard(buffer: RowSet.allocateGroups(1), groupMask: 0, count: 0))
        }
    }

    deinit {
        for s in 0..<shardCount { shards[s].buffer.deallocate() }
        shards.deallocate()
    }

    private static func allocateGroups(_ n: Int) -> UnsafeMutableRawPointer {
        let bytes = n * groupBytes
        let p = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 8)
        if bytes >= LargeAllocation.threshold { LargeAllocation.adviseHugePages(p, bytes) }
        for g in 0..<n { p.storeBytes(of: UInt64(0x8080_8080_8080_8080), toByteOffset: g * groupBytes, as: UInt64.self) }
        return p
    }

    /// Bytes held, for the memory budget (O(shards)).
    var allocatedBytes: Int {
        var n = shardCount * MemoryLayout<Shard>.stride
        for s in 0..<shardCount { n += (shards[s].groupMask + 1) * RowSet.groupBytes }
        return n
    }

    /// Rows held (O(shards)).
    var count: Int {
        var n = 0
        for s in 0..<shardCount { n += shards[s].count }
        return n
    }

    @inline(__always) static func hash(_ t: UnsafePointer<Int32>, _ arity: Int) -> UInt64 {
        var h: UInt64 = 0x243F_6A88_85A3_08D3
        for c in 0..<arity { h = TupleStore.mix(h ^ UInt64(UInt32(bitPattern: t[c]))) }
        return h
    }

    /// Bytes of `word` equal to `tag` get their high bit set (exact: no false match).
    @inline(__always) static func matches(_ word: UInt64, _ tag: UInt8) -> UInt64 {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(tag))
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    @inline(__always) private static func equal(_ rows: UnsafePointer<Int32>, _ r: Int32, _ t: UnsafePointer<Int32>, _ arity: Int) -> Bool {
        let base = rows + Int(r) &* arity
        for c in 0..<arity where base[c] != t[c] { return false }
        return true
    }

    /// Whether `t` is among `rows` (the relation's rows this set indexes).
    func contains(_ t: UnsafePointer<Int32>, rows: UnsafePointer<Int32>) -> Bool {
        let h = RowSet.hash(t, arity)
        let shard = shards + Int(truncatingIfNeeded: h >> (64 - shardBits))
        let tag = UInt8(truncatingIfNeeded: h >> 32) & 0x7F
        let mask = shard.pointee.groupMask
        var g = Int(truncatingIfNeeded: h) & mask
        let buffer = shard.pointee.buffer
        while true {
            let group = buffer + g &* RowSet.groupBytes
            let word = group.load(as: UInt64.self)
            var m = RowSet.matches(word, tag)
            let slots = (group + 8).assumingMemoryBound(to: Int32.self)
            while m != 0 {
                let i = m.trailingZeroBitCount >> 3
                if RowSet.equal(rows, slots[i], t, arity) { return true }
                m &= m &- 1
            }
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            g = (g &+ 1) & mask
        }
    }

    /// Adds row number `r` (whose values are `t`) unless an equal row is present; whether it was added.
    @inline(__always)
    mutating func insert(_ t: UnsafePointer<Int32>, row r: Int32, rows: UnsafePointer<Int32>) -> Bool {
        let h = RowSet.hash(t, arity)
        return insert(hash: h, t, row: r, rows: rows)
    }

    /// `insert` with the row's hash already computed (`RowSet.hash`).
    @inline(__always)
    mutating func insert(hash h: UInt64, _ t: UnsafePointer<Int32>, row r: Int32, rows: UnsafePointer<Int32>) -> Bool {
        let shard = shards + Int(truncatingIfNeeded: h >> (64 - shardBits))
        if shard.pointee.count + 1 > (shard.pointee.groupMask + 1) * 7 { grow(shard, rows: rows) }
        let tag = UInt8(truncatingIfNeeded: h >> 32) & 0x7F
        let mask = shard.pointee.groupMask
        var g = Int(truncatingIfNeeded: h) & mask
        let buffer = shard.pointee.buffer
        while true {
            let group = buffer + g &* RowSet.groupBytes
            let word = group.load(as: UInt64.self)
            var m = RowSet.matches(word, tag)
            let slots = (group + 8).assumingMemoryBound(to: Int32.self)
            while m != 0 {
                let i = m.trailingZeroBitCount >> 3
                if RowSet.equal(rows, slots[i], t, arity) { return false }
                m &= m &- 1
            }
            let empty = word & 0x8080_8080_8080_8080
            if empty != 0 {
                // Slots fill from the left and are never emptied: the first empty one.
                let i = empty.trailingZeroBitCount >> 3
                group.storeBytes(of: tag, toByteOffset: i, as: UInt8.self)
                slots[i] = r
                shard.pointee.count += 1
                return true
            }
            g = (g &+ 1) & mask
        }
    }

    /// The home group's tag word of a hash, read to warm the cache before a batch of inserts.
    @inline(__always) func touch(_ h: UInt64) -> UInt64 {
        let shard = shards + Int(truncatingIfNeeded: h >> (64 - shardBits))
        let g = Int(truncatingIfNeeded: h) & shard.pointee.groupMask
        return shard.pointee.buffer.load(fromByteOffset: g &* RowSet.groupBytes, as: UInt64.self)
    }

    /// Sizes every shard for `n` rows in all (evenly spread by the hash), so that loading
    /// `n` rows does not grow them one doubling at a time.
    mutating func reserve(_ n: Int, rows: UnsafePointer<Int32>) {
        let perShard = n / shardCount + n / (shardCount * 8) + 8
        for s in 0..<shardCount {
            while perShard > (shards[s].groupMask + 1) * 7 { grow(shards + s, rows: rows) }
        }
    }

    /// Doubles a shard's groups and re-places its rows (each row read once to rehash it).
    /// The rows are read in batches of up to 64 entries, all hashed before any is placed,
    /// so that their cache misses (one a row, anywhere in the relation's rows) overlap
    /// instead of coming one after another; the new table is written nearly in order
    /// (old group g goes to g or g + old size), so placing costs few misses.
    private mutating func grow(_ shard: UnsafeMutablePointer<Shard>, rows: UnsafePointer<Int32>) {
        let old = shard.pointee.buffer, oldGroups = shard.pointee.groupMask + 1
        let groups = oldGroups * 2
        let buffer = RowSet.allocateGroups(groups)
        let mask = groups - 1
        let arity = self.arity
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 64) { hashes in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: 64) { batch in
                var og = 0
                while og < oldGroups {
                    // Gather up to 8 groups' entries (at most 64), hashing each row.
                    var n = 0
                    let end = min(oldGroups, og + 8)
                    while og < end {
                        let group = old + og * RowSet.groupBytes
                        let slots = (group + 8).assumingMemoryBound(to: Int32.self)
                        for i in 0..<8 {
                            if group.load(fromByteOffset: i, as: UInt8.self) == RowSet.emptyTag { break }
                            batch[n] = slots[i]
                            n += 1
                        }
                        og += 1
                    }
                    // One load a row first, in a loop of a few instructions, so that the
                    // misses are in flight together; then the hashes read cached rows.
                    var warm: Int32 = 0
                    for k in 0..<n { warm |= rows[Int(batch[k]) &* arity] }
                    growSink = warm
                    for k in 0..<n { hashes[k] = RowSet.hash(rows + Int(batch[k]) &* arity, arity) }
                    for k in 0..<n {
                        let h = hashes[k]
                        let tag = UInt8(truncatingIfNeeded: h >> 32) & 0x7F
                        var g = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let target = buffer + g * RowSet.groupBytes
                            let empty = target.load(as: UInt64.self) & 0x8080_8080_8080_8080
                            if empty != 0 {
                                let j = empty.trailingZeroBitCount >> 3
                                target.storeBytes(of: tag, toByteOffset: j, as: UInt8.self)
                                (target + 8).assumingMemoryBound(to: Int32.self)[j] = batch[k]
                                break
                            }
                            g = (g + 1) & mask
                        }
                    }
                }
            }
        }
        old.deallocate()
        shard.pointee.buffer = buffer
        shard.pointee.groupMask = mask
    }

    /// Where `grow` leaves what it read ahead, so that the reads are not optimised away.
    private var growSink: Int32 = 0

    #if DEBUG
    /// Checks every entry against the rows (O(rows)): in bounds, tagged with its hash, found
    /// by a probe, each row at most once, groups filled from the left, shards at most 7/8 full.
    func _checkInvariants(rows: UnsafePointer<Int32>, rowCount: Int) {
        var seen = [Bool](repeating: false, count: rowCount)
        var total = 0
        for s in 0..<shardCount {
            let shard = shards[s]
            precondition((shard.groupMask + 1) & shard.groupMask == 0, "RowSet: group count not a power of two")
            precondition(shard.count <= (shard.groupMask + 1) * 7, "RowSet: shard over-full")
            var used = 0
            for g in 0...shard.groupMask {
                let group = shard.buffer + g * RowSet.groupBytes
                var ended = false
                for i in 0..<8 {
                    let tag = group.load(fromByteOffset: i, as: UInt8.self)
                    if tag == RowSet.emptyTag { ended = true; continue }
                    precondition(!ended, "RowSet: a used slot after an empty one")
                    let r = Int((group + 8).assumingMemoryBound(to: Int32.self)[i])
                    precondition(r >= 0 && r < rowCount, "RowSet: slot names row \(r) of \(rowCount)")
                    precondition(!seen[r], "RowSet: row \(r) held twice")
                    seen[r] = true
                    let h = RowSet.hash(rows + r * arity, arity)
                    precondition(Int(truncatingIfNeeded: h >> (64 - shardBits)) == s, "RowSet: row \(r) in another shard")
                    precondition(UInt8(truncatingIfNeeded: h >> 32) & 0x7F == tag, "RowSet: row \(r) has another tag")
                    used += 1
                }
            }
            precondition(used == shard.count, "RowSet: shard counts \(shard.count) but holds \(used)")
            total += used
        }
        precondition(total == rowCount, "RowSet: \(total) entries for \(rowCount) rows")
        for r in 0..<rowCount { precondition(contains(rows + r * arity, rows: rows), "RowSet: row \(r) not found") }
    }
    #endif
}
