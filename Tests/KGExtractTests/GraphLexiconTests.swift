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

/// Adding many entries at once (`add(contentsOf:)`, what `addGraphNames` does)
/// builds the same index as adding them one by one: the buckets are sorted once
/// at the end instead of after every entry (which was quadratic in a bucket).
final class LexiconBulkAddTests: XCTestCase {
    private func shape(_ lex: Lexicon) -> [UInt32: [String]] {
        lex.index.mapValues { $0.map { "\($0.key)#\($0.entry)" } }
    }

    func test_bulkAdd_equalsOneByOne_includingOrderWithinBuckets() {
        var entries: [LexiconEntry] = []
        for i in 0..<400 {
            let type: EntityType = [.person, .company, .model][i % 3]
            // Names of mixed lengths sharing first scalars, repeats, aliases shared between entries.
            let name = i % 7 == 0 ? "Entity \(i / 7)" : "Entity \(i)" + String(repeating: "x", count: i % 5)
            entries.append(LexiconEntry(type: type, name: name, aliases: i % 4 == 0 ? ["实体\(i % 50)", "E\(i)"] : []))
        }
        var one = Lexicon.builtin, bulk = Lexicon.builtin
        for e in entries { one.add(e) }
        bulk.add(contentsOf: entries)
        XCTAssertEqual(shape(one), shape(bulk))
        XCTAssertEqual(one.entries, bulk.entries)
        XCTAssertNotNil(bulk.entry(named: "Entity 12"))
    }
}
