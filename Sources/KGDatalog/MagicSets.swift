/// The magic-set transformation: pushes a query's constants into the rules it
/// needs, so that `?- reach("a", X).` derives only what is reachable from "a".
///
/// For an atom `p(c, Y)` of a derived predicate with some bound arguments (an
/// adornment such as `bf`), rules for `p@bf` are generated from `p`'s rules, each
/// guarded by `p@bf#magic(bound head arguments)`; the magic relation is fed by
/// the query's constants and by the bindings that reach each body atom when the
/// body is read left to right. Predicates used with no bound argument, and
/// predicates defined with aggregates, keep their ordinary (full) evaluation, and
/// negated atoms always read the ordinary relation, so stratification is unchanged.
struct MagicSets {
    let database: Database
    let rules: [RuleIR]

    /// The rewritten query rule and the rules it needs beyond the original ones,
    /// or nil when no atom of the query has a bound argument on a derived predicate.
    func rewrite(_ query: RuleIR) -> (query: RuleIR, rules: [RuleIR], generated: Set<Int>)? {
        var byHead: [Int: [RuleIR]] = [:]
        for r in rules { byHead[r.head, default: []].append(r) }
        func adornable(_ rel: Int) -> Bool {
            guard let defs = byHead[rel] else { return false }
            return !defs.contains { $0.aggregate != nil }
        }
        var adornedIDs: [String: Int] = [:]
        var work: [(Int, [Bool], Int, Int)] = []  // (relation, adornment, adorned id, magic id)
        var generated = Set<Int>()
        func adorned(_ rel: Int, _ pattern: [Bool]) -> (Int, Int) {
            let key = database.names[rel] + "@" + String(pattern.map { $0 ? "b" : "f" })
            if let a = adornedIDs[key] { return (a, database.id(of: key + "#magic")!) }
            let a = database.relation(key, arity: database.arity(rel))
            let m = database.relation(key + "#magic", arity: pattern.filter { $0 }.count)
            adornedIDs[key] = a
            generated.insert(a); generated.insert(m)
            work.append((rel, pattern, a, m))
            return (a, m)
        }
        var newRules: [RuleIR] = []

        /// Rewrites a body read left to right from `initiallyBound`; adds magic rules
        /// whose bodies start with `prefix`.
        func transform(_ rule: RuleIR, body: [RuleIR.LiteralIR], prefix: [RuleIR.LiteralIR], initiallyBound: Set<Int>)
            -> (body: [RuleIR.LiteralIR], changed: Bool) {
            var bound = initiallyBound
            var out: [RuleIR.LiteralIR] = []
            var changed = false
            for lit in body {
                if case .positive(var atom) = lit, adornable(atom.relation) {
                    let pattern = atom.arguments.map { arg -> Bool in
                        if case .variable(let v) = arg { return bound.contains(v) }
                        return true
                    }
                    if pattern.contains(true) {
                        let (a, m) = adorned(atom.relation, pattern)
                        let magicArgs = zip(atom.arguments, pattern).filter { $0.1 }.map { $0.0 }
                        let magicBody = (prefix + out).filter { $0.variables.isSubset(of: bound) || isAtom($0) }
                        newRules.append(RuleIR(head: m, headArguments: magicArgs, aggregate: nil, body: magicBody,
                                               variableNames: rule.variableNames, location: rule.location,
                                               text: "magic for \(database.names[a]) from: \(rule.text)"))
                        atom.relation = a
                        out.append(.positive(atom))
                        changed = true
                        bound.formUnion(atom.variables)
                        continue
                    }
                }
                out.append(lit)
                switch lit {
                case .positive(let atom): bound.formUnion(atom.variables)
                case .comparison(.eq, let x, let y):
                    if case .variable(let v) = x, y.variables.isSubset(of: bound) { bound.insert(v) }
                    if case .variable(let v) = y, x.variables.isSubset(of: bound) { bound.insert(v) }
                default: break
                }
            }
            return (out, changed)
        }
        func isAtom(_ l: RuleIR.LiteralIR) -> Bool { if case .positive = l { return true } else { return false } }

        let (queryBody, changed) = transform(query, body: query.body, prefix: [], initiallyBound: [])
        guard changed else { return nil }
        var rewrittenQuery = query
        rewrittenQuery.body = queryBody

        while let (rel, pattern, a, m) = work.popLast() {
            for rule in byHead[rel] ?? [] {
                var boundHead = Set<Int>()
                var magicArgs: [RuleIR.Argument] = []
                for (arg, b) in zip(rule.headArguments, pattern) where b {
                    magicArgs.append(arg)
                    if case .variable(let v) = arg { boundHead.insert(v) }
                }
                let guardAtom = RuleIR.LiteralIR.positive(RuleIR.AtomIR(relation: m, arguments: magicArgs, location: rule.location))
                let (body, _) = transform(rule, body: rule.body, prefix: [guardAtom], initiallyBound: boundHead)
                var r = rule
                r.head = a
                r.body = [guardAtom] + body
                newRules.append(r)
            }
        }
        return (rewrittenQuery, newRules, generated)
    }
}
