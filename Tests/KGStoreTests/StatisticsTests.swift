import Foundation
import XCTest
import KGCore
@testable import KGStore

/// The counts `kg stats` shows are kept as operations apply
/// (GraphState+Statistics.swift); these tests hold them to a recount by full
/// scan and to the naive model after random asserts, retractions, merges,
/// splits, re-assertions, as-of reads and snapshot loads.
final class StatisticsTests: XCTestCase {
    /// The kept counts, a full recount and the model all agree.
    private func assertCounts(_ view: GraphView, _ model: GraphModel, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
        let kept = view.keptStatistics, recount = view.recountedStatistics
        XCTAssertEqual(kept.entitiesByType, recount.entitiesByType, "\(context): entities by type", file: file, line: line)
        XCTAssertEqual(kept.predicates, recount.predicates, "\(context): triples by predicate", file: file, line: line)
        XCTAssertEqual(kept.evidence, recount.evidence, "\(context): evidence", file: file, line: line)
        XCTAssertEqual(view.state.statistics, view.state.recountStatistics(), "\(context): counts by id", file: file, line: line)
        var byType: [EntityType: Int] = [:]
        for (_, e) in model.liveEntities { byType[e.type, default: 0] += 1 }
        XCTAssertEqual(kept.entitiesByType, byType, "\(context): entities by type (model)", file: file, line: line)
        var byPredicate: [String: Int] = [:]
        for t in model.liveTriples { byPredicate[t.predicate, default: 0] += 1 }
        XCTAssertEqual(kept.predicates, byPredicate, "\(context): triples by predicate (model)", file: file, line: line)
        XCTAssertEqual(view.tripleCount, model.liveTriples.count, "\(context): triples (model)", file: file, line: line)
        let evidence = model.evidence.filter { model.visible($0.key) }.reduce(0) { $0 + $1.value.count }
        XCTAssertEqual(view.evidenceCount, evidence, "\(context): evidence (model)", file: file, line: line)
    }

    func test_keptCounts_equalRecount_afterEveryRandomTransaction_asOf_andSnapshot() throws {
        for seed in UInt64(11)...16 {
            let dir = temporaryDirectory(self)
            var gen = WorkloadGenerator(seed: seed)
            var models = [GraphModel()]
            var merges = 0, retractions = 0
            do {
                let store = try GraphStore.open(dir, mode: .write)
                for i in 1...80 {
                    let draft = gen.draft(tx: i)
                    try store.commit(draft)
                    for op in draft.operations {
                        gen.model.apply(op)
                        if case .merge = op { merges += 1 }
                        if case .unmerge = op { merges += 1 }
                        if case .retractEntity = op { retractions += 1 }
                        if case .retractTriple = op { retractions += 1 }
                    }
                    models.append(gen.model)
                    assertCounts(store.current, gen.model, "seed \(seed) after tx \(i)")
                    if i == 50 { try store.checkpoint() }
                }
            }
            XCTAssertGreaterThan(merges, 0, "the workload should merge and split")
            XCTAssertGreaterThan(retractions, 0, "the workload should retract")
            // Reopened from the snapshot (taken at 50) plus replay; as of every transaction.
            let store = try GraphStore.open(dir, mode: .read)
            XCTAssertTrue(store.openedFromSnapshot)
            assertCounts(store.current, models.last!, "seed \(seed) reopened")
            for tx in stride(from: 0, through: 80, by: 7) {
                assertCounts(try store.view(asOf: tx), models[tx], "seed \(seed) as of \(tx)")
            }
        }
    }

    /// A merge of two entities that both hold the same triple counts it once; a
    /// split counts it twice again; retracting the target hides both.
    func test_mergeOfDuplicateTriples_countsOnce_andSplitRestores() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        let p = Provenance(document: "d.md", sentence: "s", rule: "r")
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .company, name: "Acme")),
            .assertEntity(Entity(id: 2, type: .company, name: "ACME Inc")),
            .assertEntity(Entity(id: 3, type: .person, name: "Ada")),
            .assertTriple(Triple(subject: 3, predicate: "ceo_of", object: .entity(1)), p),
            .assertTriple(Triple(subject: 3, predicate: "ceo_of", object: .entity(2)), p),
        ]))
        XCTAssertEqual(store.current.predicates, ["ceo_of": 2])
        XCTAssertEqual(store.current.entityCount(ofType: .company), 2)
        try store.commit(TransactionDraft(source: .user, operations: [.merge(from: 2, into: 1)]))
        XCTAssertEqual(store.current.predicates, ["ceo_of": 1])
        XCTAssertEqual(store.current.evidenceCount, 2)
        XCTAssertEqual(store.current.entityCount(ofType: .company), 1)
        try store.commit(TransactionDraft(source: .user, operations: [.retractEntity(1)]))
        XCTAssertEqual(store.current.predicates, [:])
        XCTAssertEqual(store.current.evidenceCount, 0)
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .company, name: "Acme"))]))
        XCTAssertEqual(store.current.predicates, ["ceo_of": 1])
        try store.commit(TransactionDraft(source: .user, operations: [.unmerge(from: 2, into: 1)]))
        XCTAssertEqual(store.current.predicates, ["ceo_of": 2])
        XCTAssertEqual(store.current.entityCount(ofType: .company), 2)
        XCTAssertEqual(store.current.entityCount(ofType: .person), 1)
    }

    /// A commit made while a view of the same store is held copies the graph's
    /// columns; the counter that `kg assert`'s test relies on sees exactly that.
    func test_commitWhileViewHeld_isCounted_andWithoutViewIsNot() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .company, name: "Acme"))]))
        let before = GraphStore.commitsThatCopiedTheGraph
        try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(1, "Acme Corp")]))
        XCTAssertEqual(GraphStore.commitsThatCopiedTheGraph, before)
        let held = store.current
        try store.commit(TransactionDraft(source: .user, operations: [.assertAlias(1, "ACME")]))
        XCTAssertEqual(GraphStore.commitsThatCopiedTheGraph, before + 1)
        XCTAssertEqual(held.tx, 2)
    }
}
