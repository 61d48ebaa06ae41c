@testable import KGDatalog
import XCTest

/// Grouped aggregates: the direct hash aggregation of one-atom bodies
/// (`DirectAggregate`) must give what the general path (solutions collected by the
/// join) gives. A second atom that every solution satisfies (`one(1)`) sends the
/// same rule down the general path.
final class AggregateTests: XCTestCase {
    let facts = """
    m(a, x, 1). m(a, x, 2). m(a, y, 2). m(a, y, 2.5). m(b, x, "s"). m(b, y, 7). m(c, x, -3). m(c, z, -3).
    m(d, x, 9223372036854775807). m(d, y, 1). one(1).
    """

    func test_directAndCollectedAggregates_agree() {
        let heads = ["count(V)", "sum(V)", "avg(V)", "min(V)", "max(V)", "count(K)", "count(G)"]
        for aggregate in heads {
            for group in ["G", "G, K", "", "K, G", "G, 5"] {
                let head = group.isEmpty ? aggregate : group + ", " + aggregate
                let direct = answers(facts + "\nr(\(head)) :- m(G, K, V).\n?- r(\(varList(group))).")
                let collected = answers(facts + "\nr(\(head)) :- m(G, K, V), one(1).\n?- r(\(varList(group))).")
                XCTAssertEqual(direct, collected, head)
                XCTAssertFalse(direct.isEmpty, head)
            }
        }
    }

    private func varList(_ group: String) -> String {
        let n = group.isEmpty ? 1 : group.split(separator: ",").count + 1
        return (0..<n).map { "A\($0)" }.joined(separator: ", ")
    }

    func test_direct_constantsAndRepeatedVariablesFilterRows() {
        let program = facts + "\np(a, a, 1). p(a, b, 2). p(b, b, 3). p(b, b, 4).\n"
        XCTAssertEqual(answers(program + "n(X, count(V)) :- p(X, X, V).\n?- n(X, N)."), ["a,1", "b,2"])
        XCTAssertEqual(answers(program + "n(count(K)) :- m(a, K, _).\n?- n(N)."), ["2"])
        XCTAssertEqual(answers(program + "n(X, sum(V)) :- m(X, x, V).\n?- n(X, N)."), ["a,3", "b,0", "c,-3", "d,9223372036854775807"])
        // count of nothing is 0; min of nothing is no row.
        XCTAssertEqual(answers(program + "n(count(V)) :- m(zz, _, V).\n?- n(N)."), ["0"])
        XCTAssertEqual(answers(program + "n(min(V)) :- m(zz, _, V).\n?- n(N)."), [])
    }

    /// Integer group values take the dense path when small and non-negative, the hash path otherwise
    /// (a negative value, a value far beyond the row count); all agree with the collected path.
    func test_direct_denseAndHashedIntegerGroups_agree() {
        for facts in ["e(1, 2). e(1, 3). e(5, 2). e(0, 0). e(5, 9). e(1, 9).",
                      "e(1, 2). e(-1, 3). e(-1, 2). e(7, 7).",
                      "e(1, 2). e(100000000, 3). e(100000000, 2). e(1, 5)."] {
            for kind in ["count", "sum", "min", "max"] {
                let direct = answers(facts + " one(1).\nn(X, \(kind)(Y)) :- e(X, Y).\n?- n(X, N).")
                let collected = answers(facts + " one(1).\nn(X, \(kind)(Y)) :- e(X, Y), one(1).\n?- n(X, N).")
                XCTAssertEqual(direct, collected, "\(kind) over \(facts)")
                XCTAssertFalse(direct.isEmpty)
            }
        }
        XCTAssertEqual(answers("e(1, 2). e(1, 3). e(5, 2). e(0, 0).\nn(X, count(Y)) :- e(X, Y).\n?- n(X, N)."), ["0,1", "1,2", "5,1"])
    }

    /// With a constant or a repeated variable the rows that pass are gathered first, then grouped
    /// (densely when the group values are small integers): the same as the collected path.
    func test_direct_selectedRowsDenseAndHashed_agree() {
        let facts = """
        t(3, dev, 30). t(3, dev, 31). t(1, dev, 10). t(3, works, 1). t(7, dev, 7). t(1, works, 1).
        t(-2, dev, 5). t(100000000, dev, 6). t(7, dev, 70). t(9, other, 9).
        """
        for pattern in ["t(X, dev, Y)", "t(X, works, Y)", "t(X, nothing, Y)", "t(X, Y, X)", "t(X, Y, 30)"] {
            for kind in ["count", "sum", "min", "max"] {
                let direct = answers(facts + " one(1).\nn(X, \(kind)(Y)) :- \(pattern).\n?- n(X, N).")
                let collected = answers(facts + " one(1).\nn(X, \(kind)(Y)) :- \(pattern), one(1).\n?- n(X, N).")
                XCTAssertEqual(direct, collected, "\(kind) over \(pattern)")
            }
        }
        XCTAssertEqual(answers(facts + "\nn(X, count(Y)) :- t(X, dev, Y).\n?- n(X, N)."),
                       ["-2,1", "1,1", "100000000,1", "3,2", "7,2"])
        XCTAssertEqual(answers(facts + "\nn(X, count(Y)) :- t(X, dev, Y), X >= 0, X < 10.\n?- n(X, N)."), ["1,1", "3,2", "7,2"])
        XCTAssertEqual(answers(facts + "\nn(X, count(Y)) :- t(X, nothing, Y).\n?- n(X, N)."), [])
    }

    func test_direct_countIsOfDistinctValues() {
        // K is neither grouped nor counted: (a, 2) comes from two rows, counted once.
        XCTAssertEqual(answers(facts + "\nn(G, count(V)) :- m(G, K, V).\n?- n(G, N)."), ["a,3", "b,2", "c,1", "d,2"])
    }
}
