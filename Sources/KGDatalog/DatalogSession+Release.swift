/// Releasing intermediate relations while a query is evaluated (issue 16, memory).
///
/// A relation derived only on the way to an answer (`skipBlank` on the way to
/// `nextVisible`) holds its rows after the last stratum that reads it is done. With
/// `releasesIntermediates`, the session frees it then: its rows, set and indexes go,
/// it is marked not evaluated, and a later query or explanation that needs it derives
/// it again (as after a change of the program). Kept: relations named by a query or an
/// `.output`/`.printsize` of a text run in this session, base and `.input` relations,
/// relations with no rules, and whatever a later stratum of the same query reads.
extension DatalogSession {
    /// Frees the relations among `strata[...done]` that nothing after stratum `done` reads.
    /// `reads`: relations the query's own rule reads (evaluated after every stratum).
    /// Cost: O(rules of the remaining strata) per stratum.
    func releaseIntermediates(after done: Int, of strata: [[Int]], reads: Set<Int>, keep: Set<Int>) {
        guard releasesIntermediates else { return }
        var later = reads
        for stratum in strata[(done + 1)...] {
            for r in stratum {
                for k in evaluator.ruleIndexes(deriving: r) {
                    for d in evaluator.rules[k].dependencies { later.insert(d.relation) }
                }
            }
        }
        for stratum in strata[...done] {
            for r in stratum where !later.contains(r) && !keep.contains(r) && isIntermediate(r) {
                releasedCounts[r] = database.count(r)
                database.release(r)
                evaluator.forgetMarks(r)
                evaluated.remove(r)
            }
        }
    }

    /// The relations `roots` depend on, not looking past relations already evaluated (their
    /// inputs may have been released, and they need no re-derivation). O(rules).
    func pendingClosure(of roots: Set<Int>) -> Set<Int> {
        var seen = roots, work = Array(roots)
        while let r = work.popLast() {
            if evaluated.contains(r) { continue }
            for k in evaluator.ruleIndexes(deriving: r) {
                for d in evaluator.rules[k].dependencies where seen.insert(d.relation).inserted { work.append(d.relation) }
            }
        }
        return seen
    }

    /// Derived by rules, not read from outside the program, not named by a query or an output directive.
    private func isIntermediate(_ r: Int) -> Bool {
        evaluator.hasRules(deriving: r) && !loadedFromSource.contains(r) && !answerRelations.contains(r)
            && !keptNames.contains(database.names[r]) && evaluated.contains(r) && database.count(r) > 0
    }

    /// Names of the relations the statements of a text ask about (queries' atoms, `.output`, `.printsize`).
    func noteKeptRelations(_ statements: [Statement]) {
        for statement in statements {
            switch statement {
            case .query(let q):
                for literal in q.body {
                    switch literal {
                    case .positive(let a), .negative(let a): keptNames.insert(a.predicate)
                    default: break
                    }
                }
            case .io(let d) where d.kind != .input: keptNames.insert(d.relation)
            default: break
            }
        }
    }
}
