/// Soufflé's `choice-domain`: `.decl advisor(s:symbol, p:symbol) choice-domain s`
/// keeps at most one tuple per value of `s` (per domain: `choice-domain x, (y, z)`
/// is two domains, one tuple per `x` and one per pair `(y, z)`).
///
/// Which tuple kg keeps, so that the same program and facts always keep the same
/// tuples whatever the join order: the relation's facts in the order of the text
/// first; then, round by round (the stratum's non-recursive rules together, then
/// each iteration of its recursive rules), the tuples the round derived are taken
/// in ascending order, column by column, and each is kept when none of its keys is
/// held yet. The order is Soufflé's index order: numbers by value, before symbols;
/// symbols in the order the session first met them (its symbol table, as `ord`
/// numbers them: the program's text first, then fact files as they are read). A
/// tuple not kept is never inserted, so nothing is derived from it. Soufflé keeps
/// the first tuple its own evaluation derives; on the suite's choice programs the
/// two agree.
/// Cost: per derived tuple, a hash-set lookup per domain and a share of the round's sort.
final class ChoiceFilter {
    let domains: [[Int]]
    let arity: Int
    private var taken: [Set<[Int32]>]
    /// Tuples derived in the current round, flat (`arity` values each).
    private var pending: [Int32] = []

    init(domains: [[Int]], arity: Int) {
        self.domains = domains
        self.arity = arity
        taken = domains.map { _ in [] }
    }

    /// Whether no kept tuple holds any of this tuple's keys.
    func admits(_ tuple: UnsafePointer<Int32>) -> Bool {
        for (d, columns) in domains.enumerated() where taken[d].contains(columns.map { tuple[$0] }) { return false }
        return true
    }

    private func record(_ tuple: UnsafePointer<Int32>) {
        for (d, columns) in domains.enumerated() { taken[d].insert(columns.map { tuple[$0] }) }
    }

    /// A tuple the round derived (the join calls this instead of inserting).
    func propose(_ tuple: UnsafePointer<Int32>) {
        guard admits(tuple) else { return }
        pending.append(contentsOf: UnsafeBufferPointer(start: tuple, count: arity))
    }

    /// Ends a round: inserts the kept tuples of the round into `r`; returns how many.
    @discardableResult
    func flush(into database: Database, relation r: Int, values: ValueTable) -> Int {
        guard !pending.isEmpty else { return 0 }
        let n = pending.count / max(1, arity)
        var order = Array(0..<n)
        pending.withUnsafeBufferPointer { rows in
            order.sort { a, b in
                for c in 0..<arity {
                    let x = rows[a * arity + c], y = rows[b * arity + c]
                    if x != y { return ChoiceFilter.precedes(x, y, values) }
                }
                return a < b
            }
        }
        var inserted = 0
        pending.withUnsafeBufferPointer { rows in
            for k in order {
                let tuple = rows.baseAddress! + k * arity
                if admits(tuple), database.insert(r, tuple) {
                    record(tuple)
                    inserted += 1
                }
            }
        }
        pending = []
        return inserted
    }

    /// Soufflé's order of values in an index: numbers by value before symbols, symbols by
    /// their number in the symbol table (kg's: the order the session first interned them).
    static func precedes(_ x: Int32, _ y: Int32, _ values: ValueTable) -> Bool {
        let a = values.decode(x), b = values.decode(y)
        switch (a.number, b.number) {
        case (let p?, let q?): return p < q
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return x > y  // both symbols: -id - 1, so the earlier-interned is the larger
        }
    }

    /// The filter for relation `r` from the rows it holds now (its facts or input):
    /// rows after the first with a taken key are removed, the rest keep their order.
    static func prepare(_ r: Int, domains: [[Int]], in database: Database) -> ChoiceFilter {
        let filter = ChoiceFilter(domains: domains, arity: database.arity(r))
        let rows = (0..<database.count(r)).map { database.row(r, $0) }
        var kept: [[Int32]] = []
        for row in rows {
            let ok = row.withUnsafeBufferPointer { buffer -> Bool in
                let tuple = buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!
                guard filter.admits(tuple) else { return false }
                filter.record(tuple)
                return true
            }
            if ok { kept.append(row) }
        }
        if kept.count < rows.count {
            database.clear(r)
            for row in kept { _ = database.insert(r, row) }
        }
        return filter
    }
}
