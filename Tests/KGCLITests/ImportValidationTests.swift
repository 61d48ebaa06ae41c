import Foundation
import KGCore
import KGStore
import XCTest

/// `kg import` checks every field as `kg assert` does, skips each bad line with
/// its number, and imports the rest (issue 12, item 7).
final class ImportValidationTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    private func line(_ doc: String, predicate: String = "developed", start: Int = 0, end: Int = 10,
                      object: String = "e2", name: String = "Acme Labs") -> String {
        let x = Extraction(document: doc, entities: [
            ExtractedEntity(id: "e1", type: .company, name: name),
            ExtractedEntity(id: "e2", type: .model, name: "Roadrunner \(doc.prefix(5))"),
        ], relations: [ExtractedRelation(subject: "e1", predicate: predicate, object: object,
                                         evidence: "Acme built it", start: start, end: end)])
        return String(decoding: try! JSONEncoder().encode(x), as: UTF8.self)
    }

    func test_import_skipsEachBadLineByNumber_andImportsTheRest() throws {
        let lines = [
            line("good1.txt"),
            line("neg.txt", start: -3),                   // 2: negative span
            line("huge.txt", start: 0, end: 1 << 62),     // 3: span beyond what the store holds
            line("space.txt", predicate: "works at"),     // 4: predicate with a space
            line("empty.txt", predicate: ""),             // 5: empty predicate
            line("newline.txt", predicate: "ceo_of\nx"),  // 6: newline in the predicate
            line("markup.txt", predicate: "<b>ceo</b>"),  // 7: markup
            line("unknown.txt", object: "e9"),            // 8: relation to an unknown entity
            line("blank.txt", name: " "),                 // 9: blank name
            line("good2.txt"),
        ]
        let file = dir.appendingPathComponent("x.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let graph = dir.appendingPathComponent("g").path
        let r = try runKG(["import", "--graph", graph, file.path])
        XCTAssertEqual(r.status, 1, r.err)
        for n in 2...9 { XCTAssertTrue(r.err.contains("x.jsonl:\(n): line skipped"), "line \(n): \(r.err)") }
        XCTAssertFalse(r.err.contains("x.jsonl:1:") || r.err.contains("x.jsonl:10:"), r.err)
        XCTAssertTrue(r.err.contains("object 'e9' is no entity of this line"), r.err)
        XCTAssertTrue(r.err.contains("predicate 'ceo_of\\nx'"), r.err)
        XCTAssertTrue(r.out.contains("2 documents committed") && r.out.contains("8 skipped"), r.out)
        let view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        XCTAssertEqual(Set(view.allTriples.map(\.predicate)), ["developed"])
        XCTAssertEqual(view.allTriples.count, 2)
        XCTAssertTrue(GraphStore.verify(URL(fileURLWithPath: graph)).isOK)
    }
}
