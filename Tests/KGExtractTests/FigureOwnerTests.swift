import XCTest
import KGCore
@testable import KGExtract

/// has_figure: each ownership rule on a sentence written for the test, with
/// a negative case beside it (the wrong owner gets nothing).
final class FigureOwnerTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func owners(_ e: Extraction, _ figure: String) -> [String] {
        guard let f = e.entity(figure) else { return [] }
        return e.relations.filter { $0.predicate == "has_figure" && $0.object == f.id }
            .compactMap { r in e.entities.first { $0.id == r.subject }?.name }
    }

    func test_age_belongsToThePersonItDescribes_evenAfterTheFigure() {
        let e = x("现年 62 岁的黄仁勋在台北表示，英伟达今年会继续扩产。")
        XCTAssertEqual(owners(e, "62 岁"), ["Jensen Huang"])
        XCTAssertFalse(e.has("Nvidia", "has_figure", "62 岁"))
    }

    func test_figureBeforeDe_describesTheNameAfterIt() {
        let e = x("年收入超过 40 亿美元的 Anthropic 正在扩招。")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "40 亿美元"))
        // a maker's product counted for a buyer is not the maker's
        let d = x("OpenAI 将分阶段部署总计 6 吉瓦的 AMD 芯片。")
        XCTAssertTrue(d.has("OpenAI", "has_figure", "6 吉瓦"))
        XCTAssertFalse(d.has("AMD", "has_figure", "6 吉瓦"))
    }

    func test_funding_goesToTheCompanyThatRaised_neverTheLeadInvestor() {
        let e = x("本轮由红杉资本领投，Anthropic 完成了 20 亿美元融资。")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "20 亿美元"))
        XCTAssertFalse(e.has("Sequoia Capital", "has_figure", "20 亿美元"))
        // the next sentence's valuation, with no name in it, follows the round
        let f = x("Anthropic 完成了 20 亿美元融资，由红杉资本领投。本轮投后估值约为 600 亿美元。")
        XCTAssertTrue(f.has("Anthropic", "has_figure", "600 亿美元"))
        XCTAssertFalse(f.has("Sequoia Capital", "has_figure", "600 亿美元"))
    }

    func test_acquisitionPrice_goesToTheAcquiredCompany() {
        let e = x("OpenAI 计划以 30 亿美元收购 Windsurf。")
        XCTAssertTrue(e.has("Windsurf", "has_figure", "30 亿美元"))
        XCTAssertFalse(e.has("OpenAI", "has_figure", "30 亿美元"))
    }

    func test_scoresInCoordinatedClauses_goToTheirOwnModels() {
        let e = x("On the new benchmark GPT-4o scored 71% while Claude 3.5 Sonnet managed 64%.")
        XCTAssertEqual(owners(e, "71%"), ["GPT-4o"])
        XCTAssertEqual(owners(e, "64%"), ["Claude 3.5 Sonnet"])
    }

    func test_comparedModelsScore_isItsOwn_butALeadOverItIsNot() {
        let e = x("霁光-R2 的通过率为 81.3%，高于 GPT-4o 的 76.5%。")
        XCTAssertEqual(owners(e, "76.5%"), ["GPT-4o"])
        let l = x("Claude 3.5 Sonnet 排名第一，领先 OpenAI 的 GPT-4o 约 4 个百分点。")
        XCTAssertFalse(l.has("GPT-4o", "has_figure", "约 4 个百分点"))
    }

    func test_anaphorInTheNextSentence_pointsBack_butNotWithoutAnAntecedent() {
        let e = x("Anthropic 上周发布了新模型。该公司目前有 1200 名员工。")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "1200 名员工"))
        let alone = x("该公司目前有 1200 名员工。")
        XCTAssertTrue(alone.relations.filter { $0.predicate == "has_figure" }.isEmpty)
    }

    func test_nounAnaphor_afterAnAdverb_pointsBack_butADescriptionDoesNot() {
        let e = x("Anthropic 上周发布了新模型。目前公司员工约 900 人。")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "约 900 人"))
        let d = x("OpenAI 上周发布了新模型。一家初创公司员工约 30 人。")
        XCTAssertFalse(d.has("OpenAI", "has_figure", "约 30 人"))
    }

    func test_marketSize_hasNoOwner() {
        let e = x("据英伟达估算，全球数据中心芯片市场规模约为 4000 亿美元。")
        XCTAssertNotNil(e.entity("4000 亿美元"))
        XCTAssertTrue(owners(e, "4000 亿美元").isEmpty)
        // a company's own market value is owned
        let v = x("英伟达的市值约为 4 万亿美元。")
        XCTAssertTrue(v.has("Nvidia", "has_figure", "4 万亿美元"))
    }

    func test_we_isTheSpeakersCompany_onlyWhenTheTextSaysWhoSpeaks() {
        let t = x("嘉宾：Dario Amodei，Anthropic 首席执行官\n\nDario Amodei：我们的营收今年增长到了 50 亿美元。")
        XCTAssertTrue(t.has("Anthropic", "has_figure", "50 亿美元"))
        let unknown = x("Anthropic 是一家公司。\n\n我们的营收今年增长到了 50 亿美元。")
        XCTAssertFalse(unknown.has("Anthropic", "has_figure", "50 亿美元"))
    }

    func test_transcriptLabelByLastName_isTheSpeaker_andWeRaisedIsTheirCompany() {
        let t = x("On the show: Dario Amodei, co-founder and CEO of Anthropic.\n\nHOST: You raised money again.\n\nAMODEI: We raised $13 billion in that round.")
        XCTAssertTrue(t.has("Anthropic", "has_figure", "$13 billion"))
        // the interviewer's own words name no company for "we"
        let h = x("On the show: Dario Amodei, co-founder and CEO of Anthropic.\n\nHOST: We raised $2 million for the podcast.")
        XCTAssertFalse(h.has("Anthropic", "has_figure", "$2 million"))
    }

    func test_englishAgeAdjective_belongsToTheCompanyInApposition() {
        let e = x("Anthropic, a four-year-old startup, hired 300 engineers.")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "four-year-old"))
        let p = x("Anthropic hired a four-person team.")
        XCTAssertFalse(p.has("Anthropic", "has_figure", "four-year-old"))
    }

    func test_investedAmount_goesToTheCompanyInvestedIn() {
        let e = x("英伟达宣布向 OpenAI 投资 1000 亿美元。")
        XCTAssertTrue(e.has("OpenAI", "has_figure", "1000 亿美元"))
        XCTAssertFalse(e.has("Nvidia", "has_figure", "1000 亿美元"))
    }

    func test_metricWord_belongsToTheNameWrittenBeforeIt() {
        let e = x("摩根士丹利将英伟达目标价由 150 美元调升至 180 美元。")
        XCTAssertTrue(e.has("Nvidia", "has_figure", "180 美元"))
        XCTAssertFalse(e.has("Morgan Stanley", "has_figure", "180 美元"))
    }

    func test_itsBeforeTheFigure_isTheSentenceSubject_notTheNearestName() {
        let e = x("Anthropic became a Google Cloud customer in 2023, and its roughly 300 paying customers stayed.")
        XCTAssertTrue(e.has("Anthropic", "has_figure", "roughly 300 paying customers"))
        XCTAssertFalse(e.has("Google", "has_figure", "roughly 300 paying customers"))
    }

    func test_supposition_hasNoOwner() {
        let e = x("如果 OpenAI 明年拿到 1000 亿美元，算力会翻倍。")
        XCTAssertTrue(owners(e, "1000 亿美元").isEmpty)
    }

    func test_metric_comesFromTheWordsAroundTheFigure() throws {
        let e = x("Anthropic 的估值达到 600 亿美元，营收增长到了 40 亿美元，员工约 1000 人。")
        func metric(_ figure: String) -> String? {
            guard let f = e.entity(figure) else { return nil }
            return e.relations.first { $0.predicate == "has_figure" && $0.object == f.id }?.metric
        }
        XCTAssertEqual(metric("600 亿美元"), "valuation")
        XCTAssertEqual(metric("40 亿美元"), "revenue")
        XCTAssertEqual(metric("1000 人"), "employees")
    }
}
