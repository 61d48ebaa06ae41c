@testable import KGDatalog
import XCTest

/// Memory of the evaluation (issue 16): the set of wide rows (`RowSet`), frozen indexes
/// without chains or row copies, sets freed when a stratum is done, intermediate
/// relations released once nothing reads them. Each test checks the answers too.
final class MemoryReleaseTests: XCTestCase {
    override func tearDown() {
        Evaluator.releaseThreshold = 1 << 14
        super.tearDown()
    }

    /// RowSet against Swift's Set: random rows of arity 3 and 5 with many repeats.
    func test_rowSet_keepsRowsUniqueLikeASet() {
        for arity in [3, 5] {
            var store = TupleStore(arity: arity)
            var reference = Set<[Int32]>()
            var g = SystemRandomNumberGenerator()
            var tuple = [Int32](repeating: 0, count: arity)
            for _ in 0..<30_000 {
                for c in 0..<arity { tuple[c] = Int32.random(in: -40...40, using: &g) }
                let new = tuple.withUnsafeBufferPointer { store.insert($0.baseAddress!) }
                XCTAssertEqual(new, reference.insert(tuple).inserted)
            }
            XCTAssertEqual(store.count, reference.count)
            for t in reference.prefix(500) { XCTAssertTrue(t.withUnsafeBufferPointer { store.contains($0.baseAddress!) }) }
            tuple = [Int32](repeating: 99, count: arity)
            XCTAssertFalse(tuple.withUnsafeBufferPointer { store.contains($0.baseAddress!) })
            store._checkInvariants()
            // At most 7/8 full with 5 bytes a slot: under 12 bytes a row once past the first growths.
            XCTAssertLessThan(store.rowSet.allocatedBytes, 12 * store.count + 64 * 64)
        }
    }

    /// A released set is freed (the byte count falls) and rebuilt by the next insert or test.
    func test_releasedSet_isFreedAndRebuilt() {
        for arity in [1, 2, 4] {
            var store = TupleStore(arity: arity)
            var tuple = [Int32](repeating: 0, count: arity)
            for i in 0..<5_000 {
                for c in 0..<arity { tuple[c] = Int32(i * (c + 1)) }
                _ = tuple.withUnsafeBufferPointer { store.insert($0.baseAddress!) }
            }
            let held = store.allocatedBytes
            store.releaseSet()
            XCTAssertTrue(store.setReleased)
            XCTAssertLessThan(store.allocatedBytes, held - 5_000 * 4, "arity \(arity): the set's memory is gone")
            XCTAssertEqual(store.count, 5_000)
            store._checkInvariants()
            // A repeat is still refused (the insert rebuilds the set first), a new row taken.
            for c in 0..<arity { tuple[c] = Int32(7 * (c + 1)) }
            XCTAssertFalse(tuple.withUnsafeBufferPointer { store.insert($0.baseAddress!) })
            XCTAssertFalse(store.setReleased)
            for c in 0..<arity { tuple[c] = -1 }
            XCTAssertTrue(tuple.withUnsafeBufferPointer { store.insert($0.baseAddress!) })
            XCTAssertEqual(store.count, 5_001)
            store._checkInvariants()
        }
    }

    /// After a stratum, its big relations' sets are released; a later whole-row negation
    /// and a later fact still see every row.
    func test_stratumEnd_releasesSets_answersUnchanged() {
        Evaluator.releaseThreshold = 0
        let session = DatalogSession()
        let program = """
        e(1, 2, 3). e(2, 3, 4). e(3, 4, 5). e(4, 5, 6).
        w(A, B, C) :- e(A, B, C).
        w(A, B, D) :- w(A, B, C), e(C, _, D).
        ?- w(A, B, C).
        """
        let first = answers(program, session: session)
        XCTAssertEqual(first, ["1,2,3", "1,2,5", "2,3,4", "2,3,6", "3,4,5", "4,5,6"])
        let w = session.database.id(of: "w")!
        XCTAssertTrue(session.database.stores[w].setReleased, "w's stratum is done: its set is freed")
        // A whole-row negation of w rebuilds its set.
        XCTAssertEqual(answers("?- e(A, B, C), not w(A, B, C).", session: session), [])
        XCTAssertEqual(answers("?- e(A, B, C), X = C + 2, not w(A, B, X).", session: session), ["3,4,5,7", "4,5,6,8"])
        session.database._checkInvariants()
    }

    /// A frozen index of a wide relation holds row numbers, not copies, and no chains.
    func test_frozenIndex_ofWideRelation_holdsRowNumbers() {
        var facts = ""
        for i in 0..<2_000 { facts += "q(\(i % 50), \(i), \(i + 1), \(i + 2)).\n" }
        let session = DatalogSession()
        let got = answers(facts + "k(0). k(7).\n?- k(X), q(X, A, B, C), A < 120.", session: session)
        XCTAssertEqual(got.count, 6)
        let q = session.database.id(of: "q")!
        var found = false
        for i in 0..<session.database.indexCount where session.database.indexes[i].relation == q {
            let index = session.database.indexes + i
            if index.pointee.frozenCount == 2_000 {
                found = true
                XCTAssertNil(index.pointee.frozenRows)
                XCTAssertNotNil(index.pointee.frozenOrder)
                XCTAssertTrue(index.pointee.chainDropped)
                // Row numbers (4 bytes a row) and the key table; a copy would be 16 bytes a row.
                XCTAssertLessThan(index.pointee.allocatedBytes, 2_000 * 8 + 4096 * 12)
            }
        }
        XCTAssertTrue(found, "q is read through a frozen index")
        session.database._checkInvariants()
    }

    /// A released intermediate is really gone (its rows, set and indexes), the answer is
    /// unchanged, and a later query that needs it derives it again.
    func test_releasedIntermediate_isGone_andDerivedAgainWhenAsked() {
        func program(_ n: Int) -> String {
            var text = ""
            for i in 0..<n { text += "edge(\(i), \(i + 1)).\n" }
            text += """
            path(X, Y) :- edge(X, Y).
            path(X, Z) :- path(X, Y), edge(Y, Z).
            far(X) :- path(X, Y), Y - X >= 100.
            ?- far(X).
            """
            return text
        }
        let kept = DatalogSession()
        let expected = answers(program(300), session: kept)
        XCTAssertEqual(expected.count, 201)
        let keptBytes = kept.database.heldBytes

        let session = DatalogSession()
        session.releasesIntermediates = true
        let results = runProgram(program(300), session: session)
        XCTAssertEqual(results.last?.rows.map { $0.map(\.description).joined(separator: ",") }.sorted(), expected)
        let path = session.database.id(of: "path")!
        XCTAssertEqual(session.database.count(path), 0, "path is released once far is derived")
        XCTAssertFalse(session.evaluated.contains(path))
        XCTAssertEqual(results.last?.tupleCounts["path"], 300 * 301 / 2, "the tuple counts still report it")
        // path held 45,150 rows: far fewer bytes are held without it.
        XCTAssertLessThan(session.database.heldBytes, keptBytes - 45_150 * 8)
        let edge = session.database.id(of: "edge")!, far = session.database.id(of: "far")!
        XCTAssertEqual(session.database.count(edge), 300, "a relation with facts only stays")
        XCTAssertEqual(session.database.count(far), 201, "the query's relation stays")
        // Asked again, far is not re-derived (path stays released).
        XCTAssertEqual(answers("?- far(X), X < 3.", session: session), ["0", "1", "2"])
        XCTAssertEqual(session.database.count(path), 0, "far was evaluated: its released input is not derived again")
        // Asked later, path is derived again.
        XCTAssertEqual(answers("?- path(0, Y), Y > 298.", session: session), ["299", "300"])
        session.database._checkInvariants()
    }

    /// A relation a later query or `.output` of the same text names is kept.
    func test_relationNamedLaterInTheText_isKept() {
        let session = DatalogSession()
        session.releasesIntermediates = true
        let results = runProgram("""
        a(1). a(2). b(X) :- a(X). c(X) :- b(X), X > 1.
        ?- c(X).
        ?- b(X).
        """, session: session)
        XCTAssertEqual(results.count, 2)
        XCTAssertEqual(results[0].rows.map { $0.map(\.description) }, [["2"]])
        XCTAssertEqual(results[1].rows.map { $0.map(\.description) }.sorted { $0[0] < $1[0] }, [["1"], ["2"]])
        XCTAssertEqual(session.database.count(session.database.id(of: "b")!), 2)
    }
}

final class RowSetProductTests: XCTestCase {
    /// Rows of a product of small values (the shape of a four-way join) stay within the fill bound.
    func test_rowSet_productRows_stayWithinTheFillBound() {
        var store = TupleStore(arity: 4)
        var t: [Int32] = [0, 0, 0, 0]
        outer: for a in 0..<20 { for b in 0..<20 { for c in 0..<20 { for d in 0..<20 {
            t = [Int32(a), Int32(b), Int32(c), Int32(d)]
            _ = t.withUnsafeBufferPointer { store.insert($0.baseAddress!) }
        } } } }
        XCTAssertEqual(store.count, 160_000)
        XCTAssertLessThan(store.rowSet.allocatedBytes, 12 * store.count + 64 * 64)
    }
}

extension RowSetProductTests {
    func test_rowSet_ofAFourWayJoin_staysWithinTheFillBound() throws {
        let session = DatalogSession(maxTuples: 50_000)
        let facts = (0..<271).map { "entity(\($0), person, \"name\($0)\")." }.joined(separator: "\n")
        _ = try session.run(source: facts + "\np(A, B, C, D) :- entity(A,_,_), entity(B,_,_), entity(C,_,_), entity(D,_,_).\n?- p(A, B, C, D), A = 999.", file: "p.dl")
        let p = session.database.id(of: "p")!
        let n = session.database.count(p)
        XCTAssertGreaterThan(n, 10_000)
        XCTAssertLessThan(session.database.stores[p].rowSet.allocatedBytes, 12 * n + 64 * 64, "\(n) rows")
    }
}


/// The set of a binary relation (`PairSet`) and the growable row blocks (`RowBuffer`).
final class PairSetAndRowBufferTests: XCTestCase {
    /// Pairs whose second values are runs of consecutive numbers (the shape of clustered
    /// variables or entity ids), against Swift's Set; tables beyond 32 slots stay at most
    /// 3/4 full and grow by steps of 3/2 and 4/3, so a first value with 40 second values
    /// takes a table of 64 slots (256 bytes), not 128 as when tables were half full.
    func test_pairSet_consecutiveRuns_likeASet_withinTheFillBound() {
        var store = TupleStore(arity: 2)
        var reference = Set<[Int32]>()
        var g = SystemRandomNumberGenerator()
        for x in 0..<2_000 {
            let base = Int32(x / 40 * 40)
            for _ in 0..<60 {
                let y = base + Int32.random(in: 0..<40, using: &g)
                XCTAssertEqual(store.insertPair(Int32(x), y), reference.insert([Int32(x), y]).inserted)
            }
            // Every one of the 40, so that each group ends with 40 values.
            for k in 0..<40 { _ = store.insertPair(Int32(x), base + Int32(k)); reference.insert([Int32(x), base + Int32(k)]) }
        }
        XCTAssertEqual(store.count, 80_000)
        XCTAssertEqual(store.count, reference.count)
        for t in reference.prefix(1_000) { XCTAssertTrue(t.withUnsafeBufferPointer { store.contains($0.baseAddress!) }) }
        XCTAssertFalse([Int32(5), Int32(4_000)].withUnsafeBufferPointer { store.contains($0.baseAddress!) })
        store._checkInvariants()
        // 2,000 tables of 64 four-byte slots, plus the first level and per-group figures.
        XCTAssertLessThan(store.pairs.allocatedBytes, 2_000 * (64 * 4 + 64) + 64 * 1024, "pairs: \(store.pairs.allocatedBytes) bytes")
    }

    /// A block grown across the mapping threshold and then far past it keeps its values.
    func test_rowBuffer_growsAcrossTheThreshold_keepingItsValues() {
        var n = 1_000
        var block = RowBuffer.allocate(n)
        for i in 0..<n { block[i] = Int32(i &* 7) }
        for next in [900_000, 1_100_000, 5_000_000, 20_000_000] {  // 3.6 MB (malloc), then mapped ones
            block = RowBuffer.resize(block, from: n, to: next)
            for i in stride(from: 0, to: n, by: 997) { XCTAssertEqual(block[i], Int32(i &* 7), "value \(i) after growing to \(next)") }
            XCTAssertEqual(block[n - 1], Int32((n - 1) &* 7))
            for i in n..<next { block[i] = Int32(i &* 7) }
            n = next
        }
        block = RowBuffer.resize(block, from: n, to: 2_000)  // back below the threshold
        XCTAssertEqual(block[1_999], Int32(1_999 &* 7))
        RowBuffer.free(block, count: 2_000)
    }
}
