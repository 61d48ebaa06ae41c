import Foundation
import KGCore
import XCTest

/// The REPL's graph commands and `kg export`, end to end over a graph on disk.
final class GraphCommandTests: XCTestCase {
    var graph: URL!

    override func setUpWithError() throws {
        graph = try GraphFixture.temporaryDirectory()
        try GraphFixture.build(at: graph)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: graph) }

    func test_show_listsTypeAliasesTriplesAndEvidence_byChineseAlias() throws {
        let r = try runKG(["repl", "--graph", graph.path], input: ":show 黄仁勋\n:show \"Lisa Su\"\n:show Nvidya\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("Jensen Huang  (person #1)"), r.out)
        XCTAssertTrue(r.out.contains("aliases: 黄仁勋"))
        XCTAssertTrue(r.out.contains("ceo_of → NVIDIA"))
        XCTAssertTrue(r.out.contains("“黄仁勋至今仍担任首席执行官” — corpus/01_nvidia_zh.txt"))
        XCTAssertTrue(r.out.contains("Lisa Su  (person #5)"))
        XCTAssertTrue(r.err.contains("no entity named 'Nvidya'; nearest: NVIDIA"), r.err)
    }

    func test_stats_andRetract_andAsOf() throws {
        let r = try runKG(["repl", "--graph", graph.path], input: """
        :stats
        :retract 英伟达 competitor_of AMD
        :retract 英伟达 competitor_of AMD
        :show AMD
        :asof 1
        :show AMD
        :asof now
        :stats
        """)
        XCTAssertEqual(r.status, 0, r.err)
        let parts = r.out.components(separatedBy: "graph ")
        XCTAssertTrue(parts[1].contains("triples: 8"), r.out)
        XCTAssertTrue(parts[1].contains("  company: 4"))
        XCTAssertTrue(r.out.contains("retracted 1 triple in transaction 2"), r.out)
        XCTAssertTrue(r.err.contains("no live triple NVIDIA competitor_of AMD"), r.err)
        let shows = r.out.components(separatedBy: "AMD  (company #3)")
        XCTAssertEqual(shows.count, 3)
        XCTAssertFalse(shows[1].contains("competitor_of"), "retracted: \(shows[1])")
        XCTAssertTrue(shows[2].contains("NVIDIA → competitor_of"), "as of tx 1 it is still there: \(shows[2])")
        XCTAssertTrue(r.out.contains("reading the graph as of transaction 1 of 2"))
        XCTAssertTrue(parts.last!.contains("triples: 7"))
    }

    func test_exportJSON_ofTheWholeGraph() throws {
        let r = try runKG(["export", "--format", "json", "--graph", graph.path])
        XCTAssertEqual(r.status, 0, r.err)
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        XCTAssertEqual((object["entities"] as! [Any]).count, 8)
        let relations = object["relations"] as! [[String: Any]]
        XCTAssertEqual(relations.count, 8)
        let acquired = relations.first { $0["predicate"] as? String == "acquired" }!
        XCTAssertEqual(acquired["object_name"] as? String, "Mellanox")
        XCTAssertEqual(((acquired["evidence"] as! [[String: Any]])[0]["sentence"] as? String), "英伟达宣布以约 69 亿美元收购 Mellanox")
    }

    func test_exportDOTAndCSV_toFiles() throws {
        let dot = graph.appendingPathComponent("g.dot"), csv = graph.appendingPathComponent("csv")
        XCTAssertEqual(try runKG(["export", "--format", "dot", "-o", dot.path, "--graph", graph.path]).status, 0)
        let text = try String(contentsOf: dot, encoding: .utf8)
        XCTAssertTrue(text.contains("e1 -> e2 [label=\"ceo_of\"]"), text)
        XCTAssertTrue(text.contains("label=\"Jensen Huang\""))
        let r = try runKG(["export", "--format", "csv", "-o", csv.path, "--graph", graph.path])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("nodes.csv"))
        let edges = try String(contentsOf: csv.appendingPathComponent("edges.csv"), encoding: .utf8)
        XCTAssertEqual(edges.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count, 9)
    }

    func test_export_badFormatAndMissingGraph_areClearErrors() throws {
        let bad = try runKG(["export", "--format", "xml", "--graph", graph.path])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("unknown format 'xml'"), bad.err)
        let missing = try runKG(["export", "--format", "json", "--graph", graph.appendingPathComponent("nope").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.err.contains("no graph at"), missing.err)
    }
}

/// Datalog over the graph from the REPL and `kg export --query`.
final class GraphQueryTests: XCTestCase {
    var graph: URL!

    override func setUpWithError() throws {
        graph = try GraphFixture.temporaryDirectory()
        try GraphFixture.build(at: graph)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: graph) }

    func test_replQuery_resolvesChineseAliases_andKeepsRulesAcrossAGraphChange() throws {
        let r = try runKG(["repl", "--graph", graph.path, "--format", "csv"], input: """
        leader(P, C) :- ceo_of(P, C).
        ?- leader("黄仁勋", C).
        :retract 黄仁勋 ceo_of 英伟达
        ?- leader(P, C).
        :preds
        """)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("C\nNVIDIA\n"), r.out)
        let after = r.out.components(separatedBy: "retracted 1 triple")[1]
        XCTAssertTrue(after.contains("P,C\nLisa Su,AMD\n"), "the rule survives the reopened graph: \(after)")
        XCTAssertFalse(after.contains("Jensen Huang,NVIDIA"))
        XCTAssertTrue(r.out.contains("leader/2"))
        XCTAssertTrue(r.out.contains("ceo_of/2"))
    }

    func test_why_reachesTheStoredEvidence() throws {
        let r = try runKG(["repl", "--graph", graph.path], input: ":why ?- acquired(\"英伟达\", X).\n")
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("英伟达宣布以约 69 亿美元收购 Mellanox"), r.out)
    }

    func test_loadFile_thenQueryErrorsKeepTheSessionGoing() throws {
        let file = graph.appendingPathComponent("rules.dl")
        try "made_by(M, C) :- developed(C, M).\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runKG(["repl", "--graph", graph.path, "--format", "tsv"], input: """
        :load \(file.path)
        ?- made_by(M, .
        ?- made_by(M, C).
        """)
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("<repl>:1:"), r.err)
        XCTAssertTrue(r.out.contains("GPT-4o\tOpenAI"), r.out)
    }

    func test_exportQuery_writesOnlyWhatTheAnswersTouch() throws {
        let r = try runKG(["export", "--format", "json", "--query", "?- ceo_of(P, \"英伟达\").", "--graph", graph.path])
        XCTAssertEqual(r.status, 0, r.err)
        let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let names = Set((object["entities"] as! [[String: Any]]).map { $0["name"] as! String })
        XCTAssertEqual(names, ["Jensen Huang"], "answers name only P; NVIDIA is a constant, not an answer")
        let both = try runKG(["export", "--format", "json", "--query", "?- ceo_of(P, C), C = \"NVIDIA\".", "--graph", graph.path])
        let o2 = try JSONSerialization.jsonObject(with: Data(both.out.utf8)) as! [String: Any]
        let names2 = Set((o2["entities"] as! [[String: Any]]).map { $0["name"] as! String })
        XCTAssertEqual(names2, ["Jensen Huang", "NVIDIA", "69亿美元"], "answer entities plus their figures")
        let predicates = Set((o2["relations"] as! [[String: Any]]).map { $0["predicate"] as! String })
        XCTAssertEqual(predicates, ["ceo_of", "founder_of", "has_figure"], "only triples among the touched entities")
    }
}
