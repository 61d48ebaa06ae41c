@testable import KGDatalog
import Foundation
import XCTest

/// Sorted fact files: read without a duplicate check (`FactFileOrder`,
/// `TupleStore.appendDistinct`), with runs of equal values recorded per column
/// (`ColumnRuns`) that one-atom aggregates read instead of every row.
final class SortedLoadTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgsl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// A session over the directory with every relation loaded.
    private func loaded() throws -> DatalogSession {
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        try session.loadBaseRelations()
        return session
    }

    private func store(_ session: DatalogSession, _ name: String) -> Int { session.database.id(of: name)! }

    func test_permutations_areEveryOrderOnce() {
        for n in 1...4 {
            let all = FactFileOrder.permutations(n)
            XCTAssertEqual(all.count, [1, 2, 6, 24][n - 1])
            XCTAssertEqual(Set(all).count, all.count)
            XCTAssertTrue(all.allSatisfy { $0.sorted() == Array(0..<n) })
        }
    }

    func test_sortedByAnotherColumn_isReadWithoutASet() throws {
        // Sorted by the second column, then the first, then the third (as triple.tsv).
        try write("t.tsv", "5\tacquired\t9\n7\tacquired\t1\n2\tdeveloped\t3\n2\tdeveloped\t4\n9\tknows\t-1\n")
        let session = try loaded()
        let t = store(session, "t")
        XCTAssertEqual(session.database.count(t), 5)
        XCTAssertTrue(session.database.stores[t].setReleased, "a sorted file needs no set")
        XCTAssertEqual(answers("?- t(X, \"developed\", Y).", session: session), ["2,3", "2,4"])
        // The predicate column's runs were recorded: acquired, developed, knows.
        let runs = try XCTUnwrap(session.database.columnRuns[t])
        XCTAssertEqual(runs.coveredRows, 5)
        let developed = try XCTUnwrap(session.values.lookup(.string("developed")))
        XCTAssertEqual(runs.ranges(column: 1, value: developed), [2..<4])
        // A later insert brings the set back, and it still refuses a duplicate.
        XCTAssertEqual(answers("t(2, \"developed\", 3). t(8, \"x\", 8). ?- t(X, Y, Z).", session: session).count, 6)
        session.database.stores[t]._checkInvariants()
    }

    func test_duplicates_inSortedOrUnsortedFiles_areDropped() throws {
        // Adjacent equal rows, a repeat after other rows, and two spellings of one number.
        try write("a.tsv", "1\t2\n1\t2\n3\t4\n")
        try write("b.tsv", "1\tx\n2\ty\n1\tx\n")
        try write("c.tsv", "1.0\n1.00\n1e0\n")
        try write("d.tsv", "007\n7\n")
        let session = try loaded()
        XCTAssertEqual(session.database.count(store(session, "a")), 2)
        XCTAssertEqual(session.database.count(store(session, "b")), 2)
        XCTAssertEqual(session.database.count(store(session, "c")), 1)
        XCTAssertEqual(session.database.count(store(session, "d")), 1)
        for name in ["a", "b", "c", "d"] {
            XCTAssertFalse(session.database.stores[store(session, name)].setReleased, "\(name): the order broke, the set is kept")
            session.database.stores[store(session, name)]._checkInvariants()
        }
    }

    /// Random files, sorted in a random column order or not, with repeats and numbers
    /// spelled as decimals: the rows held are exactly the distinct rows read plainly,
    /// the set is skipped exactly when the rows are strictly increasing, and the set
    /// rebuilt afterwards holds every row once.
    func test_randomSortedFiles_matchAPlainReading() throws {
        var g = DifferentialTests.SplitMix(state: 30_11_2026)
        let words = ["a", "b", "bb", "张", "Zoë", "acquired", "developed", "2.5", "3.0", ""]
        for round in 0..<80 {
            let arity = 1 + g.int(4)
            var lines: [[String]] = []
            for _ in 0..<(1 + g.int(80)) {
                lines.append((0..<arity).map { _ in
                    switch g.int(4) {
                    case 0: return String(g.int(30))
                    case 1: return String(-g.int(5))
                    default: return words[g.int(words.count - (round % 3 == 0 ? 0 : 3))]   // some rounds without numeric texts
                    }
                })
            }
            // Sorted as the parser compares (integers by value before texts by bytes), in a random
            // column order; some rounds keep duplicates, some are left unsorted.
            let order = FactFileOrder.permutations(arity)[g.int(FactFileOrder.permutations(arity).count)]
            func key(_ field: String) -> (Int, Int64, [UInt8]) {
                if let v = Int64(field) { return (0, v, []) }
                return (1, 0, Array(field.utf8))
            }
            func less(_ a: [String], _ b: [String]) -> Bool {
                for c in order {
                    let x = key(a[c]), y = key(b[c])
                    if x.0 != y.0 { return x.0 < y.0 }
                    if x.1 != y.1 { return x.1 < y.1 }
                    if x.2 != y.2 { return x.2.lexicographicallyPrecedes(y.2) }
                }
                return false
            }
            let mode = g.int(3)   // 0: sorted distinct, 1: sorted with repeats, 2: as drawn
            if mode < 2 { lines.sort(by: less) }
            if mode == 0 {
                var distinct: [[String]] = []
                for l in lines where distinct.last.map({ less($0, l) }) ?? true { distinct.append(l) }
                lines = distinct
            }
            try write("r.tsv", lines.map { $0.joined(separator: "\t") }.joined(separator: "\n") + "\n")
            let session = try loaded()
            let r = store(session, "r")
            let expected = Set(lines.map { $0.map { Int64($0).map(String.init) ?? $0 }.joined(separator: ",") })
            let vars = (0..<arity).map { "A\($0)" }.joined(separator: ", ")
            let held = answers("?- r(\(vars)).", session: session)
            XCTAssertEqual(held.count, session.database.count(r), "round \(round): rows held once")
            let strictlyIncreasing = zip(lines, lines.dropFirst()).allSatisfy { less($0, $1) }
            let numericText = lines.joined().contains { Int64($0) == nil && Double($0) != nil }
            if strictlyIncreasing && !numericText {
                XCTAssertTrue(session.database.stores[r].setReleased, "round \(round): sorted, distinct, no set")
            }
            session.database.stores[r].ensureSet()   // traps if a row were held twice
            session.database.stores[r]._checkInvariants()
            XCTAssertEqual(Set(held).count, held.count, "round \(round)")
            if !numericText { XCTAssertEqual(Set(held), expected, "round \(round)") }
        }
    }

    /// A grouped count over a relation whose runs were recorded answers as over the same rows shuffled
    /// (no runs), with rows a rule adds after the load counted too.
    func test_aggregateOverRecordedRuns_matchesAShuffledFile() throws {
        var g = DifferentialTests.SplitMix(state: 7_16)
        let predicates = ["acquired", "developed", "knows", "works_at"]
        var rows = Set<String>()
        for _ in 0..<3_000 { rows.insert("\(g.int(200))\t\(predicates[g.int(4)])\t\(g.int(500))") }
        let sorted = rows.sorted { a, b in
            let x = a.split(separator: "\t"), y = b.split(separator: "\t")
            return (x[1], Int(x[0])!, Int(x[2])!) < (y[1], Int(y[0])!, Int(y[2])!)
        }
        let program = """
        extra(7, 1). extra(7, 2). extra(999, 3).
        triple(X, "developed", Y) :- extra(X, Y).
        n(C, count(M)) :- triple(C, "developed", M).
        s(C, sum(M)) :- triple(C, "knows", M).
        ?- n(C, N).
        """
        var results: [[String]] = []
        for text in [sorted.joined(separator: "\n"), rows.shuffled(using: &g).joined(separator: "\n")] {
            try write("triple.tsv", text + "\n")
            let session = try loaded()
            let t = store(session, "triple")
            results.append(answers(program, session: session) + answers("?- s(C, S).", session: session))
            if results.count == 1 { XCTAssertNotNil(session.database.columnRuns[t], "the sorted file's predicate runs") }
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertTrue(results[0].contains { $0.hasPrefix("999,") }, "a group only the rule adds")
    }

    /// A one-atom aggregate appends its groups to an empty head without the set; another rule
    /// deriving the same relation afterwards still cannot add a tuple twice.
    func test_aggregateHead_withoutASet_stillRefusesDuplicates() throws {
        let program = """
        t(1, "a"). t(1, "b"). t(2, "c"). t2(1, 2). t2(5, 1).
        n(C, count(M)) :- t(C, M).
        n(C, K) :- t2(C, K).
        ?- n(C, K).
        """
        let session = DatalogSession()
        XCTAssertEqual(answers(program, session: session), ["1,2", "2,1", "5,1"])
        XCTAssertEqual(answers("?- n(1, 2).", session: session).count, 1)
        let n = store(session, "n")
        session.database.stores[n].ensureSet()
        session.database.stores[n]._checkInvariants()
    }

    /// Joins whose atoms hold constants read selections; over a sorted file those come from the
    /// recorded runs and go in without a set: the answers equal those over the file shuffled,
    /// a negated selection included (its set is rebuilt for the test).
    func test_selectionsOverRecordedRuns_matchAShuffledFile() throws {
        var g = DifferentialTests.SplitMix(state: 2_0_2_6)
        let predicates = ["competitor_of", "developed", "outperforms", "works_at"]
        var rows = Set<String>()
        for _ in 0..<4_000 { rows.insert("\(g.int(150))\t\(predicates[g.int(4)])\t\(g.int(150))") }
        let sorted = rows.sorted { a, b in
            let x = a.split(separator: "\t"), y = b.split(separator: "\t")
            return (x[1], Int(x[0])!, Int(x[2])!) < (y[1], Int(y[0])!, Int(y[2])!)
        }
        let program = """
        beats(C) :- triple(C, "developed", M1), triple(M1, "outperforms", M2),
                    triple(C2, "developed", M2), triple(C, "competitor_of", C2).
        q(X) :- triple(X, "works_at", C), beats(C).
        lone(X) :- triple(X, "works_at", _), !triple(X, "developed", 3).
        ?- q(X).
        """
        Evaluator.selectionThreshold = 0
        defer { Evaluator.selectionThreshold = 4096 }
        var results: [[String]] = []
        for text in [sorted.joined(separator: "\n"), rows.shuffled(using: &g).joined(separator: "\n")] {
            try write("triple.tsv", text + "\n")
            let session = try loaded()
            results.append(answers(program, session: session) + ["--"] + answers("?- lone(X).", session: session))
            XCTAssertTrue(session.database.names.contains { $0.hasPrefix("triple[") }, "selections were read")
        }
        XCTAssertEqual(results[0], results[1])
        XCTAssertGreaterThan(results[0].count, 2, "the program has answers")
    }
}

extension DifferentialTests.SplitMix: RandomNumberGenerator {}
