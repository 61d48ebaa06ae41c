import KGCore

/// Why a tuple holds: the rule that derived it and the body tuples it used, down
/// to base facts. Body tuples of the same stratum must have been derived in an
/// earlier iteration than the head, so the tree is well-founded.
public struct Derivation: Sendable {
    public var predicate: String
    public var tuple: [Constant]
    /// The rule used, or nil for a base fact.
    public var rule: String?
    public var premises: [Derivation]
    /// Extra lines about a base fact (the graph source adds evidence sentences).
    public var evidence: [String] = []

    public var fact: String { predicate + "(" + tuple.map(Derivation.show).joined(separator: ", ") + ")" }

    static func show(_ c: Constant) -> String {
        if case .string(let s) = c { return "\"" + s + "\"" }
        return c.description
    }

    /// An indented tree, one tuple per line.
    public var rendered: String {
        var out: [String] = []
        func walk(_ d: Derivation, _ depth: Int) {
            let indent = String(repeating: "  ", count: depth)
            out.append(indent + d.fact + "    " + (d.rule.map { "<- " + $0 } ?? "[fact]"))
            for e in d.evidence { out.append(indent + "    " + e) }
            for p in d.premises { walk(p, depth + 1) }
        }
        walk(self, 0)
        return out.joined(separator: "\n")
    }
}

extension DatalogSession {
    /// The derivation of one answer row of `result`.
    public func explain(result: QueryResult, row: [Constant]) -> Derivation {
        guard let rule = queryRules[result.query] else {
            return Derivation(predicate: "answer", tuple: row, rule: result.query, premises: [])
        }
        ensureEvaluated(rule.body.compactMap { lit in
            switch lit {
            case .positive(let a), .negative(let a): return a.relation
            default: return nil
            }
        })
        let tuple = row.map { values.encode($0) }
        var budget = 200
        var steps = DatalogSession.explanationSteps
        if let d = derive(rule.head, tuple, rules: [rule], budget: &budget, steps: &steps, anyStamp: true) {
            var d = d
            d.predicate = "answer"
            return d
        }
        return Derivation(predicate: "answer", tuple: row, rule: result.query, premises: [])
    }

    /// The derivation of `predicate(tuple)`, or nil when it does not hold (or was not evaluated).
    public func explain(predicate: String, tuple: [Constant]) -> Derivation? {
        guard let r = database.id(of: predicate), database.arity(r) == tuple.count else { return nil }
        ensureEvaluated([r])
        var budget = 200
        var steps = DatalogSession.explanationSteps
        return derive(r, tuple.map { values.encode($0) }, rules: evaluator.rules.filter { $0.head == r }, budget: &budget, steps: &steps)
    }

    private func rowIndex(_ r: Int, _ tuple: [Int32]) -> Int? {
        guard database.contains(r, tuple) else { return nil }
        for i in 0..<database.count(r) where database.row(r, i) == tuple { return i }
        return nil
    }

    /// The iteration stamp at which row `i` of `r` was derived (0 for rows that predate evaluation).
    /// Marks are appended as iterations end, so their `end`s rise: a binary search,
    /// O(log iterations) (a runaway recursion has one mark per iteration).
    private func stamp(_ r: Int, _ i: Int) -> Int {
        guard let marks = evaluator.iterationMarks[r], !marks.isEmpty else { return Int.max }
        var lo = 0, hi = marks.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if i < marks[mid].end { hi = mid } else { lo = mid + 1 }
        }
        return lo < marks.count ? marks[lo].stamp : Int.max
    }

    /// Rows the explanation search may visit in all, so that `--why` / `:why` over a
    /// large or runaway result ends in bounded time (the search scans relations
    /// and backtracks; without a bound a 20,000-tuple chain took minutes).
    static let explanationSteps = 100_000

    private func derive(_ r: Int, _ tuple: [Int32], rules: [RuleIR], budget: inout Int, steps: inout Int,
                        anyStamp: Bool = false) -> Derivation? {
        // A query's answers need not be stored (`?- p(X).` reads p itself): search its body directly.
        let i: Int
        if anyStamp { i = -1 } else {
            guard let row = rowIndex(r, tuple) else { return nil }
            i = row
        }
        let name = database.names[r]
        let constants = tuple.map { values.decode($0) }
        budget -= 1
        if (!anyStamp && isBaseFact(r, tuple)) || rules.isEmpty || budget < 0 || steps < 0 {
            var d = Derivation(predicate: name, tuple: constants, rule: nil, premises: [])
            if let source = factSource as? ExplainingFactSource { d.evidence = source.evidence(for: name, tuple: constants) }
            if budget < 0 && !rules.isEmpty { d.rule = "(explanation depth limit reached)" }
            else if steps < 0 && !rules.isEmpty { d.rule = "(explanation search limit reached)" }
            return d
        }
        let headStamp = anyStamp ? Int.max : stamp(r, i)
        for rule in rules {
            var regs = [Int32?](repeating: nil, count: rule.registerCount)
            var ok = true
            for (c, arg) in rule.headArguments.enumerated() where c != rule.aggregate?.position {
                switch arg {
                case .constant(let v): if v != tuple[c] { ok = false }
                case .variable(let v):
                    if let old = regs[v], old != tuple[c] { ok = false }
                    regs[v] = tuple[c]
                }
            }
            guard ok else { continue }
            if rule.aggregate != nil {
                return Derivation(predicate: name, tuple: constants, rule: rule.text, premises: [])
            }
            var used: [(Int, [Int32])] = []
            if search(rule, 0, &regs, headStamp: headStamp, &used, &steps) {
                var premises: [Derivation] = []
                for (rel, t) in used {
                    let sub = evaluator.rules.filter { $0.head == rel }
                    if let d = derive(rel, t, rules: sub, budget: &budget, steps: &steps) { premises.append(d) }
                }
                return Derivation(predicate: name, tuple: constants, rule: rule.text, premises: premises)
            }
        }
        return Derivation(predicate: name, tuple: constants, rule: steps < 0 ? "(explanation search limit reached)" : nil, premises: [])
    }

    private func isBaseFact(_ r: Int, _ tuple: [Int32]) -> Bool {
        guard let facts = programFactRows(r) else { return false }
        return facts.contains(tuple)
    }

    /// Backtracking search for one body solution consistent with the bound head.
    private func search(_ rule: RuleIR, _ k: Int, _ regs: inout [Int32?], headStamp: Int, _ used: inout [(Int, [Int32])],
                        _ steps: inout Int) -> Bool {
        if k == rule.body.count { return true }
        if steps < 0 { return false }
        let runnerValues = values
        func value(_ e: RuleIR.Expression) -> Int32? {
            switch e {
            case .variable(let v): return regs[v]
            case .constant(let c): return c
            case .binary(let op, let a, let b, _):
                guard let x = value(a), let y = value(b),
                      let r = JoinRunner.arithmetic(op, runnerValues.decode(x), runnerValues.decode(y)) else { return nil }
                return runnerValues.encode(r)
            case .call(let name, let args, _):
                let vs = args.map(value)
                if vs.contains(where: { $0 == nil }) { return nil }
                if name.hasPrefix("__not_") {
                    return JoinRunner.test(name, runnerValues.decode(vs[0]!), runnerValues.decode(vs[1]!)) ? 1 : 0
                }
                return JoinRunner.function(name, vs.map { runnerValues.decode($0!) }).map(runnerValues.encode)
            }
        }
        // Take atoms in order, but defer a non-atom literal until its variables are bound.
        var order = Array(rule.body.indices)
        order.sort { a, b in
            let pa = { if case .positive = rule.body[a] { return 0 } else { return 1 } }()
            let pb = { if case .positive = rule.body[b] { return 0 } else { return 1 } }()
            return (pa, a) < (pb, b)
        }
        let lit = rule.body[order[k]]
        switch lit {
        case .positive(let atom):
            let rel = atom.relation
            let sameStratum = evaluator.rules.contains { $0.head == rel } && (evaluator.iterationMarks[rel]?.isEmpty == false)
            for i in 0..<database.count(rel) {
                steps -= 1
                if steps < 0 { return false }
                let row = database.row(rel, i)
                if sameStratum && stamp(rel, i) >= headStamp && headStamp != Int.max { continue }
                let saved = regs
                var ok = true
                for (c, arg) in atom.arguments.enumerated() {
                    switch arg {
                    case .constant(let v): if row[c] != v { ok = false }
                    case .variable(let v):
                        if let b = regs[v] { if b != row[c] { ok = false } } else { regs[v] = row[c] }
                    }
                    if !ok { break }
                }
                if ok {
                    used.append((rel, row))
                    if search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps) { return true }
                    used.removeLast()
                }
                regs = saved
            }
            return false
        case .negative(let atom):
            for i in 0..<database.count(atom.relation) {
                steps -= 1
                if steps < 0 { return false }
                let row = database.row(atom.relation, i)
                let matches = atom.arguments.enumerated().allSatisfy { c, arg in
                    switch arg {
                    case .constant(let v): return row[c] == v
                    case .variable(let v): return regs[v].map { $0 == row[c] } ?? true
                    }
                }
                if matches { return false }
            }
            return search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps)
        case .comparison(let op, let a, let b):
            if op == .eq, case .variable(let v) = a, regs[v] == nil {
                guard let y = value(b) else { return false }
                regs[v] = y
                defer { regs[v] = nil }
                return search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps)
            }
            if op == .eq, case .variable(let v) = b, regs[v] == nil {
                guard let x = value(a) else { return false }
                regs[v] = x
                defer { regs[v] = nil }
                return search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps)
            }
            guard let x = value(a), let y = value(b), JoinRunner.compare(op, x, y, values) else { return false }
            return search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps)
        case .test(let name, let args):
            guard let x = value(args[0]), let y = value(args[1]),
                  JoinRunner.test(name, values.decode(x), values.decode(y)) else { return false }
            return search(rule, k + 1, &regs, headStamp: headStamp, &used, &steps)
        }
    }
}

/// A fact source that can say where a base fact came from (the graph: evidence sentences).
public protocol ExplainingFactSource: FactSource {
    func evidence(for predicate: String, tuple: [Constant]) -> [String]
}
