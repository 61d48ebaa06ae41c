import Foundation
import XCTest

/// `kg export` end to end: stable IRIs across ingest orders, query subgraph
/// options, refusal of a directory as a file, and the help text.
final class ExportCommandTests: XCTestCase {
    /// Three short documents written for this test; the same figure appears as
    /// `快 2 倍` in one and `2 倍` in another, so its canonical name depends on
    /// which document arrives first.
    static let documents = [
        "a.txt": "英伟达首席执行官黄仁勋表示，英伟达将继续投资 OpenAI。英伟达的主要竞争对手是 AMD。\nGPT-4o 的速度快 2 倍。\n",
        "b.txt": "Anthropic was founded by Dario Amodei in 2021. Anthropic developed Claude 3 Opus.\n",
        "c.txt": "OpenAI 开发了 GPT-4o，推理速度提升 2 倍。微软向 OpenAI 投资了 100 亿美元。\n",
    ]

    static func build(order: [String], in dir: URL, name: String) throws -> URL {
        let docs = dir.appendingPathComponent("docs")
        try? FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for (file, text) in documents { try text.write(to: docs.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        let graph = dir.appendingPathComponent(name)
        for file in order {
            let r = try runKG(["ingest", docs.appendingPathComponent(file).path, "--graph", graph.path])
            XCTAssertEqual(r.status, 0, r.err)
        }
        return graph
    }

    static func iris(_ text: String) -> Set<String> {
        var out = Set<String>()
        for line in text.split(separator: "\n") {
            var rest = Substring(line)
            while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
                out.insert(String(rest[open...close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        return out
    }

    func test_iris_equalAcrossGraphsBuiltInDifferentOrders() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let one = try Self.build(order: ["a.txt", "b.txt", "c.txt"], in: dir, name: "one")
        let two = try Self.build(order: ["c.txt", "b.txt", "a.txt"], in: dir, name: "two")
        for format in ["ntriples", "turtle", "trig"] {
            let a = try runKG(["export", "--graph", one.path, "--format", format, "--base", "http://example.org/kg/"])
            let b = try runKG(["export", "--graph", two.path, "--format", format, "--base", "http://example.org/kg/"])
            XCTAssertEqual(a.status, 0, a.err)
            XCTAssertEqual(Self.iris(a.out), Self.iris(b.out), format)
            XCTAssertTrue(a.out.contains("<http://example.org/kg/figure/2%20%E5%80%8D>"), a.out)
            XCTAssertTrue(a.out.contains("<http://example.org/kg/person/Jensen%20Huang>"), a.out)
            XCTAssertFalse(a.out.contains("/entity/"))
        }
        let g1 = try runKG(["export", "--graph", one.path, "--format", "graphml"])
        let g2 = try runKG(["export", "--graph", two.path, "--format", "graphml"])
        let ids = { (s: String) in Set(s.split(separator: "\n").filter { $0.contains("<node id=") }) }
        XCTAssertEqual(ids(g1.out), ids(g2.out))
    }

    func test_querySubgraph_answersOnlyAndNoFigures() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        func relations(_ extra: [String]) throws -> [String] {
            let r = try runKG(["export", "--graph", dir.path, "--format", "neo4j", "-o", dir.appendingPathComponent("n\(extra.count)\(extra.first ?? "")").path,
                               "--query", "?- ceo_of(P, C)."] + extra)
            XCTAssertEqual(r.status, 0, r.err)
            let text = try String(contentsOf: dir.appendingPathComponent("n\(extra.count)\(extra.first ?? "")/relationships.csv"), encoding: .utf8)
            return text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[2]) }.sorted()
        }
        XCTAssertEqual(try relations([]), ["ceo_of", "ceo_of", "competitor_of", "founder_of", "has_figure"])
        XCTAssertEqual(try relations(["--no-figures"]), ["ceo_of", "ceo_of", "competitor_of", "founder_of"])
        XCTAssertEqual(try relations(["--answers-only"]), ["ceo_of", "ceo_of"], "founder_of and competitor_of between answer entities are not answers")
        let first = try runKG(["export", "--graph", dir.path, "--format", "neo4j", "-o", dir.appendingPathComponent("ordered").path,
                               "--answers-only", "--query", "?- ceo_of(P, C) order by P desc limit 1."])
        XCTAssertEqual(first.status, 0, first.err)
        let text = try String(contentsOf: dir.appendingPathComponent("ordered/relationships.csv"), encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) }, ["person/Lisa Su"],
                       "order by … limit in an export query")
    }

    func test_minConfidenceAndBase_options() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try QueryScriptingTests.buildSurnames(at: dir)
        let all = try runKG(["export", "--graph", dir.path, "--format", "cypher"])
        let strong = try runKG(["export", "--graph", dir.path, "--format", "cypher", "--min-confidence", "0.5"])
        XCTAssertEqual(all.out.components(separatedBy: "[r:founder_of]").count - 1, 2)
        XCTAssertEqual(strong.out.components(separatedBy: "[r:founder_of]").count - 1, 1, strong.err)
        XCTAssertTrue(strong.out.contains("MATCH (a:Entity {id: 'person/达里奥·阿莫迪'})"), strong.out)
        let bad = try runKG(["export", "--graph", dir.path, "--format", "ntriples", "--base", "not an iri"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.err.contains("--base needs an absolute IRI"), bad.err)
        let answersOnlyWithoutQuery = try runKG(["export", "--graph", dir.path, "--format", "json", "--answers-only"])
        XCTAssertEqual(answersOnlyWithoutQuery.status, 2)
    }

    func test_outputDirectoryForAFileFormat_isAnError() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        let target = dir.appendingPathComponent("g.json")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let r = try runKG(["export", "--graph", dir.path, "--format", "json", "-o", target.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.err, "kg export: \(target.path) is a directory; json writes one file: give a file name with -o FILE\n")
    }

    func test_svg_withoutCJKFont_saysHowToInstallOne() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try GraphFixture.build(at: dir)
        // A fake fc-list that finds nothing, first on PATH (and no dot: the export then fails after the warning).
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("fc-list")
        try "#!/bin/sh\nexit 0\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let r = try runKG(["export", "--graph", dir.path, "--format", "svg"], environment: ["PATH": bin.path])
        XCTAssertTrue(r.err.contains("fontconfig has no CJK font"), r.err)
        XCTAssertTrue(r.err.contains("apt-get install fonts-noto-cjk"), r.err)
    }

    func test_help_transcript() throws {
        let r = try runKG(["export", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.out, """
        usage: kg export --format FORMAT [--query '?- ...'] [-o FILE] [options]

        Writes the whole graph, or with --query only what the query's answers
        touch (the entities in the answers, their figures and the triples among
        them). Output goes to standard output unless -o FILE is given; csv and
        neo4j write two files into the directory -o names. An existing directory
        given to a one-file format (or a file to csv/neo4j) is an error.
          dot       Graphviz source: node shape and colour by entity type, predicate
                    as edge label, a legend; render with `dot -Tpng`.
          svg, png  dot rendered by Graphviz (apt-get install graphviz); warns when
                    fontconfig has no CJK font (apt-get install fonts-noto-cjk).
          json      {"entities": [...], "relations": [... with evidence]}.
          ntriples  RDF; IRIs from stable names: <BASE person/Jensen%20Huang>,
                    <BASE predicate/ceo_of>; labels with language tags ("微软"@zh).
          turtle    ntriples plus each fact reified (rdf:Statement) with its evidence.
          trig      each fact in its own named graph, its evidence in the default graph.
          graphml   GraphML for Gephi, yEd, Cytoscape, networkx; ids are stable names.
          csv       nodes.csv (Id,Label,Type,Aliases,Value,Unit) and edges.csv
                    (Source,Target,Label,Type,Weight,Documents,Evidence), RFC 4180.
          neo4j     nodes.csv and relationships.csv for neo4j-admin database import
                    (id:ID, :LABEL, :START_ID, :END_ID, :TYPE).
          cypher    a Cypher script of MERGE statements on the stable ids
                    (cypher-shell -f FILE); safe to run twice or after another graph's.

        options:
          --query, -q TEXT      export what this query's answers touch
          --no-figures          with --query: leave out the figures of the entities
          --answers-only        with --query: only the answers' entities and the
                                triples within one answer row
          --min-confidence X    leave out evidence below X (0 to 1) and triples left without
          --base IRI            IRI prefix for ntriples, turtle, trig (default https://kg.example/)
          --output, -o PATH     write to PATH instead of standard output
          --as-of TX|TIME       the graph as it was at a transaction or time
          --graph DIR           the graph (default $KG_GRAPH, else ./graph)

        """)
    }
}
