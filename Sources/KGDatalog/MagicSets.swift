/// The magic-set transformation: pushes constants into the rules that need them,
/// so that `?- reach("a", X).` (or a rule `q() :- samegen(16384, 32767).`) derives
/// only what is reachable from the constants instead of the whole relation.
///
/// For an atom `p(c, Y)` of a derived predicate with some bound arguments (an
/// adornment such as `bf`), rules for `p@bf` are generated from `p`'s rules, each
/// guarded by `p@bf#magic(bound head arguments)`; the magic relation is fed by
/// the constants and by the bindings that reach each body atom when the body is
/// read left to right (only the literals connected to those bindings: fewer
/// conditions make a larger magic set, never a wrong one, and keep the rewritten
/// program's dependencies close to the original's).
///
/// Where it applies, and why the answers stay the same:
/// - a query: every atom with a bound argument on a derived predicate;
/// - a rule of the program (`ruleLevel`): an atom with a constant argument on a
///   recursive predicate, or on one Soufflé's `.pragma "magic-transform"` or the
///   `magic` qualifier names; never on one `magic-transform-exclude` or `no_magic` names.
/// - never on predicates defined with aggregates, with a `choice-domain` (the
///   tuple kept per key depends on the order of derivation; their rules are not
///   rewritten either) or with facts or input of their own (the adorned copy has
///   only the rules): those keep their ordinary (full) evaluation.
/// - negated atoms always read the ordinary relation, which stratified evaluation
///   completes before it is read; an aggregate's body may read an adorned
///   relation, which is complete for the aggregate's constants before the
///   aggregate runs (the aggregate is a stratum above). The caller re-checks the
///   rewritten program's stratification and falls back to the ordinary rules
///   when it fails.
/// Cost: linear in the rules times the adornments met (at most 2^arity per predicate).
struct MagicSets {
    let database: Database
    let rules: [RuleIR]
    /// Relations never adorned besides the aggregate-defined ones: those with facts,
    /// input or a choice-domain of their own.
    var fixed: Set<Int> = []
    /// Relations whose rules are never rewritten either: those with a `choice-domain`,
    /// whose kept tuples depend on the order their rules read their body relations.
    var ordered: Set<Int> = []
    /// What the program's directives say about the rule-level transformation.
    var policy = MagicPolicy()

    /// The rewritten query, the program's rules that changed (by position in
    /// `rules`), the rules added (adorned and magic), and the relations generated.
    struct Rewrite {
        var query: RuleIR
        var replaced: [Int: RuleIR]
        var added: [RuleIR]
        var generated: Set<Int>
    }

    /// The rewriting of `query` and of the rules deriving `program` (the relations
    /// the query needs) with `ruleLevel`; nil when nothing changes.
    func rewrite(_ query: RuleIR, program: Set<Int> = [], ruleLevel: Bool = false) -> Rewrite? {
        var byHead: [Int: [RuleIR]] = [:]
        for r in rules { byHead[r.head, default: []].append(r) }
        func adornable(_ rel: Int) -> Bool {
            guard let defs = byHead[rel], !fixed.contains(rel), !ordered.contains(rel) else { return false }
            return !defs.contains { $0.aggregate != nil }
        }
        var recursiveMemo: [Int: Bool] = [:]
        /// Whether `rel` depends on itself through the rules.
        func recursive(_ rel: Int) -> Bool {
            if let known = recursiveMemo[rel] { return known }
            var seen = Set<Int>(), work = [rel], found = false
            while let r = work.popLast(), !found {
                for rule in byHead[r] ?? [] {
                    for d in rule.dependencies {
                        if d.relation == rel { found = true; break }
                        if seen.insert(d.relation).inserted { work.append(d.relation) }
                    }
                }
            }
            recursiveMemo[rel] = found
            return found
        }
        func eligibleInRule(_ rel: Int) -> Bool {
            let name = database.names[rel]
            if policy.excluded(name) { return false }
            return adornable(rel) && (recursive(rel) || policy.forced(name))
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
        /// whose bodies are drawn from `prefix` and the literals before each atom.
        /// `onlyConstants`: adorn only atoms with a constant argument on an eligible
        /// predicate (a rule of the program); otherwise every atom with a bound argument.
        func transform(_ rule: RuleIR, body: [RuleIR.LiteralIR], prefix: [RuleIR.LiteralIR], initiallyBound: Set<Int>,
                       onlyConstants: Bool) -> (body: [RuleIR.LiteralIR], changed: Bool) {
            var bound = initiallyBound
            var out: [RuleIR.LiteralIR] = []
            var changed = false
            for lit in body {
                if case .positive(var atom) = lit, onlyConstants ? eligibleInRule(atom.relation) : adornable(atom.relation) {
                    let pattern = atom.arguments.map { arg -> Bool in
                        if case .variable(let v) = arg { return bound.contains(v) }
                        return true
                    }
                    let hasConstant = atom.arguments.contains { if case .constant = $0 { return true } else { return false } }
                    if pattern.contains(true) && (!onlyConstants || hasConstant) {
                        let (a, m) = adorned(atom.relation, pattern)
                        let magicArgs = zip(atom.arguments, pattern).filter { $0.1 }.map { $0.0 }
                        let magicBody = connected(to: magicArgs, among: (prefix + out).filter { $0.variables.isSubset(of: bound) || isAtom($0) })
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
                case .comparison(.eq, let x, let y) where MagicSets.isPlain(x) && MagicSets.isPlain(y):
                    // A copy of a bound value binds; a computed one (`Y = X + 1`) does not: a
                    // magic set fed through arithmetic can grow without end (gen(X) :- gen(X+1)).
                    if case .variable(let v) = x, y.variables.isSubset(of: bound) { bound.insert(v) }
                    if case .variable(let v) = y, x.variables.isSubset(of: bound) { bound.insert(v) }
                default: break
                }
            }
            return (out, changed)
        }
        func isAtom(_ l: RuleIR.LiteralIR) -> Bool { if case .positive = l { return true } else { return false } }

        let (queryBody, queryChanged) = transform(query, body: query.body, prefix: [], initiallyBound: [], onlyConstants: false)
        var rewrittenQuery = query
        rewrittenQuery.body = queryBody
        var replaced: [Int: RuleIR] = [:]
        if ruleLevel {
            for (k, rule) in rules.enumerated() where program.contains(rule.head) && !ordered.contains(rule.head) {
                let (body, changed) = transform(rule, body: rule.body, prefix: [], initiallyBound: [], onlyConstants: true)
                if changed {
                    var r = rule
                    r.body = body
                    replaced[k] = r
                }
            }
        }
        guard queryChanged || !replaced.isEmpty else { return nil }

        while let (rel, pattern, a, m) = work.popLast() {
            for rule in byHead[rel] ?? [] {
                var boundHead = Set<Int>()
                var magicArgs: [RuleIR.Argument] = []
                for (arg, b) in zip(rule.headArguments, pattern) where b {
                    magicArgs.append(arg)
                    if case .variable(let v) = arg { boundHead.insert(v) }
                }
                let guardAtom = RuleIR.LiteralIR.positive(RuleIR.AtomIR(relation: m, arguments: magicArgs, location: rule.location))
                let (body, _) = transform(rule, body: rule.body, prefix: [guardAtom], initiallyBound: boundHead, onlyConstants: false)
                var r = rule
                r.head = a
                r.body = [guardAtom] + body
                newRules.append(r)
            }
        }
        return Rewrite(query: rewrittenQuery, replaced: replaced, added: newRules, generated: generated)
    }

    static func isPlain(_ e: RuleIR.Expression) -> Bool {
        switch e {
        case .variable, .constant: return true
        default: return false
        }
    }

    /// The literals of `candidates` connected to the variables of `arguments` through
    /// shared variables (a magic rule needs no other condition: its head's constants
    /// need none at all). Every variable of a kept literal is bound by a kept literal,
    /// because the candidates' variables were all bound when they were collected.
    private func connected(to arguments: [RuleIR.Argument], among candidates: [RuleIR.LiteralIR]) -> [RuleIR.LiteralIR] {
        var relevant = Set(arguments.compactMap { if case .variable(let v) = $0 { return v } else { return nil } })
        var kept = [Bool](repeating: false, count: candidates.count)
        var grew = true
        while grew {
            grew = false
            for (i, lit) in candidates.enumerated() where !kept[i] {
                let vars = lit.variables
                if !vars.isDisjoint(with: relevant) {
                    kept[i] = true
                    relevant.formUnion(vars)
                    grew = true
                }
            }
        }
        return candidates.indices.filter { kept[$0] }.map { candidates[$0] }
    }
}

/// Soufflé's directives about the magic-set transformation of rules: `.pragma
/// "magic-transform" "*"` (or a list of relations), `.pragma
/// "magic-transform-exclude" "r1,r2"`, and the `magic` / `no_magic` qualifiers of
/// `.decl`. kg transforms rules that call a recursive relation with constants
/// without being asked; these make it transform non-recursive relations too, or
/// keep a relation's full evaluation.
public struct MagicPolicy: Sendable, Equatable {
    public var all = false
    public var named: Set<String> = []
    public var excludedNames: Set<String> = []

    public init() {}

    func forced(_ name: String) -> Bool { all || named.contains(name) }
    func excluded(_ name: String) -> Bool { excludedNames.contains(name) }

    mutating func merge(_ other: MagicPolicy) {
        all = all || other.all
        named.formUnion(other.named)
        excludedNames.formUnion(other.excludedNames)
    }

    /// Adds the relations a pragma's value names (`*` is every relation).
    mutating func add(pragma key: String, value: String) {
        let names = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        switch key {
        case "magic-transform":
            if names.contains("*") { all = true }
            named.formUnion(names.filter { $0 != "*" })
        case "magic-transform-exclude":
            excludedNames.formUnion(names)
        default: break
        }
    }
}
