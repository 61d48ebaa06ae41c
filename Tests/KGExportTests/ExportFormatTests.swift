import Foundation
import XCTest
@testable import KGExport

final class ExportFormatTests: XCTestCase {
    func test_csv_writesNodesAndEdgesIntoADirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-export-\(UUID().uuidString)/out")
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let result = try ExportFormat.csv.write(Fixtures.nasty, to: dir)
        XCTAssertNil(result.stdout)
        let nodes = try parseCSV(String(contentsOf: dir.appendingPathComponent("nodes.csv"), encoding: .utf8))
        let edges = try parseCSV(String(contentsOf: dir.appendingPathComponent("edges.csv"), encoding: .utf8))
        XCTAssertEqual(nodes.count, 1 + Fixtures.nasty.entities.count + 4, "header, entities, four literal nodes")
        XCTAssertEqual(edges.count, 1 + Fixtures.nasty.relations.count)
    }

    func test_csv_toStandardOutput_isRefusedWithAReason() {
        XCTAssertThrowsError(try ExportFormat.csv.write(Fixtures.nasty, to: nil)) { error in
            XCTAssertTrue("\(error)".contains("-o DIR"))
        }
    }

    func test_formatNames_acceptCommonSpellings() {
        XCTAssertEqual(ExportFormat(name: "nt"), .ntriples)
        XCTAssertEqual(ExportFormat(name: "N-Triples"), .ntriples)
        XCTAssertEqual(ExportFormat(name: "gv"), .dot)
        XCTAssertNil(ExportFormat(name: "xml"))
    }

    func test_svg_withoutGraphviz_saysHowToInstall() throws {
        let saved = ProcessInfo.processInfo.environment["PATH"]
        setenv("PATH", "/nonexistent", 1)
        defer { setenv("PATH", saved ?? "/usr/bin:/bin", 1) }
        XCTAssertThrowsError(try ExportFormat.svg.write(Fixtures.nasty, to: nil)) { error in
            XCTAssertTrue("\(error)".contains("apt-get install graphviz"), "\(error)")
        }
    }
}
