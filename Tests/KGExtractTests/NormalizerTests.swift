import XCTest
import KGCore
@testable import KGExtract

final class NormalizerTests: XCTestCase {
    func test_fullWidthForms_becomeHalfWidth() {
        let nt = Normalizer.normalize("ＧＰＴ－４ｏ（１０％）")
        XCTAssertEqual(nt.text.string, "GPT-4o(10%)")
    }

    func test_pinyinAnnotations_areRemovedAfterHanOnly() {
        let nt = Normalizer.normalize("責(zé)編 and f(x) 關(guān)於")
        XCTAssertEqual(nt.text.string, "责编 and f(x) 关于")
    }

    func test_traditionalCharacters_foldToSimplified() {
        XCTAssertEqual(Normalizer.normalize("黃仁勳與英偉達").text.string, "黄仁勋与英伟达")
    }

    func test_offsetMap_pointsIntoOriginalText() {
        let original = "英偉達(dá)　CEO"
        let nt = Normalizer.normalize(original)
        XCTAssertEqual(nt.text.string, "英伟达 CEO")
        // "CEO" starts at normalised 4, original 8 (after the pinyin and the ideographic space)
        XCTAssertEqual(nt.originalSpan(4, 7), Span(start: 8, end: 11))
        XCTAssertEqual(nt.surface(0, 3), "英偉達")
    }

    func test_whitespaceRuns_collapse_andBOMIsDropped() {
        XCTAssertEqual(Normalizer.normalize("\u{FEFF}a  \t b\r\n\nc").text.string, "a b\n\nc")
    }

    func test_urlsAndMarkdownTargets_areBlocked() {
        let nt = Normalizer.normalize("见 https://openai.com/x 和 ![图](a.png) [Anthropic](https://a.b)")
        let blockedText = zip(nt.text, nt.blocked).filter { $0.1 }.map { $0.0 }.string
        XCTAssertTrue(blockedText.contains("https://openai.com/x"))
        XCTAssertTrue(blockedText.contains("a.png"))
        XCTAssertFalse(blockedText.contains("Anthropic"))
    }
}
