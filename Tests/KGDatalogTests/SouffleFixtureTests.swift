import Foundation
import KGCore
@testable import KGDatalog
import XCTest

/// Whole Soufflé-style programs, written for kg (not copied from Soufflé's suite),
/// run as Soufflé's harness runs its own: fact files in an input directory,
/// `.output` files in an output directory, compared as sets of lines. The
/// expected outputs are worked out by hand in the comments.
final class SouffleFixtureTests: XCTestCase {
    struct Fixture {
        var name: String
        var program: String
        var inputs: [String: String]
        /// Output file name → its lines (any order).
        var outputs: [String: [String]]
    }

    static let fixtures: [Fixture] = [
        // Reachability over a cycle 1 → 2 → 3 → 1 and an edge 4 → 5: every node of the
        // cycle reaches all three; 4 reaches 5. Ten pairs.
        Fixture(name: "reach", program: """
        /* reachability */
        .decl Edge(a:number, b:number)
        .input Edge
        .decl Reach(a:number, b:number)
        .output Reach
        Reach(x, y) :- Edge(x, y).
        Reach(x, z) :- Reach(x, y), Edge(y, z).
        """, inputs: ["Edge.facts": "1\t2\n2\t3\n3\t1\n4\t5\n"],
        outputs: ["Reach.csv": ["1\t1", "1\t2", "1\t3", "2\t1", "2\t2", "2\t3", "3\t1", "3\t2", "3\t3", "4\t5"]]),

        // People per city from a comma-separated file; Oslo has nobody (0); the oldest
        // person per city is a witness of max.
        Fixture(name: "cities", program: """
        .decl person(name:symbol, city:symbol, age:number)
        .input person(IO=file, filename="people.csv", delimiter=",")
        .decl city(name:symbol)
        city("Lyon"). city("Oslo"). city("Pune").
        .decl population(city:symbol, n:number)
        .output population
        population(c, n) :- city(c), n = count : { person(_, c, _) }.
        .decl oldest(city:symbol, name:symbol, age:number)
        .output oldest(delimiter=",")
        oldest(c, p, a) :- city(c), a = max x : { person(p, c, x) }.
        """, inputs: ["people.csv": "ana,Lyon,31\nbo,Lyon,45\ncy,Pune,27\ndee,Pune,27\n"],
        outputs: ["population.csv": ["Lyon\t2", "Oslo\t0", "Pune\t2"],
                  "oldest.csv": ["Lyon,bo,45", "Pune,cy,27", "Pune,dee,27"]]),

        // String functors and regular expressions over product codes; a code with the
        // wrong shape is reported through negation.
        Fixture(name: "codes", program: """
        .decl code(c:symbol)
        .input code
        .decl part(c:symbol, family:symbol, number:number)
        .output part
        part(c, substr(c, 0, 2), to_number(substr(c, 3, strlen(c) - 3))) :- code(c), match("[A-Z]{2}-[0-9]+", c).
        .decl bad(c:symbol)
        .output bad
        bad(c) :- code(c), !match("[A-Z]{2}-[0-9]+", c).
        .decl label(l:symbol)
        .output label
        label(cat(f, "#", to_string(n))) :- part(_, f, n), n > 10.
        """, inputs: ["code.facts": "AB-7\nCD-42\nab-1\nXY-\n"],
        outputs: ["part.csv": ["AB-7\tAB\t7", "CD-42\tCD\t42"], "bad.csv": ["ab-1", "XY-"], "label.csv": ["CD#42"]]),

        // Equivalence classes (eqrel) of accounts linked by shared e-mails; each class is
        // named by its least member, and .printsize reports the class table's size.
        Fixture(name: "accounts", program: """
        .decl link(a:number, b:number)
        .input link
        .decl same(a:number, b:number) eqrel
        same(a, b) :- link(a, b).
        .decl account(a:number)
        account(a) :- link(a, _) ; link(_, a).
        .decl class(a:number, head:number)
        .output class
        class(a, h) :- account(a), h = min b : { same(a, b) }.
        .printsize class
        """, inputs: ["link.facts": "1\t2\n2\t3\n7\t8\n"],
        outputs: ["class.csv": ["1\t1", "2\t1", "3\t1", "7\t7", "8\t7"]]),

        // Same generation in a complete binary tree of depth 9 (511 nodes, node k's
        // parent is k / 2): the leftmost leaf 256 and the rightmost 511 are of one
        // generation, 256 and 255 are not. The whole relation has 87,381 pairs; the
        // rules with constants read it through magic sets (the answers are the same).
        Fixture(name: "samegen", program: """
        .pragma "magic-transform" "*"
        .decl node(x:number)
        .input node
        .decl parent(x:number, p:number)
        .input parent
        .decl samegen(x:number, y:number)
        samegen(x, x) :- node(x).
        samegen(x, y) :- parent(x, a), samegen(a, b), parent(y, b).
        .decl query(name:symbol)
        .output query
        query("ends") :- samegen(256, 511).
        query("levels") :- samegen(256, 255).
        """, inputs: ["node.facts": (1...511).map { "\($0)\n" }.joined(),
                      "parent.facts": (2...511).map { "\($0)\t\($0 / 2)\n" }.joined()],
        outputs: ["query.csv": ["ends"]]),

        // An advisor per student (choice-domain): a student has exactly one advisor of
        // their major; nobody violates the functional dependency; every student with a
        // professor of their major has one.
        Fixture(name: "advisor", program: """
        .decl student(s:symbol, major:symbol)
        .input student
        .decl professor(p:symbol, major:symbol)
        .input professor
        .decl advisor(s:symbol, p:symbol) choice-domain s
        advisor(s, p) :- student(s, m), professor(p, m).
        .decl violation(s:symbol)
        .output violation
        violation(s) :- advisor(s, p), advisor(s, q), p != q.
        .decl advised(s:symbol)
        .output advised
        advised(s) :- advisor(s, _).
        """, inputs: ["student.facts": "ana\tmaths\nbo\tmaths\ncy\tart\ndi\tlaw\n",
                      "professor.facts": "kim\tmaths\nlee\tmaths\nmo\tart\n"],
        outputs: ["violation.csv": [], "advised.csv": ["ana", "bo", "cy"]]),

        // Every row of a relation numbered by autoinc(): the numbers are distinct, so no
        // two rows share one.
        Fixture(name: "counter", program: """
        .decl a(n:number)
        a(0).
        a(i + 1) :- a(i), i < 40.
        .decl numbered(k:number, n:number)
        numbered(autoinc(), i) :- a(i).
        .decl clash(i:number, j:number)
        .output clash
        clash(i, j) :- numbered(k, i), numbered(k, j), i != j.
        .decl total(n:number)
        .output total
        total(n) :- n = count : { numbered(_, _) }.
        """, inputs: [:], outputs: ["clash.csv": [], "total.csv": ["41"]]),

        // Existence checks and ord: a conjunction of atoms that only ask whether
        // something exists (their product would be 60^4 rows), and symbols compared by
        // ord (each pair of distinct names is ordered one way).
        Fixture(name: "exists", program: """
        .decl e(x:number)
        e(0).
        e(x + 1) :- e(x), x < 59.
        .decl f(x:number, y:number)
        f(x, x + 1) :- e(x).
        .decl name(n:symbol)
        name("ann"). name("bob"). name("cyd").
        .decl ok(n:symbol)
        .output ok
        ok(n) :- name(n), e(_), f(_, _), f(_, 5), e(_), !f(_, 0).
        .decl ordered(r:number)
        .output ordered
        ordered(1) :- name(x), name(y), ord(x) < ord(y).
        ordered(2) :- name(x), name(y), ord(x) = ord(y), x != y.
        """, inputs: [:], outputs: ["ok.csv": ["ann", "bob", "cyd"], "ordered.csv": ["1"]]),
    ]

    func test_fixtures() throws {
        for fixture in SouffleFixtureTests.fixtures {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("kg-fixture-\(UUID().uuidString)")
            let input = root.appendingPathComponent("facts"), output = root.appendingPathComponent("out")
            try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            for (name, text) in fixture.inputs {
                try text.write(to: input.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let session = DatalogSession(factSource: try FactFiles(directory: input))
            session.outputDirectory = output
            let results: [QueryResult]
            do { results = try session.run(source: fixture.program, file: "\(fixture.name).dl") } catch {
                XCTFail("\(fixture.name): \(error)")
                continue
            }
            for (file, lines) in fixture.outputs {
                let written = try? String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
                XCTAssertEqual(written.map { $0.split(separator: "\n").map(String.init).sorted() }, lines.sorted(),
                               "\(fixture.name): \(file)")
            }
            if fixture.name == "accounts" {
                XCTAssertEqual(results.map(\.count), [5], "accounts: .printsize class")
            }
        }
    }
}
