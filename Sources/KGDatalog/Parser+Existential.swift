import KGCore

/// Existence checks: a body atom none of whose variables is used anywhere else in
/// the clause (`c(_, _, _)`, `f(5, _)`, `g(x)` with `x` nowhere else) only asks
/// whether a matching tuple exists. Joined as written, every one of its tuples
/// would multiply the others' (`q(x) :- i(x), c(_,_,_), d(_), e(_).` visits
/// |c|·|d|·|e| combinations for one answer); read through a generated nullary
/// relation (`__exists c(_,_,_)() :- c(_, _, _).`, filled once, at most one tuple),
/// each costs one pass over its relation and the join one row. The answers are
/// the same: the atom's variables are existentially quantified in the rule. A rule
/// with an aggregate in its head is left alone (its solutions are counted or added).
extension Parser {
    /// `clause` with its existential atoms replaced by nullary atoms, and the rules
    /// defining those (once per text and distinct atom). Clauses with fewer than two
    /// positive atoms are left as they are (nothing to multiply).
    mutating func splittingExistentialAtoms(_ clause: Clause) -> [Clause] {
        var positions: [Int] = []
        for (k, literal) in clause.body.enumerated() {
            if case .positive(let atom) = literal, builtinTests[atom.predicate] == nil { positions.append(k) }
        }
        guard positions.count >= 2 else { return [clause] }
        // An aggregate counts or adds its body's solutions, anonymous variables included:
        // its rule keeps every atom.
        if clause.head.arguments.contains(where: { if case .aggregate = $0.kind { return true } else { return false } }) {
            return [clause]
        }
        var uses: [String: Int] = [:]
        for t in clause.head.arguments { for (v, _) in t.variables { uses[v, default: 0] += 1 } }
        for literal in clause.body {
            switch literal {
            case .positive(let a), .negative(let a): for t in a.arguments { for (v, _) in t.variables { uses[v, default: 0] += 1 } }
            case .comparison(_, let x, let y, _): for (v, _) in x.variables + y.variables { uses[v, default: 0] += 1 }
            }
        }
        var out = clause
        var extra: [Clause] = []
        for k in positions {
            guard case .positive(let atom) = clause.body[k] else { continue }
            var hasVariable = false, existential = true
            var key: [String] = []
            for t in atom.arguments {
                switch t.kind {
                case .variable(let v):
                    hasVariable = true
                    if uses[v] != 1 { existential = false }
                    key.append("_")
                case .constant(.string(let s)): key.append("\"" + s + "\"")
                case .constant(let c): key.append(c.description)
                default: existential = false
                }
            }
            guard existential, hasVariable else { continue }
            let name = "__exists \(atom.predicate)(\(key.joined(separator: ",")))"
            out.body[k] = .positive(Atom(predicate: name, arguments: [], location: atom.location))
            if existentialRelations.insert(name).inserted {
                var check = Clause(head: Atom(predicate: name, arguments: [], location: atom.location),
                                   body: [.positive(atom)], location: atom.location)
                check.text = "existence check of \(atom.predicate)(\(key.joined(separator: ", "))) in: \(clause.text)"
                extra.append(check)
            }
        }
        return extra + [out]
    }
}
