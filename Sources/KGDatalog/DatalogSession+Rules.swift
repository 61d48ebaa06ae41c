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
