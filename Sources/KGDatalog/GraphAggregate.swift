import KGCore
import KGStore

/// Grouped aggregates whose body is one graph atom read by key (`triple(S, P, O)`,
/// `triple(S, "ceo_of", O)`, `ceo_of(S, O)`), computed on the store's columns:
/// `?- P, sum(1) <- triple(S, P, O).` is a loop over the predicate column and the
/// live flags (`GraphView.scanTriples`), counting into a flat array indexed by
/// predicate id. No tuple, no string, no copy of the relation is made per row; a
/// group's codes become values once, when its head tuple is written.
///
/// Same answers as the general path (which copies the relation as values and runs
/// `Evaluator.finishAggregate`): rows are the distinct visible triples (merges
/// resolved, `minConfidence` applied by the scan), and codes that read as the same
/// value (two entities with one name, a literal spelled like a name:
/// `GraphValueClasses`) are mapped to one code, the rows holding such codes deduplicated
/// as values. When codes cannot stand for values exactly (`valueClasses()` is nil)
/// the plan is not made and the general path runs.
///
/// Shapes taken: variables and a constant predicate in the atom (a constant subject
/// or object is a probe of the store's lists: the general path reads only those
/// rows); the subject repeated as the object; at most two group variables; the
/// aggregated argument a variable of the atom or a constant (`sum(1)`).
/// Cost: O(stored rows) integer work (O(the predicate's rows) with a rare constant
/// predicate), O(groups) values encoded.
struct GraphAggregate {
    enum Role { case subject, predicate, object }
    /// A row holding a code shared with another (as value classes), deduplicated through a set.
    private struct SharedRow: Hashable { var s, p, o: Int32 }

    let relation: GraphRelation
    let reader: BaseRelationReader
    let classes: GraphValueClasses
    /// The predicate every row has (a predicate relation, or a constant in the atom).
    var fixedPredicate: Int32?
    /// A constant that names no predicate: the body has no solution.
    var noRows = false
    var subjectIsObject = false
    /// Roles of the group's variables, in order of first use in the head.
    var groupRoles: [Role] = []
    /// Per head position: the index in `groupRoles` it reads, or -1 (a constant or the aggregate).
    var headSlots: [Int] = []
    var headConstants: [Int32] = []
    var argumentRole: Role?
    var argumentConstant: Int32?
    var needsDistinct: Bool
    var kind: AggregateKind
    var position: Int

    /// The plan for `rule`, nil when it is not a one-atom aggregate over a graph relation
    /// of triples read by key in one of the shapes above.
    init?(_ rule: RuleIR, bases: BaseRelations?) {
        guard let agg = rule.aggregate, rule.body.count == 1, case .positive(let atom) = rule.body[0],
              let reader = bases?.reader(atom.relation), let graph = reader.source as? GraphRelation else { return nil }
        let roles: [Role]
        switch graph.kind {
        case .triple: roles = [.subject, .predicate, .object]
        case .predicate(let p): roles = [.subject, .object]; fixedPredicate = p
        default: return nil
        }
        guard atom.arguments.count == roles.count else { return nil }
        relation = graph
        self.reader = reader
        var roleOf: [Int: Role] = [:]
        for (c, arg) in atom.arguments.enumerated() {
            switch arg {
            case .constant(let v):
                guard roles[c] == .predicate else { return nil }
                if let p = graph.coder.predicateCode(v) { fixedPredicate = p } else { noRows = true }
            case .variable(let v):
                if let first = roleOf[v] {
                    guard first == .subject && roles[c] == .object else { return nil }
                    subjectIsObject = true
                } else {
                    roleOf[v] = roles[c]
                }
            }
        }
        var argumentVariable: Int?
        switch agg.argument {
        case .variable(let v):
            guard let r = roleOf[v] else { return nil }
            argumentRole = r
            argumentVariable = v
        case .constant(let c):
            argumentConstant = c
        default:
            return nil
        }
        var groupVariables: [Int] = []
        for (i, arg) in rule.headArguments.enumerated() {
            if i == agg.position { headSlots.append(-1); headConstants.append(0); continue }
            switch arg {
            case .constant(let v): headSlots.append(-1); headConstants.append(v)
            case .variable(let v):
                guard let r = roleOf[v] else { return nil }
                if let k = groupVariables.firstIndex(of: v) { headSlots.append(k) } else {
                    headSlots.append(groupVariables.count)
                    groupVariables.append(v)
                    groupRoles.append(r)
                }
                headConstants.append(0)
            }
        }
        guard groupVariables.count <= 2, let classes = graph.coder.valueClasses else { return nil }
        self.classes = classes
        needsDistinct = roleOf.keys.contains { $0 != argumentVariable && !groupVariables.contains($0) }
        kind = agg.kind
        position = agg.position
    }

    @inline(__always) private static func code(_ role: Role, _ s: Int32, _ p: Int32, _ o: Int32) -> Int32 {
        switch role {
        case .subject: return s
        case .predicate: return p
        case .object: return o
        }
    }

    private func value(_ role: Role, _ code: Int32) -> Int32 {
        switch role {
        case .subject: return relation.coder.entity(code)
        case .predicate: return relation.coder.predicate(code)
        case .object: return relation.coder.object(code)
        }
    }

    /// Runs the aggregation and inserts one head tuple per group. Returns the tuples
    /// inserted and whether a guard stopped it (then nothing is inserted).
    func run(_ database: Database, _ values: ValueTable, _ guards: Guards, head: Int) -> (inserted: Int, stopped: Bool) {
        precondition(headSlots.count == database.arity(head), "aggregate head width differs from its relation's arity")
        let view = relation.view
        let groupWidth = groupRoles.count
        // A group found by indexing an array when one column with a small domain forms it.
        var denseLimit = 0
        if groupWidth == 1 && groupRoles[0] == .predicate { denseLimit = max(1, view.predicateCodeCount) }
        if groupWidth == 1 && groupRoles[0] == .subject { denseLimit = max(1, view.entitySlotCount) }
        if groupWidth == 0 { denseLimit = 1 }
        var dense = [Int32](repeating: -1, count: denseLimit)
        var table = GroupTable()
        var distinct = GroupTable()
        var seenShared = Set<SharedRow>()
        var groupCodes: [Int32] = []          // per group: its groupWidth codes
        var counts: [Int] = []
        var best: [Int32] = [], bestCode: [Int32] = []
        var sums = GroupSums()         // sum, avg (not tallied)
        let constantValue = argumentConstant.map(values.decode)
        // Count rows per group only: a count whose (group, argument) pairs are distinct
        // rows, or a sum of a whole-number constant (checked for overflow at the end).
        var tallyOnly = (kind == .count && !needsDistinct && argumentRole != nil)
        if kind == .sum, let constantValue, case .int = constantValue { tallyOnly = true }
        let shared = classes.hasSharedValues
        var groupCount = 0
        var stopped = false
        let g0 = groupWidth > 0 ? groupRoles[0] : .predicate, g1 = groupWidth > 1 ? groupRoles[1] : .predicate
        if !noRows && tallyOnly && !shared && !subjectIsObject && denseLimit > 0 {
            // The commonest shape (`?- P, sum(1) <- triple(S, P, O).`): one counter per
            // dense group, a tight loop over one column of each batch.
            let tally = UnsafeMutablePointer<Int>.allocate(capacity: denseLimit)
            tally.initialize(repeating: 0, count: denseLimit)
            defer { tally.deallocate() }
            let role: Role? = groupWidth == 0 ? nil : groupRoles[0]
            var order: [Int32] = []
            reader.noteRowsRead(view.scanTriples(predicate: fixedPredicate, minConfidence: relation.facts.minConfidence) { batch in
                if guards.shouldStop() { stopped = true; return false }
                let column = role == .predicate ? batch.predicates : batch.subjects
                let live = batch.live
                for i in 0..<batch.count {
                    if let live, live[i] <= 0 { continue }
                    guard role != nil else { tally[0] &+= 1; continue }
                    let x = Int(column[i])
                    precondition(x >= 0 && x < denseLimit, "a group code outside the dense range")
                    if tally[x] == 0 { order.append(column[i]) }
                    tally[x] &+= 1
                }
                return true
            })
            if groupWidth == 0 {
                if tally[0] > 0 { groupCount = 1; counts = [tally[0]] }
            } else {
                groupCount = order.count
                groupCodes = order
                counts = order.map { tally[Int($0)] }
            }
        } else if !noRows {
            reader.noteRowsRead(view.scanTriples(predicate: fixedPredicate, minConfidence: relation.facts.minConfidence) { batch in
                if guards.shouldStop() { stopped = true; return false }
                for i in 0..<batch.count where batch.isVisible(i) {
                    var s = batch.subjects[i], o = batch.objects[i]
                    let p = batch.predicates[i]
                    if shared {
                        let sharedRow = classes.isShared(s) || classes.isShared(o)
                        s = classes.representative(s)
                        o = classes.representative(o)
                        if sharedRow && !seenShared.insert(SharedRow(s: s, p: p, o: o)).inserted { continue }
                    }
                    if subjectIsObject && s != o { continue }
                    let g: Int, isNew: Bool
                    if denseLimit > 0 {
                        let x = groupWidth == 0 ? 0 : Int(GraphAggregate.code(g0, s, p, o))
                        let d = dense[x]
                        if d >= 0 { g = Int(d); isNew = false } else {
                            g = groupCount; isNew = true
                            dense[x] = Int32(truncatingIfNeeded: g)
                        }
                    } else {
                        let a = GraphAggregate.code(g0, s, p, o)
                        let key = groupWidth == 1 ? UInt64(UInt32(bitPattern: a)) : TupleStore.pack(a, GraphAggregate.code(g1, s, p, o))
                        (g, isNew) = table.group(key)
                    }
                    if isNew {
                        groupCount += 1
                        if groupWidth > 0 { groupCodes.append(GraphAggregate.code(g0, s, p, o)) }
                        if groupWidth > 1 { groupCodes.append(GraphAggregate.code(g1, s, p, o)) }
                        counts.append(0)
                    }
                    if tallyOnly { counts[g] += 1; continue }
                    let argumentCode = argumentRole.map { GraphAggregate.code($0, s, p, o) } ?? 0
                    switch kind {
                    case .count:
                        if needsDistinct && !distinct.group(UInt64(g) << 32 | UInt64(UInt32(bitPattern: argumentCode))).isNew { continue }
                        counts[g] += 1
                    case .min, .max:
                        let v = argumentRole.map { value($0, argumentCode) } ?? argumentConstant!
                        if isNew { best.append(v); bestCode.append(argumentCode); continue }
                        if argumentRole != nil && bestCode[g] == argumentCode { continue }
                        if kind == .min ? values.less(v, best[g]) : values.less(best[g], v) { best[g] = v; bestCode[g] = argumentCode }
                    case .sum, .avg:
                        if isNew { sums.addGroup() }
                        counts[g] += 1
                        sums.add(g, constantValue ?? values.decode(value(argumentRole!, argumentCode)))
                    }
                }
                return true
            })
        }
        if stopped { return (0, true) }
        var inserted = 0
        // No group columns and no row: a count or sum of 0 (as the general path answers).
        if headSlots.count == 1 && groupCount == 0 && (kind == .count || kind == .sum) {
            return DirectAggregate.insertZeroRow(database, values, guards, head)
        }
        var groupValues = [Int32](repeating: 0, count: groupWidth)
        var tuple = headConstants
        for g in 0..<groupCount {
            for k in 0..<groupWidth { groupValues[k] = value(groupRoles[k], groupCodes[g * groupWidth + k]) }
            for (i, k) in headSlots.enumerated() where k >= 0 { tuple[i] = groupValues[k] }
            switch kind {
            case .count:
                tuple[position] = values.encode(.int(Int64(argumentConstant != nil ? min(1, counts[g]) : counts[g])))
            case .min, .max: tuple[position] = best[g]
            case .sum where tallyOnly:
                guard case .int(let c)? = constantValue else { preconditionFailure("a tallied sum of a non-integer") }
                let (product, overflow) = Int64(counts[g]).multipliedReportingOverflow(by: c)
                if overflow {
                    // As the general path: the integer sum overflowed, so the double sum of the terms.
                    var d = 0.0
                    for _ in 0..<counts[g] { d += Double(c) }
                    tuple[position] = values.encode(.double(d))
                } else {
                    tuple[position] = values.encode(.int(product))
                }
            case .sum, .avg: tuple[position] = sums.value(g, average: kind == .avg, values)
            }
            if database.insert(head, tuple) {
                inserted += 1
                if guards.countTuple() { return (inserted, true) }
            }
        }
        return (inserted, false)
    }
}
