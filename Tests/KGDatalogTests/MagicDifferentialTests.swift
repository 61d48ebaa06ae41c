@testable import KGDatalog
import XCTest

/// The magic-set rewriting of rules (MagicSets.swift) must not change an answer:
/// random programs whose rules call recursive relations with constants, through
/// negation, aggregates and recursion of their own, are answered with the
/// rewriting on and off, relation by relation, and must agree (or fail alike).
final class MagicDifferentialTests: XCTestCase {
    typealias SplitMix = DifferentialTests.SplitMix

    /// One random program in kg's syntax: base relations e/2, f/2 (facts), recursive
    /// p/2 and q/2 (q sometimes mutually recursive with p, sometimes negating e),
    /// and callers a/1, b/1, c/2, n/1 that read p and q with constants.
    func randomProgram(_ g: inout SplitMix) -> String {
        var text = ""
        for base in ["e", "f"] {
            for _ in 0..<(4 + g.int(10)) { text += "\(base)(\(g.int(6)), \(g.int(6))).\n" }
        }
        text += "p(X, Y) :- e(X, Y).\n"
        text += ["p(X, Z) :- p(X, Y), e(Y, Z).\n", "p(X, Z) :- e(X, Y), p(Y, Z).\n", "p(X, Z) :- p(X, Y), p(Y, Z).\n"][g.int(3)]
        text += "q(X, Y) :- f(X, Y).\n"
        text += ["q(X, Z) :- q(X, Y), f(Y, Z).\n", "q(X, Z) :- p(X, Y), q(Y, Z).\n",
                 "q(X, Z) :- q(X, Y), f(Y, Z), not e(Y, Z).\n", "q(Y, X) :- q(X, Y).\n"][g.int(4)]
        let derived = ["p", "q"]
        func c() -> String { String(g.int(6)) }
        // Callers: each a rule with 1 or 2 atoms, at least one with a constant.
        for _ in 0..<(3 + g.int(4)) {
            let r1 = derived[g.int(2)], r2 = ["p", "q", "e", "f", "a"][g.int(5)]
            var body: [String]
            var bound: [String]
            switch g.int(3) {
            case 0: body = ["\(r1)(\(c()), X)"]; bound = ["X"]
            case 1: body = ["\(r1)(X, \(c()))"]; bound = ["X"]
            default: body = ["\(r1)(\(c()), \(c()))", "e(X, Y)"]; bound = ["X", "Y"]
            }
            if g.int(2) == 0 {
                if r2 == "a" { body.append("a(X)") } else { body.append("\(r2)(X, Z)"); bound.append("Z") }
            }
            if g.int(3) == 0 {
                let v = bound[g.int(bound.count)]
                body.append(["not p(\(c()), \(v))", "not q(\(v), \(c()))", "not a(\(v))"][g.int(3)])
            }
            let v = bound[g.int(bound.count)], w = bound[g.int(bound.count)]
            switch g.int(4) {
            case 0: text += "a(\(v)) :- \(body.joined(separator: ", ")).\n"
            case 1: text += "b(\(v)) :- \(body.joined(separator: ", ")).\n"
            case 2: text += "c(\(v), \(w)) :- \(body.joined(separator: ", ")).\n"
            default: text += "n(count(\(v))) :- \(body.joined(separator: ", ")).\n"
            }
        }
        // Sometimes a caller that is recursive itself, or reads an aggregate.
        if g.int(2) == 0 { text += "a(Y) :- a(X), p(X, Y), q(\(c()), Y).\n" }
        if g.int(2) == 0 { text += "b(X) :- n(X), p(X, \(c())).\n" }
        return text
    }

    /// Rounds in which some answer read an adorned relation (the rewriting applied).
    var adornedRounds = 0

    func outcome(_ program: String, magic: Bool) -> [String] {
        let session = DatalogSession()
        session.useMagicSets = magic
        var out: [String] = []
        do {
            _ = try session.run(source: program, file: "p.dl")
            for (rel, arity) in [("a", 1), ("b", 1), ("c", 2), ("n", 1), ("p", 2), ("q", 2)] {
                let vars = arity == 2 ? "A, B" : "A"
                let r = try session.run(source: "?- \(rel)(\(vars)).", file: "q.dl")
                if magic, r.last?.tupleCounts.keys.contains(where: { $0.contains("@") }) == true { adornedRounds += 1 }
                out.append(rel + ": " + (r.last?.rows.map { $0.map(\.description).joined(separator: ",") }.sorted().joined(separator: " ") ?? ""))
            }
        } catch {
            out.append("error: \(error)")
        }
        return out
    }

    func test_ruleLevelMagicSets_changeNoAnswer() throws {
        var g = SplitMix(state: 16_2026)
        var rewritten = 0
        for round in 0..<150 {
            let program = randomProgram(&g)
            let a = outcome(program, magic: true), b = outcome(program, magic: false)
            XCTAssertEqual(a, b, "round \(round):\n\(program)")
            if program.contains("(0, X)") || program.contains("(1, X)") { rewritten += 1 }
        }
        XCTAssertGreaterThan(rewritten, 50, "the programs call recursive relations with constants")
        XCTAssertGreaterThan(adornedRounds, 100, "answers read adorned relations")
    }

    /// The rewriting does what it is for: a rule calling a recursive relation with a
    /// constant derives only the adorned relation, not the whole one.
    func test_ruleWithConstant_readsAdornedRelationOnly() throws {
        let program = """
        edge(1, 2). edge(2, 3). edge(3, 4). edge(7, 8). edge(8, 9).
        reach(X, Y) :- edge(X, Y).
        reach(X, Z) :- reach(X, Y), edge(Y, Z).
        from7(Y) :- reach(7, Y).
        ?- from7(Y).
        """
        let r = try XCTUnwrap(runProgram(program).last)
        XCTAssertEqual(r.rows.map { $0.map(\.description) }, [["8"], ["9"]])
        XCTAssertEqual(r.tupleCounts["reach@bf"], 2)
        XCTAssertEqual(r.tupleCounts["reach"] ?? 0, 0, "reach itself was not evaluated")
    }

    /// `.pragma "magic-transform-exclude"` and `no_magic` keep the full evaluation.
    func test_magicTransformExclude_keepsFullEvaluation() throws {
        let program = """
        .decl edge(x:number, y:number)
        .decl reach(x:number, y:number) no_magic
        .decl from7(y:number)
        edge(1, 2). edge(7, 8). edge(8, 9).
        reach(x, y) :- edge(x, y).
        reach(x, z) :- reach(x, y), edge(y, z).
        from7(y) :- reach(7, y).
        .printsize from7
        """
        let s = DatalogSession()
        let r = try XCTUnwrap(try s.run(source: program, file: "x.dl").last)
        XCTAssertEqual(r.count, 2)
        XCTAssertEqual(s.magicPolicy.excludedNames, ["reach"])
        XCTAssertEqual(r.tupleCounts["reach"], 4)
        XCTAssertNil(r.tupleCounts["reach@bf"])
    }

    /// A binding computed by arithmetic does not feed a magic set: `gen(X) :- gen(X + 1)`
    /// with gen(0) asked would otherwise ask for gen(1), gen(2), … without end.
    func test_arithmeticBinding_doesNotFeedMagicSet() throws {
        let program = """
        .pragma "magic-transform" "*"
        .decl seed(x:number)
        .decl valid(x:number)
        .decl gen(x:number)
        .decl query()
        seed(5). valid(0). valid(1). valid(2). valid(3). valid(4).
        gen(x) :- seed(x).
        gen(x) :- gen(x + 1), valid(x).
        query() :- gen(0).
        .printsize query
        """
        let s = DatalogSession()
        s.timeout = 20
        let r = try XCTUnwrap(try s.run(source: program, file: "inf.dl").last)
        XCTAssertFalse(r.truncated)
        XCTAssertEqual(r.count, 1)
    }

    func test_pragmaMagicTransform_isRead() throws {
        let s = DatalogSession()
        _ = try s.run(source: ".pragma \"magic-transform\" \"*\"\n.pragma \"magic-transform-exclude\" \"a,b\"\n.decl a(x:number)", file: "p.dl")
        XCTAssertTrue(s.magicPolicy.all)
        XCTAssertEqual(s.magicPolicy.excludedNames, ["a", "b"])
    }
}

final class MagicExplanationTests: XCTestCase {
    /// An answer read through a rule rewritten with magic sets is explained by the
    /// program's own rules (it was shown as a fact).
    func test_explanation_afterRuleLevelMagic() throws {
        let s = DatalogSession()
        let program = """
        edge(1, 2). edge(7, 8). edge(8, 9).
        reach(X, Y) :- edge(X, Y).
        reach(X, Z) :- reach(X, Y), edge(Y, Z).
        from7(Y) :- reach(7, Y).
        ?- from7(Y).
        """
        let r = try XCTUnwrap(try s.run(source: program, file: "w.dl").last)
        XCTAssertNotNil(r.tupleCounts["reach@bf"], "the rule was rewritten")
        let d = s.explain(result: r, row: [.int(9)])
        XCTAssertEqual(d.premises.map(\.fact), ["from7(9)"])
        XCTAssertEqual(d.premises.first?.premises.map(\.fact), ["reach(7, 9)"])
        XCTAssertEqual(d.premises.first?.premises.first?.premises.map(\.fact), ["reach(7, 8)", "edge(8, 9)"])
    }
}
