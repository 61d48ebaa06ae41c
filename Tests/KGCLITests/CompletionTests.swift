import Foundation
import XCTest
@testable import KGCLI

final class CompletionTests: XCTestCase {
    var graph: URL!
    var session: ReplSession!

    override func setUpWithError() throws {
        graph = try GraphFixture.temporaryDirectory()
        try GraphFixture.build(at: graph)
        let editor = LineEditor(terminal: Terminal(input: -1, output: -1), history: History(file: nil))
        session = ReplSession(editor: editor, engine: try ReplEngine(graph: graph), useColor: false)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: graph) }

    func complete(_ line: String) -> [String] {
        let c = session.completions(line: line, cursor: line.count)
        return c.candidates.map { String(line.prefix(c.start)) + $0 }
    }

    func test_entityNames_completeInsideStrings_includingChinese() {
        XCTAssertEqual(complete("?- ceo_of(\"黄"), ["?- ceo_of(\"黄仁勋\""])
        XCTAssertEqual(complete("?- ceo_of(\"Jen"), ["?- ceo_of(\"Jensen Huang\""])
        XCTAssertTrue(complete("?- x(\"").count >= 8, "every name and alias is offered")
    }

    func test_metaCommands_andTheirArguments() {
        XCTAssertEqual(complete(":ti"), [":timing "])
        XCTAssertEqual(complete(":format j"), [":format json "])
        XCTAssertEqual(complete(":show 英"), [":show 英伟达"])
        XCTAssertEqual(Set(complete(":s")), [":show ", ":stats "])
    }

    func test_predicates_completeInDatalogText() {
        XCTAssertTrue(complete("?- ceo_").contains("?- ceo_of"))
        XCTAssertTrue(complete("?- x(A), not has_f").contains("?- x(A), not has_figure"))
    }
}
