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
        var pending = rule.body.filter { if case .positive = $0 { return false } else { return true } }
        var bound = Set<Int>()
        var steps: [Step] = []

        func version(_ i: Int) -> Version {
            guard let d = delta, recursive.contains(atoms[i].relation) else { return .full }
            if i == d { return .delta }
            return i < d ? .old : .full
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
            bound.formUnion(bindingHere)
            steps.append(.atom(relation: atom.relation, version: version(i), keyColumns: keyColumns,
                               keyArguments: keyArguments, binds: binds, checks: checks))
        }
        func placeReadyLiterals() {
            var progress = true
            while progress {
                progress = false
                for (k, lit) in pending.enumerated() {
                    var step: Step?
                    switch lit {
                    case .comparison(let op, let a, let b):
                        if a.variables.isSubset(of: bound) && b.variables.isSubset(of: bound) {
                            step = .compare(op, a, b)
                        } else if op == .eq, case .variable(let v) = a, !bound.contains(v), b.variables.isSubset(of: bound) {
                            step = .assign(register: v, b); bound.insert(v)
                        } else if op == .eq, case .variable(let v) = b, !bound.contains(v), a.variables.isSubset(of: bound) {
                            step = .assign(register: v, a); bound.insert(v)
                        }
                    case .test(let name, let args):
                        if lit.variables.isSubset(of: bound) { step = .test(name, args) }
                    case .negative(let atom):
                        let named = atom.variables.filter { !rule.variableNames[$0].hasPrefix("_") }
                        if named.isSubset(of: bound) {
                            var cols: [Int] = [], args: [RuleIR.Argument] = []
                            for (c, arg) in atom.arguments.enumerated() {
                                switch arg {
                                case .constant: cols.append(c); args.append(arg)
                                case .variable(let v) where bound.contains(v): cols.append(c); args.append(arg)
                                default: break
                                }
                            }
                            step = .negation(relation: atom.relation, keyColumns: cols, keyArguments: args,
                                             arity: arity(atom.relation))
                        }
                    case .positive: break
                    }
                    if let step {
                        steps.append(step)
                        pending.remove(at: k)
                        progress = true
                        break
                    }
                }
            }
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
        return steps
    }
}
