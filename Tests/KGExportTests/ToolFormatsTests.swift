import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KGCore
import XCTest
@testable import KGExport

/// GraphML, Neo4j import CSV, Turtle and TriG: each read back by a parser that
/// would reject a malformed file.
final class ToolFormatsTests: XCTestCase {
    /// Collects GraphML's keys, nodes, edges and data with Foundation's XMLParser.
    final class GraphMLCollector: NSObject, XMLParserDelegate {
        var keys: [String: String] = [:]  // id -> attr.name
        var nodes: [String] = []
        var edges: [(source: String, target: String)] = []
        var data: [(key: String, text: String)] = []
        var currentKey: String?
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "key": keys[attributes["id"]!] = attributes["attr.name"] ?? attributes["yfiles.type"]
            case "node": nodes.append(attributes["id"]!)
            case "edge": edges.append((attributes["source"]!, attributes["target"]!))
            case "data": currentKey = attributes["key"]; text = ""
            default: break
            }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if currentKey != nil { text += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "data", let k = currentKey { data.append((k, text)); currentKey = nil }
        }
    }

    func test_graphML_parsesAndKeepsEveryNameAndEdge() throws {
        let graph = Fixtures.nasty
        let xml = GraphMLWriter().write(graph)
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = GraphMLCollector()
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber)")
        let labels = Set(collector.data.filter { $0.key == "label" }.map(\.text))
        for e in graph.entities where e.figure == nil {
            XCTAssertTrue(labels.contains(e.name), "label \(e.name) survives XML escaping")
        }
        XCTAssertEqual(Set(collector.nodes).count, collector.nodes.count, "node ids are unique")
        XCTAssertEqual(collector.edges.count, graph.relations.count)
        let ids = Set(collector.nodes)
        for edge in collector.edges {
            XCTAssertTrue(ids.contains(edge.source) && ids.contains(edge.target), "edge \(edge) ends at declared nodes")
        }
        XCTAssertEqual(collector.keys["elabel"], "label")
        for used in Set(collector.data.map(\.key)) { XCTAssertNotNil(collector.keys[used], "data key \(used) declared") }
        XCTAssertTrue(collector.nodes.contains("person/Dario \"Dar\" Amodei"))
        XCTAssertEqual(xml.components(separatedBy: "<y:NodeLabel>").count - 1, collector.nodes.count, "yEd sees a label on every node")
        XCTAssertTrue(xml.contains("<y:NodeLabel>英伟达</y:NodeLabel>"))
        XCTAssertTrue(xml.contains("<y:Arrows source=\"standard\" target=\"standard\"/><y:EdgeLabel>competitor_of</y:EdgeLabel>"))
    }

    /// networkx, where python3 has it (CI installs it; skipped otherwise).
    func test_graphML_loadsInNetworkx() throws {
        guard let python = SVGRenderer.executable(named: "python3") else { throw XCTSkip("no python3") }
        let check = Process()
        check.executableURL = python
        check.arguments = ["-c", "import networkx"]
        check.standardError = FileHandle.nullDevice
        try check.run(); check.waitUntilExit()
        guard check.terminationStatus == 0 else { throw XCTSkip("python3 has no networkx") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kg-\(UUID().uuidString).graphml")
        defer { try? FileManager.default.removeItem(at: file) }
        try ExportFormat.graphml.write(Fixtures.nasty, to: file)
        let load = Process()
        load.executableURL = python
        load.arguments = ["-c", """
            import sys, networkx as nx
            g = nx.read_graphml(sys.argv[1])
            e = [d for _, _, d in g.edges(data=True) if d.get('label') == 'has_figure'][0]
            print(g.number_of_nodes(), g.number_of_edges(), e['metric'], [d['type'] for _, d in g.nodes(data=True) if d['label'] == '英伟达'][0])
            """, file.path]
        let out = Pipe()
        load.standardOutput = out
        try load.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        load.waitUntilExit()
        XCTAssertEqual(load.terminationStatus, 0)
        let literals = 4
        XCTAssertEqual(text, "\(Fixtures.nasty.entities.count + literals) \(Fixtures.nasty.relations.count) funding company\n")
    }

    func test_neo4j_headersAndRowsMatchTheImporter() throws {
        let (nodes, relationships) = Neo4jCSVWriter().write(Fixtures.nasty)
        let n = try parseCSV(nodes.replacingOccurrences(of: "\n", with: "\r\n"))
        let r = try parseCSV(relationships.replacingOccurrences(of: "\n", with: "\r\n"))
        XCTAssertEqual(n[0], ["id:ID", "name", "type", "aliases:string[]", "value:double", "unit", ":LABEL"])
        XCTAssertEqual(r[0], [":START_ID", ":END_ID", ":TYPE", "weight:int", "confidence:double", "metric", "rule",
                              "documents:string[]", "evidence"])
        XCTAssertTrue(n.dropFirst().allSatisfy { $0.count == n[0].count })
        XCTAssertTrue(r.dropFirst().allSatisfy { $0.count == r[0].count })
        let ids = Set(n.dropFirst().map { $0[0] })
        XCTAssertEqual(ids.count, n.count - 1, ":ID values are unique")
        for row in r.dropFirst() { XCTAssertTrue(ids.contains(row[0]) && ids.contains(row[1]), "\(row) ends at nodes") }
        XCTAssertEqual(Set(n.dropFirst().map { $0[6] }), ["Person", "Company", "Model", "Figure", "Literal"])
        XCTAssertFalse(nodes.contains("\r") || relationships.dropLast().contains("\r"), "no line breaks inside fields")
        let figureRow = n.first { $0[6] == "Figure" }!
        XCTAssertEqual(Double(figureRow[4]), 7e9)
    }

    func test_turtle_readsBackWithLanguageTagsAndReifiedEvidence() throws {
        let text = NTriplesWriter(mode: .turtle).write(Fixtures.nasty)
        let statements = try NTriplesParser.parse(text)
        XCTAssertTrue(statements.contains { $0.predicate == .iri(NTriplesWriter.label) && $0.object == .literal("英伟达", datatype: nil, language: "zh") })
        XCTAssertTrue(statements.contains { $0.object == .literal("Dario \"Dar\" Amodei", datatype: nil, language: "en") })
        let rdfStatements = statements.filter { $0.object == .iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement") }
        XCTAssertEqual(rdfStatements.count, Fixtures.nasty.relations.count)
        let confidences = statements.filter { $0.predicate == .iri("https://kg.example/vocab/confidence") }
        XCTAssertEqual(confidences.count, Fixtures.nasty.relations.reduce(0) { $0 + $1.evidence.count })
        XCTAssertTrue(statements.contains { $0.predicate == .iri("https://kg.example/vocab/metric") && $0.object == .literal("funding", datatype: nil, language: nil) })
    }

    func test_trig_namedGraphsHoldOneFactEach() throws {
        let text = NTriplesWriter(base: "http://example.org/g", mode: .trig).write(Fixtures.nasty)
        let (defaultGraph, named) = try TriGReader.parse(text)
        XCTAssertEqual(named.count, Fixtures.nasty.relations.count)
        for (graph, statements) in named {
            XCTAssertEqual(statements.count, 1)
            XCTAssertTrue(defaultGraph.contains(statements[0]), "the default graph holds every fact too")
            if case .iri(let g) = graph { XCTAssertTrue(g.hasPrefix("http://example.org/g/fact/")) } else { XCTFail() }
        }
        let evidenceLinks = defaultGraph.filter { $0.predicate == .iri("http://example.org/g/vocab/evidence") }
        XCTAssertTrue(evidenceLinks.allSatisfy { named[$0.subject] != nil }, "evidence describes a named graph")
    }

    func test_iris_useStableNamesNotNumbers() {
        var a = Fixtures.nasty
        // The same graph with other internal numbers and in another order.
        var b = ExportGraph(entities: a.entities.map { var e = $0; e.id += 1000; return e }.reversed(),
                            relations: a.relations.map { r in
                                var r = r
                                r.triple.subject += 1000
                                if case .entity(let o) = r.triple.object { r.triple.object = .entity(o + 1000) }
                                return r
                            }.reversed())
        a.relations.sort { "\($0.triple)" < "\($1.triple)" }
        b.relations.sort { "\($0.triple)" < "\($1.triple)" }
        for mode in [NTriplesWriter.Mode.ntriples, .turtle, .trig] {
            let left = Set(NTriplesWriter(mode: mode).write(a).split(separator: "\n"))
            let right = Set(NTriplesWriter(mode: mode).write(b).split(separator: "\n"))
            XCTAssertEqual(left, right, "\(mode)")
        }
        XCTAssertFalse(NTriplesWriter().write(a).contains("/entity/"))
    }

    func test_languageTags_byScript() {
        XCTAssertEqual(languageTag("微软"), "zh")
        XCTAssertEqual(languageTag("Microsoft"), "en")
        XCTAssertEqual(languageTag("ソフトバンク"), "ja")
        XCTAssertEqual(languageTag("삼성"), "ko")
        XCTAssertNil(languageTag("42"))
    }

    func test_outputThatIsADirectory_isAnErrorAndWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in [ExportFormat.json, .graphml, .ntriples, .dot] {
            XCTAssertThrowsError(try format.write(Fixtures.nasty, to: dir)) { error in
                XCTAssertTrue("\(error)".contains("is a directory"), "\(error)")
            }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [])
        let file = dir.appendingPathComponent("g.csv")
        try Data().write(to: file)
        XCTAssertThrowsError(try ExportFormat.csv.write(Fixtures.nasty, to: file)) { error in
            XCTAssertTrue("\(error)".contains("is a file"), "\(error)")
        }
    }

    func test_minConfidence_dropsWeakEvidence() {
        var g = Fixtures.nasty
        g.relations[0].evidence.append(Provenance(document: "b.txt", rule: "weak", confidence: 0.2))
        let kept = g.filtered(minConfidence: 0.5)
        XCTAssertEqual(kept.relations[0].evidence.map(\.rule), ["pattern"])
        XCTAssertEqual(g.filtered(minConfidence: 0.8).relations.filter { $0.triple.predicate == "works_at" }.count, 0)
    }
}

/// A strict reader for the TriG kg writes: N-Triples lines (read by the strict
/// `NTriplesParser`), and blocks `<G> {` … `}` of such lines. Anything else fails.
enum TriGReader {
    static func parse(_ text: String) throws -> (defaultGraph: [NTriplesParser.Statement], named: [NTriplesParser.Term: [NTriplesParser.Statement]]) {
        var defaultGraph: [NTriplesParser.Statement] = []
        var named: [NTriplesParser.Term: [NTriplesParser.Statement]] = [:]
        var current: NTriplesParser.Term?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed == "}" {
                guard current != nil else { throw NTriplesParser.Failure(line: n + 1, column: 1, message: "'}' outside a graph") }
                current = nil
                continue
            }
            if trimmed.hasSuffix("{") {
                guard current == nil else { throw NTriplesParser.Failure(line: n + 1, column: 1, message: "nested graph") }
                let name = String(trimmed.dropLast()).trimmingCharacters(in: .whitespaces)
                let probe = try NTriplesParser.parse("\(name) <http://x/p> <http://x/o> .")
                current = probe[0].subject
                named[current!, default: []] = []
                continue
            }
            let statements = try NTriplesParser.parse(trimmed)
            if let g = current { named[g, default: []] += statements } else { defaultGraph += statements }
        }
        guard current == nil else { throw NTriplesParser.Failure(line: 0, column: 0, message: "unclosed graph") }
        return (defaultGraph, named)
    }
}
