import Foundation
import XCTest
import KGCore
@testable import KGStore

final class RoundTripTests: XCTestCase {
    /// Commits a random workload, checking the live view against the model after every commit.
    private func commitWorkload(seed: UInt64, count: Int, into dir: URL) throws -> [GraphModel] {
        let store = try GraphStore.open(dir, mode: .write)
        var gen = WorkloadGenerator(seed: seed)
        var models = [GraphModel()]
        for i in 1...count {
            let draft = gen.draft(tx: i)
            let id = try store.commit(draft)
            XCTAssertEqual(id, i)
            for op in draft.operations { gen.model.apply(op) }
            models.append(gen.model)
            assertSame(store.current, gen.model, "seed \(seed) after tx \(i)")
        }
        return models
    }

    // EVIDENCE-OF: LOG-9, OP-1 … OP-10
    func test_reopen_reproducesGraph_afterManyTransactions() throws {
        for seed in UInt64(1)...4 {
            let dir = temporaryDirectory(self)
            let models = try commitWorkload(seed: seed, count: 60, into: dir)
            let reopened = try GraphStore.open(dir, mode: .read)
            XCTAssertEqual(reopened.transactions.count, 60)
            assertSame(reopened.current, models.last!, "seed \(seed) reopened")
        }
    }

    func test_asOf_everyTransaction_matchesModelAtThatPoint() throws {
        let dir = temporaryDirectory(self)
        let models = try commitWorkload(seed: 42, count: 40, into: dir)
        let store = try GraphStore.open(dir, mode: .read)
        for tx in 0...40 {
            let view = try store.view(asOf: tx)
            XCTAssertEqual(view.tx, tx)
            assertSame(view, models[tx], "as of \(tx)")
        }
        XCTAssertThrowsError(try store.view(asOf: 41))
    }

    func test_asOfTime_picksLastTransactionAtOrBeforeTime() throws {
        let dir = temporaryDirectory(self)
        let models = try commitWorkload(seed: 7, count: 10, into: dir)
        let store = try GraphStore.open(dir, mode: .read)
        // Transaction i was committed at 1_700_000_000 + 60 i.
        let between = try store.view(asOfTime: Date(timeIntervalSince1970: 1_700_000_000 + 5 * 60 + 30))
        XCTAssertEqual(between.tx, 5)
        assertSame(between, models[5], "as of time after tx 5")
        XCTAssertEqual(try store.view(asOfTime: Date(timeIntervalSince1970: 1_700_000_000 + 3 * 60)).tx, 3)
        XCTAssertEqual(try store.view(asOfTime: Date(timeIntervalSince1970: 0)).tx, 0)
        XCTAssertEqual(try store.view(asOfTime: Date()).tx, 10)
    }

    func test_transactions_keepIdTimeSourceAndCounts_acrossReopen() throws {
        let dir = temporaryDirectory(self)
        let t0 = Date(timeIntervalSince1970: 1_750_000_000.123456)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            let a = store.nextEntityID
            XCTAssertEqual(a, 1)
            try store.commit(TransactionDraft(source: .document("corpus/x.md"), operations: [
                .assertEntity(Entity(id: a, type: .person, name: "Jensen Huang", aliases: ["黄仁勋"])),
                .assertEntity(Entity(id: a + 1, type: .company, name: "NVIDIA")),
                .assertTriple(Triple(subject: a, predicate: "ceo_of", object: .entity(a + 1)), Provenance(document: "corpus/x.md", rule: "p")),
            ], time: t0))
            XCTAssertEqual(store.nextEntityID, 3)
            try store.commit(TransactionDraft(source: .user, operations: [.retractEntity(a + 1)]))
        }
        let store = try GraphStore.open(dir, mode: .read)
        let txs = store.transactions
        XCTAssertEqual(txs.map(\.id), [1, 2])
        XCTAssertEqual(txs[0].time.timeIntervalSince1970, t0.timeIntervalSince1970, accuracy: 1e-6)
        XCTAssertEqual(txs[0].source, .document("corpus/x.md"))
        XCTAssertEqual(txs[0].count(.assertEntity), 2)
        XCTAssertEqual(txs[0].count(.assertTriple), 1)
        XCTAssertEqual(txs[1].source, .user)
        XCTAssertEqual(txs[1].count(.retractEntity), 1)
        XCTAssertEqual(store.nextEntityID, 3, "ids are never reused, even after a retraction")
    }

    // EVIDENCE-OF: OP-6
    func test_retractTriple_byDocument_keepsOtherEvidence_andHistory() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        let t = Triple(subject: 1, predicate: "developed", object: .entity(2))
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .company, name: "OpenAI")),
            .assertEntity(Entity(id: 2, type: .model, name: "GPT-4o")),
            .assertTriple(t, Provenance(document: "a.md", start: 1, end: 5, sentence: "s1", rule: "r")),
            .assertTriple(t, Provenance(document: "b.md", start: 2, end: 6, sentence: "s2", rule: "r")),
        ]))
        try store.commit(TransactionDraft(source: .user, operations: [.retractTriple(t, document: "a.md")]))
        XCTAssertEqual(store.current.evidence(t).map(\.document), ["b.md"])
        XCTAssertEqual(store.current.allTriples, [t])
        try store.commit(TransactionDraft(source: .user, operations: [.retractTriple(t, document: nil)]))
        XCTAssertEqual(store.current.allTriples, [])
        XCTAssertEqual(try store.view(asOf: 1).evidence(t).map(\.document), ["a.md", "b.md"])
        XCTAssertEqual(try store.view(asOf: 2).allTriples, [t])
    }

    // EVIDENCE-OF: OP-9, OP-10
    func test_merge_showsUnderTarget_andUnmergeRestores() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .company, name: "NVIDIA")),
            .assertEntity(Entity(id: 2, type: .company, name: "英伟达", aliases: ["Nvidia Corp"])),
            .assertEntity(Entity(id: 3, type: .person, name: "Jensen Huang")),
            .assertTriple(Triple(subject: 3, predicate: "ceo_of", object: .entity(2)), Provenance(document: "a", rule: "r")),
        ]))
        try store.commit(TransactionDraft(source: .user, operations: [.merge(from: 2, into: 1)]))
        let merged = store.current
        XCTAssertEqual(merged.entity(2)?.id, 1)
        XCTAssertEqual(Set(merged.entity(1)?.aliases ?? []), ["英伟达", "Nvidia Corp"])
        XCTAssertEqual(merged.resolve(name: "nvidia corp"), [1])
        XCTAssertEqual(merged.triples(object: .entity(1)), [Triple(subject: 3, predicate: "ceo_of", object: .entity(1))])
        XCTAssertEqual(merged.entityCount, 2)
        XCTAssertThrowsError(try store.commit(TransactionDraft(source: .user, operations: [.merge(from: 1, into: 2)])))
        try store.commit(TransactionDraft(source: .user, operations: [.unmerge(from: 2, into: 1)]))
        let split = store.current
        XCTAssertEqual(split.entity(2)?.name, "英伟达")
        XCTAssertEqual(split.triples(object: .entity(2)).count, 1)
        XCTAssertEqual(split.triples(object: .entity(1)).count, 0)
        XCTAssertEqual(split.entityCount, 3)
    }

    func test_resolve_normalisesCaseWidthSpacesAndNameDots() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "Jensen Huang", aliases: ["黄仁勋", "詹森·黄"])),
        ]))
        let v = store.current
        for name in ["jensen huang", "JENSEN  HUANG", "ＪＥＮＳＥＮ　ＨＵＡＮＧ", "Jensen・Huang", "詹森黄", "詹森•黄", "黄仁勋"] {
            XCTAssertEqual(v.resolve(name: name), [1], name)
        }
        XCTAssertEqual(v.resolve(name: "Jensen"), [])
    }

    func test_readOnlyOpen_ofMissingDirectory_failsWithNoGraph() throws {
        let dir = temporaryDirectory(self).appendingPathComponent("nope")
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .read)) { error in
            XCTAssertEqual("\(error)", "no graph at \(dir.path)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path), "a read-only open creates nothing")
        let store = try GraphStore.open(dir, mode: .write)
        XCTAssertEqual(store.current.tx, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: store.logURL.path))
    }

    func test_commit_onReadOnlyStore_isRefused() throws {
        let dir = temporaryDirectory(self)
        _ = try GraphStore.open(dir, mode: .write)
        let reader = try GraphStore.open(dir, mode: .read)
        XCTAssertThrowsError(try reader.commit(TransactionDraft(source: .user, operations: [])))
    }

    func test_viewTakenBeforeCommit_doesNotChange() throws {
        let dir = temporaryDirectory(self)
        let store = try GraphStore.open(dir, mode: .write)
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .person, name: "A"))]))
        let before = store.current
        try store.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 2, type: .person, name: "B"))]))
        XCTAssertEqual(before.entityCount, 1)
        XCTAssertEqual(store.current.entityCount, 2)
    }

    // EVIDENCE-OF: COMMIT-1, SNAP-2
    /// A commit applies the draft on one thread while another writes its record; what it builds must be
    /// what replaying the record builds, byte for byte (shared sentence copies included).
    func test_liveGraphAfterCommits_isByteIdenticalToReplayedGraph() throws {
        for seed in UInt64(5)...7 {
            let dir = temporaryDirectory(self)
            let store = try GraphStore.open(dir, mode: .write)
            store.autoCheckpointBytes = .max
            var gen = WorkloadGenerator(seed: seed)
            for i in 1...60 {
                let draft = gen.draft(tx: i)
                try store.commit(draft)
                for op in draft.operations { gen.model.apply(op) }
            }
            let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
            var live = ByteWriter(), fromLog = ByteWriter()
            store.state.encodeSnapshotBody(into: &live)
            replayed.state.encodeSnapshotBody(into: &fromLog)
            XCTAssertEqual(live.bytes.count, fromLog.bytes.count, "seed \(seed)")
            XCTAssertTrue(live.bytes == fromLog.bytes, "seed \(seed): the live columns differ from the replayed ones")
            XCTAssertEqual(store.transactions, replayed.transactions, "seed \(seed)")
        }
    }

    /// The byte-level replay path and the value-level `apply` must build the same graph.
    func test_replayFromBytes_equalsApplyingDecodedOperations() throws {
        var gen = WorkloadGenerator(seed: 1234)
        var byBytes = GraphState(), byValues = GraphState()
        for i in 1...80 {
            let draft = gen.draft(tx: i)
            for op in draft.operations { gen.model.apply(op) }
            let tx = Transaction(id: i, time: Date(timeIntervalSince1970: Double(i)), source: draft.source, operations: draft.operations)
            let payload = TransactionCodec.encode(tx)
            let summary = try payload.withUnsafeBytes { raw -> TransactionSummary in
                var r = ByteReader(raw)
                return try byBytes.replay(&r)
            }
            XCTAssertEqual(summary, tx.summary)
            byValues.apply(tx)
            let a = GraphView(byBytes), b = GraphView(byValues)
            assertSame(a, gen.model, "bytes, tx \(i)")
            assertSame(b, gen.model, "values, tx \(i)")
            XCTAssertEqual(a.columns.subjects, b.columns.subjects)
            XCTAssertEqual(a.columns.objects, b.columns.objects)
        }
    }
}
