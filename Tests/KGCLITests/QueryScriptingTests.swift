import Foundation
import KGCore
import KGStore
import XCTest

/// `kg query` as scripts use it: ordering, several queries in one document,
/// errors with exit codes, names as users type them, fact metadata.
final class QueryScriptingTests: XCTestCase {
    static let scores = "s(\"carol\", 7). s(\"alice\", 10). s(\"bob\", 2.5). s(\"dave\", 10). s(\"erin\", -1).\n"

    func test_orderBy_numbersStringsDescendingAndLimit() throws {
        let r = try runKG(["query", "--no-graph", "--format", "tsv", "-e", Self.scores + """
            ?- s(N, V) order by V.
            ?- s(N, V) order by V desc, N limit 3.
            ?- s(N, V) order by N desc.
            ?- V, count(N) <- s(N, V) order by count(N) desc, V limit 1.
            """])
        XCTAssertEqual(r.status, 0, r.err)
        let blocks = r.out.components(separatedBy: "\n\n")
        XCTAssertEqual(blocks.count, 4, r.out)
        XCTAssertEqual(blocks[0], "N\tV\nerin\t-1\nbob\t2.5\ncarol\t7\nalice\t10\ndave\t10")
        XCTAssertEqual(blocks[1], "N\tV\nalice\t10\ndave\t10\ncarol\t7", "desc by value, ties by name, then the limit")
        XCTAssertEqual(blocks[2], "N\tV\nerin\t-1\ndave\t10\ncarol\t7\nbob\t2.5\nalice\t10")
        XCTAssertEqual(blocks[3], "V\tcount(N)\n10\t2\n")
    }

    func test_orderBy_limitIsReportedAndNotAFailure() throws {
        let r = try runKG(["query", "--no-graph", "-e", Self.scores + "?- s(N, V) order by V desc limit 2."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.hasPrefix("| N     | V  |\n|-------|----|\n| alice | 10 |\n| dave  | 10 |\n2 answers ("), r.out)
        XCTAssertTrue(r.out.contains("TRUNCATED: limited to 2 answers by 'limit 2'"), r.out)
    }

    func test_orderBy_unknownColumn_isAnErrorAtItsPlace() throws {
        let r = try runKG(["query", "--no-graph", "-e", "p(1). ?- p(X) order by Y."])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.hasPrefix("<command line>:1:24: error: 'order by Y': not an answer column (columns: X)"), r.err)
    }

    func test_severalQueries_jsonIsOneArray() throws {
        let r = try runKG(["query", "--no-graph", "--format", "json", "-e", "p(1). p(2). ?- p(X).", "-e", "?- X, Y <- p(X), p(Y), X < Y."])
        XCTAssertEqual(r.status, 0, r.err)
        let parsed = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 2)
        XCTAssertEqual(parsed?[0]["columns"] as? [String], ["X"])
        XCTAssertEqual(parsed?[1]["rows"] as? [[Int]], [[1, 2]])
        let lines = try runKG(["query", "--no-graph", "--format", "jsonl", "-e", "p(1). p(2). ?- p(X). ?- p(3)."])
        let objects = lines.out.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
        XCTAssertEqual(objects.count, 2)
        XCTAssertTrue(objects.allSatisfy { $0 is [String: Any] })
        let none = try runKG(["query", "--no-graph", "--format", "json", "-e", "p(1)."])
        XCTAssertEqual(none.out, "[]\n")
    }

    func test_queryN_runsOnlyThatQuery() throws {
        let r = try runKG(["query", "--no-graph", "--format", "csv", "--query", "2", "-e", "p(1). p(2). ?- p(X).\nq(X) :- p(X), X > 1.\n?- q(X)."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "X\n2\n")
        let beyond = try runKG(["query", "--no-graph", "--query", "3", "-e", "p(1). ?- p(X). ?- p(2)."])
        XCTAssertEqual(beyond.status, 1)
        XCTAssertEqual(beyond.err, "kg query: --query 3: the program has 2 queries\n")
    }

    func test_missingGraph_isAnErrorWithExitOne() throws {
        let r = try runKG(["query", "--graph", "/no/such/kg-graph", "-e", "?- ceo_of(P, C)."])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.hasPrefix("kg query: no graph at /no/such/kg-graph"), r.err)
    }

    func test_cancelledAggregate_printsNoRow() throws {
        let r = try runKG(["query", "--no-graph", "--max-tuples", "1000", "--format", "csv",
                           "-e", "n(0). n(Y) :- n(X), Y = X + 1. ?- count(X) <- n(X)."])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.out, "count(X)\n", "a count of part of the input is not printed")
        let viaRule = try runKG(["query", "--no-graph", "--max-tuples", "1000", "--format", "csv",
                                 "-e", "n(0). n(Y) :- n(X), Y = X + 1. total(count(X)) :- n(X). ?- total(N)."])
        XCTAssertEqual(viaRule.status, 1)
        XCTAssertEqual(viaRule.out, "N\n", "nor one computed by a rule the query reads")
    }

    func test_strict_turnsWarningsIntoErrors() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        let loose = try runKG(["query", "--graph", dir.path, "-e", "?- ceo_off(P, C)."])
        XCTAssertEqual(loose.status, 0)
        XCTAssertTrue(loose.err.contains("warning: predicate 'ceo_off/2'"), loose.err)
        let strict = try runKG(["query", "--graph", dir.path, "--strict", "-e", "?- ceo_off(P, C)."])
        XCTAssertEqual(strict.status, 1)
        XCTAssertEqual(strict.out, "")
        XCTAssertTrue(strict.err.contains("error: predicate 'ceo_off/2'"), strict.err)
        XCTAssertTrue(strict.err.hasSuffix("kg query: 1 warning treated as error (--strict)\n"), strict.err)
    }

    func test_unknownName_warnsWithTheNearestEntity() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        let r = try runKG(["query", "--graph", dir.path, "-e", "?- ceo_of(P, \"Mellanx\")."])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.err.hasPrefix("<command line>:1:14: warning: no entity named \"Mellanx\"; nearest: \"Mellanox\""), r.err)
    }

    func test_shortForms_resolveWhenUniqueAndWarnWhenAmbiguous() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        // "Huang" and "Su" are parts of one name each; "Lisa" too.
        let r = try runKG(["query", "--graph", dir.path, "--format", "tsv", "-e", "?- ceo_of(\"Huang\", C).", "-e", "?- ceo_of(\"Lisa\", C)."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "C\nNVIDIA\n\nC\nAMD\n")
        XCTAssertEqual(r.err, "")
        // A graph with two people sharing a surname, one fact weakly attested.
        let two = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: two) }
        try Self.buildSurnames(at: two)
        let amb = try runKG(["query", "--graph", two.path, "-e", "?- founder_of(\"阿莫迪\", C)."])
        XCTAssertTrue(amb.err.contains("warning: \"阿莫迪\" names 2 entities: 丹妮拉·阿莫迪, 达里奥·阿莫迪"), amb.err)
        let one = try runKG(["query", "--graph", two.path, "--format", "tsv", "-e", "?- founder_of(\"达里奥\", C)."])
        XCTAssertEqual(one.out, "C\nAnthropic\n", one.err)
    }

    func test_factMetadata_queryableWithMinConfidence() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        let r = try runKG(["query", "--graph", dir.path, "--format", "tsv", "-e",
                           "?- M, C, R <- fact_meta(\"NVIDIA\", \"has_figure\", F, M, C, R).",
                           "-e", "?- D, B, E <- evidence_span(\"Lisa Su\", \"ceo_of\", \"AMD\", D, S, B, E)."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(r.out, "M\tC\tR\nacquisition price\t1\ttest\n\nD\tB\tE\ncorpus/01_nvidia_zh.txt\t0\t12\n")
        let weak = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: weak) }
        try Self.buildSurnames(at: weak)
        let all = try runKG(["query", "--graph", weak.path, "--format", "csv", "-e", "?- founder_of(P, C)."])
        XCTAssertEqual(all.out, "P,C\n丹妮拉·阿莫迪,Anthropic\n达里奥·阿莫迪,Anthropic\n")
        let confident = try runKG(["query", "--graph", weak.path, "--min-confidence", "0.5", "--format", "csv", "-e",
                                   "?- founder_of(P, C).", "-e", "?- C <- fact_meta(P, \"founder_of\", O, M, C, R)."])
        XCTAssertEqual(confident.out, "P,C\n达里奥·阿莫迪,Anthropic\n\nC\n0.9\n")
        let bad = try runKG(["query", "--graph", dir.path, "--min-confidence", "2", "-e", "?- ceo_of(P, C)."])
        XCTAssertEqual(bad.status, 2)
    }

    /// Two people named 阿莫迪 who founded Anthropic; the second fact at confidence 0.3.
    static func buildSurnames(at dir: URL) throws {
        let store = try GraphStore.open(dir, mode: .write)
        func p(_ confidence: Double) -> Provenance {
            Provenance(document: "notes.txt", start: 0, end: 4, sentence: "两人共同创立了公司", rule: "test", confidence: confidence)
        }
        try store.commit(TransactionDraft(source: .document("notes.txt"), operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "达里奥·阿莫迪")),
            .assertEntity(Entity(id: 2, type: .person, name: "丹妮拉·阿莫迪")),
            .assertEntity(Entity(id: 3, type: .company, name: "Anthropic")),
            .assertTriple(Triple(subject: 1, predicate: "founder_of", object: .entity(3)), p(0.9)),
            .assertTriple(Triple(subject: 2, predicate: "founder_of", object: .entity(3)), p(0.3)),
        ]))
    }

    func test_help_transcript() throws {
        let r = try runKG(["query", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, """
        usage: kg query [FILE.dl ...] [-e 'TEXT'] [options]

        Runs each file (facts, rules and queries mixed; see docs/DATALOG.md), then
        each -e text, and prints every query's answers. Without a graph (no kg.log
        in --graph DIR) it fails: no graph at DIR; --no-graph runs a program on
        its own facts.

        options:
          -e TEXT             a program text given on the command line (repeatable)
          --facts DIR, -F DIR read base relations from DIR/NAME.tsv and DIR/NAME.facts instead of the graph;
                              .input reads its files from DIR (Soufflé's -F)
          -D DIR              .output writes DIR/NAME.csv (Soufflé's -D); without it (or with -D -)
                              .output prints the relation like a query's answers
          --no-graph          no base relations: the program brings its own facts
          --format FORMAT     table (default), line, csv, tsv, json (one array of every query's
                              result) or jsonl (one result object per line)
          --query N           answer only the N-th query (facts and rules all load)
          --strict            warnings (an unknown predicate, a name no entity has) are errors
          --min-confidence X  read only graph facts with evidence of confidence X (0 to 1) or more
          --why               explain each answer: its derivation down to base facts
          --profile           print per-rule time and tuple counts to standard error
          --as-of TX|TIME     query the graph as it was at a transaction or time
          --max-tuples N      stop after deriving N tuples (default 100000000)
          --timeout SECONDS   stop after this long (parsing, evaluation and output of each file or -e text)
          --max-memory SIZE   memory budget of the relations and answers, e.g. 512M or 2G
                              (default a quarter of physical memory)
          --colour            colour the table output

        """)
    }
}
