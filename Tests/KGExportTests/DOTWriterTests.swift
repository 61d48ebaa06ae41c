import Foundation
import KGCore
import XCTest
@testable import KGExport

final class DOTWriterTests: XCTestCase {
    func test_nastyNames_acceptedByGraphviz() throws {
        guard SVGRenderer.dotExecutable() != nil else { throw XCTSkip("graphviz is not installed") }
        let dot = DOTWriter().write(Fixtures.nasty)
        let svg = String(decoding: try SVGRenderer.render(dot: dot), as: UTF8.self)
        XCTAssertTrue(svg.contains("<svg"))
        // Every name reaches the picture intact (XML-escaped by Graphviz).
        XCTAssertTrue(svg.contains("英伟达"))
        XCTAssertTrue(svg.contains("責(zé)編"))
        XCTAssertTrue(svg.contains("Dario &quot;Dar&quot; Amodei") || svg.contains("Dario \"Dar\" Amodei"))
        XCTAssertTrue(svg.contains("C:\\path\\N\\G\\l"), "backslash sequences must not be expanded by Graphviz")
        XCTAssertTrue(svg.contains("line one") && svg.contains("line two"))
        XCTAssertTrue(svg.contains("{rank=same} &#45;&gt; x;") || svg.contains("{rank=same} -&gt; x;"))
        XCTAssertTrue(svg.contains("competitor_of"))
    }

    func test_nodeIds_areSyntheticAscii() {
        let dot = DOTWriter().write(Fixtures.nasty)
        for line in dot.split(separator: "\n") where line.contains("->") && !line.contains("legend") {
            let head = line.trimmingCharacters(in: .whitespaces).prefix { $0 != "[" }
            XCTAssertTrue(head.allSatisfy { $0.isASCII }, "edge ends must be ASCII ids: \(line)")
        }
        XCTAssertTrue(dot.contains("e1 -> e2"))
    }

    func test_labels_escapeQuotesBackslashesAndNewlines() {
        let writer = DOTWriter()
        XCTAssertEqual(writer.quote("a\"b"), "\"a\\\"b\"")
        XCTAssertEqual(writer.quote("a\\b"), "\"a\\\\b\"")
        XCTAssertEqual(writer.quote("a\nb"), "\"a\\nb\"")
        XCTAssertEqual(writer.quote("a\u{1}b\r"), "\"a b\"")
    }

    func test_typesAndLegend_drawnDifferently() {
        let dot = DOTWriter().write(Fixtures.nasty)
        XCTAssertTrue(dot.contains("fontname=\"Noto Sans CJK SC\""))
        XCTAssertTrue(dot.contains("cluster_legend"))
        for type in EntityType.allCases { XCTAssertTrue(dot.contains("legend_\(type.rawValue) [label=\"\(type.rawValue)\"")) }
        let figureLine = dot.split(separator: "\n").first { $0.hasPrefix("  e100 ") }!
        XCTAssertTrue(figureLine.contains("shape=box") && figureLine.contains("70 亿美元\\n[USD]"))
        XCTAssertTrue(dot.contains("label=\"has_figure (funding)\""))
        XCTAssertTrue(dot.contains("dir=both"), "symmetric predicates are drawn both ways")
    }
}
