import KGCore

/// The rules and facts a session was given, for the REPL's `:rules` and `:drop`.
extension DatalogSession {
    /// One rule as written, with its head predicate.
    public struct RuleListing: Sendable, Equatable {
        public var predicate: String
        public var text: String
        public var location: SourceLocation
    }

    /// Every rule added by `run` (not query rules), in the order given.
    public var rules: [RuleListing] {
        evaluator.rules.map { RuleListing(predicate: database.names[$0.head], text: $0.text, location: $0.location) }
    }

    /// Facts typed into the session, per predicate (count of rows).
    public var typedFacts: [(predicate: String, count: Int)] {
        programFacts.keys.sorted().map { r in
            (database.names[r], programFacts[r]!.count / max(1, database.arity(r)))
        }
    }

    /// Removes every rule for `predicate` and the facts typed for it; its
    /// derived tuples are dropped (everything depending on it is re-evaluated
    /// at the next query). Returns (rules, facts) removed. Base relations from
    /// the graph or fact files stay.
    @discardableResult
    public func drop(predicate: String) -> (rules: Int, facts: Int) {
        guard let r = database.id(of: predicate) else { return (0, 0) }
        let before = evaluator.rules.count
        evaluator.rules.removeAll { $0.head == r }
        let facts = (programFacts[r]?.count ?? 0) / max(1, database.arity(r))
        programFacts[r] = nil
        let removed = before - evaluator.rules.count
        if removed > 0 || facts > 0 {
            evaluator.forgetMarks(r)
            database.clear(r)
            evaluated = []
        }
        return (removed, facts)
    }
}

// MARK: - magic sets for a query and the rules it needs

extension DatalogSession {
    /// Relations the magic-set rewriting must not adorn: those with facts, `.input` or
    /// fact-source data of their own (an adorned copy would hold only what the rules derive).
    var relationsWithOwnTuples: Set<Int> {
        var out = Set(programFacts.keys)
        for name in inputDirectives.keys { if let r = database.id(of: name) { out.insert(r) } }
        for source in factSource?.availableRelations ?? [] { if let r = database.id(of: source.name) { out.insert(r) } }
        return out
    }

    /// Rewrites `rule` (a query's) and the program's rules it needs with magic sets
    /// (MagicSets.swift) and installs the result in the evaluator; the caller puts the
    /// program's rules back when the query is answered. Returns the rewritten query,
    /// the generated relations (emptied now), the strata to evaluate and whether rules
    /// of the program were rewritten (not only the query); nil when
    /// nothing applies. When rewriting the program's rules would make it
    /// unstratifiable, only the query is rewritten; when that fails too, nothing is.
    func installMagicSets(_ rule: RuleIR, needed: Set<Int>) -> (query: RuleIR, generated: Set<Int>, strata: [[Int]], rewroteRules: Bool)? {
        // Only derived relations are adorned: a query over base relations alone (a point
        // lookup in the graph) has nothing to rewrite, and skips building the rewriter.
        let queryReads = rule.body.compactMap { literal -> Int? in
            switch literal {
            case .positive(let a), .negative(let a): return a.relation
            default: return nil
            }
        }
        guard needed.contains(where: { evaluator.hasRules(deriving: $0) })
            || queryReads.contains(where: { evaluator.hasRules(deriving: $0) }) else { return nil }
        let programRules = evaluator.rules
        let magic = MagicSets(database: database, rules: programRules, fixed: relationsWithOwnTuples,
                              ordered: Set(evaluator.choiceDomains.keys), policy: magicPolicy)
        for ruleLevel in [true, false] {
            guard let rewrite = magic.rewrite(rule, program: needed, ruleLevel: ruleLevel) else { continue }
            var rules = programRules
            for (k, r) in rewrite.replaced { rules[k] = r }
            evaluator.rules = rules + rewrite.added
            let used = rewrite.query.body.compactMap { literal -> Int? in
                switch literal {
                case .positive(let a), .negative(let a): return a.relation
                default: return nil
                }
            }
            guard let strata = try? evaluator.strata(for: evaluator.closure(of: used), sourceLine: { _ in nil }) else {
                evaluator.rules = programRules
                continue
            }
            for g in rewrite.generated { database.clear(g); evaluator.forgetMarks(g); evaluated.remove(g) }
            answerRelations.formUnion(rewrite.generated)
            return (rewrite.query, rewrite.generated, strata, !rewrite.replaced.isEmpty)
        }
        return nil
    }
}

// MARK: - autoinc() outside recursion

extension DatalogSession {
    /// `autoinc()` gives every evaluation a new number: in a recursive rule each new
    /// number would be a new tuple, and the recursion would not end. Rejected at the rule.
    func checkAutoincrementOutsideRecursion(_ strata: [[Int]]) throws {
        for stratum in strata {
            let members = Set(stratum)
            for k in stratum.flatMap({ evaluator.ruleIndexes(deriving: $0) }) {
                let rule = evaluator.rules[k]
                guard rule.positiveAtoms.contains(where: { members.contains($0.relation) }) else { continue }
                let calls = rule.body.contains { literal in
                    if case .comparison(_, let a, let b) = literal { return Planner.callsAutoincrement(a) || Planner.callsAutoincrement(b) }
                    return false
                }
                if calls {
                    throw Diagnostic(.error, at: rule.location, "autoinc() in a recursive rule is not supported: every evaluation would give a new number, so the recursion would not end",
                                     sourceLine: line(at: rule.location))
                }
            }
        }
    }
}
