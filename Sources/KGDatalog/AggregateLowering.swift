import KGCore

/// A Soufflé aggregate as parsed: `result = kind target : { body }`. The clause
/// holds a placeholder atom in its place until `lowerAggregates` replaces it.
struct SouffleAggregate {
    var kind: AggregateKind
    var target: Term?
    var result: Term
    var body: [Literal]
    var location: SourceLocation
}

/// Soufflé aggregates as kg rules, with Soufflé's meaning:
///
/// - Variables of the aggregate's body that the enclosing scope grounds (binds in
///   a positive atom) are its groups: the aggregate is computed once per binding
///   of them (a correlated aggregate, `c = count : { x(m), m < n }`, included).
/// - `count` counts the body's solutions (so `count : a(_, _)` is a's size), and a
///   `count` or `sum` with no solution is 0 for each binding of the groups.
/// - A body variable used outside but not grounded there is a witness: allowed for
///   `min` and `max` (every body solution reaching the extreme is a witness),
///   rejected for the others, as Soufflé does.
///
/// Each aggregate becomes `__aggregateN(groups…, kind(target)) :- body.`; when the
/// groups are not all bound by the body's own atoms (correlation) or a count may
/// have no solution, a domain rule `__domainN(groups…) :- enclosing literals.`
/// supplies the bindings, and `__aggregateN_or0` adds the zeros. Cost: one more
/// pass over the enclosing literals for those cases only; a grouped count whose
/// body repeats the enclosing atoms (`p(c) :- t(c, _), n = count : t(c, _).`)
/// needs neither.
extension Parser {
    private func placeholder(_ l: Literal) -> SouffleAggregate? {
        if case .positive(let a) = l { return pendingAggregates[a.predicate] }
        return nil
    }

    /// Variables of a literal (a placeholder contributes only its result).
    private func variables(_ l: Literal) -> [String] {
        if let agg = placeholder(l) { return agg.result.variables.map(\.0) }
        switch l {
        case .positive(let a), .negative(let a): return a.arguments.flatMap { $0.variables.map(\.0) }
        case .comparison(_, let a, let b, _): return (a.variables + b.variables).map(\.0)
        }
    }

    /// Every variable of an aggregate's body, nested aggregates included, and its target, in order.
    private func innerVariables(_ agg: SouffleAggregate) -> [String] {
        var out: [String] = []
        func add(_ names: [String]) { for v in names where !out.contains(v) { out.append(v) } }
        for l in agg.body {
            if let nested = placeholder(l) { add(innerVariables(nested)); add(nested.result.variables.map(\.0)) } else { add(variables(l)) }
        }
        add(agg.target?.variables.map(\.0) ?? [])
        return out
    }

    /// Variables bound by the positive atoms of `literals` (not built-in tests, not
    /// placeholders), then by `V = expression` over bound variables.
    private func groundedVariables(_ literals: [Literal]) -> Set<String> {
        var bound = Set<String>()
        for l in literals {
            if case .positive(let a) = l, placeholder(l) == nil, builtinTests[a.predicate] == nil {
                for t in a.arguments { if case .variable(let v) = t.kind { bound.insert(v) } }
            }
        }
        var changed = true
        while changed {
            changed = false
            for l in literals {
                guard case .comparison(.eq, let a, let b, _) = l else { continue }
                for (x, y) in [(a, b), (b, a)] {
                    if case .variable(let v) = x.kind, !bound.contains(v), y.variables.allSatisfy({ bound.contains($0.0) }) {
                        bound.insert(v)
                        changed = true
                    }
                }
            }
        }
        return bound
    }

    /// The literal as text with every anonymous variable written `_`, to compare literals.
    private func key(_ l: Literal) -> String {
        func term(_ t: Term) -> String {
            switch t.kind {
            case .variable(let v): return v.hasPrefix("_#") ? "_" : v
            case .constant(let c): return "\(c)"
            case .binary(let op, let a, let b): return "(\(term(a))\(op.rawValue)\(term(b)))"
            case .call(let f, let args): return f + "(" + args.map(term).joined(separator: ",") + ")"
            case .aggregate(let k, let a): return k.rawValue + "(" + term(a) + ")"
            }
        }
        switch l {
        case .positive(let a): return a.predicate + "(" + a.arguments.map(term).joined(separator: ",") + ")"
        case .negative(let a): return "!" + a.predicate + "(" + a.arguments.map(term).joined(separator: ",") + ")"
        case .comparison(let op, let a, let b, _): return term(a) + op.rawValue + term(b)
        }
    }

    /// Replaces the clause's aggregates by atoms over generated rules, returned before it.
    mutating func lowerAggregates(_ clause: Clause) throws -> [Clause] {
        guard clause.body.contains(where: { placeholder($0) != nil }) else { return [clause] }
        var extra: [Clause] = []
        var lowered = clause
        let headVariables = Set(clause.head.arguments.flatMap { $0.variables.map(\.0) })
        lowered.body = try lowerScope(clause.body, usedAbove: headVariables, enclosingGrounded: [], enclosingDomain: [],
                                      text: clause.text, extra: &extra)
        return extra + [lowered]
    }

    /// The literals of one scope (a clause's body or an aggregate's) with their aggregates lowered.
    private mutating func lowerScope(_ body: [Literal], usedAbove: Set<String>, enclosingGrounded: Set<String>,
                                     enclosingDomain: [Literal], text: String, extra: inout [Clause]) throws -> [Literal] {
        let plain = body.filter { placeholder($0) == nil }
        var out: [Literal] = []
        // Aggregates already lowered in this scope bind their results for the later ones
        // (`c = count : {…}, d = sum y : { a(y), y < c }`).
        var earlier: [Literal] = []
        for (k, literal) in body.enumerated() {
            guard let agg = placeholder(literal) else { out.append(literal); continue }
            let grounded = groundedVariables(plain + earlier).union(enclosingGrounded)
            var outside = usedAbove
            // (the aggregate's own result is not "outside": `Y = min Z + Y : {…}` has a local Y inside)
            for (j, other) in body.enumerated() where j != k { outside.formUnion(variables(other)) }
            outside.subtract(agg.result.variables.map(\.0))
            let lowered = try lower(agg, outside: outside, grounded: grounded, scope: plain + earlier + enclosingDomain,
                                    text: text, extra: &extra)
            out += lowered
            earlier += lowered
        }
        return out
    }

    private mutating func lower(_ agg: SouffleAggregate, outside: Set<String>, grounded: Set<String>, scope: [Literal],
                                text: String, extra: inout [Clause]) throws -> [Literal] {
        let loc = agg.location
        func variable(_ v: String) -> Term { Term(kind: .variable(v), location: loc) }
        let inner = innerVariables(agg)
        let groups = inner.filter { grounded.contains($0) }
        let witnesses = inner.filter { outside.contains($0) && !grounded.contains($0) }
        let kindName = agg.kind == .avg ? "mean" : agg.kind.rawValue
        if !witnesses.isEmpty && agg.kind != .min && agg.kind != .max {
            throw error("variable '\(witnesses[0])' is bound only inside the \(kindName) aggregate but used outside it: a witness, which only min and max allow; ground it outside the aggregate",
                        at: loc)
        }
        if agg.kind != .count && agg.target == nil {
            throw error("\(kindName) needs an expression to aggregate: \(kindName) x : { … }", at: loc)
        }
        aggregateCount += 1
        let n = aggregateCount
        let innerPlain = agg.body.filter { placeholder($0) == nil }
        let correlated = groups.contains { !groundedVariables(innerPlain).contains($0) }
        let scopeKeys = Set(scope.map(key))
        let implied = innerPlain.allSatisfy { scopeKeys.contains(key($0)) }
        let zeroFill = (agg.kind == .count || agg.kind == .sum) && !groups.isEmpty && !implied
        var innerBody: [Literal] = []
        var domain: Atom?
        if correlated || zeroFill {
            let usable = scope.filter { l in
                if case .positive(let a) = l, builtinTests[a.predicate] == nil { return true }
                return variables(l).allSatisfy(grounded.contains)
            }
            let bindable = groundedVariables(usable)
            if let missing = groups.first(where: { !bindable.contains($0) }) {
                throw error("cannot tell which values of '\(missing)' this aggregate is computed for: bind it in a positive atom outside the aggregate", at: loc)
            }
            let atom = Atom(predicate: "__domain\(n)", arguments: groups.map(variable), location: loc)
            var rule = Clause(head: atom, body: usable, location: loc)
            rule.text = text
            extra.append(rule)
            domain = atom
            innerBody.append(.positive(atom))
        }
        let domainLiterals = domain.map { [Literal.positive($0)] } ?? []
        innerBody += try lowerScope(agg.body, usedAbove: Set(groups + (agg.target?.variables.map(\.0) ?? [])),
                                    enclosingGrounded: groundedVariables(innerPlain).union(groups),
                                    enclosingDomain: domainLiterals, text: text, extra: &extra)
        // count counts solutions: with one local variable that is kg's count of its
        // distinct values (the fast path grouped counts take); otherwise a sum of 1 per solution.
        let locals = inner.filter { !groups.contains($0) }
        let one = Term(kind: .constant(.int(1)), location: loc)
        let value: Term
        if agg.kind == .count, locals.count == 1 {
            value = Term(kind: .aggregate(.count, variable(locals[0])), location: loc)
        } else {
            value = Term(kind: .aggregate(agg.kind == .count ? .sum : agg.kind, agg.target ?? one), location: loc)
        }
        let name = "__aggregate\(n)"
        var rule = Clause(head: Atom(predicate: name, arguments: groups.map(variable) + [value], location: loc),
                          body: innerBody, location: loc)
        rule.text = text
        extra.append(rule)
        var resultName = name
        if zeroFill, let domain {
            resultName = name + "_or0"
            generatedCount += 1
            let v = variable("_value#\(generatedCount)")
            let anonymous = variable("_#value\(generatedCount)")
            let copy = Clause(head: Atom(predicate: resultName, arguments: groups.map(variable) + [v], location: loc),
                              body: [.positive(Atom(predicate: name, arguments: groups.map(variable) + [v], location: loc))],
                              location: loc, text: text)
            let zero = Clause(head: Atom(predicate: resultName, arguments: groups.map(variable) + [Term(kind: .constant(.int(0)), location: loc)], location: loc),
                              body: [.positive(domain), .negative(Atom(predicate: name, arguments: groups.map(variable) + [anonymous], location: loc))],
                              location: loc, text: text)
            extra += [copy, zero]
        }
        var out: [Literal] = [.positive(Atom(predicate: resultName, arguments: groups.map(variable) + [agg.result], location: loc))]
        if !witnesses.isEmpty {
            // The witnesses: the body's solutions (nested aggregates already lowered) whose target equals the extreme.
            generatedCount += 1
            let suffix = "#w\(generatedCount)"
            let local = Set(inner).subtracting(groups).subtracting(witnesses)
            func rename(_ t: Term) -> Term {
                var t = t
                switch t.kind {
                case .variable(let v) where local.contains(v): t.kind = .variable(v + suffix)
                case .binary(let op, let a, let b): t.kind = .binary(op, rename(a), rename(b))
                case .call(let f, let args): t.kind = .call(f, args.map(rename))
                default: break
                }
                return t
            }
            for l in innerBody {
                switch l {
                case .positive(var a): a.arguments = a.arguments.map(rename); out.append(.positive(a))
                case .negative(var a): a.arguments = a.arguments.map(rename); out.append(.negative(a))
                case .comparison(let op, let a, let b, let at): out.append(.comparison(op, rename(a), rename(b), at))
                }
            }
            out.append(.comparison(.eq, rename(agg.target!), agg.result, loc))
        }
        return out
    }
}

/// Soufflé's `x = range(a, b[, step])`: x takes a, a + step, … up to b
/// (exclusive); without a step, 1 when a <= b and -1 when a > b; a step
/// pointing away from b gives nothing. Read as an atom over generated rules:
///
///     __rangeN_domain(a, b, step) :- <the literals that bind a and b>, a = …, b = ….
///     __rangeN(a, b, s, a) :- __rangeN_domain(a, b, s), (s > 0, a < b ; s < 0, a > b).
///     __rangeN(a, b, s, y) :- __rangeN(a, b, s, x), y = x + s, (s > 0, y < b ; s < 0, y > b).
///
/// Cost: one tuple per value produced, as Soufflé's loop.
extension Parser {
    /// The body with each `v = range(…)` replaced by an atom over generated rules (appended to `extra`).
    mutating func lowerRanges(_ body: [Literal], extra: inout [Clause], text: String) throws -> [Literal] {
        var out: [Literal] = []
        for literal in body {
            guard case .comparison(.eq, let a, let b, let loc) = literal else { out.append(literal); continue }
            let pair: (String, [Term])?
            switch (a.kind, b.kind) {
            case (.variable(let v), .call("range", let args)), (.call("range", let args), .variable(let v)): pair = (v, args)
            default: pair = nil
            }
            guard let (target, args) = pair else { out.append(literal); continue }
            guard args.count == 2 || args.count == 3 else {
                throw error("range takes 2 or 3 arguments (from, to[, step]), got \(args.count)", at: loc)
            }
            let others = body.filter { l in
                switch l {
                case .comparison(_, let x, let y, _):
                    for t in [x, y] { if case .call("range", _) = t.kind { return false } }
                    return true
                case .positive(let atom): return pendingAggregates[atom.predicate] == nil
                case .negative: return true
                }
            }
            out += try rangeLiterals(target: target, args: args, enclosing: others, at: loc, text: text, extra: &extra)
        }
        return out
    }

    private mutating func rangeLiterals(target: String, args: [Term], enclosing: [Literal], at loc: SourceLocation,
                                        text: String, extra: inout [Clause]) throws -> [Literal] {
        generatedCount += 1
        let n = generatedCount
        func v(_ s: String) -> Term { Term(kind: .variable("_range\(n)\(s)"), location: loc) }
        func int(_ i: Int64) -> Term { Term(kind: .constant(.int(i)), location: loc) }
        func cmp(_ op: ComparisonOperator, _ x: Term, _ y: Term) -> Literal { .comparison(op, x, y, loc) }
        func atom(_ name: String, _ terms: [Term]) -> Atom { Atom(predicate: name, arguments: terms, location: loc) }
        func rule(_ head: Atom, _ body: [Literal]) -> Clause { Clause(head: head, body: body, location: loc, text: text) }
        let needed = Set(args.flatMap { $0.variables.map(\.0) })
        // The enclosing literals that can bind the arguments' variables (all positive atoms, plus the
        // comparisons over variables they bind).
        let bound = Set(enclosing.flatMap { l -> [String] in
            if case .positive(let a) = l, builtinTests[a.predicate] == nil { return a.arguments.flatMap { $0.variables.map(\.0) } }
            return []
        })
        let usable = needed.isEmpty ? [] : enclosing.filter { l in
            switch l {
            case .positive(let a) where builtinTests[a.predicate] == nil: return true
            case .positive(let a), .negative(let a): return a.arguments.allSatisfy { $0.variables.allSatisfy { bound.contains($0.0) } }
            case .comparison(_, let x, let y, _): return (x.variables + y.variables).allSatisfy { bound.contains($0.0) }
            }
        }
        if let missing = needed.first(where: { !bound.contains($0) }) {
            throw error("cannot tell which values of '\(missing)' this range is computed for: bind it in a positive atom", at: loc)
        }
        let domainName = "__range\(n)_domain", name = "__range\(n)"
        let (from, to, step) = (v("from"), v("to"), v("step"))
        let bindings = usable + [cmp(.eq, from, args[0]), cmp(.eq, to, args[1])]
        if args.count == 3 {
            extra.append(rule(atom(domainName, [from, to, step]), bindings + [cmp(.eq, step, args[2])]))
        } else {
            extra.append(rule(atom(domainName, [from, to, int(1)]), bindings + [cmp(.le, from, to)]))
            extra.append(rule(atom(domainName, [from, to, int(-1)]), bindings + [cmp(.gt, from, to)]))
        }
        let (x, y) = (v("x"), v("y"))
        let next = Term(kind: .binary(.add, x, step), location: loc)
        for (direction, beyond) in [(ComparisonOperator.gt, ComparisonOperator.lt), (.lt, .gt)] {
            extra.append(rule(atom(name, [from, to, step, from]),
                              [.positive(atom(domainName, [from, to, step])), cmp(direction, step, int(0)), cmp(beyond, from, to)]))
            extra.append(rule(atom(name, [from, to, step, y]),
                              [.positive(atom(name, [from, to, step, x])), cmp(direction, step, int(0)), cmp(.eq, y, next), cmp(beyond, y, to)]))
        }
        // In the enclosing body: compute the arguments, then read the values.
        let (a, b) = (v("a"), v("b"))
        return [cmp(.eq, a, args[0]), cmp(.eq, b, args[1]),
                .positive(atom(name, [a, b, Term(kind: .variable("_#range\(n)"), location: loc), Term(kind: .variable(target), location: loc)]))]
    }
}
