import XCTest
import KGCore
@testable import KGExtract

/// The graph's names as a lexicon for the next document (names invented for these tests).
final class GraphLexiconTests: XCTestCase {
    func test_nameFoundInOneDocument_isKnownInTheNext_withItsStem() {
        let first = Extractor(lexicon: .builtin).extract(text: "据悉，栖木科技创始人顾闻舟表示，公司将扩招。", document: "a")
        let graph = first.entities.enumerated().map { k, e in
            Entity(id: EntityID(k + 1), type: e.type, name: e.name, aliases: e.aliases)
        }
        var lex = Lexicon.builtin
        lex.addGraphNames(graph)
        let next = Extractor(lexicon: lex).extract(text: "栖木今年推出了新品，顾闻舟也到场。", document: "b")
        XCTAssertEqual(next.entity("栖木科技")?.type, .company, "\(next.entities)")
        XCTAssertTrue(next.entity("栖木科技")?.aliases.contains("栖木") == true, "\(next.entities)")
        XCTAssertEqual(next.entity("顾闻舟")?.type, .person, "\(next.entities)")
    }

    func test_formSharedByTwoGraphEntities_isNotGuessed() {
        let graph = [Entity(id: 1, type: .person, name: "Nora Vale", aliases: ["Vale"]),
                     Entity(id: 2, type: .person, name: "Iris Vale", aliases: ["Vale"])]
        var lex = Lexicon.builtin
        lex.addGraphNames(graph)
        let x = Extractor(lexicon: lex).extract(text: "Vale arrived late.", document: "c")
        XCTAssertTrue(x.entities.filter { $0.type == .person }.isEmpty, "\(x.entities)")
        let y = Extractor(lexicon: lex).extract(text: "Nora Vale arrived late.", document: "d")
        XCTAssertEqual(y.entity("Nora Vale")?.type, .person)
    }
}
