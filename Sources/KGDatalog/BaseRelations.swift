/// Base relations read by key from an `IndexedFactSource` instead of being
/// copied into the database: the join loop asks `run(column:value:)` for the
/// rows holding a bound value, and only those rows are fetched (once per key:
/// they are kept in a flat arena, so a key probed again — the inner atom of a
/// 2-hop, a magic-set recursion meeting a node twice — costs a hash lookup).
/// An atom with no indexed bound column, a negation, or a query answered by
/// the relation itself still needs the whole relation: the session copies it
/// then (`materialize`), and from there on it is an ordinary relation.
final class BaseRelations {
    /// Relation number -> its reader, for relations not copied into the database.
    private(set) var readers: [Int: BaseRelationReader] = [:]
    /// Copies relation `r` whole into the database (the session's loader).
    var materialize: (Int) -> Void = { _ in }

    func reader(_ r: Int) -> BaseRelationReader? { readers[r] }

    func add(_ r: Int, arity: Int, source: IndexedRelation) {
        if readers[r] == nil { readers[r] = BaseRelationReader(arity: arity, source: source) }
    }

    /// Drops the reader of `r` (it is being copied, or its source changed).
    func remove(_ r: Int) { readers[r] = nil }

    func removeAll() { readers = [:] }

    /// Planning size of a relation read by key (nil: use the database's count).
    func estimatedCount(_ r: Int) -> Int? { readers[r]?.source.estimatedCount }

    /// Stored rows the sources looked at, summed over every reader (tests check a
    /// bound query reads only matching rows).
    var rowsRead: Int { readers.values.reduce(0) { $0 + $1.rowsRead } }

    /// Aggregates computed on the store's columns (`GraphAggregate`), for the tests.
    var columnarAggregates = 0

    /// Bytes the fetched rows hold, for the memory budget.
    var allocatedBytes: Int { readers.values.reduce(0) { $0 + $1.allocatedBytes } }
}

/// The fetched rows of one base relation, by (column, value): each key's rows
/// are distinct and contiguous in `rows`. The arena only grows; a probe holds
/// row numbers, not pointers, so a nested probe that grows it is safe.
final class BaseRelationReader {
    let arity: Int
    let source: IndexedRelation
    let lookupColumns: [Int]
    private(set) var rows: UnsafeMutablePointer<Int32>
    private(set) var count = 0
    private var capacity = 64
    /// (column << 32 | value) -> the key's rows [start, end).
    private var runs: [UInt64: (start: Int, end: Int)] = [:]
    private var fetched: [Int32] = []
    /// Stored rows the source looked at to answer the keys asked so far (and the scans).
    private(set) var rowsRead = 0

    /// Counts rows a scan made elsewhere looked at (`GraphAggregate`'s column scan).
    func noteRowsRead(_ n: Int) { rowsRead += n }

    /// Streams every row of the relation to `body` (rows may repeat); nothing is kept.
    func scan(_ body: (UnsafePointer<Int32>) -> Void) {
        rowsRead += source.scan(body)
    }

    init(arity: Int, source: IndexedRelation) {
        precondition(arity >= 1, "a base relation read by key has columns")
        self.arity = arity
        self.source = source
        lookupColumns = source.lookupColumns
        precondition(lookupColumns.allSatisfy { $0 >= 0 && $0 < arity }, "a lookup column outside the relation")
        rows = .allocate(capacity: capacity * arity)
    }

    deinit { rows.deallocate() }

    var allocatedBytes: Int { capacity * arity * 4 + runs.count * 32 }

    /// The rows holding `value` in `column`: fetched from the source the first
    /// time (duplicates dropped), then from the arena. O(matching rows) once, O(1) after.
    func run(column: Int, value: Int32) -> (start: Int, end: Int) {
        let key = UInt64(UInt32(column)) << 32 | UInt64(UInt32(bitPattern: value))
        if let known = runs[key] { return known }
        fetched.removeAll(keepingCapacity: true)
        rowsRead += source.rows(column: column, value: value, into: &fetched)
        precondition(fetched.count % arity == 0, "a source returned a partial row")
        let start = count
        let n = fetched.count / arity
        if n <= 16 {
            // Few rows (a point lookup's, a 2-hop's inner probe): duplicates found by comparing
            // with the rows kept so far, no set to build. O(n² · arity) integer compares.
            fetched.withUnsafeBufferPointer { f in
                for r in 0..<n {
                    let row = f.baseAddress! + r * arity
                    var duplicate = false
                    var kept = UnsafePointer(rows) + start * arity
                    for _ in start..<count {
                        var same = true
                        for c in 0..<arity where kept[c] != row[c] { same = false; break }
                        if same { duplicate = true; break }
                        kept += arity
                    }
                    if !duplicate { append(f[(r * arity)..<(r * arity + arity)]) }
                }
            }
            runs[key] = (start, count)
            return (start, count)
        }
        var seen = Set<ArraySlice<Int32>>()
        var i = 0
        while i < fetched.count {
            let row = fetched[i..<(i + arity)]
            if fetched.count == arity || seen.insert(row).inserted { append(row) }
            i += arity
        }
        runs[key] = (start, count)
        return (start, count)
    }

    private func append<Row: Sequence>(_ row: Row) where Row.Element == Int32 {
        if count == capacity {
            let fresh = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2 * arity)
            fresh.moveInitialize(from: rows, count: count * arity)
            rows.deallocate()
            rows = fresh
            capacity *= 2
        }
        var p = rows + count * arity
        for v in row { p.initialize(to: v); p += 1 }
        count += 1
    }
}
