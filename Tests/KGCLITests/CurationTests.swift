import Foundation
import KGCore
import KGStore
import XCTest

/// Entities and triples made by hand — `kg add`, `kg assert TYPE:NAME`, REPL
/// `:add` / `:assert` / `:remove` — are logged, survive reopening, show in
/// `:show` and in exports, and can be undone.
final class CurationTests: XCTestCase {
    var dir: URL!
    var graph: String { dir.appendingPathComponent("g").path }
    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func test_cliAdd_andAssertWithNewEnds_surviveReopening_andShowInShowAndExport() throws {
        var r = try runKG(["add", "--graph", graph, "person", "Priya Raman", "--alias", "拉曼"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("added person #1 Priya Raman (拉曼)"), r.out)
        // an untyped unknown end is refused with the way to create it
        r = try runKG(["assert", "--graph", graph, "Dario Amodei", "ceo_of", "Anthropic"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("no entity named 'Dario Amodei'") && r.err.contains("person:"), r.err)
        r = try runKG(["assert", "--graph", graph, "person:Dario Amodei", "ceo_of", "company:Anthropic"])
        XCTAssertEqual(r.status, 0, r.err)
        r = try runKG(["assert", "--graph", graph, "拉曼", "works_at", "company:Anthropic"])
        XCTAssertEqual(r.status, 0, r.err)

        let view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read, useSnapshot: false).current
        let priya = try XCTUnwrap(view.resolve(name: "拉曼").first)
        XCTAssertEqual(view.entity(priya)?.name, "Priya Raman")
        XCTAssertEqual(view.entity(priya)?.type, .person)
        let anthropic = try XCTUnwrap(view.resolve(name: "Anthropic").first, "created once, reused by the second assert")
        XCTAssertEqual(view.resolve(name: "Anthropic").count, 1)
        let dario = try XCTUnwrap(view.resolve(name: "Dario Amodei").first)
        XCTAssertFalse(view.triples(subject: dario, predicate: "ceo_of", object: .entity(anthropic)).isEmpty)
        XCTAssertFalse(view.triples(subject: priya, predicate: "works_at", object: .entity(anthropic)).isEmpty)

        let show = try runKG(["repl", "--graph", graph], input: ":show Priya Raman\n")
        XCTAssertTrue(show.out.contains("Priya Raman  (person #\(priya))") && show.out.contains("拉曼") && show.out.contains("works_at → Anthropic"), show.out)
        let json = try runKG(["export", "--graph", graph, "--format", "json"])
        XCTAssertTrue(json.out.contains("\"Priya Raman\"") && json.out.contains("\"拉曼\"") && json.out.contains("\"Dario Amodei\""), json.out)
        let nt = try runKG(["export", "--graph", graph, "--format", "ntriples"])
        XCTAssertTrue(nt.out.contains("Priya Raman"), nt.out)
    }

    func test_replAddAssertRemove_areStored_andUndoable() throws {
        let session = """
        :add company "Lumen Robotics" --alias 光启机器人
        :add person "Mara Quell"
        :assert "Mara Quell" founder_of 光启机器人
        :assert "Lumen Robotics" developed model:"Kestrel-2"
        :add model Orphan-1
        :remove Orphan-1

        """
        var r = try runKG(["repl", "--graph", graph], input: session)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("added company #1 Lumen Robotics (光启机器人)"), r.out)
        XCTAssertTrue(r.out.contains("asserted: Mara Quell founder_of Lumen Robotics"), r.out)
        XCTAssertTrue(r.out.contains("added model #3 Kestrel-2"), r.out)
        XCTAssertTrue(r.out.contains("removed model #4 Orphan-1"), r.out)

        // a new session (a new process) sees all of it
        r = try runKG(["repl", "--graph", graph], input: ":show 光启机器人\n:show Orphan-1\n?- founder_of(P, \"Lumen Robotics\").\n")
        XCTAssertTrue(r.out.contains("Lumen Robotics  (company #1)"), r.out)
        XCTAssertTrue(r.out.contains("developed → Kestrel-2"), r.out)
        XCTAssertTrue(r.out.contains("Mara Quell"), r.out)
        XCTAssertTrue(r.err.contains("no entity named 'Orphan-1'"), r.err)
        let log = try runKG(["log", "--graph", graph])
        XCTAssertEqual(log.out.split(separator: "\n").filter { $0.contains("user") }.count, 6, log.out)
        let csv = dir.appendingPathComponent("csv")
        XCTAssertEqual(try runKG(["export", "--graph", graph, "--format", "csv", "-o", csv.path]).status, 0)
        let nodes = try String(contentsOf: csv.appendingPathComponent("nodes.csv"), encoding: .utf8)
        XCTAssertTrue(nodes.contains("Kestrel-2") && nodes.contains("Mara Quell") && !nodes.contains("Orphan-1"), nodes)

        // undo the triple by hand
        r = try runKG(["retract", "--graph", graph, "Mara Quell", "founder_of", "Lumen Robotics"])
        XCTAssertEqual(r.status, 0, r.err)
        let view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        XCTAssertTrue(view.triples(predicate: "founder_of").isEmpty)
    }
}
