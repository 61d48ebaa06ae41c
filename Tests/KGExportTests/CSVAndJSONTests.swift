import Foundation
import KGCore
import XCTest
@testable import KGExport

/// An RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF).
func parseCSV(_ text: String) throws -> [[String]] {
    struct Bad: Error { var at: Int }
    var rows: [[String]] = [], row: [String] = [], field = ""
    let s = Array(text.unicodeScalars)
    var i = 0, quoted = false, fieldStarted = false
    while i < s.count {
        let c = s[i]
        if quoted {
            if c == "\"" {
                if i + 1 < s.count && s[i + 1] == "\"" { field += "\""; i += 2; continue }
                quoted = false; i += 1; continue
            }
            field.unicodeScalars.append(c); i += 1; continue
        }
        switch c {
        case "\"":
            guard !fieldStarted else { throw Bad(at: i) }
            quoted = true; fieldStarted = true; i += 1
        case ",":
            row.append(field); field = ""; fieldStarted = false; i += 1
        case "\r":
            guard i + 1 < s.count, s[i + 1] == "\n" else { throw Bad(at: i) }
            row.append(field); rows.append(row); row = []; field = ""; fieldStarted = false; i += 2
        case "\n":
            throw Bad(at: i) // RFC 4180 records end with CRLF
        default:
            field.unicodeScalars.append(c); fieldStarted = true; i += 1
        }
    }
    if quoted { throw Bad(at: i) }
    if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

final class CSVAndJSONTests: XCTestCase {
    func test_csv_roundTripsNamesAndEdges() throws {
        let graph = Fixtures.nasty
        let (nodesText, edgesText) = CSVWriter().write(graph)
        let nodes = try parseCSV(nodesText), edges = try parseCSV(edgesText)
        XCTAssertEqual(nodes.first, ["Id", "Label", "Type", "Aliases", "Value", "Unit"])
        XCTAssertTrue(nodes.allSatisfy { $0.count == 6 })
        XCTAssertTrue(edges.allSatisfy { $0.count == 7 })
        var labelByID: [String: String] = [:]
        for n in nodes.dropFirst() { labelByID[n[0]] = n[1] }
        for e in graph.entities { XCTAssertEqual(labelByID["e\(e.id)"], e.name) }
        XCTAssertEqual(nodes.first { $0[0] == "e100" }?[4], "7000000000")
        XCTAssertEqual(edges.count - 1, graph.relations.count)
        for (row, relation) in zip(edges.dropFirst(), graph.relations) {
            XCTAssertEqual(row[0], "e\(relation.triple.subject)")
            XCTAssertNotNil(labelByID[row[1]], "edge target \(row[1]) is a node")
            XCTAssertEqual(row[2], relation.triple.predicate)
            XCTAssertEqual(row[6], relation.evidence.first?.sentence ?? "")
        }
        let literalTarget = edges.first { $0[2] == "note" }![1]
        XCTAssertEqual(labelByID[literalTarget], "say \"hi\"\\\n\t,")
    }

    func test_json_roundTripsTheGraph() throws {
        let graph = Fixtures.nasty
        let text = try JSONWriter().write(graph)
        let back = try ExportGraph(json: Data(text.utf8))
        XCTAssertEqual(back, graph)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let relations = object["relations"] as! [[String: Any]]
        XCTAssertEqual(relations.first?["subject_name"] as? String, Fixtures.nastyNames[0])
    }
}
