import Foundation
import KGCore
import Synchronization

/// Per-rule figures for `--profile`.
public struct RuleProfile: Sendable {
    public var rule: String
    public var seconds: Double
    public var tuples: Int
    public var iterations: Int
}

/// Bottom-up, stratified, semi-naive evaluation of a set of rules over the
/// database. Strata come from the strongly connected components of the
/// predicate graph; only the components a query needs are evaluated.
final class Evaluator {
    let database: Database
    let values: ValueTable
    let guards: Guards
    var rules: [RuleIR] = [] { didSet { rulesByHeadCache = nil } }
    /// `choice-domain` columns by relation (ChoiceDomain.swift): its inserts keep one tuple per key.
    var choiceDomains: [Int: [[Int]]] = [:]
    private var rulesByHeadCache: [Int: [Int]]?

    /// Positions in `rules` of the rules deriving `head`, in order (an index built once
    /// per change of `rules`, so a program of n strata is not n passes over n rules).
    func ruleIndexes(deriving head: Int) -> [Int] {
        if rulesByHeadCache == nil {
            var byHead: [Int: [Int]] = [:]
            for (k, rule) in rules.enumerated() { byHead[rule.head, default: []].append(k) }
            rulesByHeadCache = byHead
        }
        return rulesByHeadCache![head] ?? []
    }

    func hasRules(deriving head: Int) -> Bool { !ruleIndexes(deriving: head).isEmpty }
    var profiling = false
    /// Base relations read by key from the fact source rather than copied (nil: every relation is in the database).
    var bases: BaseRelations?
    var profile: [String: RuleProfile] = [:]
    /// Row counts at which each relation's derivation iterations ended (for explanations):
    /// relation -> [(iteration stamp, end row)].
    private(set) var iterationMarks: [Int: [(stamp: Int, end: Int)]] = [:]
    private var stamp = 0

    init(database: Database, values: ValueTable, guards: Guards) {
        self.database = database
        self.values = values
        self.guards = guards
    }

    func forgetMarks(_ r: Int) { iterationMarks[r] = nil }

    /// Overflows and divisions by zero met since the session last took them (see `Arithmetic`).
    var arithmeticFailures: [SourceLocation: (failure: Arithmetic.Failure, count: Int)] = [:]

    private func collectFailures(_ runner: JoinRunner) {
        for (location, f) in runner.arithmeticFailures {
            arithmeticFailures[location, default: (f.failure, 0)].count += f.count
        }
        runner.arithmeticFailures = [:]
    }

    // MARK: - selections

    /// Materialized selections of large unchanging relations on constant columns
    /// (`triple(_, "developed", _)`), by name, with the source's size when built.
    private var selections: [String: (relation: Int, sourceCount: Int)] = [:]
    /// Relations smaller than this are read directly (tests lower it to exercise selections).
    /// An atomic, so a test setting it cannot race an evaluation on another thread;
    /// read once per atom when a rule is prepared, not per tuple.
    static var selectionThreshold: Int {
        get { selectionThresholdStorage.load(ordering: .relaxed) }
        set { selectionThresholdStorage.store(newValue, ordering: .relaxed) }
    }
    private static let selectionThresholdStorage = Atomic<Int>(4096)

    /// The rule with each atom that has constants on a large relation outside
    /// `changing` reading a materialized selection instead: the selection is
    /// small, so its indexes are cheap to build, where an index over the whole
    /// relation would cost a pass over every row per column set.
    func withSelections(_ rule: RuleIR, changing: Set<Int>) -> RuleIR {
        var rule = rule
        /// The selection holds only rows with the constants, so those columns need no
        /// lookup: they become fresh unused variables, and the atom a plain scan or a
        /// lookup on its joined columns only.
        func freeColumns(_ atom: inout RuleIR.AtomIR) {
            for (c, arg) in atom.arguments.enumerated() {
                if case .constant = arg {
                    atom.arguments[c] = .variable(rule.variableNames.count)
                    rule.variableNames.append("_sel\(rule.variableNames.count)")
                }
            }
        }
        func select(_ atom: RuleIR.AtomIR) -> RuleIR.AtomIR {
            let constants = atom.arguments.enumerated().compactMap { c, arg -> (Int, Int32)? in
                if case .constant(let v) = arg { return (c, v) } else { return nil }
            }
            let source = atom.relation
            // A relation read by key needs no selection: its probe is one already.
            guard !constants.isEmpty, !changing.contains(source), bases?.reader(source) == nil,
                  database.count(source) >= Evaluator.selectionThreshold,
                  constants.count < database.arity(source) else { return atom }
            let name = database.names[source] + "[" + constants.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "]"
            let count = database.count(source)
            var atom = atom
            if let cached = selections[name], cached.sourceCount == count {
                atom.relation = cached.relation
                freeColumns(&atom)
                return atom
            }
            let r = database.relation(name, arity: database.arity(source))
            database.clear(r)
            let arity = database.arity(source)
            let sourceRows = database.stores[source].rows
            let columns = constants.map(\.0), wanted = constants.map(\.1)
            // The source's rows are distinct, so the selection's are: appended without probing its
            // set. A constant on a column whose runs the fact loader recorded (`ColumnRuns`: a sorted
            // file) limits the scan to the runs holding it.
            let ranges = ColumnRuns.rowsToRead(database.columnRuns[source], constants: constants.map { ($0.0, $0.1) }, rowCount: count)
            database.stores[r].releaseSet()
            columns.withUnsafeBufferPointer { cs in
                wanted.withUnsafeBufferPointer { vs in
                    for range in ranges {
                        var row = sourceRows + range.lowerBound * arity
                        for _ in range {
                            var match = true
                            for k in 0..<cs.count where row[cs[k]] != vs[k] { match = false; break }
                            if match { database.stores[r].appendDistinct(row, 1) }
                            row += arity
                        }
                    }
                }
            }
            selections[name] = (r, count)
            atom.relation = r
            freeColumns(&atom)
            return atom
        }
        rule.body = rule.body.map { lit in
            switch lit {
            case .positive(let a): return .positive(select(a))
            case .negative(let a): return .negative(select(a))
            default: return lit
            }
        }
        return rule
    }

    // MARK: - stratification

    /// Components of the predicate dependency graph over the given relations, in
    /// evaluation order (dependencies first). Throws when negation or
    /// aggregation occurs inside a cycle.
    func strata(for needed: Set<Int>, sourceLine: (SourceLocation) -> String?) throws -> [[Int]] {
        var edges: [Int: [(Int, Bool, Int)]] = [:]  // head -> (body relation, negative, rule index)
        for (k, rule) in rules.enumerated() where needed.contains(rule.head) {
            for d in rule.dependencies { edges[rule.head, default: []].append((d.relation, d.negative, k)) }
        }
        // Tarjan's algorithm, iterative enough for deep programs is not needed here: programs are small.
        var index = 0
        var indexOf: [Int: Int] = [:], low: [Int: Int] = [:]
        var stack: [Int] = [], onStack = Set<Int>()
        var components: [[Int]] = []
        func connect(_ v: Int) {
            indexOf[v] = index; low[v] = index; index += 1
            stack.append(v); onStack.insert(v)
            for (w, _, _) in edges[v] ?? [] {
                if indexOf[w] == nil { connect(w); low[v] = min(low[v]!, low[w]!) }
                else if onStack.contains(w) { low[v] = min(low[v]!, indexOf[w]!) }
            }
            if low[v] == indexOf[v] {
                var component: [Int] = []
                while true {
                    let w = stack.removeLast(); onStack.remove(w); component.append(w)
                    if w == v { break }
                }
                components.append(component)
            }
        }
        for v in needed.sorted() where indexOf[v] == nil { connect(v) }
        for component in components {
            let members = Set(component)
            for v in component {
                for (w, negative, k) in edges[v] ?? [] where negative && members.contains(w) {
                    let cycle = cyclePath(from: w, to: v, within: members, edges: edges)
                    let names = ([v] + cycle).map { database.names[$0] }
                    let what = rules[k].aggregate != nil ? "aggregates over" : "negates"
                    // Relations generated for Soufflé aggregates (`__aggregateN`, `__domainN`) mean
                    // nothing to the reader: name the user's relations and say what is not supported.
                    let own = names.filter { !$0.hasPrefix("__") }
                    if own.count < names.count {
                        var unique: [String] = []
                        for n in own where !unique.contains(n) { unique.append(n) }
                        throw Diagnostic(.error, at: rules[k].location,
                                         "program is not stratifiable: this aggregate depends on \(unique.map { "'\($0)'" }.joined(separator: ", ")), which depends on the aggregate's value (an aggregate inside a recursion, or correlated on it, is not supported)",
                                         sourceLine: sourceLine(rules[k].location))
                    }
                    throw Diagnostic(.error, at: rules[k].location,
                                     "program is not stratifiable: '\(database.names[v])' \(what) '\(database.names[w])' inside the recursive cycle \(names.joined(separator: " -> "))",
                                     sourceLine: sourceLine(rules[k].location))
                }
            }
        }
        return components
    }

    private func cyclePath(from start: Int, to goal: Int, within members: Set<Int>, edges: [Int: [(Int, Bool, Int)]]) -> [Int] {
        var previous: [Int: Int] = [:]
        var queue = [start], seen: Set<Int> = [start]
        while !queue.isEmpty {
            let v = queue.removeFirst()
            if v == goal { break }
            for (w, _, _) in edges[v] ?? [] where members.contains(w) && seen.insert(w).inserted {
                previous[w] = v; queue.append(w)
            }
        }
        var path = [goal], v = goal
        while v != start, let p = previous[v] { path.append(p); v = p }
        return path.reversed()
    }

    /// Relations `roots` depend on, including themselves.
    func closure(of roots: [Int]) -> Set<Int> {
        var byHead: [Int: [RuleIR]] = [:]
        for r in rules { byHead[r.head, default: []].append(r) }
        var seen = Set(roots), work = roots
        while let r = work.popLast() {
            for rule in byHead[r] ?? [] {
                for d in rule.dependencies where seen.insert(d.relation).inserted { work.append(d.relation) }
            }
        }
        return seen
    }

    /// The one-pass plan for a one-atom aggregate, when its relation is in the
    /// database: a graph relation read by key (`bases`) has no rows there, so its
    /// aggregates take the general path, which streams the store's rows.
    func directAggregate(_ rule: RuleIR) -> DirectAggregate? {
        guard let direct = DirectAggregate(rule), bases?.reader(direct.relation) == nil else { return nil }
        return direct
    }

    // MARK: - evaluation

    /// Evaluates one stratum: its non-recursive rules once, then the recursive
    /// ones semi-naively until no new tuple appears. Returns false when a guard stopped it.
    func evaluate(stratum: [Int], stopAtCount: Int = .max) -> Bool {
        #if DEBUG
        defer { database._checkInvariants() }
        #endif
        let members = Set(stratum)
        // One-atom aggregates read their relation directly (no selection is materialised for them).
        let stratumRules = stratum.flatMap { ruleIndexes(deriving: $0) }.sorted().map {
            directAggregate(rules[$0]) != nil ? rules[$0] : withSelections(rules[$0], changing: members)
        }
        // A choice-domain relation's facts or input keep one tuple per key, rules or not.
        var choices: [Int: ChoiceFilter] = [:]
        for r in stratum { if let d = choiceDomains[r] { choices[r] = ChoiceFilter.prepare(r, domains: d, in: database) } }
        if stratumRules.isEmpty { return true }
        let recursiveRules = stratumRules.filter { $0.positiveAtoms.contains { members.contains($0.relation) } }
        let baseRules = stratumRules.filter { r in !r.positiveAtoms.contains { members.contains($0.relation) } }
        let size: (Int) -> Int = { self.bases?.estimatedCount($0) ?? self.database.count($0) }
        let arity: (Int) -> Int = { self.database.arity($0) }
        var stopped = false

        func marksFull(_ r: Int) -> (deltaStart: Int, end: Int) { (0, database.count(r)) }
        database.prepareIndexes(changing: members)
        defer { releaseAfter(stratum: stratum) }
        stamp += 1
        for rule in baseRules where !stopped {
            if let direct = directAggregate(rule) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let (inserted, cut) = direct.run(database, values, guards, head: rule.head)
                record(rule, t0, inserted)
                stopped = cut
                continue
            }
            if let columnar = GraphAggregate(rule, bases: bases) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let (inserted, cut) = columnar.run(database, values, guards, head: rule.head)
                bases?.columnarAggregates += 1
                record(rule, t0, inserted)
                stopped = cut
                continue
            }
            let runner = JoinRunner(database: database, values: values, guards: guards, rule: rule,
                                    plan: Planner.plan(rule, delta: nil, recursive: [], arity: arity, size: size),
                                    bases: bases)
            runner.stopAtCount = stopAtCount
            runner.choice = choices[rule.head]
            database.prepareIndexes(changing: members)
            runner.setRanges(marksFull)
            let t0 = DispatchTime.now().uptimeNanoseconds
            runner.run()
            if rule.aggregate != nil { finishAggregate(rule, runner.collected) }
            record(rule, t0, runner.inserted)
            collectFailures(runner)
            stopped = runner.stopped
        }
        for (r, choice) in choices { choice.flush(into: database, relation: r, values: values) }
        for r in stratum { iterationMarks[r, default: []].append((stamp, database.count(r))) }
        if stopped || recursiveRules.isEmpty { return !stopped }

        // One runner per (rule, delta position), planned once with the sizes known now.
        var runners: [(RuleIR, JoinRunner)] = []
        for rule in recursiveRules {
            for (i, atom) in rule.positiveAtoms.enumerated() where members.contains(atom.relation) {
                let plan = Planner.plan(rule, delta: i, recursive: members, arity: arity, size: size)
                let runner = JoinRunner(database: database, values: values, guards: guards, rule: rule, plan: plan,
                                        bases: bases)
                runner.stopAtCount = stopAtCount
                runner.choice = choices[rule.head]
                runners.append((rule, runner))
            }
        }
        database.prepareIndexes(changing: members)
        var deltaStart = [Int: Int]()
        for r in stratum { deltaStart[r] = 0 }
        while !stopped {
            var end = [Int: Int]()
            for r in stratum { end[r] = database.count(r) }
            if stratum.allSatisfy({ deltaStart[$0] == end[$0] }) { break }
            database.catchUpIndexes(of: members)
            stamp += 1
            let marks: (Int) -> (deltaStart: Int, end: Int) = { r in
                if let e = end[r] { return (deltaStart[r]!, e) }
                return (0, self.database.count(r))
            }
            for (rule, runner) in runners {
                runner.setRanges(marks)
                let t0 = profiling ? DispatchTime.now().uptimeNanoseconds : 0
                runner.run()
                record(rule, t0, runner.inserted)
                if !runner.arithmeticFailures.isEmpty { collectFailures(runner) }
                if runner.stopped { stopped = true; break }
            }
            for (r, choice) in choices { choice.flush(into: database, relation: r, values: values) }
            for r in stratum {
                deltaStart[r] = end[r]
                iterationMarks[r, default: []].append((stamp, database.count(r)))
            }
        }
        return !stopped
    }

    /// Relations of at least this many rows have their set freed when their stratum is
    /// done, and loaded relations once loaded (tests lower it to exercise the release; an
    /// atomic, read once per stratum). Rebuilding a set is O(rows), once per release.
    static var releaseThreshold: Int {
        get { releaseThresholdStorage.load(ordering: .relaxed) }
        set { releaseThresholdStorage.store(newValue, ordering: .relaxed) }
    }
    private static let releaseThresholdStorage = Atomic<Int>(1 << 14)

    /// What a finished stratum no longer needs: the sets of its relations (no rule adds
    /// to them until they are evaluated again, which starts from an empty relation; a
    /// later insert or whole-row test rebuilds the set) and the chains of their indexes
    /// (a later stratum reads them frozen, built afresh when a join asks). Small
    /// relations keep their sets: rebuilding would cost more than it frees.
    private func releaseAfter(stratum: [Int]) {
        let threshold = Evaluator.releaseThreshold
        let members = Set(stratum)
        for r in stratum where database.count(r) >= threshold { database.releaseSet(r) }
        database.releaseIndexes { members.contains($0) }
    }

    private func record(_ rule: RuleIR, _ t0: UInt64, _ tuples: Int) {
        guard profiling else { return }
        let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        var p = profile[rule.text] ?? RuleProfile(rule: rule.text, seconds: 0, tuples: 0, iterations: 0)
        p.seconds += dt
        p.tuples += tuples
        p.iterations += 1
        profile[rule.text] = p
    }

    /// Groups the collected solutions by the head's other columns and inserts one
    /// tuple per group. count counts distinct argument values; sum and avg add
    /// one term per distinct body solution; min and max use the value order.
    /// (One-atom bodies take `DirectAggregate` instead, which keeps no solution list.)
    /// Cost: one `GroupTable` lookup per solution (a dictionary of arrays when more than
    /// two columns form the group), a counting sort of the arguments by group, and for
    /// count a sort of each group's arguments.
    private func finishAggregate(_ rule: RuleIR, _ collected: [Int32]) {
        guard let agg = rule.aggregate else { return }
        let width = rule.headArguments.count + 1
        precondition(collected.count % width == 0, "collected solutions of uneven width")
        let groupColumns = (0..<(width - 1)).filter { $0 != agg.position }
        var table = GroupTable()
        var groupOfArray: [[Int32]: Int] = [:]
        var firstSolution: [Int] = []       // per group: offset of its first solution in `collected`
        var groupOfSolution: [Int32] = []
        groupOfSolution.reserveCapacity(collected.count / width)
        var i = 0
        while i < collected.count {
            let g: Int
            if groupColumns.count <= 2 {
                let packed = groupColumns.isEmpty ? 0 : (groupColumns.count == 1
                    ? UInt64(UInt32(bitPattern: collected[i + groupColumns[0]]))
                    : TupleStore.pack(collected[i + groupColumns[0]], collected[i + groupColumns[1]]))
                let found = table.group(packed)
                g = found.group
                if found.isNew { firstSolution.append(i) }
            } else {
                var key = Array(collected[i..<(i + width - 1)])
                key[agg.position] = 0
                if let known = groupOfArray[key] { g = known } else {
                    g = firstSolution.count
                    groupOfArray[key] = g
                    firstSolution.append(i)
                }
            }
            groupOfSolution.append(Int32(g))
            i += width
        }
        // Arguments grouped by a stable counting sort: group g's are items[start[g]..<start[g + 1]], in solution order.
        let groupCount = firstSolution.count
        var start = [Int](repeating: 0, count: groupCount + 1)
        for g in groupOfSolution { start[Int(g) + 1] += 1 }
        for g in 0..<groupCount { start[g + 1] += start[g] }
        var items = [Int32](repeating: 0, count: groupOfSolution.count)
        var fill = start
        for (k, g) in groupOfSolution.enumerated() {
            items[fill[Int(g)]] = collected[k * width + width - 1]
            fill[Int(g)] += 1
        }
        let keys = firstSolution.map { Array(collected[$0..<($0 + width - 1)]) }
        // With no group columns there is one group, the whole body: no solution
        // means a count or sum of 0 (as SQL answers), not no row. min, max and
        // avg of nothing have no value, so they still give no row.
        if groupColumns.isEmpty && keys.isEmpty && (agg.kind == .count || agg.kind == .sum) && guards.reason == nil {
            if database.insert(rule.head, [values.encode(.int(0))]) { _ = guards.countTuple() }
            return
        }
        for (g, key) in keys.enumerated() {
            let items = items[start[g]..<start[g + 1]]
            let result: Constant?
            switch agg.kind {
            case .count:
                let sorted = items.sorted()
                var distinct = sorted.isEmpty ? 0 : 1
                for k in 1..<max(1, sorted.count) where sorted[k] != sorted[k - 1] { distinct += 1 }
                result = .int(Int64(distinct))
            case .min: result = items.min { values.less($0, $1) }.map(values.decode)
            case .max: result = items.max { values.less($0, $1) }.map(values.decode)
            case .sum, .avg:
                var intSum: Int64 = 0, doubleSum = 0.0, allInts = true, overflow = false
                for v in items {
                    switch values.decode(v) {
                    case .int(let x):
                        let (s, o) = intSum.addingReportingOverflow(x)
                        intSum = s; overflow = overflow || o
                        doubleSum += Double(x)
                    case .double(let d): allInts = false; doubleSum += d
                    case .string: break
                    }
                }
                if agg.kind == .avg { result = items.isEmpty ? nil : .double(doubleSum / Double(items.count)) }
                else { result = allInts && !overflow ? .int(intSum) : .double(doubleSum) }
            }
            guard let result else { continue }
            var tuple = key
            tuple[agg.position] = values.encode(result)
            if database.insert(rule.head, tuple) { _ = guards.countTuple() }
        }
    }
}
