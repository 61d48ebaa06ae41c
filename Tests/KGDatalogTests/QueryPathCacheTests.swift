import Foundation
import KGCore
import KGStore
@testable import KGDatalog
import XCTest

/// What the point-lookup path remembers between queries, and that it never
/// answers from a stale memory: the answer order (value order computed from
/// bytes), the reused answer relations, the name→entity memo of `GraphFacts`
/// (one per graph view: a commit or an as-of read is a new view, so a new memo),
/// and the source relation names a session reads once.
final class QueryPathCacheTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-qcache-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func rows(_ text: String, _ s: DatalogSession) throws -> [String] {
        try s.run(source: text, file: "q.dl").last?.rows.map { $0.map(\.description).joined(separator: ",") } ?? []
    }

    /// `valueOrder` against the comparison it replaces, on mixed values: numbers of
    /// both kinds, ASCII, CJK, accents precomposed and not, supplementary-plane scalars, prefixes.
    func test_valueOrder_isTheValueTableOrder() {
        let table = ValueTable()
        let texts = ["", "a", "A", "ab", "abc", "abd", "b", "Z", "é", "e\u{301}", "ê", "微软", "微", "阿莫迪", "😀", "😀a",
                     "\u{10FFFF}", "\u{FFFF}", "z\u{0}", "Entity 10", "Entity 9", "Entity 100", "#3", "#12", "~", " "]
        var distinct = Set<Int32>()
        for t in texts { distinct.insert(table.encode(.string(t))) }
        for n in [0, 1, 7, 300, Int(Int32.max)] { distinct.insert(table.encode(.int(Int64(n)))) }
        for n in [-1, -300, Int(Int64.max)] { distinct.insert(table.encode(.int(Int64(n)))) }
        for d in [2.5, -0.5, 1e300, -1e300, 7.25] { distinct.insert(table.encode(.double(d))) }
        let expected = distinct.sorted { table.less($0, $1) }
        XCTAssertEqual(AnswerOrdering.valueOrder(distinct, table), expected)
        XCTAssertEqual(expected.count, distinct.count)
        // Random strings too (bytes from several scripts), many times.
        var state: UInt64 = 7
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let alphabet: [Character] = ["a", "b", "B", "é", "e", "\u{301}", "微", "软", "😀", "1", " ", "\u{7F}", "\u{80}", "ÿ"]
        for _ in 0..<50 {
            let t = ValueTable()
            var set = Set<Int32>()
            for _ in 0..<40 {
                let s = String((0..<Int(next() % 6)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
                set.insert(t.encode(.string(s)))
                if next() % 4 == 0 { set.insert(t.encode(.int(Int64(next() % 50) - 25))) }
            }
            XCTAssertEqual(AnswerOrdering.valueOrder(set, t), set.sorted { t.less($0, $1) })
        }
    }

    /// A graph of `people` persons named "Person K" (alias "P#K" on every third), each
    /// `knows` the next; returns the store.
    @discardableResult
    func buildGraph(people: Int = 30) throws -> GraphStore {
        let store = try GraphStore.open(directory, mode: .write)
        var ops: [KGStore.Operation] = []
        for id in 1...people {
            ops.append(.assertEntity(Entity(id: id, type: .person, name: "Person \(id)", aliases: id % 3 == 0 ? ["P#\(id)"] : [])))
        }
        for id in 1..<people {
            ops.append(.assertTriple(Triple(subject: id, predicate: "knows", object: .entity(id + 1)), Provenance(document: "d", rule: "r")))
        }
        _ = try store.commit(TransactionDraft(source: .user, operations: ops))
        return store
    }

    /// Thousands of queries in one session (a long REPL session) keep the relation
    /// count bounded, answer as fresh sessions do, and an earlier answer still explains.
    func test_manyQueries_reuseAnswerRelations_andAnswerAsFreshSessions() throws {
        let store = try buildGraph()
        let session = DatalogSession(factSource: GraphFacts(view: store.current))
        session.useMagicSets = false
        let first = try XCTUnwrap(session.run(source: "?- knows(\"Person 3\", Y).", file: "q.dl").last)
        XCTAssertEqual(first.rows, [[.string("Person 4")]])
        let relationsAfterFirst = session.database.relationCount
        for k in 0..<600 {
            let name = "Person \(1 + k % 30)"
            let text = k % 2 == 0 ? "?- triple(\"\(name)\", P, O)." : "?- knows(\"\(name)\", X), knows(X, Y)."
            let fresh = DatalogSession(factSource: GraphFacts(view: store.current))
            XCTAssertEqual(try rows(text, session), try rows(text, fresh), text)
        }
        // Arity 1, 2 and 3 answers: at most one relation more per arity met, not one per query.
        XCTAssertLessThanOrEqual(session.database.relationCount, relationsAfterFirst + 3)
        // The first query's answer, explained after 600 others reused its relation.
        let d = session.explain(result: first, row: [.string("Person 4")])
        XCTAssertEqual(d.premises.map(\.fact), ["knows(\"Person 3\", \"Person 4\")"])
    }

    /// The name memo belongs to one view: after a commit renames and re-aliases entities,
    /// a session on the new view (as the REPL builds one per transaction) answers from
    /// the new names, and an as-of session on the old transaction from the old ones.
    func test_nameMemo_followsCommitsAndAsOf() throws {
        let store = try buildGraph()
        let before = GraphFacts(view: store.current)
        let old = DatalogSession(factSource: before)
        XCTAssertEqual(try rows("?- knows(\"P#3\", Y).", old), ["Person 4"])
        XCTAssertEqual(try rows("?- knows(\"P#3\", Y).", old), ["Person 4"], "asked again: from the memo")
        XCTAssertEqual(try rows("?- knows(\"Q\", Y).", old), [])
        // Transaction 2: "Q" becomes an alias of Person 5, Person 3 is retracted.
        try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(5, "Q"), .retractEntity(3)]))
        let now = DatalogSession(factSource: GraphFacts(view: store.current))
        XCTAssertEqual(try rows("?- knows(\"Q\", Y).", now), ["Person 6"])
        XCTAssertEqual(try rows("?- knows(\"P#3\", Y).", now), [])
        XCTAssertEqual(try rows("?- knows(X, \"Q\").", now), ["Person 4"])
        // The old view's session still reads transaction 1.
        XCTAssertEqual(try rows("?- knows(\"P#3\", Y).", old), ["Person 4"])
        XCTAssertEqual(try rows("?- knows(\"Q\", Y).", old), [])
        let asOf = DatalogSession(factSource: GraphFacts(view: try store.view(asOf: 1)))
        XCTAssertEqual(try rows("?- knows(\"Q\", Y).", asOf), [])
        XCTAssertEqual(try rows("?- knows(\"P#3\", Y).", asOf), ["Person 4"])
    }

    /// More distinct names than the memo keeps: it is emptied and refilled, answers unchanged.
    func test_nameMemo_overItsLimit_answersTheSame() throws {
        let store = try buildGraph(people: 40)
        let facts = GraphFacts(view: store.current)
        let session = DatalogSession(factSource: facts)
        for k in 0..<(GraphFacts.resolvedLimit + 50) {
            _ = facts.resolve("no such name \(k)")
        }
        XCTAssertEqual(facts.resolve("Person 7"), [7])
        XCTAssertEqual(try rows("?- knows(\"Person 7\", Y).", session), ["Person 8"])
        XCTAssertEqual(facts.resolve("P#9"), [9])
    }
}

/// The part index and the nearest names read from the names' bytes against the
/// String implementation they replace (kept here as the reference), on graphs with
/// ASCII, CJK, name dots, hyphens, accents and repeated names.
final class NameIndexBytesTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-names-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    static let names = ["Dario Amodei", "达里奥·阿莫迪", "Jensen Huang", "黄仁勋", "Sam Altman", "Mary-Jane Watson", "Zoë Saldaña",
                        "José María", "OpenAI", "Open AI Labs", "Huang Lab", "阿莫迪", "Li Wei", "Li Na", "Wei-Li Chen", "X Æ A-12",
                        "山田・太郎", "Ｆｕｌｌ Ｗｉｄｔｈ", "a b", "Ab", "GPT-4o", "Claude 3", "Claude 3.5", "claude"]

    /// The old reference: every name as a String (`view.names`, canonical entities live).
    func referenceNearest(_ text: String, _ view: GraphView) -> [String] {
        let key = Array(NameKey.normalize(text))
        guard !key.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        let limit = max(2, key.count / 2)
        for (name, id) in view.names where view.isLive(id) && seen.insert(name).inserted {
            let other = Array(NameKey.normalize(name))
            let contains = other.count >= key.count ? String(other).contains(String(key)) : String(key).contains(String(other)) && other.count >= 2
            let d = contains ? 0 : NameIndex.editDistance(key, other, cap: limit + 1)
            if d <= limit { scored.append((d, name)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
    }

    func referenceParts(_ view: GraphView) -> [String: Set<EntityID>] {
        var out: [String: Set<EntityID>] = [:]
        for (name, id) in view.names where view.isLive(id) {
            let pieces = NameIndex.split(name)
            guard pieces.count > 1 else { continue }
            for piece in pieces where piece.count >= 2 { out[NameKey.normalize(piece), default: []].insert(id) }
        }
        return out
    }

    func test_bytePaths_matchStringReference() throws {
        let store = try GraphStore.open(directory, mode: .write)
        var ops: [KGStore.Operation] = []
        for (k, name) in NameIndexBytesTests.names.enumerated() {
            ops.append(.assertEntity(Entity(id: k + 1, type: .person, name: name,
                                            aliases: k % 4 == 0 ? ["Alias \(name)"] : [])))
        }
        _ = try store.commit(TransactionDraft(source: .user, operations: ops))
        _ = try store.commit(TransactionDraft(source: .user, operations: [.merge(from: 14, into: 13), .retractEntity(20)]))
        let view = store.current
        let index = NameIndex(view: view)
        let probes = ["Amodei", "阿莫迪", "Huang", "huang", "Li", "Wei", "Chen", "Jane", "Mary", "Watson", "Saldaña", "María",
                      "Dario Amodi", "Jensn Huang", "黄仁", "OpenA", "Opn AI", "Claud", "Cluade 3", "Zoe", "太郎", "山田",
                      "Ａｌｔｍａｎ", "Altmann", "xyz", "A-12", "gpt4o", "GPT 4o", "Labs", "AI", "q", "Full", "Width", "Alias"]
        let parts = referenceParts(view)
        for probe in probes {
            XCTAssertEqual(index.nearest(to: probe), referenceNearest(probe, view), probe)
            XCTAssertEqual(index.nearest(to: probe), referenceNearest(probe, view), "remembered: \(probe)")
            // The short-form lookup: the same entities as the reference part index gives.
            let expected: NameLookup
            let key = NameKey.normalize(probe)
            let canonical = Set((parts[key] ?? []).map(view.canonicalID)).filter(view.isLive)
            let names = canonical.compactMap { view.canonicalName($0) }.sorted()
            if let first = view.resolve(name: probe).first, let n = view.canonicalName(first) {
                expected = .entity(canonical: n)
            } else if probe.count >= 2 && names.count == 1 {
                expected = .entity(canonical: names[0])
            } else if probe.count >= 2 && names.count > 1 {
                expected = .ambiguous(names)
            } else {
                expected = .unknown(nearest: referenceNearest(probe, view))
            }
            XCTAssertEqual(index.lookUp(probe) { view.canonicalName($0) }, expected, probe)
        }
    }
}
