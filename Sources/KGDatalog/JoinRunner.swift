import KGCore

/// Runs one plan (one rule variant) over the database: nested loops over the
/// atoms, index lookups for bound columns, and the head insert. Everything the
/// loop touches per tuple is a raw pointer or an integer: no allocation, no
/// reference counting, no existential. Rare steps (arithmetic, strings) go
/// through `evaluate`, which does allocate, but only for rules that use them.
final class JoinRunner {
    struct Step {
        enum Kind: Int32 { case scan, probe, baseProbe, baseScan, negationProbe, negationSet, equal, notEqual, general, emit, collect }
        var kind: Kind
        var relation: Int
        var index: Int = -1
        var lo = 0
        var hi = 0
        var version: Planner.Version = .full
        var exact = true
        var keyRegisters: UnsafeMutablePointer<Int32>? = nil
        var keyColumns: UnsafeMutablePointer<Int32>? = nil
        var keyCount = 0
        var binds: UnsafeMutablePointer<Int32>? = nil   // (column, register) pairs
        var bindCount = 0
        var checks: UnsafeMutablePointer<Int32>? = nil  // (column, register) pairs
        var checkCount = 0
        var a: Int32 = 0
        var b: Int32 = 0
        /// `general`: which generalised step; `baseProbe`: which of `readers`.
        var general = -1
        /// The frozen run found for the last probe key (valid while `cachedCount` equals `hi`).
        var cachedKey: UInt64 = 0
        var cachedCount = -1
        var cachedBegin = 0
        var cachedEnd = 0
    }

    enum General {
        case compare(ComparisonOperator, RuleIR.Expression, RuleIR.Expression)
        case assign(Int, RuleIR.Expression)
        case test(String, [RuleIR.Expression])
    }

    let database: Database
    let values: ValueTable
    let guards: Guards
    private(set) var steps: UnsafeMutablePointer<Step>
    let stepCount: Int
    /// Index of the head-insert step (-1 for aggregate rules, which collect instead).
    let emitIndex: Int
    let registers: UnsafeMutablePointer<Int32>
    let registerCount: Int
    let head: Int
    let headRegisters: UnsafeMutablePointer<Int32>
    let headArity: Int
    /// Holds a probe key or a head tuple: as wide as the widest of the head and every step's key
    /// (a body atom's key can be wider than the head).
    let scratch: UnsafeMutablePointer<Int32>
    let scratchCapacity: Int
    private var generals: [General] = []
    /// Base relations read by key through the fact source (`baseProbe` steps).
    private var readers: [BaseRelationReader] = []
    private var pools: [UnsafeMutablePointer<Int32>] = []

    /// Tuples inserted (new) by the last run.
    var inserted = 0
    /// For aggregate rules: each solution's head values then the aggregate's argument.
    var collected: [Int32] = []
    /// The head's `choice-domain` (ChoiceDomain.swift): a tuple whose key is taken is not inserted.
    var choice: ChoiceFilter?
    /// Stop after the head relation holds this many rows (query limits).
    var stopAtCount = Int.max
    private(set) var stopped = false
    private var ticks = 0

    /// - Parameters:
    ///   - head: head relation; `collect` true for aggregate rules (the head
    ///     values and the aggregate argument's value are collected instead).
    ///   - bases: base relations not copied into the database; an atom on one reads
    ///     it by key when a bound column is one its source looks up, else has it copied.
    init(database: Database, values: ValueTable, guards: Guards, rule: RuleIR, plan: [Planner.Step],
         bases: BaseRelations? = nil) {
        self.database = database
        self.values = values
        self.guards = guards
        // Registers: the rule's variables, then one per constant used.
        var constants: [Int32] = []
        func register(_ arg: RuleIR.Argument) -> Int32 {
            switch arg {
            case .variable(let v): return Int32(v)
            case .constant(let c):
                if let i = constants.firstIndex(of: c) { return Int32(rule.registerCount + i) }
                constants.append(c)
                return Int32(rule.registerCount + constants.count - 1)
            }
        }
        var lowered: [Step] = []
        var pools: [UnsafeMutablePointer<Int32>] = []
        func pool(_ xs: [Int32]) -> UnsafeMutablePointer<Int32>? {
            if xs.isEmpty { return nil }
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: xs.count)
            p.initialize(from: xs, count: xs.count)
            pools.append(p)
            return p
        }
        for step in plan {
            switch step {
            case .atom(let relation, let version, let keyColumns, let keyArguments, let binds, let checks):
                let arity = database.arity(relation)
                precondition(keyColumns.count == keyArguments.count, "key columns and key values differ in number")
                precondition((keyColumns + binds.map(\.column) + checks.map(\.column)).allSatisfy { $0 >= 0 && $0 < arity },
                             "a step reads a column outside its relation")
                precondition((binds.map(\.register) + checks.map(\.register)).allSatisfy { $0 >= 0 && $0 < rule.registerCount },
                             "a step writes a register outside the rule")
                var s = Step(kind: keyColumns.isEmpty ? .scan : .probe, relation: relation)
                s.version = version
                if let reader = bases?.reader(relation) {
                    // The most selective column the source looks up (its list is in that order).
                    if let c = reader.lookupColumns.first(where: keyColumns.contains), let k = keyColumns.firstIndex(of: c) {
                        // Read by key through the source: `a` the looked-up column, `b` its value's register.
                        precondition(version == .full && reader.arity == arity, "a base relation read by key changes")
                        s.kind = .baseProbe
                        s.general = readers.count
                        readers.append(reader)
                        s.a = Int32(keyColumns[k])
                        s.b = register(keyArguments[k])
                    } else if keyColumns.isEmpty && !lowered.contains(where: { $0.relation >= 0 }) && JoinRunner.rowsMayRepeat(rule) {
                        // The outermost atom, no key: stream the source's rows once, no copy.
                        s.kind = .baseScan
                        s.general = readers.count
                        readers.append(reader)
                    } else {
                        bases!.materialize(relation)
                    }
                }
                if s.kind == .probe {
                    s.index = database.index(relation, columns: keyColumns)
                    s.exact = keyColumns.count <= 2
                }
                s.keyRegisters = pool(keyArguments.map(register))
                s.keyColumns = pool(keyColumns.map(Int32.init))
                s.keyCount = keyColumns.count
                s.binds = pool(binds.flatMap { [Int32($0.column), Int32($0.register)] })
                s.bindCount = binds.count
                s.checks = pool(checks.flatMap { [Int32($0.column), Int32($0.register)] })
                s.checkCount = checks.count
                lowered.append(s)
            case .negation(let relation, let keyColumns, let keyArguments, let arity):
                precondition(arity == database.arity(relation) && keyColumns.count == keyArguments.count
                             && keyColumns.allSatisfy { $0 >= 0 && $0 < arity }, "a negation reads a column outside its relation")
                if bases?.reader(relation) != nil { bases!.materialize(relation) }
                var s = Step(kind: keyColumns.count == arity ? .negationSet : .negationProbe, relation: relation)
                // A whole-row test reads the relation's set: rebuilt here if it was released.
                if s.kind == .negationSet { database.stores[relation].ensureSet() }
                if s.kind == .negationProbe && !keyColumns.isEmpty {
                    s.index = database.index(relation, columns: keyColumns)
                    s.exact = keyColumns.count <= 2
                }
                s.keyRegisters = pool(keyArguments.map(register))
                s.keyColumns = pool(keyColumns.map(Int32.init))
                s.keyCount = keyColumns.count
                lowered.append(s)
            case .compare(let op, let x, let y):
                if case .variable(let va) = x, case .variable(let vb) = y, op == .eq || op == .ne {
                    var s = Step(kind: op == .eq ? .equal : .notEqual, relation: -1)
                    s.a = Int32(va); s.b = Int32(vb)
                    lowered.append(s)
                } else {
                    var s = Step(kind: .general, relation: -1)
                    s.general = generals.count
                    generals.append(.compare(op, x, y))
                    lowered.append(s)
                }
            case .assign(let v, let e):
                var s = Step(kind: .general, relation: -1)
                s.general = generals.count
                generals.append(.assign(v, e))
                lowered.append(s)
            case .test(let name, let args):
                var s = Step(kind: .general, relation: -1)
                s.general = generals.count
                generals.append(.test(name, args))
                lowered.append(s)
            }
        }
        head = rule.head
        headArity = rule.headArguments.count
        let headRegs = rule.headArguments.map(register)
        var emit = Step(kind: rule.aggregate == nil ? .emit : .collect, relation: rule.head)
        emit.keyCount = headRegs.count
        lowered.append(emit)
        registerCount = rule.registerCount + constants.count
        registers = .allocate(capacity: max(1, registerCount))
        registers.initialize(repeating: 0, count: max(1, registerCount))
        for (i, c) in constants.enumerated() { registers[rule.registerCount + i] = c }
        headRegisters = .allocate(capacity: max(1, headRegs.count))
        headRegisters.initialize(from: headRegs, count: headRegs.count)
        let widestKey = lowered.reduce(0) { max($0, $1.keyCount) }
        scratchCapacity = max(1, headRegs.count, widestKey)
        scratch = .allocate(capacity: scratchCapacity)
        scratch.initialize(repeating: 0, count: scratchCapacity)
        precondition(headRegs.count == database.arity(rule.head), "head width differs from its relation's arity")
        let allRegisters = rule.registerCount + constants.count
        precondition((headRegs + lowered.flatMap { step in
            (0..<step.keyCount).compactMap { step.keyRegisters?[$0] } }).allSatisfy { $0 >= 0 && Int($0) < allRegisters },
                     "a key or head reads a register outside the rule")
        stepCount = lowered.count
        emitIndex = rule.aggregate == nil ? lowered.count - 1 : -1
        steps = .allocate(capacity: lowered.count)
        steps.initialize(from: lowered, count: lowered.count)
        self.pools = pools
        if let agg = rule.aggregate {
            aggregateArgument = agg.argument
            aggregatePosition = agg.position
        }
    }

    private var aggregateArgument: RuleIR.Expression?
    private var aggregatePosition = -1

    deinit {
        for p in pools { p.deallocate() }
        steps.deallocate(); registers.deallocate(); headRegisters.deallocate(); scratch.deallocate()
        pending?.deallocate()
    }

    /// Sets each atom's row range for this run: delta [lo, hi), old [0, lo),
    /// full [0, hi), from per-relation (deltaStart, end) marks.
    func setRanges(_ marks: (Int) -> (deltaStart: Int, end: Int)) {
        for i in 0..<stepCount where steps[i].relation >= 0 {
            let m = marks(steps[i].relation)
            switch steps[i].version {
            case .full: steps[i].lo = 0; steps[i].hi = m.end
            case .delta: steps[i].lo = m.deltaStart; steps[i].hi = m.end
            case .old: steps[i].lo = 0; steps[i].hi = m.deltaStart
            }
        }
    }

    func run() {
        inserted = 0
        stopped = false
        let batching = headArity > 2 && choice == nil && stopAtCount == Int.max && emitIndex >= 0
        if batching && pending == nil { pending = .allocate(capacity: JoinRunner.pendingBatch * headArity) }
        if !batching, let p = pending { p.deallocate(); pending = nil }
        exec(0)
        flushPending()
    }

    /// Head tuples of a wide head (arity > 2) waiting to be inserted, `pendingCount` of them
    /// one after another: inserted 32 at a time by `TupleStore.insertBatch`, which reads
    /// their sets' home groups first so that the cache misses overlap (a derived tuple's
    /// probe is a random read of a large set). Only when nothing stops at a row count
    /// (`stopAtCount`) and no choice-domain decides per tuple; the rule's own ranges end
    /// before the rows it adds, so inserting a little later changes nothing it reads.
    private var pending: UnsafeMutablePointer<Int32>? = nil
    private var pendingCount = 0
    private static let pendingBatch = 32

    private func flushPending() {
        guard let pending, pendingCount > 0 else { return }
        let store = database.stores + head
        let before = store.pointee.count
        store.pointee.insertBatch(pending, pendingCount)
        pendingCount = 0
        let added = store.pointee.count - before
        inserted &+= added
        for _ in 0..<added where guards.countTuple() { stopped = true }
    }

    @inline(__always) private func tick() -> Bool {
        ticks &+= 1
        if ticks & 0x3FFF == 0 && guards.shouldStop() { stopped = true }
        return stopped
    }

    /// The next step; the head insert is done inline rather than through `exec`.
    @inline(__always) private func proceed(_ s: Int) {
        if s == emitIndex { emit() } else { exec(s) }
    }

    @inline(__always) private func emit() {
        let store = database.stores + head
        let new: Bool
        if let choice {
            // A choice-domain head: the round's tuples are kept or not when it ends (ChoiceDomain.swift).
            for i in 0..<headArity { scratch[i] = registers[Int(headRegisters[i])] }
            choice.propose(scratch)
            return
        } else if headArity == 2 {
            new = store.pointee.insertPair(registers[Int(headRegisters[0])], registers[Int(headRegisters[1])])
        } else if let pending {
            let base = pending + pendingCount &* headArity
            for i in 0..<headArity { base[i] = registers[Int(headRegisters[i])] }
            pendingCount &+= 1
            if pendingCount == JoinRunner.pendingBatch { flushPending() }
            return
        } else {
            for i in 0..<headArity { scratch[i] = registers[Int(headRegisters[i])] }
            new = store.pointee.insert(scratch)
        }
        if new {
            inserted &+= 1
            if guards.countTuple() || store.pointee.count >= stopAtCount { stopped = true }
        }
    }

    /// Runs step `start` and what follows. Atoms recurse (one frame per atom of the
    /// body); filters (comparisons, negations, assignments) that follow one another
    /// are run in this loop, so a body of thousands of comparisons uses one frame.
    private func exec(_ start: Int) {
        var s = start
        while true {
        let step = steps + s
        let stores = database.stores
        switch step.pointee.kind {
        case .scan:
            var r = step.pointee.lo
            while r < step.pointee.hi {
                let arity = stores[step.pointee.relation].arity
                let row = stores[step.pointee.relation].rows + r * arity
                if bindRow(step, row) { proceed(s + 1) }
                if stopped || tick() { return }
                r += 1
            }
            return
        case .probe:
            let keyRegisters = step.pointee.keyRegisters!
            for i in 0..<step.pointee.keyCount { scratch[i] = registers[Int(keyRegisters[i])] }
            let key = HashIndex.key(scratch, step.pointee.keyCount)
            let index = database.indexes + step.pointee.index
            let arity = stores[step.pointee.relation].arity
            if index.pointee.frozenCount == step.pointee.hi && step.pointee.lo == 0 {
                // Frozen relation, whole range: one contiguous run of rows. The run of
                // the last key is remembered: inner atoms often repeat their lookup.
                let begin: Int, end: Int
                if key == step.pointee.cachedKey && step.pointee.cachedCount == step.pointee.hi {
                    begin = step.pointee.cachedBegin
                    end = step.pointee.cachedEnd
                } else {
                    let slot = index.pointee.findSlot(key)
                    if slot < 0 { begin = 0; end = 0 } else {
                        begin = Int(index.pointee.frozenStart![slot])
                        end = begin &+ Int(index.pointee.frozenLength![slot])
                    }
                    step.pointee.cachedKey = key
                    step.pointee.cachedCount = step.pointee.hi
                    step.pointee.cachedBegin = begin
                    step.pointee.cachedEnd = end
                }
                if begin == end { return }
                guard let rows = index.pointee.frozenRows else {
                    // Frozen as row numbers (a relation of more than two columns).
                    let order = index.pointee.frozenOrder!
                    let storeRows = stores[step.pointee.relation].rows
                    var k = begin
                    while k < end {
                        let row = storeRows + Int(order[k]) &* arity
                        if (step.pointee.exact || keyMatches(step, row)) && bindRow(step, row) { proceed(s + 1) }
                        if stopped || tick() { return }
                        k &+= 1
                    }
                    return
                }
                if s &+ 1 == emitIndex && headArity == 2 && step.pointee.checkCount == 0 && step.pointee.exact && choice == nil {
                    // The innermost join feeding a binary head (tc, sg): bind and insert in one tight loop.
                    let store = database.stores + head
                    let binds = step.pointee.binds, bindCount = step.pointee.bindCount
                    let h0 = Int(headRegisters[0]), h1 = Int(headRegisters[1])
                    var k = begin
                    while k < end {
                        let row = rows + k &* arity
                        if let binds {
                            for i in 0..<bindCount { registers[Int(binds[2 &* i &+ 1])] = row[Int(binds[2 &* i])] }
                        }
                        if store.pointee.insertPair(registers[h0], registers[h1]) {
                            inserted &+= 1
                            if guards.countTuple() || store.pointee.count >= stopAtCount { stopped = true; return }
                        }
                        k &+= 1
                    }
                    ticks &+= end &- begin
                    if ticks & ~0x3FFF != (ticks &- (end &- begin)) & ~0x3FFF && guards.shouldStop() { stopped = true }
                    return
                }
                var k = begin
                while k < end {
                    let row = rows + k &* arity
                    if (step.pointee.exact || keyMatches(step, row)) && bindRow(step, row) { proceed(s + 1) }
                    if stopped || tick() { return }
                    k &+= 1
                }
                return
            }
            var r = Int(index.pointee.first(key))
            let next = index.pointee.next
            while r >= 0 {
                if r < step.pointee.hi {
                    if r < step.pointee.lo { break }
                    let arity = stores[step.pointee.relation].arity
                    let row = stores[step.pointee.relation].rows + r * arity
                    if (step.pointee.exact || keyMatches(step, row)) && bindRow(step, row) { proceed(s + 1) }
                    if stopped || tick() { return }
                }
                r = Int(next[r])
            }
            return
        case .baseProbe:
            let reader = readers[step.pointee.general]
            let run = reader.run(column: Int(step.pointee.a), value: registers[Int(step.pointee.b)])
            let arity = reader.arity
            var k = run.start
            while k < run.end {
                // The arena may grow in a nested probe: take its address per row.
                let row = reader.rows + k &* arity
                if keyMatches(step, row) && bindRow(step, row) { proceed(s + 1) }
                if stopped || tick() { return }
                k &+= 1
            }
            return
        case .baseScan:
            readers[step.pointee.general].scan { row in
                if stopped { return }
                let row = UnsafeMutablePointer(mutating: row)
                if bindRow(step, row) { proceed(s + 1) }
                _ = tick()
            }
            return
        case .negationProbe:
            let store = stores + step.pointee.relation
            if step.pointee.keyCount == 0 {
                if store.pointee.count > 0 { return }
            } else {
                let keyRegisters = step.pointee.keyRegisters!
                for i in 0..<step.pointee.keyCount { scratch[i] = registers[Int(keyRegisters[i])] }
                let key = HashIndex.key(scratch, step.pointee.keyCount)
                let index = database.indexes + step.pointee.index
                if index.pointee.frozenCount == store.pointee.count {
                    // Frozen (a negated relation is always of a lower stratum): its run.
                    let slot = index.pointee.findSlot(key)
                    if slot >= 0 {
                        if step.pointee.exact { return }
                        let begin = Int(index.pointee.frozenStart![slot])
                        let arity = store.pointee.arity
                        for k in begin..<(begin + Int(index.pointee.frozenLength![slot])) {
                            let row = index.pointee.frozenRows.map { $0 + k * arity }
                                ?? store.pointee.rows + Int(index.pointee.frozenOrder![k]) * arity
                            if keyMatches(step, row) { return }
                        }
                    }
                } else {
                    var r = Int(index.pointee.first(key))
                    let next = index.pointee.next
                    while r >= 0 {
                        if step.pointee.exact || keyMatches(step, store.pointee.rows + r * store.pointee.arity) { return }
                        r = Int(next[r])
                    }
                }
            }
            s += 1
        case .negationSet:
            let keyRegisters = step.pointee.keyRegisters
            for i in 0..<step.pointee.keyCount { scratch[i] = registers[Int(keyRegisters![i])] }
            if stores[step.pointee.relation].contains(scratch) { return }
            s += 1
        case .equal:
            if registers[Int(step.pointee.a)] != registers[Int(step.pointee.b)] { return }
            s += 1
        case .notEqual:
            if registers[Int(step.pointee.a)] == registers[Int(step.pointee.b)] { return }
            s += 1
        case .general:
            if !runGeneral(step.pointee.general) { return }
            s += 1
        case .emit:
            emit()
            return
        case .collect:
            for i in 0..<headArity { collected.append(registers[Int(headRegisters[i])]) }
            collected.append(aggregateArgument.map { evaluate($0) ?? 0 } ?? 0)
            return
        }
        }
    }

    /// Whether a body solution found twice cannot change the rule's result: true for
    /// plain rules (the head is a set) and for count, min and max; false for sum and
    /// avg, which add one term per solution (a streamed base relation may repeat a row).
    private static func rowsMayRepeat(_ rule: RuleIR) -> Bool {
        guard let kind = rule.aggregate?.kind else { return true }
        return kind == .count || kind == .min || kind == .max
    }

    @inline(__always) private func keyMatches(_ step: UnsafeMutablePointer<Step>, _ row: UnsafeMutablePointer<Int32>) -> Bool {
        for i in 0..<step.pointee.keyCount where row[Int(step.pointee.keyColumns![i])] != registers[Int(step.pointee.keyRegisters![i])] {
            return false
        }
        return true
    }

    @inline(__always) private func bindRow(_ step: UnsafeMutablePointer<Step>, _ row: UnsafeMutablePointer<Int32>) -> Bool {
        if let binds = step.pointee.binds {
            for i in 0..<step.pointee.bindCount { registers[Int(binds[2 * i + 1])] = row[Int(binds[2 * i])] }
        }
        if let checks = step.pointee.checks {
            for i in 0..<step.pointee.checkCount where row[Int(checks[2 * i])] != registers[Int(checks[2 * i + 1])] { return false }
        }
        return true
    }

    // MARK: - rare steps: comparisons, assignments, built-ins

    private func runGeneral(_ i: Int) -> Bool {
        switch generals[i] {
        case .compare(let op, let x, let y):
            guard let a = evaluate(x), let b = evaluate(y) else { return false }
            return JoinRunner.compare(op, a, b, values)
        case .assign(let v, let e):
            guard let value = evaluate(e) else { return false }
            registers[v] = value
            return true
        case .test(let name, let args):
            guard let a = evaluate(args[0]), let b = evaluate(args[1]) else { return false }
            return JoinRunner.test(name, values.decode(a), values.decode(b))
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: Int32, _ b: Int32, _ values: ValueTable) -> Bool {
        switch op {
        case .eq:
            if a == b { return true }
            // 2 = 2.0: numbers compare by value.
            if let x = values.decode(a).number, let y = values.decode(b).number { return x == y }
            return false
        case .ne: return !compare(.eq, a, b, values)
        case .lt: return values.less(a, b)
        case .le: return !values.less(b, a)
        case .gt: return values.less(b, a)
        case .ge: return !values.less(a, b)
        }
    }

    static func test(_ name: String, _ a: Constant, _ b: Constant) -> Bool {
        let negate = name.hasPrefix("__not_")
        let base = negate ? String(name.dropFirst(6)) : name
        let s = a.description, t = b.description
        // An invalid pattern makes match and !match both false, as in Soufflé.
        if base == "match" && RegexCache.shared.regex(s) == nil { return false }
        let result: Bool
        switch base {
        case "contains": result = s.contains(t)
        case "starts_with": result = s.hasPrefix(t)
        case "ends_with": result = s.hasSuffix(t)
        case "match": result = RegexCache.shared.fullMatch(pattern: s, text: t)
        default: result = false
        }
        return result != negate
    }

    /// Overflows and divisions by zero met by this runner: where, what, how often
    /// (the evaluator turns them into warnings).
    var arithmeticFailures: [SourceLocation: (failure: Arithmetic.Failure, count: Int)] = [:]

    private func note(_ failure: Arithmetic.Failure, at location: SourceLocation) {
        guard failure != .undefined else { return }
        arithmeticFailures[location, default: (failure, 0)].count += 1
    }

    /// The value of an expression, or nil when it is undefined (overflow,
    /// division by zero, arithmetic on a string): the binding then fails; an
    /// overflow or a division by zero is noted for a warning.
    func evaluate(_ e: RuleIR.Expression) -> Int32? {
        switch e {
        case .variable(let v): return registers[v]
        case .constant(let c): return c
        case .binary(let op, let x, let y, let location):
            guard let a = evaluate(x), let b = evaluate(y) else { return nil }
            switch Arithmetic.apply(op, values.decode(a), values.decode(b)) {
            case .success(let r): return values.encode(r)
            case .failure(let f): note(f, at: location); return nil
            }
        case .call(let name, let args, let location):
            if name == "autoinc" {
                // Soufflé's autoinc(): 0, 1, 2, … for the session, one per evaluation (the
                // planner evaluates it after every atom: once per body solution).
                defer { values.nextAutoincrement += 1 }
                return values.encode(.int(values.nextAutoincrement))
            }
            if name == "ord" {
                // Soufflé's ord: a number is itself, a symbol its number in the symbol table
                // (kg's: the order in which the session first met it).
                guard let a = evaluate(args[0]) else { return nil }
                if a >= 0 { return a }
                if case .string = values.decode(a) { return values.encode(.int(Int64(-a) - 1)) }
                return a
            }
            if name.hasPrefix("__not_") {
                guard let a = evaluate(args[0]), let b = evaluate(args[1]) else { return nil }
                return JoinRunner.test(name, values.decode(a), values.decode(b)) ? 1 : 0
            }
            var decoded: [Constant] = []
            for arg in args {
                guard let v = evaluate(arg) else { return nil }
                decoded.append(values.decode(v))
            }
            switch Arithmetic.function(name, decoded) {
            case .success(let r): return values.encode(r)
            case .failure(let f): note(f, at: location); return nil
            }
        }
    }

    static func arithmetic(_ op: ArithmeticOperator, _ a: Constant, _ b: Constant) -> Constant? {
        try? Arithmetic.apply(op, a, b).get()
    }

    static func function(_ name: String, _ args: [Constant]) -> Constant? {
        try? Arithmetic.function(name, args).get()
    }
}
