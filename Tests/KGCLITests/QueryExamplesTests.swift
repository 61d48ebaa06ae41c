import Foundation
import XCTest

/// Every `queries/NAME.dl` gives `queries/NAME.expected` on the default graph
/// (`graph/corpus` ingested into a fresh directory). Timings are masked.
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

    func test_exampleQueries_giveTheirExpectedOutput() throws {
        let root = Self.root
        let graph = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: graph) }
        let ingest = try runKG(["ingest", root.appendingPathComponent("graph/corpus").path, "--graph", graph.path])
        XCTAssertEqual(ingest.status, 0, ingest.err)
        let dir = root.appendingPathComponent("queries")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".dl") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 7)
        for file in files {
            let expectedURL = dir.appendingPathComponent(String(file.dropLast(3)) + ".expected")
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            let r = try runKG(["query", dir.appendingPathComponent(file).path, "--graph", graph.path])
            XCTAssertEqual(r.status, 0, "\(file): \(r.err)")
            XCTAssertEqual(Self.maskTimes(r.out + r.err), Self.maskTimes(expected), "queries/\(file)")
            XCTAssertTrue(r.out.contains("answer"), "\(file) answers something")
        }
    }
}
