import Foundation
import XCTest

/// `queries/NAME.expected` holds what each example query answers on the graph the
/// documents state: `graph/gold/*.json` (annotations of `graph/corpus`, written by
/// the team) imported into a fresh directory. The extractor's own graph of
/// `graph/corpus` is then held against those answers: most of the rows it gives
/// must be right. Timings are masked.
final class QueryExamplesTests: XCTestCase {
    static var root: URL {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir
    }

    /// `(0.012 s)` → `(… s)`: the only part of a table that differs between runs.
    static func maskTimes(_ text: String) -> String {
        text.replacingOccurrences(of: #"\(\d+\.\d+ s\)"#, with: "(… s)", options: .regularExpression)
    }

    /// The gold files as `kg import` lines (what scripts/gold_to_jsonl.py writes).
    static func goldJSONL() throws -> String {
        let dir = root.appendingPathComponent("graph/gold")
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".json") }).sorted() {
            let data = try Data(contentsOf: dir.appendingPathComponent(file))
            let g = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            var ids: [String: String] = [:]
            var entities: [[String: Any]] = []
            for e in g["entities"] as? [[String: Any]] ?? [] {
                let name = e["name"] as! String
                ids[name] = "e\(ids.count + 1)"
                var x: [String: Any] = ["id": ids[name]!, "type": e["type"]!, "name": name,
                                        "aliases": (e["aliases"] as? [String] ?? []).filter { $0 != name }]
                if e["type"] as? String == "figure" { x["value"] = e["value"]; x["unit"] = e["unit"] }
                entities.append(x)
            }
            var relations: [[String: Any]] = []
            for r in g["relations"] as? [[String: Any]] ?? [] {
                var x: [String: Any] = ["subject": ids[r["subject"] as! String]!, "predicate": r["predicate"]!,
                                        "object": ids[r["object"] as! String]!, "evidence": r["evidence"] ?? "",
                                        "rule": "gold", "confidence": 1]
                if let m = r["metric"] { x["metric"] = m }
                relations.append(x)
            }
            let line: [String: Any] = ["document": "graph/corpus/" + (g["document"] as! String), "entities": entities, "relations": relations]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]), as: UTF8.self))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The answer rows of a query's output (table lines that are not the header or rule).
    static func rows(_ text: String) -> [String] {
        var out: [String] = []
        var header = true
        for line in text.split(separator: "\n") {
            if line.hasPrefix("?-") { header = true; continue }
            guard line.hasPrefix("|") else { continue }
            if header { header = false; continue }
            if line.hasPrefix("|-") { continue }
            out.append(line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "|"))
        }
        return out
    }

    func test_exampleQueries_answerWhatTheGoldAnnotationsState() throws {
        let root = Self.root
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        let jsonl = graph.appendingPathComponent("gold.jsonl")
        try Self.goldJSONL().write(to: jsonl, atomically: true, encoding: .utf8)
        let imported = try runKG(["import", jsonl.path, "--graph", graph.path])
        XCTAssertEqual(imported.status, 0, imported.err)
        let dir = root.appendingPathComponent("queries")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".dl") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 7)
        for file in files {
            let expectedURL = dir.appendingPathComponent(String(file.dropLast(3)) + ".expected")
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            let r = try runKG(["query", dir.appendingPathComponent(file).path, "--graph", graph.path])
            XCTAssertEqual(r.status, 0, "\(file): \(r.err)")
            XCTAssertEqual(Self.maskTimes(r.out + r.err), Self.maskTimes(expected),
                           "queries/\(file): the expected answers are those of graph/gold (queries/README.md)")
            XCTAssertTrue(r.out.contains("answer"), "\(file) answers something")
        }
    }

    /// The extractor's graph of graph/corpus: the share of its answer rows that are
    /// right (found in the expected answers) stays above a floor. Measured: 0.82 (130 of 158 rows; most wrong rows are figures).
    func test_extractorGraph_mostAnswerRowsAreRight() throws {
        let root = Self.root
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        let ingest = try runKG(["ingest", root.appendingPathComponent("graph/corpus").path, "--graph", graph.path])
        XCTAssertEqual(ingest.status, 0, ingest.err)
        let dir = root.appendingPathComponent("queries")
        var right = 0, given = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path).filter({ $0.hasSuffix(".dl") }).sorted() {
            let expected = Set(Self.rows(try String(contentsOf: dir.appendingPathComponent(String(file.dropLast(3)) + ".expected"), encoding: .utf8)))
            let r = try runKG(["query", dir.appendingPathComponent(file).path, "--graph", graph.path])
            XCTAssertEqual(r.status, 0, "\(file): \(r.err)")
            for row in Self.rows(r.out) { given += 1; if expected.contains(row) { right += 1 } }
        }
        XCTAssertGreaterThan(given, 0)
        let precision = Double(right) / Double(max(given, 1))
        XCTAssertGreaterThanOrEqual(precision, RowFloor.precision, "\(right) of \(given) answer rows are right")
    }
}

/// Floor under the share of right answer rows on the extractor's graph (measured value minus a margin).
enum RowFloor { static let precision = 0.75 }

/// The DOT of the default graph and of the subgraph each example query selects
/// is accepted by Graphviz (`dot -Tsvg`; skipped where graphviz is absent).
final class QueryExamplesDOTTests: XCTestCase {
    func test_dotOfDefaultGraphAndOfEveryExampleQuery_isAcceptedByGraphviz() throws {
        let dotPath = ["/usr/bin/dot", "/usr/local/bin/dot"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let dotPath else { throw XCTSkip("graphviz is not installed") }
        let root = QueryExamplesTests.root
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        XCTAssertEqual(try runKG(["ingest", root.appendingPathComponent("graph/corpus").path, "--graph", graph.path]).status, 0)
        let dir = root.appendingPathComponent("queries")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".dl") }.sorted()
        var programs: [(String, String?)] = [("whole graph", nil)]
        for f in files { programs.append((f, try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8))) }
        for (label, program) in programs {
            let out = graph.appendingPathComponent("g.dot")
            var args = ["export", "--format", "dot", "-o", out.path, "--graph", graph.path]
            if let program { args += ["--query", program] }
            let r = try runKG(args)
            XCTAssertEqual(r.status, 0, "\(label): \(r.err)")
            let text = try String(contentsOf: out, encoding: .utf8)
            XCTAssertTrue(text.contains("->"), "\(label): the subgraph has edges")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: dotPath)
            p.arguments = ["-Tsvg", "-o", "/dev/null", out.path]
            let err = Pipe()
            p.standardError = err
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationStatus, 0,
                           "\(label): dot rejected it: \(String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))")
        }
    }
}

/// `kg export` of the default graph, in every format, end to end.
final class CorpusExportTests: XCTestCase {
    func test_defaultGraph_exportsInEveryFormat() throws {
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        let corpus = QueryExamplesTests.root.appendingPathComponent("graph/corpus")
        XCTAssertEqual(try runKG(["ingest", corpus.path, "--graph", graph.path]).status, 0)
        let json = try runKG(["export", "--format", "json", "--graph", graph.path])
        XCTAssertEqual(json.status, 0, json.err)
        let object = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as! [String: Any]
        XCTAssertGreaterThan((object["relations"] as! [Any]).count, 30)
        let nt = try runKG(["export", "--format", "ntriples", "--graph", graph.path])
        XCTAssertEqual(nt.status, 0, nt.err)
        XCTAssertTrue(nt.out.contains("<https://kg.example/predicate/ceo_of>"))
        let csv = graph.appendingPathComponent("csv")
        XCTAssertEqual(try runKG(["export", "--format", "csv", "-o", csv.path, "--graph", graph.path]).status, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: csv.appendingPathComponent("edges.csv").path))
        let svg = try runKG(["export", "--format", "svg", "--graph", graph.path])
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") {
            XCTAssertEqual(svg.status, 0, svg.err)
            XCTAssertTrue(svg.out.contains("<svg"))
            XCTAssertTrue(svg.out.contains("Jensen Huang"), "names reach the picture")
        } else {
            XCTAssertEqual(svg.status, 1)
            XCTAssertTrue(svg.err.contains("apt-get install graphviz"), svg.err)
        }
        let asOf = try runKG(["export", "--format", "json", "--as-of", "1", "--graph", graph.path])
        let first = try JSONSerialization.jsonObject(with: Data(asOf.out.utf8)) as! [String: Any]
        XCTAssertLessThan((first["entities"] as! [Any]).count, (object["entities"] as! [Any]).count, "as of the first document only")
    }
}
