import XCTest
import KGCore
@testable import KGExtract

/// `你们 / you` in a host's question and `我们 / we` in a guest's answer stand for the
/// interviewee's company only when the text names the guest's role at it.
final class InterviewCompanyTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }
    let intro = "嘉宾是 Mistral AI 首席执行官 Arthur Mensch。\n"

    func test_addressee_investorNoun() {
        let q = "问：英伟达作为你们的投资者之一，会不会追加？"
        XCTAssertTrue(x(intro + q).has("Nvidia", "invested_in", "Mistral AI"))
        // no role named for the guest: `你们` is nobody's company
        XCTAssertFalse(x("嘉宾是 Arthur Mensch。\n" + q).relations.contains { $0.predicate == "invested_in" })
    }

    func test_addressee_raisedThenInvestorBefore() {
        let q = "问：你们去年已经融资了 6 亿欧元，Lightspeed 领投。"
        XCTAssertTrue(x(intro + q).has("Lightspeed", "invested_in", "Mistral AI"))
        XCTAssertFalse(x("嘉宾是 Arthur Mensch。\n" + q).has("Lightspeed", "invested_in", "Mistral AI"))
    }

    func test_speaker_partnership() {
        let a = "答：我们和微软合作已经一年多了。"
        XCTAssertTrue(x(intro + a).has("Microsoft", "partner_of", "Mistral AI"))
        XCTAssertFalse(x("嘉宾是 Arthur Mensch。\n" + a).relations.contains { $0.predicate == "partner_of" })
    }
}

/// `后两家公司 / both companies / the two firms` refer back to the last two companies named.
final class BackReferenceTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_lastTwoCompanies_areInvestors() {
        let e = x("Mistral AI 的对手包括 Meta、英伟达和三星，后两家公司都是 Mistral AI 的股东。")
        XCTAssertTrue(e.has("Nvidia", "invested_in", "Mistral AI"))
        XCTAssertTrue(e.has("Samsung", "invested_in", "Mistral AI"))
        XCTAssertFalse(e.has("Meta", "invested_in", "Mistral AI"))
    }

    func test_backReference_needsTwoEarlierCompanies() {
        // only one company before the reference: nothing to refer to
        XCTAssertFalse(x("据报道，这两家公司都是 Mistral AI 的股东。").relations.contains { $0.predicate == "invested_in" })
    }
}

/// `他和 H 的这场对谈`: the pronoun is the last person named earlier in the sentence.
final class ConversationPronounTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_pronounGuest_namedEarlierInSentence() {
        let e = x("OpenAI 联合创始人 Ilya Sutskever 很少露面，他和 Dwarkesh Patel 在去年的这场对谈里谈到了规模。")
        XCTAssertTrue(e.has("Dwarkesh Patel", "interviewed", "Ilya Sutskever"))
        XCTAssertFalse(e.has("Ilya Sutskever", "interviewed", "Dwarkesh Patel"))
    }

    func test_pronounWithoutReferent_givesNoInterview() {
        XCTAssertFalse(x("他和 Dwarkesh Patel 在去年的这场对谈里谈到了规模。").relations.contains { $0.predicate == "interviewed" })
    }
}
