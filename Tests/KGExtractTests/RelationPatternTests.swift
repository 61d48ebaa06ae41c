import XCTest
import KGCore
@testable import KGExtract

final class RelationPatternTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_ceoOf_titleBeforeName() {
        XCTAssertTrue(x("英伟达 CEO 黄仁勋周一表示。").has("Jensen Huang", "ceo_of", "Nvidia"))
        XCTAssertTrue(x("Mark Zuckerberg, CEO of Meta, said so.").has("Mark Zuckerberg", "ceo_of", "Meta"))
    }

    func test_founderOf_andWorksAt() {
        XCTAssertTrue(x("DeepSeek 的创始人梁文锋表示。").has("Liang Wenfeng", "founder_of", "DeepSeek"))
        XCTAssertTrue(x("John Schulman 在加入 Anthropic 前").has("John Schulman", "works_at", "Anthropic"))
    }

    func test_developed_releaseVerbAndMaker() {
        XCTAssertTrue(x("字节跳动推出了全新的豆包大模型。").has("ByteDance", "developed", "Doubao"))
        XCTAssertTrue(x("Meta released Llama 3.1 405B.").has("Meta", "developed", "Llama 3.1 405B"))
    }

    func test_competitor_partner_acquired_invested() {
        let e = x("谷歌是微软的主要竞争对手。亚马逊和 Anthropic 达成合作。OpenAI 打算收购 Windsurf。微软投资了 OpenAI。")
        XCTAssertTrue(e.has("Google", "competitor_of", "Microsoft"))
        XCTAssertTrue(e.has("Amazon", "partner_of", "Anthropic"))
        XCTAssertTrue(e.has("OpenAI", "acquired", "Windsurf"))
        XCTAssertTrue(e.has("Microsoft", "invested_in", "OpenAI"))
        XCTAssertFalse(e.has("Google", "invested_in", "OpenAI"))
    }

    func test_outperforms_andInterviewed() {
        XCTAssertTrue(x("据称 DeepSeek-V3 在多项测试中超越了 GPT-4o。").has("DeepSeek-V3", "outperforms", "GPT-4o"))
        XCTAssertTrue(x("Sam Altman 在和 Lex Fridman 的对话中谈到。").has("Lex Fridman", "interviewed", "Sam Altman"))
    }

    func test_hasFigure_ageCueNamesOnlyTheAgeFiguresMetric() throws {
        let e = x("今年 52 岁的他表示，到年底微软将拥有约 20 万块 GPU。")
        let metrics = e.relations.filter { $0.predicate == "has_figure" }.map { rel -> (String, String?) in
            (e.entities.first { $0.id == rel.object }?.unit ?? "", rel.metric)
        }
        XCTAssertFalse(metrics.isEmpty)
        for (unit, metric) in metrics where unit != "year" {
            XCTAssertNotEqual(metric, "age", "a \(unit) figure is not an age")
        }
    }

    func test_hasFigure_carriesMetricAndEvidenceSpan() throws {
        let text = "前言。Anthropic 的营收增长到了 40 亿美元。"
        let e = x(text)
        let r = try XCTUnwrap(e.relations.first { $0.predicate == "has_figure" })
        XCTAssertEqual(r.metric, "revenue")
        let scalars = Array(text.unicodeScalars)
        let ev = String(String.UnicodeScalarView(scalars[r.start!..<r.end!]))
        XCTAssertEqual(ev, r.evidence)
        XCTAssertTrue(ev.hasPrefix("Anthropic"))
    }

    func test_fixtures_originalDocuments() throws {
        let zh = x(try TestSupport.fixture("zh_simplified.txt"))
        XCTAssertTrue(zh.has("Liang Wenfeng", "founder_of", "DeepSeek"))
        XCTAssertTrue(zh.has("DeepSeek", "developed", "DeepSeek-V3"))
        XCTAssertTrue(zh.has("DeepSeek-V3", "outperforms", "GPT-4o"))
        XCTAssertNotNil(zh.entity("557 万美元"))
        let tw = x(try TestSupport.fixture("zh_traditional.txt"))
        XCTAssertTrue(tw.has("Jensen Huang", "ceo_of", "Nvidia"))
        XCTAssertTrue(tw.has("Nvidia", "partner_of", "Microsoft"))
        XCTAssertNotNil(tw.entity("Vance Parker"))
        let en = x(try TestSupport.fixture("en_news.txt"))
        XCTAssertTrue(en.has("Meta", "developed", "Llama 3.1 405B"))
        XCTAssertTrue(en.has("Microsoft", "invested_in", "OpenAI"))
        XCTAssertTrue(en.has("OpenAI", "acquired", "Windsurf"))
    }

    func test_foundedBy_listsEveryFounder_andFoundedVerb() {
        let e = x("Replit 由维克多·萨拉扎尔与 Nathan Cole 于 2015 年共同创立，总部位于柏林。后来 Nathan Cole 又创办了 Quantum Ridge Labs。")
        XCTAssertTrue(e.has("维克多·萨拉扎尔", "founder_of", "Replit"))
        XCTAssertTrue(e.has("Nathan Cole", "founder_of", "Replit"))
        XCTAssertTrue(e.has("Nathan Cole", "founder_of", "Quantum Ridge Labs"))
        XCTAssertFalse(e.has("维克多·萨拉扎尔", "founder_of", "Quantum Ridge Labs"))
        let f = x("谷歌 DeepMind 由哈萨比斯和 Shane Legg 创立。")
        XCTAssertTrue(f.has("Demis Hassabis", "founder_of", "DeepMind"))
        XCTAssertTrue(f.has("Shane Legg", "founder_of", "DeepMind"))
    }

    func test_rivals_possessorIsSubject_andListStaysInItsClause() {
        let e = x("Asked about rivals, she named Google and Meta as OpenAI's main competitors, and said Microsoft is its partner.")
        XCTAssertTrue(e.has("OpenAI", "competitor_of", "Google"))
        XCTAssertTrue(e.has("OpenAI", "competitor_of", "Meta"))
        XCTAssertFalse(e.has("OpenAI", "competitor_of", "Microsoft"))
        XCTAssertFalse(e.has("Google", "competitor_of", "Meta"))
    }

    func test_bylineOutlet_givesWorksAt() {
        let e = x("作者 | 周若溪\n出品 | 机器之心\n正文从这里开始，讲述一个很长的故事。")
        XCTAssertTrue(e.has("周若溪", "works_at", "机器之心"))
    }

    func test_titleOfTheYear_isNotAPost() {
        XCTAssertFalse(x("TIME 年度 CEO Sam Altman 谈未来。").has("Sam Altman", "ceo_of", "TIME"))
    }

    func test_englishDeals_fixture() throws {
        let e = x(try TestSupport.fixture("en_deals.txt"))
        XCTAssertTrue(e.has("Jensen Huang", "ceo_of", "Nvidia"))
        XCTAssertTrue(e.has("Nvidia", "invested_in", "Intel"))
        XCTAssertTrue(e.has("Microsoft", "acquired", "Inflection AI"))
        XCTAssertTrue(e.has("Sam Altman", "ceo_of", "OpenAI"))
        XCTAssertTrue(e.has("GPT-5", "outperforms", "Claude Opus 4"))
        XCTAssertTrue(e.has("Anthropic", "competitor_of", "OpenAI"))
        XCTAssertTrue(e.has("DeepMind", "developed", "Gemini 2.5 Pro"))
        XCTAssertTrue(e.has("Gemini 2.5 Pro", "outperforms", "OpenAI o3"))
        XCTAssertTrue(e.has("Mistral AI", "partner_of", "Nvidia"))
        XCTAssertEqual(e.entity("$183 billion")?.value, 183e9)
    }

    func test_acquired_passiveAndNoun() {
        XCTAssertTrue(x("Windsurf 被 OpenAI 收购的消息传出。").has("OpenAI", "acquired", "Windsurf"))
        XCTAssertTrue(x("Mellanox was acquired by Nvidia in 2020.").has("Nvidia", "acquired", "Mellanox"))
        XCTAssertTrue(x("Google's acquisition of DeepMind closed in 2014.").has("Google", "acquired", "DeepMind"))
    }
}

final class RelationPhrasingTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    // a direct clash (正面交锋 / head-to-head) is a rivalry; a clash of products inside one company is not
    func test_rivals_headToHead() {
        XCTAssertTrue(x("百度与阿里巴巴将在云计算市场正面交锋。").has("Baidu", "competitor_of", "Alibaba"))
        XCTAssertTrue(x("Anthropic now goes head-to-head with OpenAI in coding tools.").has("Anthropic", "competitor_of", "OpenAI"))
        XCTAssertFalse(x("百度发布了新模型，并与阿里巴巴签署合作协议。").has("Baidu", "competitor_of", "Alibaba"))
    }

    // titles joined by 暨 are one person's titles; 技术长 (Taiwanese usage) is a post
    func test_roles_titlesJoinedByJi_andTaiwaneseTitles() {
        let e = x("英伟达董事长暨执行长黄仁勋周二发表演讲。")
        XCTAssertTrue(e.has("Jensen Huang", "ceo_of", "Nvidia"))
        XCTAssertTrue(x("微软技术长 Kevin Scott 表示。").has("Kevin Scott", "works_at", "Microsoft"))
        XCTAssertFalse(x("微软技术长 Kevin Scott 表示。").has("Kevin Scott", "ceo_of", "Microsoft"))
    }

    // `existing backers A and B also took part` in a round: both invested in the raiser, not in each other
    func test_investment_existingBackersTookPart() {
        let e = x("Mistral AI raised a new round. Existing backers Nvidia and Microsoft also took part in the round.")
        XCTAssertTrue(e.has("Nvidia", "invested_in", "Mistral AI"))
        XCTAssertTrue(e.has("Microsoft", "invested_in", "Mistral AI"))
        XCTAssertFalse(e.has("Nvidia", "invested_in", "Microsoft"))
        XCTAssertFalse(x("Nvidia and Microsoft also took part in the conference.").has("Nvidia", "invested_in", "Microsoft"))
    }
}

final class InvestmentEllipsisTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    // `A 投了 N，B M`: the second clause leaves the verb out, B invested too and is not the raiser
    func test_amountClauseRepeatsTheVerb() {
        let e = x("Mistral AI 去年融资了 20 亿美元。其中英伟达投了 5 亿，微软 3 亿。")
        XCTAssertTrue(e.has("Nvidia", "invested_in", "Mistral AI"))
        XCTAssertTrue(e.has("Microsoft", "invested_in", "Mistral AI"))
        XCTAssertFalse(e.has("Nvidia", "invested_in", "Microsoft"))
        // a clause with its own verb is not an elliptic investor
        let n = x("Mistral AI 去年融资了 20 亿美元。其中英伟达投了 5 亿，微软发布了新模型。")
        XCTAssertFalse(n.has("Microsoft", "invested_in", "Mistral AI"))
    }
}

final class CustomerListTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    // `X counts A and B among its customers`: `its` is X, each customer a partner of X, not of each other
    func test_customersBeforeTheCue_belongToTheClauseSubject() {
        let e = x("Cohere counts Oracle and Salesforce among its customers.")
        XCTAssertTrue(e.has("Cohere", "partner_of", "Oracle"))
        XCTAssertTrue(e.has("Cohere", "partner_of", "Salesforce"))
        XCTAssertFalse(e.has("Oracle", "partner_of", "Salesforce"))
        // a possibility is not a deal
        XCTAssertFalse(x("Cohere may count Oracle and Salesforce among its customers.").has("Cohere", "partner_of", "Oracle"))
    }
}
