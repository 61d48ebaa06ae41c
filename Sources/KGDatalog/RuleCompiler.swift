import KGCore

/// Turns parsed clauses into `RuleIR`: resolves predicates to relations (checking
/// arity), numbers variables, interns constants, and rejects unsafe rules.
struct RuleCompiler {
    let database: Database
    let values: ValueTable
    let sourceLines: [String]
    /// Receives warnings met while compiling (a `match` pattern that is not a regular expression).
    var warn: ((Diagnostic) -> Void)?
    /// Most positive atoms in one body (see `compile`).
    static let maxBodyAtoms = 500

    func diagnostic(_ message: String, at loc: SourceLocation) -> Diagnostic {
        let line = loc.line >= 1 && loc.line <= sourceLines.count ? sourceLines[loc.line - 1] : nil
        return Diagnostic(.error, at: loc, message, sourceLine: line)
    }

    /// The relation for `name`/`arity`, created if new; an arity mismatch is an error.
    func relation(_ name: String, arity: Int, at loc: SourceLocation) throws -> Int {
        if builtinTests[name] != nil {
            throw diagnostic("'\(name)' is a built-in test and cannot be defined", at: loc)
        }
        if let r = database.id(of: name) {
            let known = database.arity(r)
            if known != arity {
                throw diagnostic("arity mismatch: '\(name)' has \(known) argument\(known == 1 ? "" : "s") elsewhere, \(arity) here", at: loc)
            }
            return r
        }
        return database.relation(name, arity: arity)
    }

    /// A fact's tuple.
    func fact(_ atom: Atom) throws -> (Int, [Int32]) {
        let r = try relation(atom.predicate, arity: atom.arguments.count, at: atom.location)
        let tuple = try atom.arguments.map { term -> Int32 in
            guard let c = constantValue(term) else {
                if case .variable(let v) = term.kind {
                    throw diagnostic("a fact cannot contain variable '\(v.hasPrefix("_#") ? "_" : v)': facts are ground", at: term.location)
                }
                throw diagnostic("a fact's arguments must be constants", at: term.location)
            }
            return values.encode(c)
        }
        return (r, tuple)
    }

    /// `match("(", x)`: a constant pattern that is not a regular expression matches
    /// nothing, as in Soufflé, with a warning at the pattern.
    private func checkPattern(_ a: Atom) throws {
        guard a.predicate == "match", case .constant(.string(let pattern)) = a.arguments[0].kind else { return }
        if RegexCache.shared.regex(pattern) == nil {
            var d = diagnostic("\"\(pattern)\" is not a valid regular expression: match and !match are false for every text", at: a.arguments[0].location)
            d.severity = .warning
            warn?(d)
        }
    }

    private func constantValue(_ t: Term) -> Constant? {
        if case .constant(let c) = t.kind { return c }
        return nil
    }

    /// A rule (`head` given) or a query (`head` nil: the answer relation `answerName/ARITY`,
    /// created on first use, with one column per projected term or named body variable).
    func compile(head: Atom?, projection: [Term]?, body: [Literal], location: SourceLocation, text: String,
                 answerName: String = "") throws -> RuleIR {
        var names: [String] = []
        var registers: [String: Int] = [:]
        func register(_ name: String) -> Int {
            if let r = registers[name] { return r }
            registers[name] = names.count
            names.append(name)
            return names.count - 1
        }
        func expression(_ t: Term) throws -> RuleIR.Expression {
            switch t.kind {
            case .variable(let v): return .variable(register(v))
            case .constant(let c): return .constant(values.encode(c))
            case .binary(let op, let a, let b): return .binary(op, try expression(a), try expression(b), t.location)
            case .call(let name, let args):
                if let why = unsupportedFunctions[name] { throw diagnostic(why, at: t.location) }
                guard let arity = builtinFunctions[name] else {
                    let known = builtinFunctions.keys.filter { !$0.hasPrefix("__") }.sorted().joined(separator: ", ")
                    throw diagnostic("unknown function '\(name)': expected one of \(known)", at: t.location)
                }
                guard arity.contains(args.count) else {
                    let count = arity.count == 1 ? "\(arity.lowerBound)" : "\(arity.lowerBound) or more"
                    throw diagnostic("function '\(name)' takes \(count) argument\(arity == 1...1 ? "" : "s"), got \(args.count)", at: t.location)
                }
                return .call(name, try args.map(expression), t.location)
            case .aggregate(let k, _):
                throw diagnostic("aggregate '\(k.rawValue)' is only allowed as a head argument or answer column", at: t.location)
            }
        }
        func argument(_ t: Term, inHead: Bool) throws -> RuleIR.Argument {
            switch t.kind {
            case .variable(let v): return .variable(register(v))
            case .constant(let c): return .constant(values.encode(c))
            default:
                throw diagnostic(inHead ? "a head argument must be a variable, a constant or an aggregate; compute expressions in the body (Y = X + 1)"
                                        : "an atom's argument must be a variable or a constant; compare expressions separately (Y = X + 1)",
                                 at: t.location)
            }
        }
        func atomIR(_ a: Atom) throws -> RuleIR.AtomIR {
            let r = try relation(a.predicate, arity: a.arguments.count, at: a.location)
            return RuleIR.AtomIR(relation: r, arguments: try a.arguments.map { try argument($0, inHead: false) }, location: a.location)
        }

        // The join recurses once per atom of the body and the planner compares atoms
        // pairwise: bound the atom count (comparisons are not bounded).
        let atomCount = body.reduce(0) { if case .positive = $1 { return $0 + 1 } else { return $0 } }
        if atomCount > RuleCompiler.maxBodyAtoms {
            throw diagnostic("a rule or query may join at most \(RuleCompiler.maxBodyAtoms) atoms; this one has \(atomCount): split it into several rules", at: location)
        }
        // Body first, so that registers follow the body's order.
        var literals: [RuleIR.LiteralIR] = []
        for lit in body {
            switch lit {
            case .positive(let a):
                if let arity = builtinTests[a.predicate] {
                    guard arity == a.arguments.count else {
                        throw diagnostic("built-in '\(a.predicate)' takes \(arity) arguments, got \(a.arguments.count)", at: a.location)
                    }
                    try checkPattern(a)
                    literals.append(.test(a.predicate, try a.arguments.map(expression)))
                } else {
                    literals.append(.positive(try atomIR(a)))
                }
            case .negative(let a):
                if let arity = builtinTests[a.predicate], arity == a.arguments.count {
                    try checkPattern(a)
                    // `not contains(S, "x")`: a negated test is the test with a flag; expressed as a comparison.
                    literals.append(.comparison(.eq, .call("__not_" + a.predicate, try a.arguments.map(expression), a.location), .constant(1)))
                } else {
                    literals.append(.negative(try atomIR(a)))
                }
            case .comparison(let op, let a, let b, _):
                literals.append(.comparison(op, try expression(a), try expression(b)))
            }
        }

        // Head: a declared atom, or the query's answer columns.
        var headTerms: [Term]
        if let head { headTerms = head.arguments } else if let projection { headTerms = projection } else {
            var seen = Set<String>()
            headTerms = []
            for lit in body {
                let terms: [Term]
                switch lit {
                case .positive(let a): terms = a.arguments
                case .negative: terms = []
                case .comparison(_, let a, let b, _): terms = [a, b]
                }
                for t in terms {
                    for (v, loc) in t.variables where !v.hasPrefix("_") && seen.insert(v).inserted {
                        headTerms.append(Term(kind: .variable(v), location: loc))
                    }
                }
            }
        }
        var headArgs: [RuleIR.Argument] = []
        var aggregate: RuleIR.AggregateIR?
        for (i, t) in headTerms.enumerated() {
            if case .aggregate(let kind, let inner) = t.kind {
                if aggregate != nil { throw diagnostic("only one aggregate per head is supported", at: t.location) }
                aggregate = RuleIR.AggregateIR(position: i, kind: kind, argument: try expression(inner))
                headArgs.append(.constant(0))
            } else {
                headArgs.append(try argument(t, inHead: true))
            }
        }
        let headRelation: Int
        if let head {
            headRelation = try relation(head.predicate, arity: head.arguments.count, at: head.location)
        } else {
            // One answer relation per arity, reused by every query of the session (emptied
            // here and after each answer): the relation count, which the memory checks walk,
            // stays bounded however many queries a REPL session answers.
            headRelation = database.relation(answerName + "/\(headArgs.count)", arity: headArgs.count)
            database.clear(headRelation)
        }

        // Safety: every variable is bound by a positive atom or an assignment chain.
        // A worklist: an equation is looked at again only when one of its variables
        // becomes bound, so this is linear in the body's size, not quadratic.
        var bound = Set<Int>()
        for lit in literals { if case .positive(let a) = lit { bound.formUnion(a.variables) } }
        var equations: [(RuleIR.Expression, RuleIR.Expression, Set<Int>, Set<Int>)] = []
        for lit in literals {
            if case .comparison(.eq, let a, let b) = lit { equations.append((a, b, a.variables, b.variables)) }
        }
        var waiting: [Int: [Int]] = [:]
        for (k, e) in equations.enumerated() { for v in e.2.union(e.3) { waiting[v, default: []].append(k) } }
        var work = Array(equations.indices)
        while let k = work.popLast() {
            let (a, b, va, vb) = equations[k]
            var newlyBound: Int?
            if case .variable(let v) = a, !bound.contains(v), vb.isSubset(of: bound) { newlyBound = v }
            else if case .variable(let v) = b, !bound.contains(v), va.isSubset(of: bound) { newlyBound = v }
            if let v = newlyBound {
                bound.insert(v)
                work += waiting[v] ?? []
            }
        }
        func firstLocation(of name: String, in terms: [Term]) -> SourceLocation? {
            for t in terms { for (v, l) in t.variables where v == name { return l } }
            return nil
        }
        func bodyLocation(of name: String, negatedOnly: Bool) -> SourceLocation {
            for lit in body {
                switch lit {
                case .positive(let a) where !negatedOnly, .negative(let a):
                    if let l = firstLocation(of: name, in: a.arguments) { return l }
                case .comparison(_, let a, let b, _) where !negatedOnly:
                    if let l = firstLocation(of: name, in: [a, b]) { return l }
                default: break
                }
            }
            return location
        }
        for (i, t) in headTerms.enumerated() {
            var vars = t.variables
            if i == aggregate?.position { vars = t.variables }
            for (v, loc) in vars where !bound.contains(registers[v]!) {
                let shown = v.hasPrefix("_#") ? "_" : v
                throw diagnostic("unsafe rule: head variable '\(shown)' is not bound by the body (it must occur in a positive atom or be assigned with \(shown) = ...)", at: loc)
            }
        }
        for (k, lit) in literals.enumerated() {
            switch lit {
            case .negative(let a):
                for v in a.variables where !bound.contains(v) && !names[v].hasPrefix("_") {
                    throw diagnostic("unsafe rule: variable '\(names[v])' occurs only under negation; bind it in a positive atom", at: bodyLocation(of: names[v], negatedOnly: true))
                }
            case .comparison, .test:
                for v in lit.variables where !bound.contains(v) {
                    let shown = names[v].hasPrefix("_#") ? "_" : names[v]
                    throw diagnostic("unsafe rule: variable '\(shown)' occurs only in a comparison or built-in; bind it in a positive atom", at: body[k].location)
                }
            case .positive: break
            }
        }
        return RuleIR(head: headRelation, headArguments: headArgs, aggregate: aggregate, body: literals,
                      variableNames: names, location: location, text: text)
    }
}
