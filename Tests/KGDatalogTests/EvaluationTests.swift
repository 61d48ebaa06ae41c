import KGCore
@testable import KGDatalog
import XCTest

final class EvaluationTests: XCTestCase {
    let tc = "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"

    func test_transitiveClosure_chainHasTriangularCount() {
        for n in [1, 2, 7, 40] {
            let facts = (0..<n).map { "edge(\($0), \($0 + 1))." }.joined(separator: "\n")
            let r = runProgram(facts + "\n" + tc + "?- path(X, Y).")
            XCTAssertEqual(r.last?.count, n * (n + 1) / 2, "chain of \(n) edges")
        }
    }

    func test_transitiveClosure_cycleReachesEverything() {
        let n = 25
        let facts = (0..<n).map { "edge(\($0), \(($0 + 1) % n))." }.joined(separator: "\n")
        XCTAssertEqual(runProgram(facts + "\n" + tc + "?- path(X, Y).").last?.count, n * n)
    }

    func test_transitiveClosure_binaryTreeCountsAncestorPairs() {
        // Complete binary tree of depth d: each node at depth k has k ancestors.
        let depth = 6
        var facts = ""
        var pairs = 0
        for node in 1..<(1 << (depth + 1)) where node > 1 {
            facts += "edge(\(node / 2), \(node)).\n"
        }
        for k in 0...depth { pairs += (1 << k) * k }
        XCTAssertEqual(runProgram(facts + tc + "?- path(X, Y).").last?.count, pairs)
    }

    func test_boundQuery_returnsOnlyReachableNodes() {
        XCTAssertEqual(answers("edge(a, b). edge(b, c). edge(d, e).\n" + tc + "?- path(a, X)."), ["b", "c"])
    }

    func test_sameGeneration_smallTree() {
        let text = """
        parent(b, a). parent(c, a). parent(d, b). parent(e, c). parent(f, c).
        sg(X, Y) :- parent(X, P), parent(Y, P), X != Y.
        sg(X, Y) :- parent(X, A), sg(A, B), parent(Y, B).
        ?- sg(X, Y).
        """
        XCTAssertEqual(answers(text), ["b,c", "c,b", "d,e", "d,f", "e,d", "e,f", "f,d", "f,e"])
    }

    func test_negation_stratified() {
        let text = """
        node(1). node(2). node(3). node(4). edge(1, 2). edge(2, 3).
        reach(X) :- edge(1, X).
        reach(Y) :- reach(X), edge(X, Y).
        unreached(X) :- node(X), not reach(X), X != 1.
        ?- unreached(X).
        """
        XCTAssertEqual(answers(text), ["4"])
    }

    func test_negation_withAnonymousVariable() {
        XCTAssertEqual(answers("p(1). p(2). q(2, 9). r(X) :- p(X), not q(X, _). ?- r(X)."), ["1"])
    }

    func test_aggregates_allKinds() {
        let facts = "sale(acme, 10). sale(acme, 30). sale(acme, 20). sale(beta, 5). sale(beta, 5.5).\n"
        XCTAssertEqual(answers(facts + "n(C, count(A)) :- sale(C, A). ?- n(C, N)."), ["acme,3", "beta,2"])
        XCTAssertEqual(answers(facts + "s(C, sum(A)) :- sale(C, A). ?- s(C, N)."), ["acme,60", "beta,10.5"])
        XCTAssertEqual(answers(facts + "m(C, min(A)) :- sale(C, A). ?- m(C, N)."), ["acme,10", "beta,5"])
        XCTAssertEqual(answers(facts + "m(C, max(A)) :- sale(C, A). ?- m(C, N)."), ["acme,30", "beta,5.5"])
        XCTAssertEqual(answers(facts + "a(C, avg(A)) :- sale(C, A). ?- a(C, N)."), ["acme,20", "beta,5.25"])
    }

    func test_aggregateWithoutGroups_overNoSolutions_countsAndSumsZero_minMaxAvgGiveNoRow() {
        let facts = "sale(acme, 10).\n"
        XCTAssertEqual(answers(facts + "n(count(A)) :- sale(nobody, A). ?- n(N)."), ["0"])
        XCTAssertEqual(answers(facts + "s(sum(A)) :- sale(nobody, A). ?- s(N)."), ["0"])
        XCTAssertEqual(answers(facts + "?- count(A) <- sale(nobody, A)."), ["0"])
        XCTAssertEqual(answers(facts + "m(min(A)) :- sale(nobody, A). ?- m(N)."), [])
        XCTAssertEqual(answers(facts + "m(max(A)) :- sale(nobody, A). ?- m(N)."), [])
        XCTAssertEqual(answers(facts + "a(avg(A)) :- sale(nobody, A). ?- a(N)."), [])
        // With group columns, a group with no solution is simply absent.
        XCTAssertEqual(answers(facts + "n(C, count(A)) :- sale(C, A), A > 100. ?- n(C, N)."), [])
        XCTAssertEqual(answers(facts + "n(count(A)) :- sale(acme, A). ?- n(N)."), ["1"])
    }

    func test_aggregate_inQueryProjection() {
        let text = "developed(openai, gpt4). developed(openai, gpt5). developed(meta, llama).\n?- C, count(M) <- developed(C, M)."
        let r = runProgram(text).last!
        XCTAssertEqual(r.columns, ["C", "count(M)"])
        XCTAssertEqual(r.rows.map { $0.map(\.description) }, [["meta", "1"], ["openai", "2"]])
    }

    func test_arithmetic_bindingsAndComparisons() {
        XCTAssertEqual(answers("n(3). n(4). d(X, Y) :- n(X), Y = X * 2 + 1. ?- d(X, Y)."), ["3,7", "4,9"])
        XCTAssertEqual(answers("n(7). r(A, B, C) :- n(X), A = X / 2, B = X % 2, C = X - 10. ?- r(A, B, C)."), ["3,1,-3"])
        XCTAssertEqual(answers("n(1). n(5). n(9). ?- n(X), X >= 5, X < 9."), ["5"])
        XCTAssertEqual(answers("v(1.5). v(2). ?- v(X), X > 1.7."), ["2"])
        XCTAssertEqual(answers("v(1e9). ?- v(X), X = 1000000000."), ["1000000000"])
    }

    func test_strings_builtins() {
        let facts = "name(\"OpenAI\"). name(\"Anthropic\"). name(\"微软\").\n"
        XCTAssertEqual(answers(facts + "?- name(N), contains(N, \"pen\")."), ["OpenAI"])
        XCTAssertEqual(answers(facts + "?- name(N), starts_with(N, \"An\")."), ["Anthropic"])
        XCTAssertEqual(answers(facts + "?- name(N), L = lower(N), L = \"openai\"."), ["OpenAI,openai"])
        XCTAssertEqual(answers(facts + "?- name(N), length(N) = 2."), ["微软"])
        XCTAssertEqual(answers(facts + "?- name(N), not contains(N, \"n\")."), ["微软"])
    }

    func test_strings_escapesAndAtomsEqualStrings() {
        XCTAssertEqual(answers("s(\"a\\\"b\\\\c\"). ?- s(X)."), ["a\"b\\c"])
        XCTAssertEqual(answers("t(acme). ?- t(\"acme\")."), [""])
    }

    func test_limit_capsAndSaysSo() {
        let r = runProgram("n(1). n(2). n(3). n(4). ?- n(X) limit 2.").last!
        XCTAssertEqual(r.rows.count, 2)
        XCTAssertTrue(r.truncated)
        XCTAssertNotNil(r.truncationReason)
        let full = runProgram("n(1). n(2). ?- n(X) limit 5.").last!
        XCTAssertEqual(full.rows.count, 2)
        XCTAssertFalse(full.truncated)
    }

    func test_session_accumulatesAcrossRuns() {
        let session = DatalogSession()
        _ = runProgram("edge(1, 2). edge(2, 3).", session: session)
        _ = runProgram(tc, session: session)
        XCTAssertEqual(answers("?- path(1, X).", session: session), ["2", "3"])
        _ = runProgram("edge(3, 4).", session: session)
        XCTAssertEqual(answers("?- path(1, X).", session: session), ["2", "3", "4"])
        let preds = session.predicates
        XCTAssertEqual(preds.map { $0.name }, ["edge", "path"])
        XCTAssertEqual(preds.first { $0.name == "edge" }?.count, 3)
    }

    func test_souffleDirectives_runUnchanged() throws {
        // .input reads DIR/edge.facts (a missing fact file is an error, as in Soufflé).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "1\t2\n2\t3\n".write(to: dir.appendingPathComponent("edge.facts"), atomically: true, encoding: .utf8)
        let text = """
        .decl edge(a:number, b:number)
        .input edge
        .printsize path
        .decl path(a:number, b:number)
        path(x, y) :- edge(x, y).
        path(x, z) :- path(x, y), edge(y, z).
        """
        let session = DatalogSession()
        session.inputDirectory = dir
        let r = runProgram(text, session: session).last!
        XCTAssertTrue(r.countOnly)
        XCTAssertEqual(r.count, 3)
    }

    func test_souffleAggregateAndNegation_runUnchanged() {
        let text = """
        .decl triple(s:number, p:symbol, o:number)
        triple(1, "developed", 10). triple(1, "developed", 11). triple(2, "developed", 12). triple(3, "knows", 1).
        .decl n(c:number, k:number)
        n(c, k) :- triple(c, "developed", _), k = count : { triple(c, "developed", _) }.
        .decl quiet(c:number)
        quiet(c) :- triple(c, _, _), !triple(c, "developed", _).
        .decl total(c:number, t:number)
        total(c, t) :- triple(c, "developed", _), t = sum o : { triple(c, "developed", o) }.
        """
        let session = DatalogSession()
        XCTAssertEqual(answers(text + "\n?- n(C, K).", session: session), ["1,2", "2,1"])
        XCTAssertEqual(answers("?- quiet(C).", session: session), ["3"])
        XCTAssertEqual(answers("?- total(C, T).", session: session), ["1,21", "2,12"])
        XCTAssertFalse(session.predicates.contains { $0.name.hasPrefix("__") })
    }

    func test_explain_derivationReachesBaseFacts() {
        let session = DatalogSession()
        let r = runProgram("edge(1, 2). edge(2, 3).\n" + tc + "?- path(1, 3).", session: session).last!
        XCTAssertEqual(r.rows.count, 1)
        let d = session.explain(predicate: "path", tuple: [.int(1), .int(3)])
        XCTAssertNotNil(d)
        XCTAssertEqual(d?.rule, "path(X, Z) :- path(X, Y), edge(Y, Z).")
        XCTAssertEqual(d?.premises.map(\.fact), ["path(1, 2)", "edge(2, 3)"])
        XCTAssertNil(d?.premises[1].rule)
        XCTAssertEqual(d?.premises[0].premises.map(\.fact), ["edge(1, 2)"])
    }

    func test_factFiles_loadTabSeparatedNumbersAndStrings() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "1\tdeveloped\t2\n3\tdeveloped\t4\n1\tknows\t3\n".write(to: dir.appendingPathComponent("triple.tsv"), atomically: true, encoding: .utf8)
        try "1\t2\n2\t3\n".write(to: dir.appendingPathComponent("edge.facts"), atomically: true, encoding: .utf8)
        let session = DatalogSession(factSource: try FactFiles(directory: dir))
        XCTAssertEqual(answers("?- triple(S, \"developed\", O), S < 3.", session: session), ["1,2"])
        XCTAssertEqual(answers(tc + "?- path(1, X).", session: session), ["2", "3"])
    }
}

final class MagicSetTests: XCTestCase {
    let program = """
    edge(a, b). edge(b, c). edge(c, a). edge(d, e). edge(e, f). edge(x, y).
    reach(X, Y) :- edge(X, Y).
    reach(X, Z) :- reach(X, Y), edge(Y, Z).
    sg(X, Y) :- edge(P, X), edge(P, Y), X != Y.
    sg(X, Y) :- edge(A, X), sg(A, B), edge(B, Y).
    """

    func results(_ query: String, magic: Bool) throws -> QueryResult {
        let s = DatalogSession()
        s.useMagicSets = magic
        return try XCTUnwrap(try s.run(source: program + "\n" + query, file: "m.dl").last)
    }

    func test_magicSets_equalFullEvaluation() throws {
        for q in ["?- reach(d, X).", "?- reach(X, a).", "?- reach(a, a).", "?- reach(d, X), reach(X, Y).",
                  "?- sg(b, Y).", "?- edge(A, B), reach(B, a).", "?- reach(q, X)."] {
            let with = try results(q, magic: true), without = try results(q, magic: false)
            XCTAssertEqual(with.rows, without.rows, q)
        }
    }

    func test_magicSets_boundQueryDoesNotComputeWholeRelation() throws {
        let r = try results("?- reach(d, X).", magic: true)
        XCTAssertEqual(r.rows.map { $0.map(\.description) }, [["e"], ["f"]])
        XCTAssertEqual(r.tupleCounts["reach@bf"], 2)
        XCTAssertNil(r.tupleCounts["reach"].flatMap { $0 > 0 ? $0 : nil }, "reach itself was not evaluated")
    }
}

final class ExplainQueryTests: XCTestCase {
    func test_explainAnswer_afterMagicSetQuery() throws {
        let s = DatalogSession()
        let r = try XCTUnwrap(try s.run(source: "edge(1, 2). edge(2, 3).\npath(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n?- path(1, X).", file: "e.dl").last)
        XCTAssertEqual(r.rows.count, 2)
        let d = s.explain(result: r, row: [.int(3)])
        XCTAssertEqual(d.premises.map(\.fact), ["path(1, 3)"])
        XCTAssertEqual(d.premises.first?.premises.map(\.fact), ["path(1, 2)", "edge(2, 3)"])
    }
}
