import Foundation
import KGCore
import KGStore
import XCTest

/// The REPL's output commands, through standard input (no terminal).
final class ReplOutputTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try GraphFixture.temporaryDirectory()
        try GraphFixture.build(at: dir)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func repl(_ input: String) throws -> (status: Int32, out: String, err: String) {
        try runKG(["repl", "--graph", dir.path], input: input)
    }

    func test_output_writesAnswersToTheFileInTheCurrentFormat() throws {
        let file = dir.appendingPathComponent("answers.csv")
        let r = try repl(":format csv\n:output \(file.path)\n?- ceo_of(P, C) order by P desc.\n?- acquired(\"英伟达\", X).\n:output\n?- acquired(\"英伟达\", X).\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "P,C\nLisa Su,AMD\nJensen Huang,NVIDIA\nX\nMellanox\n")
        XCTAssertTrue(r.out.contains("wrote 2 answers to \(file.path)\nwrote 1 answer to \(file.path)\n"), r.out)
        XCTAssertTrue(r.out.hasSuffix("X\nMellanox\n"), "after ':output' answers are on the screen again: \(r.out)")
    }

    func test_once_writesOnlyTheNextAnswers() throws {
        let file = dir.appendingPathComponent("once.txt")
        let r = try repl(":once \(file.path)\n?- ceo_of(P, \"AMD\").\n?- ceo_of(P, \"英伟达\").\n")
        XCTAssertEqual(r.status, 0, r.err)
        let saved = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(saved.hasPrefix("| P       |\n|---------|\n| Lisa Su |\n1 answer"), saved)
        XCTAssertFalse(saved.contains("(0."), "no timing in files")
        XCTAssertTrue(r.out.contains("| Jensen Huang |"), r.out)
    }

    func test_longResult_isCappedWithHowToSeeTheRest() throws {
        let facts = (1...75).map { "n(\($0))." }.joined(separator: " ")
        let r = try repl(":maxrows 50\n" + facts + "\n?- n(X) order by X desc.\n:all\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("| 26 |\n… 25 more (:all shows them all)\n75 answers"), r.out)
        XCTAssertFalse(r.out.components(separatedBy: "… 25 more")[0].contains("| 25 |"))
        XCTAssertTrue(r.out.components(separatedBy: "… 25 more")[1].contains("| 1  |"), ":all prints every row")
        let off = try repl(":maxrows 50\n:maxrows off\n" + facts + "\n?- n(X).\n")
        XCTAssertFalse(off.out.contains("more ("), off.out)
        let piped = try repl(facts + "\n?- n(X).\n")
        XCTAssertFalse(piped.out.contains("more ("), "no cap by default when standard input is not a terminal")
    }

    func test_longShow_isCappedWithShowAll() throws {
        let big = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: big) }
        let store = try GraphStore.open(big, mode: .write)
        var ops: [KGStore.Operation] = [.assertEntity(Entity(id: 1, type: .company, name: "Acme"))]
        for i in 2...41 {
            ops.append(.assertEntity(Entity(id: i, type: .person, name: "Person \(i)")))
            ops.append(.assertTriple(Triple(subject: i, predicate: "works_at", object: .entity(1)),
                                     Provenance(document: "staff.txt", sentence: "Person \(i) 在 Acme 工作。", rule: "test")))
        }
        try store.commit(TransactionDraft(source: .document("staff.txt"), operations: ops))
        let r = try runKG(["repl", "--graph", big.path], input: ":maxlines 60\n:show Acme\n")
        XCTAssertEqual(r.status, 0, r.err)
        let lines = r.out.split(separator: "\n").dropFirst()  // "maxlines: 60"
        XCTAssertEqual(lines.count, 61)
        XCTAssertEqual(lines.last, "… 23 more lines (:show --all Acme)")
        let all = try runKG(["repl", "--graph", big.path], input: ":maxlines 60\n:show --all Acme\n")
        XCTAssertEqual(all.out.split(separator: "\n").count, 84)
        XCTAssertFalse(all.out.contains("more lines"))
    }

    func test_lineFormat_widthCut_andTiming() throws {
        let r = try repl(":format line\n?- ceo_of(P, C).\n:format table\n:width 6\n?- ceo_of(P, \"英伟达\").\n:timing on\n?- ceo_of(P, \"AMD\").\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("P = Jensen Huang\nC = NVIDIA\n\nP = Lisa Su\nC = AMD\n\n2 answers"), r.out)
        XCTAssertTrue(r.out.contains("| Jense… |\n"), r.out)
        XCTAssertTrue(r.out.range(of: #"1 answer \(wall \d+\.\d{3} s, cpu \d+\.\d{3} s\)"#, options: .regularExpression) != nil, r.out)
    }

    func test_rulesAndDrop() throws {
        let r = try repl("boss(P) :- ceo_of(P, _).\nlike(1).\n:rules\n:drop boss\n?- boss(P).\n:rules\n:drop boss\n")
        XCTAssertTrue(r.out.contains("boss(P) :- ceo_of(P, _).    % <repl>:1:1\nlike: 1 fact\n"), r.out)
        XCTAssertTrue(r.out.contains("dropped boss: 1 rule, 0 facts\n"), r.out)
        XCTAssertTrue(r.out.contains("0 answers"), "the dropped rule derives nothing: \(r.out)")
        XCTAssertTrue(r.err.contains("error: no rules or facts for 'boss' in this session (:rules lists them)"), r.err)
    }

    func test_help_listsTheOutputCommands() throws {
        let r = try repl(":help output\n:help once\n:help format\n")
        XCTAssertEqual(r.out, """
        :output [FILE]
          answers go to FILE, in the current format, from now on; :output alone: the screen
        :once FILE
          the next query's answers go to FILE
        :format table|line|csv|tsv|json
          how answers print (line: one 'column = value' per line)

        """)
    }

    func test_asof_showsInThePrompt() throws {
        let term = try PseudoTerminal(try kgExecutable(), ["repl", "--graph", dir.path])
        XCTAssertTrue(term.waitFor("kg> "), "prompt; screen: \(term.screen)")
        term.send(":asof 1\r")
        XCTAssertTrue(term.waitFor("kg@tx1> "), "as-of prompt; screen: \(term.screen)")
        let mark = term.mark
        term.send(":asof now\r")
        XCTAssertTrue(term.waitFor("reading the live graph", after: mark), "screen: \(term.screen)")
        XCTAssertTrue(term.waitForPrompt(after: mark), "the plain prompt again; screen: \(term.screen)")
        term.send("\u{04}")
    }

    func test_minConfidence_inTheRepl() throws {
        let weak = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: weak) }
        try QueryScriptingTests.buildSurnames(at: weak)
        let r = try runKG(["repl", "--graph", weak.path, "--min-confidence", "0.5", "--format", "csv"], input: "?- founder_of(P, C).\n")
        XCTAssertEqual(r.out, "P,C\n达里奥·阿莫迪,Anthropic\n", r.err)
    }

    func test_onATerminal_longAnswersAreCappedByDefault() throws {
        let term = try PseudoTerminal(try kgExecutable(), ["repl", "--graph", dir.path])
        XCTAssertTrue(term.waitFor("kg> "), "prompt; screen: \(term.screen)")
        let mark = term.mark
        term.send((1...75).map { "n(\($0))." }.joined(separator: " ") + " ?- n(X).\r")
        XCTAssertTrue(term.waitFor("… 25 more (:all shows them all)", after: mark), "screen: \(term.screen)")
        term.send("\u{04}")
    }
}
