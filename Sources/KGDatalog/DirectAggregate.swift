/// Grouped aggregates whose body is one atom (`n(X, count(Y)) :- sg(X, Y).`,
/// `models(C, count(M)) :- triple(C, "developed", M).`), computed in one pass
/// over the relation's rows, as a hash aggregation: constants and repeated
/// variables are tested in place (no selection is materialised), each row's group
/// is found in a `GroupTable`, and the aggregate is kept per group (a count, the
/// best value, a sum). O(rows) time, O(groups) memory; no list of solutions.
///
/// Same meaning as the general path (`Evaluator.finishAggregate`): count counts
/// distinct argument values per group; sum and avg add one term per body
/// solution; min and max take the first least or greatest value in the value order.
struct DirectAggregate {
    /// (column, constant) pairs a row must hold.
    var constantTests: [(column: Int, value: Int32)] = []
    /// (column, column) pairs that must be equal (a variable repeated in the atom).
    var equalTests: [(Int, Int)] = []
    /// Columns of the group's variables (at most two: the key is packed in 64 bits).
    var groupColumns: [Int] = []
    /// The aggregated variable's column.
    var argumentColumn: Int
    /// Per head position: the column it reads, or -1 for a constant (in `headConstants`) or the aggregate.
    var headColumns: [Int]
    var headConstants: [Int32]
    /// Whether equal (group, value) pairs can come from different rows (the atom has variables
    /// outside the group and the argument): then count needs a set of the pairs seen.
    var needsDistinct: Bool
    var relation: Int
    var kind: AggregateKind
    var position: Int

    /// The plan for `rule`, or nil when the rule is not a one-atom aggregate over variables.
    init?(_ rule: RuleIR) {
        guard let agg = rule.aggregate, rule.body.count == 1, case .positive(let atom) = rule.body[0],
              case .variable(let argument) = agg.argument else { return nil }
        var columnOf: [Int: Int] = [:]
        for (c, arg) in atom.arguments.enumerated() {
            switch arg {
            case .constant(let v): constantTests.append((c, v))
            case .variable(let v):
                if let first = columnOf[v] { equalTests.append((first, c)) } else { columnOf[v] = c }
            }
        }
        guard let argumentColumn = columnOf[argument] else { return nil }
        self.argumentColumn = argumentColumn
        var groupVariables: [Int] = []
        headColumns = []
        headConstants = []
        for (i, arg) in rule.headArguments.enumerated() {
            if i == agg.position { headColumns.append(-1); headConstants.append(0); continue }
            switch arg {
            case .constant(let v): headColumns.append(-1); headConstants.append(v)
            case .variable(let v):
                guard let c = columnOf[v] else { return nil }
                headColumns.append(c); headConstants.append(0)
                if !groupVariables.contains(v) { groupVariables.append(v) }
            }
        }
        guard groupVariables.count <= 2 else { return nil }
        groupColumns = groupVariables.map { columnOf[$0]! }
        needsDistinct = columnOf.keys.contains { $0 != argument && !groupVariables.contains($0) }
        relation = atom.relation
        kind = agg.kind
        position = agg.position
    }

    /// Runs the aggregation and inserts one head tuple per group. Returns the tuples
    /// inserted and whether a guard stopped it (then nothing is inserted: a
    /// partial aggregate would be a wrong value).
    func run(_ database: Database, _ values: ValueTable, _ guards: Guards, head: Int) -> (inserted: Int, stopped: Bool) {
        let store = database.stores + relation
        let arity = store.pointee.arity, rowCount = store.pointee.count
        precondition(constantTests.allSatisfy { $0.column < arity } && equalTests.allSatisfy { $0.0 < arity && $0.1 < arity }
                     && groupColumns.allSatisfy { $0 < arity } && argumentColumn < arity, "an aggregate reads a column outside its relation")
        precondition(headColumns.count == database.arity(head), "aggregate head width differs from its relation's arity")
        var table = GroupTable()
        var distinct = GroupTable()
        var firstRow: [Int] = []       // per group: a row holding its key (for the head tuple)
        var counts: [Int] = []         // count (distinct values)
        var best: [Int32] = []         // min, max
        var sums = GroupSums()         // sum, avg
        let g0 = groupColumns.count > 0 ? groupColumns[0] : 0
        let g1 = groupColumns.count > 1 ? groupColumns[1] : 0
        let groupWidth = groupColumns.count
        // Up to two constant tests in registers; more, and repeated variables, through the lists.
        let c0 = constantTests.count > 0 ? constantTests[0].column : 0, v0 = constantTests.count > 0 ? constantTests[0].value : 0
        let c1 = constantTests.count > 1 ? constantTests[1].column : c0, v1 = constantTests.count > 1 ? constantTests[1].value : v0
        let moreTests = constantTests.count > 2 || !equalTests.isEmpty, hasConstants = !constantTests.isEmpty
        // Rows that pass the tests (constants, repeated variables): gathered first by one tight
        // pass over the relation (branch-free for one or two constants), so that the aggregation
        // reads only them (kg-agg: 29,000 of 1M triple rows). Row numbers in row order, so
        // groups keep their order of first appearance. A constant on a column whose runs the
        // fact loader recorded (`ColumnRuns`: a sorted file) limits the pass to the runs holding
        // it (and the rows added since), as an index would.
        let rows = UnsafePointer(store.pointee.rows)
        let ranges = hasConstants ? ColumnRuns.rowsToRead(database.columnRuns[relation], constants: constantTests, rowCount: rowCount)
                                  : [0..<rowCount]
        var selection: UnsafeMutablePointer<Int32>? = nil
        var selected = rowCount
        if hasConstants || moreTests {
            let list = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, ranges.reduce(0) { $0 + $1.count }))
            selection = list
            var m = 0, chunks = 0
            for range in ranges {
                var r = range.lowerBound
                while r < range.upperBound {
                    if chunks > 0 && guards.shouldStop() { list.deallocate(); return (0, true) }
                    chunks += 1
                    let chunkEnd = min(range.upperBound, r + 65_536)
                    var p = rows + r * arity
                    if !moreTests {
                        while r < chunkEnd {
                            list[m] = Int32(truncatingIfNeeded: r)
                            m &+= p[c0] == v0 && p[c1] == v1 ? 1 : 0
                            p += arity
                            r += 1
                        }
                    } else {
                        while r < chunkEnd {
                            var match = true
                            for t in constantTests where p[t.column] != t.value { match = false; break }
                            if match { for t in equalTests where p[t.0] != p[t.1] { match = false; break } }
                            if match { list[m] = Int32(truncatingIfNeeded: r); m += 1 }
                            p += arity
                            r += 1
                        }
                    }
                }
            }
            selected = m
        }
        defer { selection?.deallocate() }
        let chosen = selection
        /// The row number of the j-th row the aggregation reads.
        @inline(__always) func rowNumber(_ j: Int) -> Int { chosen == nil ? j : Int(chosen.unsafelyUnwrapped[j]) }

        // Dense group numbers: when one column forms the group with values in 0..<limit over the
        // rows read, limit at most twice the relation's rows (or 65,536), a group is found by
        // indexing an array (`dense`) instead of hashing. A first pass over the column decides
        // (about a tenth of the hashing it saves: sg's node numbers, a fact file's integer ids).
        var dense: UnsafeMutablePointer<Int32>? = nil
        var denseLimit = 0
        if groupWidth == 1 && selected > 0 {
            var highest: Int32 = -1, lowest: Int32 = 0
            if chosen == nil {
                var p = rows + g0
                for _ in 0..<rowCount {
                    highest = max(highest, p.pointee)
                    lowest = min(lowest, p.pointee)
                    p += arity
                }
            } else {
                for j in 0..<selected {
                    let x = rows[rowNumber(j) * arity + g0]
                    highest = max(highest, x)
                    lowest = min(lowest, x)
                }
            }
            if lowest >= 0 && Int(highest) < max(65_536, 2 * rowCount) {
                denseLimit = Int(highest) + 1
                dense = .allocate(capacity: denseLimit)
                dense!.initialize(repeating: -1, count: denseLimit)
            }
        }
        defer { dense?.deallocate() }
        var groupCount = 0
        if let dense, kind == .count, !needsDistinct {
            // The commonest shape (`n(X, count(Y)) :- sg(X, Y).`): one counter per dense group, a tight loop.
            let tally = UnsafeMutablePointer<Int32>.allocate(capacity: denseLimit)
            defer { tally.deallocate() }
            for j in 0..<selected {
                if j & 0xFFFF == 0xFFFF && guards.shouldStop() { return (0, true) }
                let r = rowNumber(j)
                let x = Int(rows[r * arity + g0])
                precondition(x >= 0 && x < denseLimit, "a group value outside the dense range")
                var d = dense[x]
                if d < 0 {
                    d = Int32(truncatingIfNeeded: groupCount)
                    dense[x] = d
                    tally[groupCount] = 0
                    firstRow.append(r)
                    groupCount += 1
                }
                tally[Int(d)] &+= 1
            }
            counts = Array(UnsafeBufferPointer(start: tally, count: groupCount)).map { Int($0) }
            return emit(groupCount, firstRow, counts, best, sums, database, values, guards, head)
        }
        for j in 0..<selected {
            if j & 0xFFFF == 0xFFFF && guards.shouldStop() { return (0, true) }
            let r = rowNumber(j)
            let row = rows + r * arity
            let key: UInt64 = groupWidth == 0 ? 0 : groupWidth == 1 ? UInt64(UInt32(bitPattern: row[g0])) : TupleStore.pack(row[g0], row[g1])
            let g: Int, isNew: Bool
            if let dense {
                let x = Int(row[g0])
                precondition(x >= 0 && x < denseLimit, "a group value outside the dense range")
                let d = dense[x]
                if d >= 0 { g = Int(d); isNew = false } else {
                    g = groupCount; isNew = true
                    dense[x] = Int32(truncatingIfNeeded: g)
                }
            } else {
                (g, isNew) = table.group(key)
            }
            if isNew { groupCount += 1 }
            let v = row[argumentColumn]
            if isNew {
                firstRow.append(r)
                switch kind {
                case .count: counts.append(0)
                case .min, .max: best.append(v)
                case .sum, .avg: sums.addGroup()
                }
            }
            switch kind {
            case .count:
                if needsDistinct && !distinct.group(UInt64(g) << 32 | UInt64(UInt32(bitPattern: v))).isNew { continue }
                counts[g] += 1
            case .min: if values.less(v, best[g]) { best[g] = v }
            case .max: if values.less(best[g], v) { best[g] = v }
            case .sum, .avg: sums.add(g, values.decode(v))
            }
        }
        #if DEBUG
        table._checkInvariants()
        #endif
        precondition(dense != nil || groupCount == table.count, "group numbers out of step")
        return emit(groupCount, firstRow, counts, best, sums, database, values, guards, head)
    }

    /// A count or sum with no group columns over no row: the head's one row of 0 (as SQL and the
    /// general path answer). Shared with `GraphAggregate`.
    static func insertZeroRow(_ database: Database, _ values: ValueTable, _ guards: Guards, _ head: Int) -> (inserted: Int, stopped: Bool) {
        guard database.insert(head, [values.encode(.int(0))]) else { return (0, false) }
        return (1, guards.countTuple())
    }

    /// Inserts one head tuple per group from the per-group figures.
    private func emit(_ groupCount: Int, _ firstRow: [Int], _ counts: [Int], _ best: [Int32], _ sums: GroupSums,
                      _ database: Database, _ values: ValueTable, _ guards: Guards, _ head: Int) -> (inserted: Int, stopped: Bool) {
        let store = database.stores + relation
        let arity = store.pointee.arity
        var inserted = 0
        // With no group columns there is one group, the whole body: no row means a
        // count or sum of 0 (as SQL answers); min, max and avg of nothing give no row.
        if headColumns.count == 1 && groupCount == 0 && (kind == .count || kind == .sum) {
            return DirectAggregate.insertZeroRow(database, values, guards, head)
        }
        // Into an empty head the tuples are distinct (one per group, and the head holds every group
        // variable): they are appended without the set's probes (`TupleStore.appendDistinct`; the set
        // is rebuilt from the rows if anything inserts into the head later or tests a whole row).
        let distinctHead = database.count(head) == 0 && !headColumns.isEmpty
        if distinctHead {
            database.stores[head].releaseSet()
            database.stores[head].reserveRows(groupCount)
        }
        var tuple = headConstants
        for g in 0..<groupCount {
            let source = store.pointee.rows + firstRow[g] * arity
            for (i, c) in headColumns.enumerated() where c >= 0 { tuple[i] = source[c] }
            switch kind {
            case .count: tuple[position] = values.encode(.int(Int64(counts[g])))
            case .min, .max: tuple[position] = best[g]
            case .sum, .avg: tuple[position] = sums.value(g, average: kind == .avg, values)
            }
            if distinctHead {
                tuple.withUnsafeBufferPointer { database.stores[head].appendDistinct($0.baseAddress!, 1) }
            } else if !database.insert(head, tuple) {
                continue
            }
            inserted += 1
            if guards.countTuple() { return (inserted, true) }
        }
        return (inserted, false)
    }
}
