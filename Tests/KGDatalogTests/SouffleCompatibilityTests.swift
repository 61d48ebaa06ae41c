import Foundation
import KGCore
@testable import KGDatalog
import XCTest

/// Soufflé programs run with Soufflé's meaning, or are rejected by name: one test
/// per feature and per behaviour that used to be accepted and then answered wrongly.
/// Expected answers are worked out by hand in the comments.
final class SouffleCompatibilityTests: XCTestCase {
    private func temporaryDirectory(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-souffle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    private func assertRejected(_ text: String, line: Int, column: Int, contains fragment: String,
                                file: StaticString = #filePath, testLine: UInt = #line) {
        guard let d = diagnostic(text) else { return XCTFail("accepted: \(text)", file: file, line: testLine) }
        XCTAssertEqual(d.location.line, line, "line of: \(d)", file: file, line: testLine)
        XCTAssertEqual(d.location.column, column, "column of: \(d)", file: file, line: testLine)
        XCTAssertTrue(d.message.contains(fragment), "message: \(d.message)", file: file, line: testLine)
        XCTAssertTrue(d.description.contains("^"), "caret missing: \(d)", file: file, line: testLine)
    }

    // MARK: - behaviours that were silently wrong

    /// eqrel: the reflexive, symmetric, transitive closure. {1,2,3} are one class: 3 × 3 pairs.
    func test_eqrel_isAnEquivalenceClosure() {
        let rows = answers("""
        .decl e(x:number, y:number) eqrel
        e(1,2). e(2,3).
        e(7,8).
        ?- e(X, Y).
        """)
        let expected = ["1,1", "1,2", "1,3", "2,1", "2,2", "2,3", "3,1", "3,2", "3,3", "7,7", "7,8", "8,7", "8,8"]
        XCTAssertEqual(rows, expected)
    }

    func test_eqrel_derivedByRules() {
        // Rules feed the closure too: r(1,2) from a(1,2) joins a's 2-3 edge through r.
        let rows = answers("""
        .decl a(x:number, y:number)
        a(1,2). a(3,2).
        .decl r(x:number, y:number) eqrel
        r(x, y) :- a(x, y).
        ?- r(1, Y).
        """)
        XCTAssertEqual(rows, ["1", "2", "3"])
    }

    /// choice-domain was rejected (kg kept every tuple); it now keeps one tuple per key.
    func test_choiceDomain_keepsOneTuplePerKey() {
        XCTAssertEqual(answers(".decl c(x:number, y:number) choice-domain x\nc(1,2). c(1,3). c(2,3).\n?- c(X, Y)."), ["1,2", "2,3"])
    }

    /// match(pattern, text): the whole text matches the regular expression.
    func test_match_isARegularExpressionOverTheWholeText() {
        let text = """
        .decl s(x:symbol)
        s("foo"). s("bar"). s("fo"). s("xfoo").
        .decl m(x:symbol)
        m(x) :- s(x), match("f.*", x).
        .decl n(x:symbol)
        n(x) :- s(x), !match("f.*", x).
        """
        XCTAssertEqual(answers(text + "\n?- m(X)."), ["fo", "foo"])
        XCTAssertEqual(answers(text + "\n?- n(X)."), ["bar", "xfoo"])
    }

    /// As in Soufflé, an invalid pattern matches nothing; kg says so at the pattern.
    func test_match_badRegexMatchesNothingWithAWarning() {
        let session = DatalogSession()
        XCTAssertEqual(answers(".decl s(x:symbol)\ns(\"a\").\n.decl m(x:symbol)\nm(x) :- s(x), match(\"(\", x).\n?- m(X).",
                               session: session), [])
        XCTAssertEqual(session.warnings.first?.location.line, 4)
        XCTAssertEqual(session.warnings.first?.location.column, 21)
        XCTAssertTrue(session.warnings.first?.message.contains("regular expression") == true)
    }

    /// Soufflé's contains(needle, haystack); kg's own order (text first) stays for kg programs.
    func test_contains_usesSoufflesArgumentOrderInSouffleTexts() {
        XCTAssertEqual(answers("""
        .decl s(x:symbol)
        s("foo"). s("bar").
        .decl c(x:symbol)
        c(x) :- s(x), contains("oo", x).
        ?- c(X).
        """), ["foo"])
        XCTAssertEqual(answers("s(\"foo\"). s(\"bar\").\n?- s(X), contains(X, \"oo\")."), ["foo"])
    }

    func test_input_delimiterAndFilename() throws {
        let dir = try temporaryDirectory(["pairs.csv": "1,2\n3,4\n", "ignored.facts": "9\t9\n"])
        let session = DatalogSession(factSource: try FactFiles(directory: dir))
        XCTAssertEqual(answers("""
        .decl a(x:number, y:number)
        .input a(IO=file, filename="pairs.csv", delimiter=",")
        ?- a(X, Y).
        """, session: session), ["1,2", "3,4"])
    }

    func test_input_withoutFactSourceReadsTheInputDirectory() throws {
        let dir = try temporaryDirectory(["a.facts": "x\t1\ny\t2\n"])
        let session = DatalogSession()
        session.inputDirectory = dir
        XCTAssertEqual(answers(".decl a(s:symbol, n:number)\n.input a\n?- a(S, N).", session: session), ["x,1", "y,2"])
    }

    func test_input_unknownOptionIsAnError() {
        assertRejected(".decl a(x:number)\n.input a(IO=file, compress=true)", line: 2, column: 19,
                       contains: "unknown .input option 'compress'")
    }

    func test_factFile_lineWithTooFewFieldsIsAnError() throws {
        let dir = try temporaryDirectory(["e.facts": "1\t2\n3\n4\t5\n"])
        let session = DatalogSession(factSource: try FactFiles(directory: dir))
        XCTAssertThrowsError(try session.run(source: "?- e(X, Y).", file: "q.dl")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("e.facts:2"), text)
            XCTAssertTrue(text.contains("expected 2"), text)
        }
    }

    func test_percentCommentAfterDirective() {
        let results = runProgram(".decl e(x:number) % the edges\ne(1).\n.printsize e % how many\n?- e(X).")
        XCTAssertEqual(results.map(\.count), [1, 1])  // the query, then .printsize (after the whole text)
        XCTAssertEqual(results.last?.countOnly, true)
        XCTAssertEqual(answers(".decl e(x:number)\n% the edges\ne(1).\n?- e(X)."), ["1"])
    }

    func test_printsize_beforeTheRelationsRules() {
        let results = runProgram(".decl p(x:number)\n.printsize p\np(1). p(2).\np(3) :- p(2).")
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(results.first?.countOnly, true)
        XCTAssertEqual(results.first?.count, 3)
    }

    func test_printsize_inJSONCarriesTheCount() {
        let results = runProgram(".decl p(x:number)\np(1). p(2).\n.printsize p")
        let json = AnswerFormatter(format: .json).format(results[0])
        XCTAssertTrue(json.contains("\"p\""), json)
        XCTAssertTrue(json.contains("[\"p\", 2]"), json)
    }

    // MARK: - misleading messages

    /// For each n, the x below it: 1 → 0, 2 → 1, 3 → 2 (a count of nothing is 0 in Soufflé).
    func test_correlatedAggregate() {
        XCTAssertEqual(answers("""
        .decl x(n:number)
        x(1). x(2). x(3).
        .decl w(c:number, n:number)
        w(c, n) :- x(n), c = count : { x(m), m < n }.
        ?- w(C, N).
        """), ["0,1", "1,2", "2,3"])
    }

    /// `count : a(_, _)` counts a's tuples: 3.
    func test_countOverAnAtomWithAnonymousArguments() {
        XCTAssertEqual(answers("""
        .decl a(x:number, y:number)
        a(1,1). a(1,2). a(2,1).
        .decl n(c:number)
        n(c) :- c = count : a(_, _).
        ?- n(C).
        """), ["3"])
    }

    // MARK: - syntax

    func test_blockComments() {
        XCTAssertEqual(answers("/* facts\n   of e */ e(1). /* one more */ e(2).\n?- e(X)."), ["1", "2"])
        assertRejected("e(1).\n  /* never closed", line: 2, column: 3, contains: "unterminated block comment")
    }

    func test_capitalisedRelationNamesWhenDeclared() {
        XCTAssertEqual(answers(".decl Edge(a:number, b:number)\nEdge(1, 2).\n.decl Path(a:number, b:number)\nPath(x, y) :- Edge(x, y).\n?- Path(X, Y)."),
                       ["1,2"])
    }

    /// p(x + 1) :- q(x): 1 → 2, 5 → 6; a fact with an expression is computed once.
    func test_expressionsInHeadsAndAtomArguments() {
        XCTAssertEqual(answers(".decl q(x:number)\nq(1). q(5).\n.decl p(x:number)\np(x + 1) :- q(x).\np(2 * 10).\n?- p(X)."),
                       ["2", "20", "6"])
        // an expression as a body atom's argument: q(x + 4) holds for x = 1 (q(5))
        XCTAssertEqual(answers(".decl q(x:number)\nq(1). q(5).\n.decl r(x:number)\nr(x) :- q(x), q(x + 4).\n?- r(X)."), ["1"])
    }

    /// `;` and several heads: a(X) for X in b or c; both heads get both.
    func test_disjunctionAndSeveralHeads() {
        let text = """
        .decl b(x:number)
        .decl c(x:number)
        b(1). c(2). c(3).
        .decl h1(x:number)
        .decl h2(x:number)
        h1(x), h2(x) :- b(x) ; c(x), x > 2.
        .decl g(x:number)
        g(x) :- (b(x) ; c(x)), x < 3.
        """
        XCTAssertEqual(answers(text + "\n?- h1(X)."), ["1", "3"])
        XCTAssertEqual(answers(text + "\n?- h2(X)."), ["1", "3"])
        XCTAssertEqual(answers(text + "\n?- g(X)."), ["1", "2"])
    }

    /// cat, strlen, substr, to_number, to_string, min/max of two, ^, band.
    func test_souffleFunctors() {
        let text = """
        .decl s(x:symbol)
        s("hello").
        .decl r(a:symbol, b:number, c:symbol, d:number, e:number, f:number, g:number)
        r(cat(x, "!", "?"), strlen(x), substr(x, 1, 3), to_number("42") + 1, max(3, 9), 2 ^ 3 ^ 2, 12 band 10) :- s(x).
        ?- r(A, B, C, D, E, F, G).
        """
        XCTAssertEqual(answers(text), ["hello!?,5,ell,43,9,512,8"])
        XCTAssertEqual(answers(".decl t(x:symbol)\nt(to_string(2.5)).\n?- t(X)."), ["2.500000"])
        XCTAssertEqual(answers(".decl t(x:number)\nt(to_number(-3.7)).\n?- t(X)."), ["-3"])
    }

    func test_unsupportedFunctorsAreRejectedByName() {
        assertRejected(".decl r(x:number)\nr(x) :- x = 1 + range(1, 5).", line: 2, column: 17, contains: "range(…)")
        assertRejected(".decl r(x:number)\nr(x) :- x = nosuch(1).", line: 2, column: 13, contains: "unknown function 'nosuch'")
    }

    /// count : { a(x, y), x < y } counts solutions: (1,2), (1,3), (2,3) → 3; sum over two variables.
    func test_aggregatesOverSeveralVariables() {
        let text = """
        .decl a(x:number, y:number)
        a(1,2). a(1,3). a(2,3). a(3,1).
        .decl n(c:number)
        n(c) :- c = count : { a(x, y), x < y }.
        .decl s(t:number)
        s(t) :- t = sum x * y : { a(x, y) }.
        """
        XCTAssertEqual(answers(text + "\n?- n(C)."), ["3"])
        XCTAssertEqual(answers(text + "\n?- s(T)."), ["14"])  // 2 + 3 + 6 + 3
    }

    /// A grouped count with no solution is 0 for that group (b(3) has no a(3, _)).
    func test_groupedCountOfNothingIsZero() {
        XCTAssertEqual(answers("""
        .decl a(x:number, y:number)
        a(1,1). a(1,2). a(2,5).
        .decl b(x:number)
        b(1). b(2). b(3).
        .decl n(x:number, c:number)
        n(x, c) :- b(x), c = count : { a(x, _) }.
        ?- n(X, C).
        """), ["1,2", "2,1", "3,0"])
    }

    /// The number of x whose count of smaller values is at least 1: x = 2, 3 → 2.
    func test_nestedAggregate() {
        XCTAssertEqual(answers("""
        .decl x(n:number)
        x(1). x(2). x(3).
        .decl r(c:number)
        r(c) :- c = count : { x(n), k = count : { x(m), m < n }, k >= 1 }.
        ?- r(C).
        """), ["2"])
    }

    /// A later aggregate may use an earlier one's result: c = 3, d = 1 + 2.
    func test_aggregateUsingAnEarlierAggregatesResult() {
        XCTAssertEqual(answers("""
        .decl a(x:number)
        a(1). a(2). a(3).
        .decl p(c:number, d:number)
        p(c, d) :- c = count : { a(x) }, d = sum y : { a(y), y < c }.
        ?- p(C, D).
        """), ["3,3"])
    }

    /// A witness of max: the student with the greatest height.
    func test_minMaxWitness() {
        XCTAssertEqual(answers("""
        .decl student(name:symbol, height:number)
        student("ann", 170). student("bo", 180). student("cy", 175).
        .decl tallest(name:symbol, height:number)
        tallest(name, h) :- h = max x : { student(name, x) }.
        ?- tallest(N, H).
        """), ["bo,180"])
        // the witness of a min over a nested max: per a the max is x → 5, y → 4; the least is y's 4
        XCTAssertEqual(answers("""
        .decl p(a:symbol)
        p("x"). p("y").
        .decl v(a:symbol, n:number)
        v("x", 3). v("x", 5). v("y", 4).
        .decl w(a:symbol, n:number)
        w(a, n) :- n = min m : { p(a), m = max k : { v(a, k) } }.
        ?- w(A, N).
        """), ["y,4"])
        assertRejected(".decl s(n:symbol, h:number)\n.decl t(n:symbol, c:number)\nt(n, c) :- c = count : { s(n, _) }.",
                       line: 3, column: 12, contains: "witness")
    }

    // MARK: - output

    func test_output_writesTheFileInTheOutputDirectory() throws {
        let out = try temporaryDirectory([:])
        let session = DatalogSession()
        session.outputDirectory = out
        let results = runProgram(".decl e(x:number, y:symbol)\n.output e\ne(1, \"a\"). e(2, \"b\").\n.output e(IO=file, filename=\"e2.csv\", delimiter=\",\")",
                                 session: session)
        XCTAssertTrue(results.isEmpty)
        let tab = try String(contentsOf: out.appendingPathComponent("e.csv"), encoding: .utf8)
        XCTAssertEqual(tab, "1\ta\n2\tb\n")
        let comma = try String(contentsOf: out.appendingPathComponent("e2.csv"), encoding: .utf8)
        XCTAssertEqual(comma, "1,a\n2,b\n")
    }

    /// `.output` to a file writes from the relation's rows (`RelationWriter`): the same rows, in the
    /// same order and spelling, as the query's answers, for arities 0 to 4 and mixed values.
    func test_output_fileMatchesTheAnswers() throws {
        var g = DifferentialTests.SplitMix(state: 7_2026)
        let pool = ["1", "0", "-3", "2147483647", "2147483648", "-9000000000", "2.5", "-0.5", "\"a\"", "\"Zoë\"", "\"张\"", "\"b c\"", "17", "3"]
        for arity in 0...4 {
            let out = try temporaryDirectory([:])
            let session = DatalogSession()
            session.outputDirectory = out
            var facts = ""
            for _ in 0..<(arity == 0 ? 1 : 60) {
                facts += "e(" + (0..<arity).map { _ in pool[g.int(pool.count)] }.joined(separator: ", ") + ").\n"
            }
            let columns = (0..<arity).map { "c\($0): symbol" }.joined(separator: ", ")
            let variables = (0..<arity).map { "V\($0)" }.joined(separator: ", ")
            _ = runProgram(".decl e(\(columns))\n" + facts + ".output e(headers=true, delimiter=\";\")", session: session)
            let written = try String(contentsOf: out.appendingPathComponent("e.csv"), encoding: .utf8)
            let header = (0..<arity).map { "c\($0)" }.joined(separator: ";")
            if arity == 0 { XCTAssertEqual(written, "\n()\n"); continue }
            let result = try XCTUnwrap(runProgram(facts + "?- e(\(variables)).").last)
            XCTAssertGreaterThan(result.rows.count, 10)
            let rows = result.rows.map { $0.map(\.description).joined(separator: ";") + "\n" }.joined()
            XCTAssertEqual(written, header + "\n" + rows, "arity \(arity)")
        }
    }

    func test_output_withoutDirectoryPrintsTheRelation() {
        let results = runProgram(".decl e(x:number)\n.output e\ne(1). e(2).")
        XCTAssertEqual(results.count, 1)
        XCTAssertEqual(results[0].rows.map { $0.map(\.description) }, [["1"], ["2"]])
        XCTAssertEqual(results[0].columns, ["x"])
    }

    // MARK: - rejected with a clear message

    func test_recordsADTsComponentsAndUnknownsAreRejected() {
        assertRejected(".type Pair = [a:number, b:number]", line: 1, column: 14, contains: "record types are not supported")
        assertRejected(".type Shape = Circle { r:number }\n  | Square { s:number }", line: 1, column: 22, contains: "algebraic data types")
        assertRejected(".decl e(x:number)\n.comp Graph {\n}", line: 2, column: 1, contains: "components")
        assertRejected(".decl e(x:number) fancy", line: 1, column: 19, contains: "unknown qualifier 'fancy'")
        assertRejected(".decl e(x:number)\n.pragma \"provenance\" \"explain\"", line: 2, column: 1, contains: ".pragma")
        assertRejected(".decl e(x:number)\n.frobnicate e", line: 2, column: 1, contains: "unknown directive")
        assertRejected(".decl e(x:number)\ne(x) :- x = @twice(2).", line: 2, column: 13, contains: "user-defined functors")
        assertRejected(".decl e(x:number)\ne(x) :- f(x, [1, 2]).", line: 2, column: 14, contains: "records")
    }

    /// An aggregate correlated on a recursive relation: named by the user's relation, not the generated ones.
    func test_aggregateInsideARecursionIsRejectedInTheUsersTerms() {
        let text = ".decl p(x:number)\np(1).\n.decl out(r:number, z:number)\nout(0, 0).\nout(r + 1, z) :- out(r, _), r < 3, z = count : { p(x), x <= r }.\n?- out(R, Z)."
        guard let d = diagnostic(text) else { return XCTFail("accepted") }
        XCTAssertEqual(d.location.line, 5)
        XCTAssertTrue(d.message.contains("'out'"), d.message)
        XCTAssertFalse(d.message.contains("__"), d.message)
    }

    /// Division in a rule for a float relation would divide integers in kg: rejected at the '/'.
    func test_floatDivisionIsRejected() {
        assertRejected(".decl h(x:float)\nh(64.0).\nh(x / 2) :- h(x), x > 1.", line: 3, column: 5, contains: "float")
    }

    /// range(a, b[, step]): b exclusive; without a step, down when a > b; a step away from b gives nothing.
    func test_range() {
        let text = """
        .decl up(x:number)
        up(x) :- x = range(1, 4).
        .decl down(x:number)
        down(x) :- x = range(9, 6).
        .decl stepped(x:number)
        stepped(x) :- x = range(9, 0, -4).
        .decl away(x:number)
        away(x) :- x = range(9, 0, 3).
        .decl s(n:number)
        s(2). s(3).
        .decl per(n:number, x:number)
        per(n, x) :- s(n), x = range(1, n).
        .decl evens(c:number)
        evens(c) :- c = count : { i = range(0, 10), i % 2 = 0 }.
        """
        XCTAssertEqual(answers(text + "\n?- up(X)."), ["1", "2", "3"])
        XCTAssertEqual(answers(text + "\n?- down(X)."), ["7", "8", "9"])
        XCTAssertEqual(answers(text + "\n?- stepped(X)."), ["1", "5", "9"])
        XCTAssertEqual(answers(text + "\n?- away(X)."), [])
        XCTAssertEqual(answers(text + "\n?- per(N, X)."), ["2,1", "3,1", "3,2"])
        XCTAssertEqual(answers(text + "\n?- evens(C)."), ["5"])
    }

    /// A symbol column keeps its text ("007", "1.50"); a number column reads numbers.
    func test_input_symbolColumnsKeepTheirText() throws {
        let dir = try temporaryDirectory(["a.facts": "007\t7\n1.50\t2\n", "b.csv": "007,7\n"])
        let session = DatalogSession(factSource: try FactFiles(directory: dir))
        let text = """
        .decl a(s:symbol, n:number)
        .input a
        .decl b(s:symbol, n:number)
        .input b(filename="b.csv", delimiter=",")
        .decl same(s:symbol)
        same(s) :- a(s, _), b(s, _).
        """
        XCTAssertEqual(answers(text + "\n?- a(S, N), S = \"007\".", session: session), ["007,7"])
        XCTAssertEqual(answers("?- a(\"1.50\", N).", session: session), ["2"])
        XCTAssertEqual(answers("?- same(S).", session: session), ["007"])
    }

    /// In the REPL each line is a text of its own: a .decl in an earlier one keeps Soufflé mode.
    func test_souffleModeLastsForTheSession() {
        let session = DatalogSession()
        _ = runProgram(".decl Edge(a:number, b:number)", session: session)
        _ = runProgram("Edge(1, 2). Edge(2, 3).", session: session)
        _ = runProgram(".decl Path(a:number, b:number)", session: session)
        _ = runProgram("Path(x, y) :- Edge(x, y).", session: session)
        _ = runProgram("Path(x, z) :- Path(x, y), Edge(y, z).", session: session)
        XCTAssertEqual(answers("?- Path(1, X).", session: session), ["2", "3"])
    }
}

