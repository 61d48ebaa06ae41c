/// Every relation's tuples and indexes, in unsafe buffers so that the join loop
/// reaches them without reference counting. Relations are numbered densely; the
/// buffers only grow between evaluations (never while a join runs). The stores and
/// indexes are `~Copyable`: this class is their one owner, `deinit` (or overwriting
/// a slot in `clear`) frees each exactly once.
final class Database {
    private(set) var stores: UnsafeMutablePointer<TupleStore>
    private(set) var relationCount = 0
    private var storeCapacity = 16
    private(set) var indexes: UnsafeMutablePointer<HashIndex>
    private(set) var indexCount = 0
    private var indexCapacity = 16
    private var indexIDs: [Int: [[Int]: Int]] = [:]
    private(set) var names: [String] = []
    private var ids: [String: Int] = [:]
    /// Runs of equal values in the columns of a relation's rows as a fact file left them
    /// (`ColumnRuns`, recorded by `FactFileParser`); dropped by `clear`, the only way rows go.
    var columnRuns: [Int: ColumnRuns] = [:]

    init() {
        stores = .allocate(capacity: storeCapacity)
        indexes = .allocate(capacity: indexCapacity)
    }

    deinit {
        stores.deinitialize(count: relationCount)
        indexes.deinitialize(count: indexCount)
        stores.deallocate()
        indexes.deallocate()
    }

    func id(of name: String) -> Int? { ids[name] }
    func arity(_ r: Int) -> Int {
        precondition(r >= 0 && r < relationCount, "relation \(r) does not exist")
        return stores[r].arity
    }
    func count(_ r: Int) -> Int {
        precondition(r >= 0 && r < relationCount, "relation \(r) does not exist")
        return stores[r].count
    }

    /// Bytes held by every relation and index, and by the largest one (O(relations +
    /// indexes)), for the memory budget: the budget keeps room for the largest to double,
    /// which also covers what the allocator keeps of freed tables (measured: a four-way
    /// product's resident set passed a budget that allowed only one shard's growth).
    var memoryFigures: (total: Int, largest: Int) {
        var total = 0, largest = 0
        for r in 0..<relationCount { let b = stores[r].allocatedBytes; total += b; largest = max(largest, b) }
        for i in 0..<indexCount { let b = indexes[i].allocatedBytes; total += b; largest = max(largest, b) }
        return (total, largest)
    }

    #if DEBUG
    /// Checks every store and index (O(total rows)); the test build runs it after each stratum.
    func _checkInvariants() {
        for r in 0..<relationCount { stores[r]._checkInvariants() }
        for i in 0..<indexCount {
            let r = indexes[i].relation
            precondition(r >= 0 && r < relationCount, "index \(i) of a relation that does not exist")
            indexes[i]._checkInvariants(stores[r])
        }
    }
    #endif

    /// The relation named `name`, created empty if new.
    @discardableResult
    func relation(_ name: String, arity: Int) -> Int {
        if let r = ids[name] { return r }
        if relationCount == storeCapacity {
            let fresh = UnsafeMutablePointer<TupleStore>.allocate(capacity: storeCapacity * 2)
            fresh.moveInitialize(from: stores, count: relationCount)
            stores.deallocate()
            stores = fresh
            storeCapacity *= 2
        }
        (stores + relationCount).initialize(to: TupleStore(arity: arity))
        names.append(name)
        ids[name] = relationCount
        relationCount += 1
        return relationCount - 1
    }

    /// Empties a relation (and drops its indexes' contents).
    func clear(_ r: Int) {
        let arity = stores[r].arity
        stores[r] = TupleStore(arity: arity)  // frees the old store (deinit)
        columnRuns[r] = nil
        for (_, i) in indexIDs[r] ?? [:] {
            let cols = (0..<indexes[i].columnCount).map { Int(indexes[i].columns[$0]) }
            indexes[i] = HashIndex(relation: r, columns: cols, arity: arity)
        }
    }

    @inline(__always)
    func insert(_ r: Int, _ tuple: UnsafePointer<Int32>) -> Bool { stores[r].insert(tuple) }

    func insert(_ r: Int, _ tuple: [Int32]) -> Bool {
        precondition(tuple.count == stores[r].arity, "tuple of \(tuple.count) values for a relation of arity \(stores[r].arity)")
        return tuple.withUnsafeBufferPointer { stores[r].insert($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
    }

    func contains(_ r: Int, _ tuple: [Int32]) -> Bool {
        precondition(tuple.count == stores[r].arity, "tuple of \(tuple.count) values for a relation of arity \(stores[r].arity)")
        stores[r].ensureSet()
        return tuple.withUnsafeBufferPointer { stores[r].contains($0.baseAddress ?? UnsafePointer(bitPattern: 8)!) }
    }

    /// Row `i` of relation `r`.
    func row(_ r: Int, _ i: Int) -> [Int32] {
        let a = stores[r].arity
        precondition(i >= 0 && i < stores[r].count, "row \(i) of \(stores[r].count)")
        return Array(UnsafeBufferPointer(start: stores[r].rows + i * a, count: a))
    }

    /// The index of `r` on `columns`, created (empty) if new; `catchUp` fills it.
    func index(_ r: Int, columns: [Int]) -> Int {
        if let i = indexIDs[r]?[columns] {
            indexes[i].dormant = false
            return i
        }
        if indexCount == indexCapacity {
            let fresh = UnsafeMutablePointer<HashIndex>.allocate(capacity: indexCapacity * 2)
            fresh.moveInitialize(from: indexes, count: indexCount)
            indexes.deallocate()
            indexes = fresh
            indexCapacity *= 2
        }
        (indexes + indexCount).initialize(to: HashIndex(relation: r, columns: columns, arity: stores[r].arity))
        indexIDs[r, default: [:]][columns] = indexCount
        indexCount += 1
        return indexCount - 1
    }

    /// Readies every index in use for a stratum that adds to `changing`: the indexes
    /// of those relations are chains brought up to date (`catchUp`), every other one is
    /// frozen (`HashIndex.freeze`: grouped runs, no chains). Released indexes are skipped.
    func prepareIndexes(changing: Set<Int>) {
        for i in 0..<indexCount where !indexes[i].dormant {
            let r = indexes[i].relation
            if changing.contains(r) { indexes[i].catchUp(stores[r]) } else { indexes[i].freeze(stores[r]) }
        }
    }

    /// Brings every index of the given relations up to date.
    func catchUpIndexes(of relations: Set<Int>) {
        for i in 0..<indexCount where !indexes[i].dormant && relations.contains(indexes[i].relation) {
            indexes[i].catchUp(stores[indexes[i].relation])
        }
    }

    /// Frees the indexes of the relations `release` says yes to (their memory; the index
    /// stays known, empty, and is rebuilt when a join asks for it again through `index`).
    /// Returns the bytes freed.
    @discardableResult
    func releaseIndexes(where release: (Int) -> Bool) -> Int {
        var freed = 0
        for i in 0..<indexCount where !indexes[i].dormant && release(indexes[i].relation) {
            let r = indexes[i].relation
            let cols = (0..<indexes[i].columnCount).map { Int(indexes[i].columns[$0]) }
            freed += indexes[i].allocatedBytes
            indexes[i] = HashIndex(relation: r, columns: cols, arity: stores[r].arity)
            indexes[i].dormant = true
            freed -= indexes[i].allocatedBytes
        }
        return freed
    }

    /// Frees relation `r`'s set (see `TupleStore.releaseSet`); its rows stay.
    func releaseSet(_ r: Int) { stores[r].releaseSet() }

    /// Frees relation `r`'s rows, set and indexes (as `clear`); returns the bytes freed.
    @discardableResult
    func release(_ r: Int) -> Int {
        let before = stores[r].allocatedBytes + (indexIDs[r] ?? [:]).values.reduce(0) { $0 + indexes[$1].allocatedBytes }
        clear(r)
        releaseIndexes { $0 == r }
        return before - stores[r].allocatedBytes
    }

    /// Bytes of memory the engine holds now for every relation and index: rows written,
    /// sets, index tables, chains and frozen runs (O(relations + indexes)). Tests read it
    /// to see that a release really frees.
    var heldBytes: Int { memoryFigures.total }
}
