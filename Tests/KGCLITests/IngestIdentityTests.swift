import Foundation
import KGCore
import KGStore
import XCTest

/// Documents are known by content and canonical path (EXTRACT.md DOC-1 … DOC-5):
/// the same folder reached through other spellings, a symlink, a copy or a
/// rename never doubles a document or a fact's evidence.
final class IngestIdentityTests: XCTestCase {
    var dir: URL!
    var graph: String { dir.appendingPathComponent("g").path }

    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// Three short articles written for this test.
    func writeFolder(_ name: String = "docs") throws -> URL {
        let docs = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let texts = [
            "a.txt": "英伟达 CEO 黄仁勋表示，英伟达与微软达成合作。",
            "b.txt": "OpenAI 打算收购 Windsurf。OpenAI 首席执行官萨姆·奥尔特曼没有评论。",
            "c.txt": "AMD 首席执行官苏姿丰说，AMD 的主要竞争对手是英伟达。",
        ]
        for (file, text) in texts { try text.write(to: docs.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        return docs
    }

    func open() throws -> GraphView { try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current }

    /// Every live triple with how many evidence records it has.
    func evidenceCounts(_ view: GraphView) -> [Triple: Int] {
        var out: [Triple: Int] = [:]
        for t in view.allTriples { out[t] = view.evidence(t).count }
        return out
    }

    // EVIDENCE-OF: DOC-1, DOC-2
    func test_sameFolderThroughEverySpelling_isIngestedOnce() throws {
        let docs = try writeFolder()
        var r = try runKG(["ingest", "--graph", graph, "docs"], in: dir)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("documents: 3 new"), r.out)
        let first = try open()
        XCTAssertEqual(first.documentCount, 3)
        let counts = evidenceCounts(first)
        XCTAssertFalse(counts.isEmpty)
        XCTAssertEqual(Set(first.documents.map(\.path)), Set(["a.txt", "b.txt", "c.txt"].map { IngestPaths.canonical(docs.appendingPathComponent($0).path) }))

        // absolute path, relative path with .., a symlink to the folder
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: docs.path)
        for spelling in [docs.path, "sub/../docs", "link", "./link/"] {
            r = try runKG(["ingest", "--graph", graph, spelling], in: dir)
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("documents: 0 new, 0 changed, 3 unchanged, 0 moved, 0 same content as another, 0 removed"), "\(spelling): \(r.out)")
        }
        // a copy under another name elsewhere: the same content as the original
        try FileManager.default.copyItem(at: docs.appendingPathComponent("a.txt"), to: dir.appendingPathComponent("copy-of-a.txt"))
        r = try runKG(["ingest", "--graph", graph, "copy-of-a.txt"], in: dir)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("copy-of-a.txt: same content as \(IngestPaths.canonical(docs.path))/a.txt"), r.err)
        XCTAssertTrue(r.out.contains("1 same content as another"), r.out)

        let view = try open()
        XCTAssertEqual(view.documentCount, 3)
        XCTAssertEqual(evidenceCounts(view), counts)
        XCTAssertEqual(view.duplicateDocuments.count, 0)
    }

    // EVIDENCE-OF: DOC-3, OP-12
    func test_renamedFile_isMovedNotExtractedAgain() throws {
        let docs = try writeFolder()
        var r = try runKG(["ingest", "--graph", graph, docs.path])
        XCTAssertEqual(r.status, 0, r.err)
        let counts = evidenceCounts(try open())
        try FileManager.default.moveItem(at: docs.appendingPathComponent("b.txt"), to: docs.appendingPathComponent("b-renamed.txt"))
        r = try runKG(["ingest", "--graph", graph, docs.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("0 new, 0 changed, 2 unchanged, 1 moved"), r.out)
        let view = try open()
        XCTAssertEqual(view.documentCount, 3)
        XCTAssertEqual(evidenceCounts(view), counts)
        let moved = IngestPaths.canonical(docs.appendingPathComponent("b-renamed.txt").path)
        XCTAssertNotNil(view.document(path: moved))
        // The evidence follows the file: it names the new path.
        let openai = try XCTUnwrap(view.resolve(name: "OpenAI").first)
        let ev = view.triples(subject: openai, predicate: "acquired").flatMap { view.evidence($0) }
        XCTAssertFalse(ev.isEmpty)
        XCTAssertTrue(ev.allSatisfy { $0.document == moved }, "\(ev.map(\.document))")
        // The log says moved, and no entity or triple was asserted again.
        let log = try runKG(["log", "--graph", graph, "--last", "1"])
        XCTAssertTrue(log.out.contains("moved 1") && !log.out.contains("+triple"), log.out)

        // The same graph reopened from the log alone (no snapshot) agrees.
        let replayed = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read, useSnapshot: false).current
        XCTAssertEqual(evidenceCounts(replayed), counts)
        XCTAssertNotNil(replayed.document(path: moved))

        // The whole folder moved: every document follows, nothing is extracted or removed.
        let elsewhere = dir.appendingPathComponent("archive/2026")
        try FileManager.default.createDirectory(at: elsewhere.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: docs, to: elsewhere)
        r = try runKG(["ingest", "--graph", graph, elsewhere.path])
        XCTAssertTrue(r.out.contains("documents: 0 new, 0 changed, 0 unchanged, 3 moved"), r.out)
        let after = try open()
        XCTAssertEqual(after.documentCount, 3)
        XCTAssertEqual(evidenceCounts(after), counts)
        XCTAssertTrue(after.documents.allSatisfy { $0.path.hasPrefix(IngestPaths.canonical(elsewhere.path) + "/") }, "\(after.documents.map(\.path))")
    }

    // EVIDENCE-OF: DOC-2, DOC-4
    func test_changedFile_replacesItsEvidence_andCopyIntoKnownPathRemovesOldRecord() throws {
        let docs = try writeFolder()
        XCTAssertEqual(try runKG(["ingest", "--graph", graph, docs.path]).status, 0)
        // c.txt now holds a copy of a.txt: c's old facts go, a's stay once.
        try FileManager.default.removeItem(at: docs.appendingPathComponent("c.txt"))
        try FileManager.default.copyItem(at: docs.appendingPathComponent("a.txt"), to: docs.appendingPathComponent("c.txt"))
        let r = try runKG(["ingest", "--graph", graph, docs.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("c.txt: same content as"), r.err)
        let view = try open()
        XCTAssertEqual(view.documentCount, 2)
        let su = try XCTUnwrap(view.resolve(name: "苏姿丰").first)
        XCTAssertTrue(view.triples(subject: su).isEmpty)
        let huang = try XCTUnwrap(view.resolve(name: "黄仁勋").first)
        XCTAssertEqual(view.triples(subject: huang, predicate: "ceo_of").flatMap { view.evidence($0) }.count, 1)
    }
}

extension IngestIdentityTests {
    /// A log written the old way: one content committed under two paths, its evidence twice.
    // EVIDENCE-OF: DOC-6
    func test_dedupe_removesCopiesFromAnOldLog_andSaysSo() throws {
        let founder = Triple(subject: 1, predicate: "founder_of", object: .entity(2))
        do { // the writer (and its lock) ends with this block
        let store = try GraphStore.open(URL(fileURLWithPath: graph), mode: .write)
        let sha = String(repeating: "ab", count: 32)
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertEntity(Entity(id: 1, type: .person, name: "Mara Quell")),
            .assertEntity(Entity(id: 2, type: .company, name: "Lumen Robotics")),
        ]))
        for path in ["docs/a.txt", "/elsewhere/docs/a.txt"] {
            try store.commit(TransactionDraft(source: .document(path), operations: [
                .assertDocument(DocumentRecord(path: path, sha256: sha, size: 40, tx: store.current.tx + 1)),
                .assertTriple(Triple(subject: 1, predicate: "founder_of", object: .entity(2)),
                              Provenance(document: path, start: 0, end: 20, sentence: "Mara Quell founded Lumen Robotics.", rule: "test")),
            ]))
        }
        XCTAssertEqual(store.current.evidence(founder).count, 2)
        XCTAssertEqual(store.current.duplicateDocuments, [["docs/a.txt", "/elsewhere/docs/a.txt"]])
        }

        // ingest notices and names the command; it does not clean by itself
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        var r = try runKG(["ingest", "--graph", graph, empty.path])
        XCTAssertTrue(r.err.contains("kg dedupe"), r.err)
        r = try runKG(["dedupe", "--graph", graph, "--dry-run"])
        XCTAssertTrue(r.out.contains("/elsewhere/docs/a.txt: same content as docs/a.txt; record and 1 evidence record removed"), r.out)
        XCTAssertEqual(try open().documentCount, 2, "a dry run changes nothing")
        r = try runKG(["dedupe", "--graph", graph])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("removed 1 duplicate document record"), r.out)
        let view = try open()
        XCTAssertEqual(view.documentCount, 1)
        XCTAssertEqual(view.evidence(founder).count, 1)
        XCTAssertTrue(view.duplicateDocuments.isEmpty)
        XCTAssertTrue(try runKG(["dedupe", "--graph", graph]).out.contains("no duplicate documents"))
    }
}

/// The canonical path as the ingest command computes it (realpath), for expectations.
enum IngestPaths {
    static func canonical(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }
}
