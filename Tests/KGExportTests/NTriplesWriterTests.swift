import KGCore
import XCTest
@testable import KGExport

final class NTriplesWriterTests: XCTestCase {
    func test_nastyGraph_readBackByStrictParser() throws {
        let graph = Fixtures.nasty
        let text = NTriplesWriter().write(graph)
        let statements = try NTriplesParser.parse(text)
        let labels = statements.compactMap { s -> String? in
            guard s.predicate == .iri(NTriplesWriter.label), case .literal(let v, nil, _) = s.object else { return nil }
            return v
        }
        XCTAssertEqual(Set(labels), Set(graph.entities.map(\.name)), "every name survives escaping exactly")
        let note = statements.first { $0.predicate == .iri("https://kg.example/predicate/note") }
        XCTAssertEqual(note?.object, .literal("say \"hi\"\\\n\t,", datatype: nil, language: nil))
        let rank = statements.first { $0.predicate == .iri("https://kg.example/predicate/rank") }
        XCTAssertEqual(rank?.object, .literal("3", datatype: NTriplesWriter.xsdInteger, language: nil))
        let spaced = statements.first { $0.predicate == .iri("https://kg.example/predicate/has%20label%2Fwith%20spaces") }
        XCTAssertNotNil(spaced, "predicate names are percent-encoded into IRIs")
        let edge = NTriplesParser.Statement(subject: .iri("https://kg.example/person/Dario%20%22Dar%22%20Amodei"),
                                            predicate: .iri("https://kg.example/predicate/works_at"),
                                            object: .iri("https://kg.example/company/C%3A%5Cpath%5CN%5CG%5Cl"))
        XCTAssertTrue(statements.contains(edge))
        XCTAssertEqual(statements.count, text.split(separator: "\n").count)
    }

    func test_literal_escapesControlCharactersAsUchar() throws {
        XCTAssertEqual(NTriplesWriter.literal("a\u{1}b\u{7F}"), "\"a\\u0001b\\u007F\"")
        let parsed = try NTriplesParser.parse("<http://x/a> <http://x/p> \(NTriplesWriter.literal("a\u{1}\r\u{0C}\u{08}")) .\n")
        XCTAssertEqual(parsed.first?.object, .literal("a\u{1}\r\u{0C}\u{08}", datatype: nil, language: nil))
    }

    func test_strictParser_rejectsRawNewlinesAndBadIRIs() {
        XCTAssertThrowsError(try NTriplesParser.parse("<http://x/a> <http://x/p> \"a\\q\" .\n"))
        XCTAssertThrowsError(try NTriplesParser.parse("<http://x/a b> <http://x/p> \"a\" .\n"))
        XCTAssertThrowsError(try NTriplesParser.parse("<http://x/a> <http://x/p> \"a\"\n"))
        XCTAssertThrowsError(try NTriplesParser.parse("<a> <http://x/p> \"a\" .\n"))
    }
}
