import Foundation
import KGCore
import KGStore
import XCTest

/// `kg ingest` and `kg import` end to end: the unchanged / changed / deleted
/// document cycle, and malformed JSONL lines.
final class IngestCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws {
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try text.write(to: docs.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    // EVIDENCE-OF: DOC-4, DOC-5
    func test_ingestCycle_unchangedChangedDeleted() throws {
        let graph = dir.appendingPathComponent("g").path, docs = dir.appendingPathComponent("docs").path
        try write("a.txt", "英伟达 CEO 黄仁勋表示，英伟达与微软达成合作。")
        try write("b.txt", "OpenAI 打算收购 Windsurf。")
        var r = try runKG(["ingest", "--graph", graph, docs])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("documents: 2 new, 0 changed, 0 unchanged"), r.out)
        var view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        XCTAssertEqual(view.documents.count, 2)
        let huang = try XCTUnwrap(view.resolve(name: "黄仁勋").first)
        let nvidia = try XCTUnwrap(view.resolve(name: "Nvidia").first)
        XCTAssertFalse(view.triples(subject: huang, predicate: "ceo_of", object: .entity(nvidia)).isEmpty)
        let ev = try XCTUnwrap(view.evidence(Triple(subject: huang, predicate: "ceo_of", object: .entity(nvidia))).first)
        XCTAssertTrue(ev.document.hasSuffix("a.txt"))
        XCTAssertTrue(ev.sentence.contains("黄仁勋"))

        // unchanged: nothing committed
        let txBefore = view.tx
        r = try runKG(["ingest", "--graph", graph, docs])
        XCTAssertTrue(r.out.contains("documents: 0 new, 0 changed, 2 unchanged"), r.out)
        XCTAssertEqual(try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current.tx, txBefore)

        // changed: the old evidence goes, the new comes; entities are reused
        try write("a.txt", "黃仁勳說，英偉達的競爭對手是 AMD。")
        // deleted: its evidence and record are retracted
        try FileManager.default.removeItem(atPath: docs + "/b.txt")
        r = try runKG(["ingest", "--graph", graph, docs])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("0 new, 1 changed, 0 unchanged") && r.out.contains("1 removed"), r.out)
        view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        XCTAssertEqual(view.resolve(name: "黄仁勋"), [huang])
        XCTAssertTrue(view.triples(subject: huang, predicate: "ceo_of").isEmpty)
        let amd = try XCTUnwrap(view.resolve(name: "AMD").first)
        XCTAssertFalse(view.triples(subject: nvidia, predicate: "competitor_of", object: .entity(amd)).isEmpty
                       && view.triples(subject: amd, predicate: "competitor_of", object: .entity(nvidia)).isEmpty)
        XCTAssertTrue(view.triples(predicate: "acquired").isEmpty)
        XCTAssertEqual(view.documents.map { ($0.path as NSString).lastPathComponent }, ["a.txt"])
    }

    func test_import_committsLines_andReportsMalformedOnesByNumber() throws {
        let file = dir.appendingPathComponent("x.jsonl")
        let good = #"{"document":"d1.txt","entities":[{"id":"e1","type":"company","name":"Acme Labs","aliases":[]},{"id":"e2","type":"model","name":"Roadrunner-2","aliases":[]}],"relations":[{"subject":"e1","predicate":"developed","object":"e2","evidence":"Acme Labs built Roadrunner-2","start":0,"end":28}]}"#
        try (good + "\n{not json\n" + #"{"document":"d2.txt"}"# + "\n").write(to: file, atomically: true, encoding: .utf8)
        let graph = dir.appendingPathComponent("g").path
        let r = try runKG(["import", "--graph", graph, file.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("x.jsonl:2: malformed extraction"), r.err)
        XCTAssertTrue(r.err.contains("x.jsonl:3: malformed extraction"), r.err)
        XCTAssertTrue(r.out.contains("1 document committed"), r.out)
        let view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        let acme = try XCTUnwrap(view.resolve(name: "acme labs").first)
        XCTAssertEqual(view.triples(subject: acme, predicate: "developed").count, 1)
    }
}
