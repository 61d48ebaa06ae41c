/// Orders a rule's body for one semi-naive variant and decides, per atom, which
/// columns are looked up (bound) and which bind new variables. It knows nothing
/// of how the evaluator runs the plan.
///
/// Order: the delta atom first (it is the small, changing input), then
/// repeatedly the atom with bound columns over one without, the smaller relation
/// over the larger; comparisons, assignments, tests and negations are placed as
/// soon as their variables are bound, so they prune early.
enum Planner {
    enum Version { case full, delta, old }

    enum Step {
        /// Enumerate rows of `atom` in `version`, looking up `keyColumns` (bound to
        /// `keyArguments`) through an index when there are any.
        case atom(relation: Int, version: Version, keyColumns: [Int], keyArguments: [RuleIR.Argument],
                  binds: [(column: Int, register: Int)], checks: [(column: Int, register: Int)])
        /// Fail when some row matches the bound columns.
        case negation(relation: Int, keyColumns: [Int], keyArguments: [RuleIR.Argument], arity: Int)
        case compare(ComparisonOperator, RuleIR.Expression, RuleIR.Expression)
        case assign(register: Int, RuleIR.Expression)
        case test(String, [RuleIR.Expression])
    }

    /// - Parameters:
    ///   - delta: position (among positive atoms) read as the delta, or nil for a plain run.
    ///   - recursive: relations of the stratum being evaluated.
    ///   - size: current size of a relation.
    static func plan(_ rule: RuleIR, delta: Int?, recursive: Set<Int>, arity: (Int) -> Int,
                     size: (Int) -> Int) -> [Step] {
        let atoms = rule.positiveAtoms
        var pendingAtoms = Array(atoms.indices)
        let pending = rule.body.filter { if case .positive = $0 { return false } else { return true } }
        var bound = Set<Int>()
        var steps: [Step] = []

        func version(_ i: Int) -> Version {
            guard let d = delta, recursive.contains(atoms[i].relation) else { return .full }
            if i == d { return .delta }
            return i < d ? .old : .full
        }
        // Each pending literal waits on its variables; when one becomes bound, the
        // literals waiting on it are looked at again. A literal is examined once per
        // variable of it that gets bound, so placing is linear in the body's size
        // (times the variables per literal), not quadratic in the literal count.
        let pendingVariables = pending.map(\.variables)
        var placed = [Bool](repeating: false, count: pending.count)
        var waiting: [Int: [Int]] = [:]
        for (k, vars) in pendingVariables.enumerated() { for v in vars { waiting[v, default: []].append(k) } }
        var candidates = Array(pending.indices)
        func bind(_ v: Int) {
            if bound.insert(v).inserted, let ks = waiting[v] { candidates += ks }
        }
        func readyStep(_ k: Int) -> Step? {
            let lit = pending[k]
            switch lit {
            case .comparison(let op, let a, let b):
                // autoinc() counts body solutions: evaluated once every atom is joined.
                if !pendingAtoms.isEmpty && (Planner.callsAutoincrement(a) || Planner.callsAutoincrement(b)) { return nil }
                if pendingVariables[k].isSubset(of: bound) { return .compare(op, a, b) }
                if op == .eq, case .variable(let v) = a, !bound.contains(v), b.variables.isSubset(of: bound) {
                    bind(v); return .assign(register: v, b)
                }
                if op == .eq, case .variable(let v) = b, !bound.contains(v), a.variables.isSubset(of: bound) {
                    bind(v); return .assign(register: v, a)
                }
                return nil
            case .test(let name, let args):
                return pendingVariables[k].isSubset(of: bound) ? .test(name, args) : nil
            case .negative(let atom):
                let named = atom.variables.filter { !rule.variableNames[$0].hasPrefix("_") }
                guard named.isSubset(of: bound) else { return nil }
                var cols: [Int] = [], args: [RuleIR.Argument] = []
                for (c, arg) in atom.arguments.enumerated() {
                    switch arg {
                    case .constant: cols.append(c); args.append(arg)
                    case .variable(let v) where bound.contains(v): cols.append(c); args.append(arg)
                    default: break
                    }
                }
                return .negation(relation: atom.relation, keyColumns: cols, keyArguments: args, arity: arity(atom.relation))
            case .positive:
                return nil
            }
        }
        /// Places every literal whose variables are bound, in body order within each round.
        func placeReadyLiterals() {
            while !candidates.isEmpty {
                let round = Set(candidates).sorted()
                candidates = []
                for k in round where !placed[k] {
                    if let step = readyStep(k) {
                        steps.append(step)
                        placed[k] = true
                    }
                }
            }
        }
        func place(_ i: Int) {
            let atom = atoms[i]
            var keyColumns: [Int] = [], keyArguments: [RuleIR.Argument] = []
            var binds: [(Int, Int)] = [], checks: [(Int, Int)] = []
            var bindingHere = Set<Int>()
            for (c, arg) in atom.arguments.enumerated() {
                switch arg {
                case .constant:
                    keyColumns.append(c); keyArguments.append(arg)
                case .variable(let v):
                    if bound.contains(v) { keyColumns.append(c); keyArguments.append(arg) }
                    else if bindingHere.contains(v) { checks.append((c, v)) }
                    else { binds.append((c, v)); bindingHere.insert(v) }
                }
            }
            for v in bindingHere { bind(v) }
            steps.append(.atom(relation: atom.relation, version: version(i), keyColumns: keyColumns,
                               keyArguments: keyArguments, binds: binds, checks: checks))
        }

        placeReadyLiterals()
        if let d = delta, let i = pendingAtoms.firstIndex(of: d) {
            place(d)
            pendingAtoms.remove(at: i)
            placeReadyLiterals()
        }
        while !pendingAtoms.isEmpty {
            var best = 0
            var bestScore = (Int.min, Int.min)
            for (k, i) in pendingAtoms.enumerated() {
                let atom = atoms[i]
                // Bound variables join with what came before; constants only filter.
                let boundVariables = atom.arguments.filter {
                    if case .variable(let v) = $0 { return bound.contains(v) } else { return false }
                }.count
                let constants = atom.arguments.filter { if case .constant = $0 { return true } else { return false } }.count
                let score = (boundVariables > 0 ? 2 : (constants > 0 ? 1 : 0), -size(atom.relation))
                if score > bestScore { bestScore = score; best = k }
            }
            place(pendingAtoms.remove(at: best))
            placeReadyLiterals()
        }
        candidates = pending.indices.filter { !placed[$0] }
        placeReadyLiterals()
        return steps
    }

    static func callsAutoincrement(_ e: RuleIR.Expression) -> Bool {
        switch e {
        case .variable, .constant: return false
        case .binary(_, let a, let b, _): return callsAutoincrement(a) || callsAutoincrement(b)
        case .call(let name, let args, _): return name == "autoinc" || args.contains(where: callsAutoincrement)
        }
    }
}
