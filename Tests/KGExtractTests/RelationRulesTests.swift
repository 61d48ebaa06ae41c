import XCTest
import KGCore
@testable import KGExtract

/// One test per relation rule (Relations/*.swift), each on sentences written
/// for this file, with a negative case beside the positive one.
final class RelationRulesTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }
    func count(_ e: Extraction, _ p: String) -> Int { e.relations.filter { $0.predicate == p }.count }

    // MARK: investment

    func test_investment_everyInvestorOfTheRound_goesToTheCompanyThatRaised() {
        let e = x("小米宣布完成新一轮融资。本轮由红杉资本领投，腾讯、阿里巴巴跟投，老股东软银继续追加投资。")
        for investor in ["Sequoia Capital", "Tencent", "Alibaba", "SoftBank"] {
            XCTAssertTrue(e.has(investor, "invested_in", "Xiaomi"), investor)
        }
        // never to a co-investor
        XCTAssertFalse(e.has("Tencent", "invested_in", "Alibaba"))
        XCTAssertFalse(e.has("Sequoia Capital", "invested_in", "Tencent"))
        XCTAssertFalse(e.has("SoftBank", "invested_in", "Tencent"))
    }

    func test_investment_ledByWithParticipationFrom() {
        let e = x("Mistral AI raised €600 million in a round led by Salesforce, with participation from Nvidia, Microsoft and IBM.")
        for investor in ["Salesforce", "Nvidia", "Microsoft", "IBM"] {
            XCTAssertTrue(e.has(investor, "invested_in", "Mistral AI"), investor)
        }
        XCTAssertFalse(e.has("Nvidia", "invested_in", "Microsoft"))
    }

    func test_investment_jointLeadAndInvestorNouns() {
        XCTAssertTrue(x("百度完成新一轮融资，由腾讯和小米联合领投。").has("Xiaomi", "invested_in", "Baidu"))
        let e = x("谷歌和亚马逊是 Anthropic 的重要投资者。Salesforce is an investor in Cohere.")
        XCTAssertTrue(e.has("Google", "invested_in", "Anthropic"))
        XCTAssertTrue(e.has("Amazon", "invested_in", "Anthropic"))
        XCTAssertTrue(e.has("Salesforce", "invested_in", "Cohere"))
    }

    func test_investment_forwardVerbWithAmount_andTowardTarget() {
        XCTAssertTrue(x("Microsoft invested $10 billion in OpenAI last year.").has("Microsoft", "invested_in", "OpenAI"))
        let e = x("英伟达宣布向 OpenAI 投资 1000 亿美元。")
        XCTAssertTrue(e.has("Nvidia", "invested_in", "OpenAI"))
        XCTAssertFalse(e.has("OpenAI", "invested_in", "Nvidia"))
    }

    func test_investment_noCue_noRelation() {
        // a company that comments on an investment is no investor
        XCTAssertEqual(count(x("小米完成了融资。腾讯方面未对投资细节置评。"), "invested_in"), 0)
        // a company that backs many startups, none named, invests in nobody here
        XCTAssertEqual(count(x("Nvidia, which has backed dozens of startups, declined to comment on Intel."), "invested_in"), 0)
    }

    // MARK: roles

    func test_roles_titleChain_givesEveryRelation_withTheTopicCompany() {
        let e = x("百度成立于2000年。创始人兼首席执行官李彦宏此前在美国工作。")
        XCTAssertTrue(e.has("Robin Li", "founder_of", "Baidu"))
        XCTAssertTrue(e.has("Robin Li", "ceo_of", "Baidu"))
    }

    func test_roles_bothOrdersAndApposition() {
        XCTAssertTrue(x("黄仁勋，英伟达首席执行官，昨天到访。").has("Jensen Huang", "ceo_of", "Nvidia"))
        XCTAssertTrue(x("Sam Altman, chief executive of OpenAI, spoke first.").has("Sam Altman", "ceo_of", "OpenAI"))
        let e = x("OpenAI is hiring. Its CTO, Mira Murati, agreed.")
        XCTAssertTrue(e.has("Mira Murati", "works_at", "OpenAI"))
        XCTAssertFalse(e.has("Mira Murati", "ceo_of", "OpenAI"))
    }

    func test_roles_deputyIsNotTheChief_andAPastPostCounts() {
        let e = x("李彦宏曾任谷歌副总经理。")
        XCTAssertTrue(e.has("Robin Li", "works_at", "Google"))
        XCTAssertFalse(e.has("Robin Li", "ceo_of", "Google"))
        XCTAssertTrue(x("Ilya Sutskever 曾在谷歌担任研究员。").has("Ilya Sutskever", "works_at", "Google"))
    }

    func test_roles_titleWithAnotherCompanyInItsClause_isNotTheTopics() {
        // the analyst's firm is not named: no works_at to the company the sentence is about
        let e = x("小米发布了新手机，分析师黄仁勋认为销量会很好。")
        XCTAssertFalse(e.has("Jensen Huang", "works_at", "Xiaomi"))
        XCTAssertFalse(x("TIME 年度 CEO Sam Altman 谈未来。").has("Sam Altman", "ceo_of", "TIME"))
    }

    // MARK: founding and joining

    func test_founding_coFoundedByAList() {
        let e = x("OpenAI was co-founded in 2015 by Sam Altman and Elon Musk.")
        XCTAssertTrue(e.has("Sam Altman", "founder_of", "OpenAI"))
        XCTAssertTrue(e.has("Elon Musk", "founder_of", "OpenAI"))
        XCTAssertFalse(x("Sam Altman met Elon Musk at OpenAI in 2015.").has("Elon Musk", "founder_of", "OpenAI"))
    }

    func test_joining_joinsAndLeftFor() {
        XCTAssertTrue(x("John Schulman joined Anthropic in August.").has("John Schulman", "works_at", "Anthropic"))
        let e = x("John Schulman left OpenAI for Anthropic.")
        XCTAssertTrue(e.has("John Schulman", "works_at", "OpenAI"))
        XCTAssertTrue(e.has("John Schulman", "works_at", "Anthropic"))
        XCTAssertFalse(x("John Schulman praised Anthropic in August.").has("John Schulman", "works_at", "Anthropic"))
    }

    // MARK: partnerships and acquisitions

    func test_partnership_dealButNotTalks() {
        XCTAssertTrue(x("微软与 OpenAI 签署了合作协议。").has("Microsoft", "partner_of", "OpenAI"))
        XCTAssertTrue(x("台积电为英伟达代工芯片，双方合作多年。").has("TSMC", "partner_of", "Nvidia"))
        XCTAssertFalse(x("Nvidia and Microsoft are in talks about a partnership.").has("Nvidia", "partner_of", "Microsoft"))
        XCTAssertFalse(x("据传谷歌可能与苹果合作。").has("Google", "partner_of", "Apple"))
    }

    func test_partnership_customersOfTheTopic_notOfEachOther() {
        let e = x("高通发布了新芯片。其主要客户包括小米和三星。")
        XCTAssertTrue(e.has("Qualcomm", "partner_of", "Xiaomi"))
        XCTAssertTrue(e.has("Qualcomm", "partner_of", "Samsung"))
        XCTAssertFalse(e.has("Xiaomi", "partner_of", "Samsung"))
    }

    func test_acquisition_plannedActiveAndPassive_butNotARumour() {
        XCTAssertTrue(x("Microsoft agreed to acquire Inflection AI.").has("Microsoft", "acquired", "Inflection AI"))
        XCTAssertTrue(x("英特尔拟收购 Replit。").has("Intel", "acquired", "Replit"))
        XCTAssertTrue(x("Mellanox was acquired by Nvidia.").has("Nvidia", "acquired", "Mellanox"))
        XCTAssertFalse(x("Cursor 被 OpenAI 收购的传闻并不属实。").has("OpenAI", "acquired", "Cursor"))
    }

    // MARK: comparisons

    func test_comparison_coordinationGivesOneRelationPerObject() {
        let e = x("GPT-5 超越了 Claude Opus 4、Gemini 2.5 Pro 和 DeepSeek-V3。")
        XCTAssertTrue(e.has("GPT-5", "outperforms", "Claude Opus 4"))
        XCTAssertTrue(e.has("GPT-5", "outperforms", "Gemini 2.5 Pro"))
        XCTAssertTrue(e.has("GPT-5", "outperforms", "DeepSeek-V3"))
        XCTAssertFalse(e.has("Claude Opus 4", "outperforms", "Gemini 2.5 Pro"))
    }

    func test_comparison_reverseDirection() {
        let e = x("DeepSeek-V3 在代码测试上略逊于 Claude 3.5 Sonnet。GPT-4o trails Gemini 2.5 Pro on coding.")
        XCTAssertTrue(e.has("Claude 3.5 Sonnet", "outperforms", "DeepSeek-V3"))
        XCTAssertFalse(e.has("DeepSeek-V3", "outperforms", "Claude 3.5 Sonnet"))
        XCTAssertTrue(e.has("Gemini 2.5 Pro", "outperforms", "GPT-4o"))
        let g = x("百度的文心一言与 OpenAI 的 GPT-4o 仍有明显差距。")
        XCTAssertTrue(g.has("GPT-4o", "outperforms", "ERNIE Bot"))
    }

    func test_comparison_negatedOrClose_isNotOutperforms() {
        XCTAssertFalse(x("GPT-4o 没有超过 Claude 3.5 Sonnet。").has("GPT-4o", "outperforms", "Claude 3.5 Sonnet"))
        XCTAssertFalse(x("GPT-4o 的成绩接近 Claude 3.5 Sonnet。").has("GPT-4o", "outperforms", "Claude 3.5 Sonnet"))
    }

    // MARK: rivals

    func test_rivals_list_andPossessor() {
        let e = x("百度要与阿里巴巴、腾讯和字节跳动竞争。")
        XCTAssertTrue(e.has("Baidu", "competitor_of", "Alibaba"))
        XCTAssertTrue(e.has("Baidu", "competitor_of", "Tencent"))
        XCTAssertTrue(e.has("Baidu", "competitor_of", "ByteDance"))
        XCTAssertFalse(e.has("Alibaba", "competitor_of", "Tencent"))
        XCTAssertTrue(x("Anthropic, OpenAI's main rival, raised money.").has("OpenAI", "competitor_of", "Anthropic"))
        XCTAssertEqual(count(x("阿里巴巴和腾讯都在杭州设有办公室。"), "competitor_of"), 0)
    }

    // MARK: development

    func test_development_releaseVerbPossessiveAndAgent() {
        let e = x("阿里巴巴发布了 Qwen2.5-Max 和 QwQ-32B。")
        XCTAssertTrue(e.has("Alibaba", "developed", "Qwen2.5-Max"))
        XCTAssertTrue(e.has("Alibaba", "developed", "QwQ-32B"))
        XCTAssertTrue(x("由深度求索开发的 DeepSeek-V3 广受关注。").has("DeepSeek", "developed", "DeepSeek-V3"))
        XCTAssertTrue(x("Meta's Llama 3.1 405B is open.").has("Meta", "developed", "Llama 3.1 405B"))
    }

    func test_development_notFromTheLexiconMakerColumn() {
        // the lexicon knows Anthropic makes Claude; this text does not say so
        let e = x("Anthropic 今天开了发布会。用户说 Claude 3.5 Sonnet 很好用。")
        XCTAssertFalse(e.has("Anthropic", "developed", "Claude 3.5 Sonnet"))
    }

    func test_development_familyOnceTheDocumentNamesItsMaker() {
        let e = x("Anthropic 发布了 Claude 3 Opus。后来的 Claude 3.5 Sonnet 更快。")
        XCTAssertTrue(e.has("Anthropic", "developed", "Claude 3 Opus"))
        XCTAssertTrue(e.has("Anthropic", "developed", "Claude 3.5 Sonnet"))
    }

    // MARK: interviews

    func test_interview_hostAndGuest() {
        XCTAssertTrue(x("主持人 Lex Fridman 专访了 Dario Amodei。").has("Lex Fridman", "interviewed", "Dario Amodei"))
        let h = x("科技播客第 12 期\n主持人：Lex Fridman\n嘉宾：Dario Amodei，Anthropic 首席执行官\n")
        XCTAssertTrue(h.has("Lex Fridman", "interviewed", "Dario Amodei"))
        XCTAssertFalse(h.has("Dario Amodei", "interviewed", "Lex Fridman"))
        XCTAssertTrue(x("Dario Amodei 接受 Lex Fridman 专访时表示。").has("Lex Fridman", "interviewed", "Dario Amodei"))
        XCTAssertEqual(count(x("Lex Fridman 和 Dario Amodei 都住在旧金山。"), "interviewed"), 0)
    }

    // MARK: rule names, confidences and no main-company fallback

    func test_everyRelation_keepsItsRuleAndConfidence() {
        let e = x("小米宣布完成新一轮融资，由腾讯领投。Anthropic 发布了 Claude 3 Opus。")
        XCTAssertFalse(e.relations.isEmpty)
        for r in e.relations {
            XCTAssertNotNil(r.rule)
            XCTAssertNotNil(r.confidence)
        }
    }

    func test_noMainCompanyFallback_aTitleFarFromAnyCompanyIsNotGuessed() {
        // Nvidia is the most mentioned company, but the sentence with the CEO names none and the
        // one before it none either: no ceo_of
        let e = x("英伟达发布了新芯片。英伟达股价大涨。英伟达市值创新高。分析人士纷纷点评。市场情绪很好。一位首席执行官黄仁勋表示很高兴。")
        XCTAssertFalse(e.has("Jensen Huang", "ceo_of", "Nvidia"))
    }

    // MARK: speaker, sentence topic, funding from

    func test_speaker_weReleased_isTheCompanyTheSpeakerLeads() {
        let e = x("Anthropic 首席执行官 Dario Amodei 接受了采访。\n\nDario Amodei：所以我们发布 Claude 3.5 Sonnet 时，成本很低。")
        XCTAssertTrue(e.has("Anthropic", "developed", "Claude 3.5 Sonnet"))
        // nobody is said to lead a company: `we` stands for no one
        let n = x("Dario Amodei 接受了采访。\n\nDario Amodei：所以我们发布 Claude 3.5 Sonnet 时，成本很低。")
        XCTAssertEqual(count(n, "developed"), 0)
    }

    func test_topic_sentenceOpeningWithTheCompany_andABlankLine() {
        let e = x("Cohere was founded in 2019.\n\nThe company raised $500 million in a round led by Salesforce.")
        XCTAssertTrue(e.has("Salesforce", "invested_in", "Cohere"))
        // three sentences later, with two sentences about something else between, the topic is gone
        let g = x("Cohere was founded in 2019. Rain fell over Toronto all week. The streets were quiet. Its CTO, Jane Roe, spoke.")
        XCTAssertEqual(count(g, "works_at"), 0)
    }

    func test_investment_moneyTakenFrom() {
        XCTAssertTrue(x("OpenAI 已经从微软拿了 130 亿美元。").has("Microsoft", "invested_in", "OpenAI"))
        XCTAssertTrue(x("Cohere raised $270 million from Oracle and Salesforce.").has("Oracle", "invested_in", "Cohere"))
        XCTAssertFalse(x("OpenAI 从微软挖来了一位工程师。").has("Microsoft", "invested_in", "OpenAI"))
    }

    func test_roles_titleGluedToAName() {
        XCTAssertTrue(x("Anthropic CEODario Amodei 发表了演讲。").has("Dario Amodei", "ceo_of", "Anthropic"))
    }

    func test_partnership_customersOtherThanX_andSupplierDescribingAName() {
        XCTAssertFalse(x("高通约有四成营收来自小米以外的客户。").has("Qualcomm", "partner_of", "Xiaomi"))
        XCTAssertFalse(x("代工厂台积电昨日公布营收。").has("TSMC", "partner_of", "TSMC"))
        XCTAssertTrue(x("台积电是英伟达的代工厂。").has("TSMC", "partner_of", "Nvidia"))
    }

    func test_acquisition_nounWithAClassNoun_andWeAcquired() {
        XCTAssertTrue(x("英特尔今年完成了对芯片公司 Replit 的收购。").has("Intel", "acquired", "Replit"))
        XCTAssertFalse(x("英特尔今年完成了对芯片公司 Replit 的调研。").has("Intel", "acquired", "Replit"))
        let e = x("Replit 首席执行官 Amjad Masad 接受了采访。\n\nAmjad Masad：Last year we acquired Windsurf.")
        XCTAssertTrue(e.has("Replit", "acquired", "Windsurf"))
    }

    func test_development_theCompanysFlagshipProduct() {
        let e = x("月之暗面成立于 2023 年。公司旗舰产品「Kimi」很受欢迎。")
        XCTAssertTrue(e.has("Moonshot AI", "developed", "Kimi"))
        // a product named without an owner in the sentence or the one before: nothing
        XCTAssertEqual(count(x("天气很好。大家都在谈论旗舰产品「Kimi」。"), "developed"), 0)
    }

    func test_byline_headerFields_butNotRunningText() {
        let e = x("2025年3月1日 来源：新智元 作者：周若溪 责任编辑：林清\n正文从这里开始，讲一个很长的故事。")
        XCTAssertTrue(e.has("周若溪", "works_at", "新智元"))
        XCTAssertTrue(e.has("林清", "works_at", "新智元"))
        // `by` inside a sentence is no byline
        XCTAssertFalse(x("The interview was hosted by Lex Fridman and published with a note from Anthropic.").has("Lex Fridman", "works_at", "Anthropic"))
    }
}
