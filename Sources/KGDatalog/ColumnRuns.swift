/// Runs of equal values in the columns of a relation's first rows, recorded while
/// a fact file is read (a sorted file has few: `triple.tsv`, sorted by predicate,
/// holds 12 runs in its predicate column). A constant test on such a column then
/// reads only the runs holding the constant, not every row: a one-atom aggregate
/// (`DirectAggregate`) over `triple(C, "developed", M)` reads 29,000 rows, not 1M,
/// the way a database answers from an index or a zone map.
///
/// Rows are only ever appended to a relation (`Database.clear` drops the runs with
/// the rows), so rows `0..<coveredRows` keep their runs; rows added later are read
/// by the caller as usual. A column is given up while recording once it has more
/// runs than `limit` (then it is no help and would only cost memory).
///
/// Cost: recording is one comparison per value of a tracked column; 8 bytes per run.
struct ColumnRuns {
    /// The runs of one column: run `i` holds `values[i]` in rows `starts[i] ..< starts[i + 1]`
    /// (the last run ends at `coveredRows`).
    struct Runs {
        var values: [Int32] = []
        var starts: [Int32] = []
    }

    /// Rows `0..<coveredRows` are described.
    private(set) var coveredRows = 0
    /// Per column: its runs, or nil when it is not tracked (too many runs).
    private(set) var columns: [Runs?]
    private let limit: Int

    /// Recording starts with every one of `arity` columns tracked, at row 0.
    init(arity: Int, limit: Int) {
        columns = Array(repeating: Runs(), count: arity)
        self.limit = max(1, limit)
    }

    /// Whether any column is still tracked.
    var isUseful: Bool { columns.contains { $0 != nil } }

    /// Records rows `coveredRows ..< end` of `rows` (rows of `columns.count` values). O(rows × tracked columns).
    mutating func extend(_ rows: UnsafePointer<Int32>, to end: Int) {
        let arity = columns.count
        precondition(end >= coveredRows && end <= Int(Int32.max), "runs recorded out of order")
        for c in 0..<arity where columns[c] != nil {
            var runs = columns[c]!
            columns[c] = nil                       // keeps the arrays uniquely referenced while they grow
            var last = runs.values.last
            var p = rows + coveredRows * arity + c
            for r in coveredRows..<end {
                let v = p.pointee
                if v != last {
                    runs.values.append(v)
                    runs.starts.append(Int32(truncatingIfNeeded: r))
                    last = v
                }
                p += arity
            }
            if runs.values.count <= limit { columns[c] = runs }
        }
        coveredRows = end
    }

    /// The row ranges holding `value` in `column` among the covered rows, in row order;
    /// nil when the column is not tracked. O(runs of the column).
    func ranges(column: Int, value: Int32) -> [Range<Int>]? {
        guard column < columns.count, let runs = columns[column] else { return nil }
        var out: [Range<Int>] = []
        for i in 0..<runs.values.count where runs.values[i] == value {
            let end = i + 1 < runs.starts.count ? Int(runs.starts[i + 1]) : coveredRows
            out.append(Int(runs.starts[i])..<end)
        }
        return out
    }

    /// The row ranges of a relation of `rowCount` rows that can hold every (column, value) of
    /// `constants`: the runs of the constant whose runs cover the fewest rows, plus the rows
    /// added after the recorded ones; all the rows when no constant's column has runs.
    static func rowsToRead(_ runs: ColumnRuns?, constants: [(column: Int, value: Int32)], rowCount: Int) -> [Range<Int>] {
        guard let runs, runs.coveredRows <= rowCount else { return [0..<rowCount] }
        var narrowest: [Range<Int>]? = nil, narrowestRows = Int.max
        for t in constants {
            guard let found = runs.ranges(column: t.column, value: t.value) else { continue }
            let covered = found.reduce(0) { $0 + $1.count }
            if covered < narrowestRows { narrowest = found; narrowestRows = covered }
        }
        guard var narrowest else { return [0..<rowCount] }
        if runs.coveredRows < rowCount { narrowest.append(runs.coveredRows..<rowCount) }
        return narrowest
    }
}
