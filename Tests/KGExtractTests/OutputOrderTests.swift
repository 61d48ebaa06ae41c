import XCTest
import KGCore
@testable import KGExtract

/// The extraction's output order does not depend on hashing: relations come
/// sorted by (start, predicate, subject, object) and a symmetric relation
/// names the entity of lower id first.
final class OutputOrderTests: XCTestCase {
    static let text = """
    微软与谷歌在云服务上竞争激烈。Meta 和亚马逊宣布达成合作，英伟达也与 Meta 合作。
    谷歌是 OpenAI 的主要竞争对手，而 OpenAI 与微软继续合作。亚马逊投资了 Anthropic。
    """

    private func number(_ id: String) -> Int { Int(id.dropFirst())! }

    func test_relations_sortedCanonically_symmetricLowerIdFirst() {
        let e = TestSupport.extractor.extract(text: Self.text, document: "order.txt")
        XCTAssertGreaterThanOrEqual(e.relations.count, 4)
        var symmetric = 0
        for r in e.relations where Predicate.symmetric.contains(r.predicate) {
            symmetric += 1
            XCTAssertLessThan(number(r.subject), number(r.object), "\(r.predicate) \(r.subject) \(r.object)")
        }
        XCTAssertGreaterThanOrEqual(symmetric, 2)
        for (a, b) in zip(e.relations, e.relations.dropFirst()) {
            let x = (a.start ?? 0, a.predicate, number(a.subject), number(a.object))
            let y = (b.start ?? 0, b.predicate, number(b.subject), number(b.object))
            XCTAssertTrue(x < y, "\(x) before \(y)")
        }
    }

    func test_sameTextTwice_sameOutput() {
        let a = TestSupport.extractor.extract(text: Self.text, document: "order.txt")
        let b = Extractor(lexicon: TestSupport.lexicon).extract(text: Self.text, document: "order.txt")
        XCTAssertEqual(a.relations, b.relations)
        XCTAssertEqual(a.entities.map(\.id), b.entities.map(\.id))
    }
}
