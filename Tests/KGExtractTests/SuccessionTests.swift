import XCTest
import KGCore
@testable import KGExtract

/// A series of models in release order, then `each better than the one before`.
final class SuccessionTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_series_eachBetterThanThePrevious() {
        let e = x("OpenAI 先后发布了 GPT-3、GPT-3.5 和 GPT-4。每一代都比上一代更强。")
        XCTAssertTrue(e.has("GPT-3.5", "outperforms", "GPT-3"))
        XCTAssertTrue(e.has("GPT-4", "outperforms", "GPT-3.5"))
        XCTAssertFalse(e.has("GPT-4", "outperforms", "GPT-3"))
        let en = x("Meta shipped Llama 2 and later Llama 3. Each one was clearly better than the last one.")
        XCTAssertTrue(en.has("Llama 3", "outperforms", "Llama 2"))
    }

    func test_series_worseOrNoClaim_givesNothing() {
        XCTAssertFalse(x("OpenAI 先后发布了 GPT-3、GPT-3.5 和 GPT-4。每一代都比上一代差。").relations.contains { $0.predicate == "outperforms" })
        XCTAssertFalse(x("OpenAI 先后发布了 GPT-3、GPT-3.5 和 GPT-4。价格各不相同。").relations.contains { $0.predicate == "outperforms" })
    }

    func test_renamedModel_isNotANewMemberOfTheSeries() {
        let e = x("他们发布了 GPT-3.5，然后是 GPT-4——也就是 GPT-4 Turbo——再到 GPT-4o。每一个都比上一个更好。")
        XCTAssertTrue(e.has("GPT-4", "outperforms", "GPT-3.5"))
        XCTAssertTrue(e.has("GPT-4o", "outperforms", "GPT-4"))
        XCTAssertFalse(e.has("GPT-4o", "outperforms", "GPT-4 Turbo"))
    }
}

/// A title with no company of its own in a clause that names another company after the
/// titled person (`首席执行官 P 接受了 X 的采访`): the title is the topic's.
final class TitleTopicPastObjectTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_companyAfterTitledPerson_doesNotBlockTheTopic() {
        let e = x("上周 Mistral AI 在巴黎开了发布会，会后首席执行官 Arthur Mensch 接受了彭博社的采访。")
        XCTAssertTrue(e.has("Arthur Mensch", "ceo_of", "Mistral AI"))
        XCTAssertFalse(e.has("Arthur Mensch", "ceo_of", "Bloomberg"))
    }

    func test_companyWherePersonHeldAPost_stillBlocks() {
        // `P 曾任 X 架构师`: the clause is about P's posts; the title may not be the topic's
        let e = x("上周 Mistral AI 在巴黎开了发布会，首席执行官 Arthur Mensch 曾任谷歌研究员。")
        XCTAssertFalse(e.has("Arthur Mensch", "ceo_of", "Mistral AI"))
    }
}
