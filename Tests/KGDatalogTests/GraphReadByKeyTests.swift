import Foundation
import KGCore
import KGStore
@testable import KGDatalog
import XCTest

/// The graph read by key through the store's indexes (`BaseRelations`,
/// `GraphRelation`) against the old path that copies every relation whole
/// (`GraphFacts.readsThroughIndexes = false`), on random graphs with aliases,
/// shared names, literal objects, retractions, merges, several transactions,
/// as-of reads and `minConfidence`; and that a bound query reads only its rows.
final class GraphReadByKeyTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-bykey-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    /// A deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let names = ["Alpha", "Beta", "Gamma", "Delta", "Omega", "Zeta", "Eta", "Theta"]
    static let predicates = ["p", "q", "ceo_of"]
    static let literals: [TripleObject] = [.string("red"), .string("Alpha"), .number(3), .number(2.5)]
    static let types: [EntityType] = [.person, .company, .model, .figure]

    /// Builds a random graph in several transactions; returns the number of transactions.
    func buildRandomGraph(seed: UInt64) throws -> Int {
        var rng = Random(state: seed)
        let store = try GraphStore.open(directory, mode: .write)
        var next = 1
        var triples: [(Triple, String)] = []
        var transactions = 0
        for _ in 0..<(3 + rng.below(4)) {
            var ops: [KGStore.Operation] = []
            var fresh = next
            for _ in 0..<(2 + rng.below(4)) {
                let type = rng.pick(GraphReadByKeyTests.types)
                let figure = type == .figure ? FigurePayload(value: Double(rng.below(100)), unit: "USD", surface: "x") : nil
                let aliases = rng.chance(40) ? [rng.pick(GraphReadByKeyTests.names) + (rng.chance(50) ? "" : " Inc")] : []
                // Shared names, unique ones, and (every third seed) a name whose string equality is not
                // byte equality for Swift (Hangul), which keeps aggregates off the column path.
                let pool = GraphReadByKeyTests.names + (seed % 3 == 0 ? ["한국"] : [])
                let name = rng.pick(pool) + (rng.chance(40) ? " \(fresh)" : "")
                ops.append(.assertEntity(Entity(id: fresh, type: type, name: name, aliases: aliases, figure: figure)))
                fresh += 1
            }
            let known = fresh - 1
            for _ in 0..<(4 + rng.below(10)) {
                let object: TripleObject = rng.chance(70) ? .entity(1 + rng.below(known)) : rng.pick(GraphReadByKeyTests.literals)
                let t = Triple(subject: 1 + rng.below(known), predicate: rng.pick(GraphReadByKeyTests.predicates), object: object)
                let doc = "d\(rng.below(3)).md"
                ops.append(.assertTriple(t, Provenance(document: doc, start: rng.below(5), end: 5 + rng.below(5),
                                                       sentence: "s\(rng.below(4))", rule: "r\(rng.below(2))",
                                                       confidence: [0.3, 0.6, 0.9][rng.below(3)],
                                                       metric: rng.chance(30) ? "m" : nil)))
                triples.append((t, doc))
            }
            if !triples.isEmpty && rng.chance(60) {
                let (t, doc) = rng.pick(triples)
                ops.append(.retractTriple(t, document: rng.chance(50) ? doc : nil))
            }
            if next > 1 && rng.chance(40) { ops.append(.retractEntity(1 + rng.below(next - 1))) }
            if next > 1 && rng.chance(40) { ops.append(.assertAlias(1 + rng.below(next - 1), rng.pick(GraphReadByKeyTests.names))) }
            _ = try store.commit(TransactionDraft(source: .user, operations: ops))
            transactions += 1
            next = fresh
            // Merges in their own transaction: a cycle or a repeated merge is refused, and the others still commit.
            if rng.chance(70) {
                let from = 1 + rng.below(known), into = 1 + rng.below(known)
                if (try? store.commit(TransactionDraft(source: .user, operations: [.merge(from: from, into: into)]))) != nil {
                    transactions += 1
                }
            }
        }
        return transactions
    }

    /// Queries covering every graph relation, bound and unbound, 2-hop, recursion, negation, aggregates.
    func queries(seed: UInt64) -> [String] {
        var rng = Random(state: seed ^ 0xABCD)
        var out = [
            "?- triple(S, P, O).", "?- entity(E, T, N).", "?- alias(E, A).", "?- person(X).", "?- figure_value(F, V, U).",
            "?- p(S, O).", "?- q(S, O), p(O, X).", "?- evidence(S, P, O, D, T).", "?- fact_meta(S, P, O, M, C, R).",
            "?- evidence_span(S, P, O, D, T, B, E).", "?- triple(S, ceo_of, O).", "?- triple(S, P, 3).", "?- triple(S, P, 2.5).",
            "?- triple(S, P, \"red\").", "?- P, count(S) <- triple(S, P, O).",
            "has(E) :- triple(E, _, _).\n?- entity(E, T, N), !has(E).",
            // Aggregates over one graph atom: computed on the store's columns (GraphAggregate).
            "?- P, sum(1) <- triple(S, P, O).", "?- S, count(O) <- triple(S, P, O).", "?- O, count(S) <- triple(S, P, O).",
            "?- count(S) <- p(S, O).", "?- sum(1) <- triple(S, ceo_of, O).", "?- sum(1) <- triple(S, nosuch, O).",
            "?- count(O) <- triple(S, nosuch, O).", "?- S, min(O) <- q(S, O).", "?- P, max(O) <- triple(S, P, O).",
            "?- P, min(S) <- triple(S, P, O).", "?- S, sum(O) <- triple(S, P, O).", "?- avg(O) <- triple(S, P, O).",
            "?- S, P, count(O) <- triple(S, P, O).", "?- count(X) <- triple(X, P, X).", "?- P, sum(1.5) <- triple(S, P, O).",
            "?- O, avg(2) <- ceo_of(S, O).", "?- count(1) <- triple(S, P, O).", "?- P, O, count(S) <- triple(S, P, O).",
            "n(P, count(S)) :- triple(S, P, _).\n?- n(P, C).", "m(\"k\", S, max(O)) :- p(S, O).\n?- m(K, S, M).",
        ]
        for _ in 0..<6 {
            let n = "\"" + rng.pick(GraphReadByKeyTests.names) + (rng.chance(20) ? " Inc" : "") + "\""
            let p = rng.pick(GraphReadByKeyTests.predicates)
            out += [
                "?- triple(\(n), P, O).", "?- triple(S, P, \(n)).", "?- \(p)(\(n), O).", "?- \(p)(S, \(n)).",
                "?- triple(\(n), P, X), triple(X, Q, Y).", "?- entity(\(n), T, N).", "?- entity(E, T, \(n)).",
                "?- person(\(n)).", "?- company(\(n)).", "?- alias(\(n), A).", "?- alias(E, \(n)).", "?- figure_value(\(n), V, U).",
                "?- evidence(\(n), P, O, D, T).", "?- fact_meta(S, P, \(n), M, C, R).", "?- triple(S, \(p), \(n)).",
                "reach(X, Y) :- \(p)(X, Y).\nreach(X, Y) :- reach(X, Z), \(p)(Z, Y).\n?- reach(\(n), Y).",
                "?- count(O) <- triple(\(n), P, O).",
                "?- triple(\(n), P, O), !p(O, \(n)).",
            ]
        }
        return out
    }

    func session(asOf tx: Int, minConfidence: Double?, byKey: Bool) throws -> DatalogSession {
        let store = try GraphStore.open(directory, mode: .read)
        return session(try store.view(asOf: tx), minConfidence: minConfidence, byKey: byKey)
    }

    func session(_ view: GraphView, minConfidence: Double?, byKey: Bool) -> DatalogSession {
        let facts = GraphFacts(view: view)
        facts.minConfidence = minConfidence
        facts.readsThroughIndexes = byKey
        return DatalogSession(factSource: facts)
    }

    func rows(_ text: String, _ s: DatalogSession) -> [String] {
        do {
            guard let r = try s.run(source: text, file: "q.dl").last else { return ["<no result>"] }
            return r.rows.map { $0.map(\.description).joined(separator: ",") }.sorted()
        } catch {
            return ["<error: \(error)>"]
        }
    }

    func test_randomGraphs_readByKey_answersAsCopyingEverything() throws {
        var compared = 0, nonEmpty = 0, columnar = 0
        for seed in UInt64(1)...6 {
            try? FileManager.default.removeItem(at: directory)
            let transactions = try buildRandomGraph(seed: seed)
            let qs = queries(seed: seed)
            let store = try GraphStore.open(directory, mode: .read)
            for tx in Set([1, transactions / 2 + 1, transactions]).sorted() {
                let view = try store.view(asOf: tx)
                for floor in [nil, 0.5] as [Double?] {
                    // One session per path, shared by every query (as the REPL does), and fresh ones too.
                    let byKey = session(view, minConfidence: floor, byKey: true)
                    let copied = session(view, minConfidence: floor, byKey: false)
                    for q in qs {
                        let expected = rows(q, copied)
                        XCTAssertEqual(rows(q, byKey), expected, "seed \(seed) tx \(tx) min \(String(describing: floor)): \(q)")
                        // Alone in a session (the shared ones accumulate rules: `reach` grows with each).
                        let fresh = session(view, minConfidence: floor, byKey: true)
                        XCTAssertEqual(rows(q, fresh), rows(q, session(view, minConfidence: floor, byKey: false)),
                                       "fresh session, seed \(seed) tx \(tx): \(q)")
                        columnar += fresh.bases.columnarAggregates
                        compared += 1
                        if !expected.isEmpty { nonEmpty += 1 }
                    }
                    columnar += byKey.bases.columnarAggregates
                }
            }
        }
        // The comparison means something only if many queries have answers.
        XCTAssertGreaterThan(nonEmpty, compared / 3, "\(nonEmpty) of \(compared) queries answered")
        // Most one-atom aggregates took the column path (not the Hangul seeds'), so it was compared too.
        XCTAssertGreaterThan(columnar, 200, "aggregates computed on the store's columns")
    }

    /// A hub with many triples among many entities: a bound query reads only the hub's rows.
    func buildHubGraph() throws {
        let store = try GraphStore.open(directory, mode: .write)
        var ops: [KGStore.Operation] = []
        for id in 1...600 { ops.append(.assertEntity(Entity(id: id, type: .company, name: "E\(id)", aliases: ["alias\(id)"]))) }
        for id in 1...599 {
            ops.append(.assertTriple(Triple(subject: id, predicate: "next", object: .entity(id + 1)), Provenance(document: "d", rule: "r")))
            ops.append(.assertTriple(Triple(subject: id, predicate: "other", object: .entity(600 - id + 1)), Provenance(document: "d", rule: "r")))
        }
        _ = try store.commit(TransactionDraft(source: .user, operations: ops))
    }

    func test_boundQuery_readsOnlyMatchingRows_andCopiesNothing() throws {
        try buildHubGraph()
        let s = try session(asOf: 1, minConfidence: nil, byKey: true)
        XCTAssertEqual(rows("?- triple(\"E10\", P, O).", s), ["next,E11", "other,E591"])
        XCTAssertLessThanOrEqual(s.bases.rowsRead, 2, "a point lookup looks at the subject's rows only")
        // Two hops: the subject's rows, then each neighbour's.
        XCTAssertEqual(rows("?- triple(\"alias10\", P, X), next(X, Y).", s), ["next,E11,E12", "other,E591,E592"])
        XCTAssertLessThanOrEqual(s.bases.rowsRead, 2 + 4)
        // A bound recursive query through magic sets: the chain from E590 on, about 10 rows per relation.
        let reach = "reach(X, Y) :- next(X, Y).\nreach(X, Y) :- reach(X, Z), next(Z, Y).\n?- reach(\"E590\", Y)."
        XCTAssertEqual(rows(reach, s).count, 10)
        XCTAssertLessThan(s.bases.rowsRead, 6 + 25)
        // Predicate and object bound: the object's list (2 rows), not the predicate's (599).
        let before = s.bases.rowsRead
        XCTAssertEqual(rows("?- triple(S, next, \"E11\").", s), ["E10"])
        XCTAssertLessThanOrEqual(s.bases.rowsRead - before, 2)
        // A full-scan aggregate and a rule over a whole relation stream it: still no copy.
        XCTAssertEqual(rows("?- P, count(S) <- triple(S, P, O).", s), ["next,599", "other,599"])
        XCTAssertEqual(rows("starts(X) :- next(X, _).\n?- count(X) <- starts(X).", s), ["599"])
        // Nothing was copied into the database: every base relation is still read by key.
        for name in ["triple", "next", "other", "entity", "alias"] {
            XCTAssertEqual(s.database.id(of: name).map { s.database.count($0) }, 0, "\(name) copied")
        }
        // A scan copies the relation; the answers are the whole relation.
        XCTAssertEqual(rows("?- next(X, Y).", s).count, 599)
        XCTAssertEqual(s.database.count(s.database.id(of: "next")!), 599)
    }

    func test_copyingPath_readsWholeRelations() throws {
        try buildHubGraph()
        let s = try session(asOf: 1, minConfidence: nil, byKey: false)
        XCTAssertEqual(rows("?- triple(\"E10\", P, O).", s), ["next,E11", "other,E591"])
        XCTAssertEqual(s.bases.rowsRead, 0)
        XCTAssertEqual(s.database.count(s.database.id(of: "triple")!), 1198)
    }
}

