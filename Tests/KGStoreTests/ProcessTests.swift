import Foundation
import XCTest
import KGCore
@testable import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// Tests that need a second process: the built `kg` binary (crash and lock tests).
final class ProcessTests: XCTestCase {
    /// The built `kg` next to the test bundle, else `.build/<config>/kg` found by walking up from this file.
    static let kgBinary: URL? = {
        // First the build directory this test bundle was built into (debug or release)…
        let beside = Bundle(for: ProcessTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("kg")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        // …else walk up from this file to the package's .build.
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            let build = dir.appendingPathComponent(".build")
            for sub in ["debug", "x86_64-unknown-linux-gnu/debug", "release"] {
                let candidate = build.appendingPathComponent(sub).appendingPathComponent("kg")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    private func kg() throws -> URL {
        guard let url = ProcessTests.kgBinary else {
            XCTFail("the kg binary was not found under .build; run `swift build` first")
            throw XCTSkip("no kg binary")
        }
        return url
    }

    /// Runs `kg args` to completion; returns (status, stdout, stderr, seconds).
    private func run(_ args: [String]) throws -> (Int32, String, String, Double) {
        let p = Process()
        p.executableURL = try kg()
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let start = Date()
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self),
                Date().timeIntervalSince(start))
    }

    // EVIDENCE-OF: LOCK-1, LOCK-2, LOCK-3
    func test_secondWriter_failsAtOnce_withHoldersPid_readersDoNot() throws {
        let dir = temporaryDirectory(self)
        let holder = try GraphStore.open(dir, mode: .write)
        try holder.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .company, name: "OpenAI"))]))
        let me = getpid()
        let (status, _, stderr, seconds) = try run(["assert", "--graph", dir.path, "OpenAI", "developed", "GPT-5"])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(stderr.contains("graph is locked by process \(me)"), stderr)
        XCTAssertLessThan(seconds, 5, "a second writer fails at once, it does not wait")
        // Inside one process a second writer is refused the same way.
        XCTAssertThrowsError(try GraphStore.open(dir, mode: .write)) { error in
            XCTAssertEqual("\(error)", "graph is locked by process \(me)")
        }
        // Readers neither block nor fail.
        let (readStatus, readOut, _, _) = try run(["stats", "--graph", dir.path])
        XCTAssertEqual(readStatus, 0)
        XCTAssertTrue(readOut.contains("transactions  1"), readOut)
        XCTAssertEqual(try GraphStore.open(dir, mode: .read).transactions.count, 1)
        withExtendedLifetime(holder) {}
    }

    func test_writerLock_isReleased_whenHolderCloses() throws {
        let dir = temporaryDirectory(self)
        do {
            let holder = try GraphStore.open(dir, mode: .write)
            try holder.commit(TransactionDraft(source: .user, operations: [.assertEntity(Entity(id: 1, type: .company, name: "OpenAI"))]))
        }
        let (status, out, err, _) = try run(["assert", "--graph", dir.path, "OpenAI", "developed", "GPT-5"])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("asserted: OpenAI developed \"GPT-5\""), out)
    }

    // EVIDENCE-OF: SNAP-10, SNAP-3, COMMIT-1
    func test_writerKilledDuringBackgroundCheckpoints_losesNothing_andLeavesAUsableOrNoSnapshot() throws {
        let dir = temporaryDirectory(self)
        var rng = SeededRandom(seed: UInt64(getpid()) ^ 0x5A)
        var acknowledged = 0
        var openedFromSnapshot = 0
        for round in 0..<12 {
            let p = Process()
            p.executableURL = try kg()
            // A background snapshot after every ~8 KiB of log: the kill often lands in one.
            p.arguments = ["_ingest-loop", "--graph", dir.path, "--checkpoint-bytes", "8192"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let first = out.fileHandleForReading.availableData
            usleep(UInt32(20_000 + rng.next() % 150_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "round \(round): the writer died of something else")
            let text = String(decoding: first + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let last = lines.last, let id = Int(last) { acknowledged = max(acknowledged, id) }

            let reader = try GraphStore.open(dir, mode: .read)
            if reader.openedFromSnapshot { openedFromSnapshot += 1 }
            XCTAssertGreaterThanOrEqual(reader.transactions.count, acknowledged, "round \(round): an acknowledged transaction was lost")
            let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
            var a = ByteWriter(), b = ByteWriter()
            reader.state.encodeSnapshotBody(into: &a)
            replayed.state.encodeSnapshotBody(into: &b)
            XCTAssertEqual(a.bytes, b.bytes, "round \(round): the snapshot and the log's tail give the log's graph")
            let report = GraphStore.verify(dir)
            XCTAssertTrue(report.problems.allSatisfy { $0.message.contains("torn last record") }, "round \(round): \(report.problems)")
        }
        XCTAssertGreaterThan(acknowledged, 0, "the writer never got to commit")
        XCTAssertGreaterThan(openedFromSnapshot, 0, "no background snapshot was ever completed")
    }

    // EVIDENCE-OF: COMMIT-1, LOG-7
    func test_killedWriter_atRandomMoments_losesNoAcknowledgedTransaction() throws {
        let dir = temporaryDirectory(self)
        var rng = SeededRandom(seed: UInt64(getpid()))
        var acknowledged = 0
        var kills = 0
        for round in 0..<24 {
            let p = Process()
            p.executableURL = try kg()
            p.arguments = ["_ingest-loop", "--graph", dir.path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            // Wait until the writer is committing (its first acknowledgement), then kill it at a random moment.
            let first = out.fileHandleForReading.availableData
            usleep(UInt32(rng.next() % 60_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "round \(round): the writer died of something else")
            if p.terminationReason == .uncaughtSignal { kills += 1 }
            let text = String(decoding: first + out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            // Only whole lines are acknowledgements.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let last = lines.last, let id = Int(last) { acknowledged = max(acknowledged, id) }

            let reader = try GraphStore.open(dir, mode: .read)
            let count = reader.transactions.count
            XCTAssertGreaterThanOrEqual(count, acknowledged, "round \(round): an acknowledged transaction was lost")
            XCTAssertEqual(reader.transactions.map(\.id), Array(1...max(1, count)).prefix(count).map { $0 })
            // Every transaction is whole: two entities and the triple between them.
            let view = reader.current
            XCTAssertEqual(view.entityCount, 2 * count, "round \(round)")
            XCTAssertEqual(view.triples(predicate: "ceo_of").count, count, "round \(round)")
            let report = GraphStore.verify(dir)
            XCTAssertTrue(report.problems.allSatisfy { $0.message.contains("torn last record") }, "round \(round): \(report.problems)")
        }
        XCTAssertGreaterThanOrEqual(kills, 20)
        XCTAssertGreaterThan(acknowledged, 0, "the writer never got to commit")
        // A writer opening afterwards cuts any torn tail; the log is clean again.
        _ = try GraphStore.open(dir, mode: .write)
        XCTAssertTrue(GraphStore.verify(dir).isOK)
    }

    func test_cli_assertUnknownSubject_namesNearest_andVerifyExitsOneOnDamage() throws {
        let dir = temporaryDirectory(self)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            try store.commit(TransactionDraft(source: .user, operations: [
                .assertEntity(Entity(id: 1, type: .person, name: "Jensen Huang", aliases: ["黄仁勋"])),
                .assertEntity(Entity(id: 2, type: .company, name: "NVIDIA", aliases: ["英伟达"])),
            ]))
        }
        let (status, _, err, _) = try run(["assert", "--graph", dir.path, "Jensen Hwang", "ceo_of", "英伟达"])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("no entity named 'Jensen Hwang'; nearest: 'Jensen Huang'"), err)
        let (ok, okOut, _, _) = try run(["assert", "--graph", dir.path, "黄仁勋", "ceo_of", "nvidia"])
        XCTAssertEqual(ok, 0)
        XCTAssertTrue(okOut.contains("asserted: Jensen Huang ceo_of NVIDIA (transaction 2)"), okOut)
        let view = try GraphStore.open(dir, mode: .read).current
        XCTAssertEqual(view.triples(subject: 1, predicate: "ceo_of", object: .entity(2)).count, 1)
        XCTAssertEqual(view.evidence(Triple(subject: 1, predicate: "ceo_of", object: .entity(2))).first?.document, "user")

        XCTAssertEqual(try run(["verify", "--graph", dir.path]).0, 0)
        var bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.log")))
        bytes[bytes.count - 5] ^= 0xFF
        try Data(bytes).write(to: dir.appendingPathComponent("kg.log"))
        let (bad, badOut, _, _) = try run(["verify", "--graph", dir.path])
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(badOut.contains("problem: byte offset"), badOut)
        XCTAssertTrue(badOut.contains("transaction 2: checksum mismatch"), badOut)
    }

    func test_cli_mergeSplitStatsLogAndSalvage() throws {
        let dir = temporaryDirectory(self)
        do {
            let store = try GraphStore.open(dir, mode: .write)
            try store.commit(TransactionDraft(source: .document("corpus/a.md"), operations: [
                .assertEntity(Entity(id: 1, type: .company, name: "NVIDIA")),
                .assertEntity(Entity(id: 2, type: .company, name: "英伟达")),
                .assertEntity(Entity(id: 3, type: .person, name: "Jensen Huang")),
                .assertTriple(Triple(subject: 3, predicate: "ceo_of", object: .entity(2)), Provenance(document: "corpus/a.md", rule: "p")),
                .assertDocument(DocumentRecord(path: "corpus/a.md", sha256: String(repeating: "0", count: 64), size: 10, tx: 1)),
            ]))
        }
        let (m, mOut, mErr, _) = try run(["merge", "--graph", dir.path, "NVIDIA", "英伟达"])
        XCTAssertEqual(m, 0, mErr)
        XCTAssertTrue(mOut.contains("merged 英伟达 (#2) into NVIDIA (#1)"), mOut)
        var view = try GraphStore.open(dir, mode: .read).current
        XCTAssertEqual(view.triples(predicate: "ceo_of"), [Triple(subject: 3, predicate: "ceo_of", object: .entity(1))])
        XCTAssertEqual(view.resolve(name: "英伟达"), [1])

        let (st, stOut, _, _) = try run(["stats", "--graph", dir.path])
        XCTAssertEqual(st, 0)
        for line in ["entities      2", "  company              1", "  person               1", "triples       1",
                     "  ceo_of               1", "documents     1", "transactions  2"] {
            XCTAssertTrue(stOut.contains(line + "\n"), "missing '\(line)' in:\n\(stOut)")
        }
        let (lg, lgOut, _, _) = try run(["log", "--graph", dir.path])
        XCTAssertEqual(lg, 0)
        let lines = lgOut.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("1  ") && lines[0].contains("document corpus/a.md") && lines[0].contains("+entity 3, +triple 1, +document 1"), lgOut)
        XCTAssertTrue(lines[1].hasPrefix("2  ") && lines[1].contains("user") && lines[1].contains("merge 1"), lgOut)

        let (sp, spOut, spErr, _) = try run(["split", "--graph", dir.path, "NVIDIA", "英伟达"])
        XCTAssertEqual(sp, 0, spErr)
        XCTAssertTrue(spOut.contains("split 英伟达 (#2) from NVIDIA (#1)"), spOut)
        view = try GraphStore.open(dir, mode: .read).current
        XCTAssertEqual(view.triples(predicate: "ceo_of"), [Triple(subject: 3, predicate: "ceo_of", object: .entity(2))])
        let (again, _, againErr, _) = try run(["split", "--graph", dir.path, "NVIDIA", "英伟达"])
        XCTAssertEqual(again, 1)
        XCTAssertTrue(againErr.contains("no entity named '英伟达' is merged into NVIDIA (#1)"), againErr)

        let out = temporaryDirectory(self, "salvaged").appendingPathComponent("g")
        let (sv, svOut, _, _) = try run(["verify", "--graph", dir.path, "--salvage", out.path])
        XCTAssertEqual(sv, 0)
        XCTAssertTrue(svOut.contains("salvaged 3 transactions"), svOut)
        XCTAssertEqual(try GraphStore.open(out, mode: .read).current.allTriples, view.allTriples)

        let (missing, _, missingErr, _) = try run(["log", "--graph", dir.appendingPathComponent("none").path])
        XCTAssertEqual(missing, 1)
        XCTAssertTrue(missingErr.contains("no graph at \(dir.appendingPathComponent("none").path)"), missingErr)
    }
}
