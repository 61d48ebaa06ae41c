import XCTest
import KGCore
@testable import KGExtract

/// Kinds of phrasing met on documents nobody tuned the rules for: Taiwan titles, interview
/// transcripts, companies known only by context, place prefixes, title lists, investors,
/// figures and score comparisons. Every sentence here was written for this file (invented
/// names); each positive case has a negative one beside it.
final class UntunedPhrasingTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }
    func count(_ e: Extraction, _ p: String) -> Int { e.relations.filter { $0.predicate == p }.count }
    func type(_ e: Extraction, _ name: String) -> EntityType? { e.entity(name)?.type }

    // MARK: 1. Traditional Chinese (Taiwan) titles and conjunctions

    func test_taiwan_founderAndChiefExecutive_joinedBy暨() {
        let e = x("曜澄科技今天發表新一代推理晶片。曜澄科技共同創辦人暨執行長林柏廷表示，今年營收可望成長三成。")
        XCTAssertTrue(e.has("林柏廷", "founder_of", "曜澄科技"))
        XCTAssertTrue(e.has("林柏廷", "ceo_of", "曜澄科技"))
        // a founder title with no name after it names no one
        XCTAssertEqual(count(x("曜澄科技的共同創辦人暨執行長一職目前從缺。"), "founder_of"), 0)
    }

    func test_taiwan_chiefOfficerTitles_makeThePersonAndAPost() {
        let e = x("曜澄科技今天發表新晶片。技術長陳冠宇指出，功耗降低了四成。營運長黃郁婷與財務長張哲維也出席了發表會。")
        for p in ["陳冠宇", "黃郁婷", "張哲維"] {
            XCTAssertEqual(type(e, p), .person, p)
            XCTAssertTrue(e.has(p, "works_at", "曜澄科技"), p)
            XCTAssertFalse(e.has(p, "ceo_of", "曜澄科技"), p)
        }
        // the title word alone is no name
        XCTAssertNil(x("技術長這個職位在台灣很常見。").entities.first { $0.type == .person })
    }

    func test_taiwan_ourTitle_andAPastStint() {
        let e = x("曜澄科技共同創辦人林柏廷說：「我們的技術長吳承翰以前在鴻碩電子做了十年。」")
        XCTAssertEqual(type(e, "吳承翰"), .person)
        XCTAssertTrue(e.has("吳承翰", "works_at", "曜澄科技"))
        XCTAssertTrue(e.has("吳承翰", "works_at", "鴻碩電子"))
        // ten years in a city is no employer
        let n = x("吳承翰表示，他在台北住了十年。")
        XCTAssertNil(n.entities.first { $0.type == .company })
    }

    // MARK: 2. Interview transcripts

    func test_transcript_hostInterviewsTheGuest_andWeIsTheGuestsCompany() {
        let e = x("""
        主持人 周以安

        周以安：歡迎來到本期節目。今天的來賓是星槎智能的創辦人許靖遠。

        許靖遠：謝謝邀請。我們去年完成了 2 億元的融資，團隊現在有 80 人。
        """)
        XCTAssertTrue(e.has("周以安", "interviewed", "許靖遠"))
        XCTAssertFalse(e.has("許靖遠", "interviewed", "周以安"))
        XCTAssertTrue(e.has("星槎智能", "has_figure", "2 億元"))
        XCTAssertTrue(e.has("星槎智能", "has_figure", "80 人"))
        XCTAssertFalse(e.has("許靖遠", "has_figure", "80 人"))
    }

    func test_transcript_englishLabels() {
        let e = x("""
        Host: Maya Lindqvist

        Maya Lindqvist: Welcome back. My guest today is Tobias Renner, founder of Quillbeam.

        Tobias Renner: Thanks for having me. We raised $40 million last spring.
        """)
        XCTAssertEqual(type(e, "Maya Lindqvist"), .person)
        XCTAssertTrue(e.has("Maya Lindqvist", "interviewed", "Tobias Renner"))
        XCTAssertTrue(e.has("Quillbeam", "has_figure", "$40 million"))
    }

    func test_transcript_labelsWithoutAHost_giveNoInterview() {
        let e = x("""
        岑牧之：我们下周发布新版本。

        韦启航：我负责测试。
        """)
        XCTAssertEqual(type(e, "岑牧之"), .person)
        XCTAssertEqual(type(e, "韦启航"), .person)
        XCTAssertEqual(count(e, "interviewed"), 0)
        // a one-word label is no person
        XCTAssertNil(x("Update: the launch moved to May.").entities.first { $0.type == .person })
    }

    // MARK: 3. Companies known only by context

    func test_whatDoYouThinkOf_thenTheyAreRivals_ofTheSpeakersCompany() {
        let e = x("""
        主持人 周以安

        周以安：今天的嘉宾是星槎智能的创始人许靖远。你怎么看云栖和Pinebrook？

        许靖远：他们都是很强的对手，但我们的推理成本更低。
        """)
        XCTAssertEqual(type(e, "云栖"), .company)
        XCTAssertEqual(type(e, "Pinebrook"), .company)
        XCTAssertTrue(e.has("星槎智能", "competitor_of", "云栖"))
        XCTAssertTrue(e.has("星槎智能", "competitor_of", "Pinebrook"))
        XCTAssertFalse(e.has("云栖", "competitor_of", "Pinebrook"))
        let en = x("""
        Host: Maya Lindqvist

        Maya Lindqvist: My guest is Tobias Renner, founder of Quillbeam. What do you think of Halcyra and Driftwell?

        Tobias Renner: They are both strong competitors, but our latency is lower.
        """)
        XCTAssertTrue(en.has("Quillbeam", "competitor_of", "Halcyra"))
        XCTAssertTrue(en.has("Quillbeam", "competitor_of", "Driftwell"))
    }

    func test_whatDoYouThinkOf_aTopic_isNoCompany_andNoSpeakerCompany_noRival() {
        // a question about topics, no rivalry in the answer
        let e = x("记者：你怎么看推理优化和数据合成？\n\n岑牧之：我觉得两者都很重要。")
        XCTAssertNil(e.entities.first { $0.type == .company })
        // rivals named, but nothing says which company the speaker runs: no guess
        let n = x("记者：你怎么看云栖和Pinebrook？\n\n岑牧之：他们都是很强的对手。")
        XCTAssertEqual(count(n, "competitor_of"), 0)
    }

    func test_pastPostsNameTheEmployer() {
        let e = x("霜原智能成立于2021年。加入团队的有前鲸岚副总裁岑牧远，另一位高管韦启航曾任瀚川高级工程师。")
        XCTAssertTrue(e.has("岑牧远", "works_at", "鲸岚"))
        XCTAssertTrue(e.has("韦启航", "works_at", "瀚川"))
        // work in a field is no employer
        XCTAssertNil(x("韦启航表示，我也在生物学领域做过很多计算工作。").entities.first { $0.type == .company })
    }

    // MARK: 4. Place prefixes

    func test_countryPrefixStaysInTheName_andAPlaceIsNoCompany() {
        let e = x("黎思远毕业于中国科学技术大学，后来加入了北京理工大学的实验室。")
        XCTAssertEqual(type(e, "中国科学技术大学"), .company)
        XCTAssertNil(e.entity("科学技术大学"))
        let a = x("澄湖科技以 12 亿元收购上海的一家编译器初创公司迅澜，交易预计年底完成。")
        XCTAssertNil(a.entity("上海"))
        XCTAssertTrue(a.has("澄湖科技", "acquired", "迅澜"))
        XCTAssertTrue(a.has("迅澜", "has_figure", "12 亿元"))
        XCTAssertFalse(a.has("澄湖科技", "has_figure", "12 亿元"))
    }

    // MARK: 5. Title lists and later mentions

    func test_titleLists_giveEveryRelation() {
        let e = x("霜原智能成立于2021年。联合创始人、首席技术官邝一鸣负责模型研发。")
        XCTAssertTrue(e.has("邝一鸣", "founder_of", "霜原智能"))
        XCTAssertTrue(e.has("邝一鸣", "works_at", "霜原智能"))
        let c = x("霜原智能成立于2021年，创始人兼董事长褚以恒此前在投行工作。霜原智能昨日宣布，褚以恒的老同事裴映雪将出任总裁。")
        XCTAssertTrue(c.has("褚以恒", "founder_of", "霜原智能"))
        XCTAssertTrue(c.has("褚以恒", "works_at", "霜原智能"))
        XCTAssertTrue(c.has("裴映雪", "works_at", "霜原智能"))
        XCTAssertNil(c.entity("投行"))   // a kind of firm, not a name
    }

    func test_surnameServesAsChiefExecutive_ofTheParagraphsCompany() {
        let e = x("Vantorra, a robotics startup, builds inference chips. It was founded by Priya Raman and Leo Vasquez in 2020. Raman serves as chief executive, while Vasquez leads engineering.")
        XCTAssertTrue(e.has("Priya Raman", "ceo_of", "Vantorra"))
        XCTAssertFalse(e.has("Leo Vasquez", "ceo_of", "Vantorra"))
        // no company in the text: no chief executive of anything
        XCTAssertEqual(count(x("Priya Raman grew up in Oslo. Raman serves as chief executive."), "ceo_of"), 0)
    }

    // MARK: 6. Investment

    func test_investors_existingBackerAndFollowOns() {
        let e = x("Corvane Robotics raised $55 million in a Series B led by Ashgrove Ventures. Existing backer Tidewater Capital also joined.")
        XCTAssertTrue(e.has("Tidewater Capital", "invested_in", "Corvane Robotics"))
        XCTAssertFalse(e.has("Tidewater Capital", "invested_in", "Ashgrove Ventures"))
        let c = x("澄湖科技完成B轮融资，由青岩资本领投，A轮投资方北辰创投超额跟投。")
        XCTAssertTrue(c.has("北辰创投", "invested_in", "澄湖科技"))
        XCTAssertFalse(c.has("北辰创投", "invested_in", "青岩资本"))
        let t = x("曜澄科技完成新一輪融資，A輪由富岳資本領投，遠川創投跟進。")
        XCTAssertTrue(t.has("富岳資本", "invested_in", "曜澄科技"))
        XCTAssertTrue(t.has("遠川創投", "invested_in", "曜澄科技"))
    }

    func test_joinedWithoutFunding_isNoInvestment() {
        XCTAssertEqual(count(x("Ashgrove Ventures hosted a robotics meetup. Tidewater Capital also joined."), "invested_in"), 0)
        XCTAssertEqual(count(x("澄湖科技发布了新芯片，青岩科技随后跟進。"), "invested_in"), 0)
    }

    // MARK: 7. Figures

    func test_parameterCounts_belongToTheModel() {
        let e = x("Lumora AI released Tessel-2, with 70 billion parameters. Its smaller sibling Tessel-2 Mini has 8B parameters.")
        let big = e.entities.first { $0.type == .figure && $0.unit == "parameter" && $0.value == 70e9 }
        let small = e.entities.first { $0.type == .figure && $0.unit == "parameter" && $0.value == 8e9 }
        XCTAssertNotNil(big)
        XCTAssertNotNil(small)
        XCTAssertTrue(e.has("Tessel-2", "has_figure", big?.name ?? "?"))
        XCTAssertTrue(e.has("Tessel-2 Mini", "has_figure", small?.name ?? "?"))
        XCTAssertFalse(e.has("Lumora AI", "has_figure", big?.name ?? "?"))
        // a size letter with no noun after it is no figure (it is part of a name or a code)
        XCTAssertNil(x("Lumora AI ships the 8B edition next week.").entities.first { $0.type == .figure && $0.unit == "parameter" })
    }

    func test_quotedTeamSize_belongsToTheSpeakersCompany() {
        let e = x("Lumora AI released Tessel-2.\n\n\"We hired fast this year,\" said Nadia Okafor, chief executive of Brindle Labs. \"The team now has 64 employees.\"")
        XCTAssertTrue(e.has("Brindle Labs", "has_figure", "64 employees"))
        XCTAssertFalse(e.has("Lumora AI", "has_figure", "64 employees"))
        XCTAssertFalse(e.has("Nadia Okafor", "has_figure", "64 employees"))
        // outside a quote the team is not the speaker's
        let n = x("Nadia Okafor, chief executive of Brindle Labs, spoke first. Lumora AI said the team now has 64 employees.")
        XCTAssertFalse(n.has("Brindle Labs", "has_figure", "64 employees"))
    }

    // MARK: 8. Comparisons

    func test_scoresSetSideBySide_theHigherOutperforms() {
        let e = x("On the reasoning benchmark, Tessel-2 scored 81%, ahead of Corvex-3, while Marlin-5 reached 74%.")
        XCTAssertTrue(e.has("Tessel-2", "outperforms", "Corvex-3"))
        XCTAssertTrue(e.has("Tessel-2", "outperforms", "Marlin-5"))
        XCTAssertFalse(e.has("Marlin-5", "outperforms", "Tessel-2"))
        // two scores reported with no contrast between them: no claim
        XCTAssertEqual(count(x("Tessel-2 scored 81% on the first test. Marlin-5 reached 74% on a different one."), "outperforms"), 0)
    }

    func test_betterThanOne_worseThanAnother_traditional() {
        let e = x("在數學測試中，衍語-4 表現優於 霁光-3，略遜於 雲瀚-2。")
        XCTAssertTrue(e.has("衍語-4", "outperforms", "霁光-3"))
        XCTAssertTrue(e.has("雲瀚-2", "outperforms", "衍語-4"))
        XCTAssertFalse(e.has("衍語-4", "outperforms", "雲瀚-2"))
    }

    // MARK: variants of the same kinds

    func test_variants_markdownLabels_youThink_andFiguresOfTheGuest() {
        let e = x("""
        主持人：周以安
        嘉宾：许靖远（星槎智能创始人）

        **周以安**：你们最近刚完成一轮融资？

        **许靖远**：对，我们拿到了 3 亿元，现在员工有 120 人。

        周以安：你觉得云栖和Pinebrook怎么样？

        许靖远：它们都是不错的竞争对手。
        """)
        XCTAssertTrue(e.has("周以安", "interviewed", "许靖远"))
        XCTAssertTrue(e.has("星槎智能", "has_figure", "120 人"))
        XCTAssertFalse(e.has("许靖远", "has_figure", "120 人"))
        XCTAssertTrue(e.has("星槎智能", "competitor_of", "云栖"))
        XCTAssertTrue(e.has("星槎智能", "competitor_of", "Pinebrook"))
        // `你觉得最大的对手是谁` asks, it names no company
        XCTAssertNil(x("周以安：你觉得最大的海外对手是谁？").entities.first { $0.type == .company })
    }

    func test_variants_englishQuestion_andCompanyBeforeATitle() {
        let e = x("""
        Host Maya Lindqvist sat down with Quillbeam co-founder Tobias Renner.

        Maya Lindqvist: How do you see Halcyra and Driftwell?

        Tobias Renner: They're both serious competitors. Our team has 48 engineers now.
        """)
        XCTAssertTrue(e.has("Tobias Renner", "founder_of", "Quillbeam"))
        XCTAssertTrue(e.has("Quillbeam", "competitor_of", "Halcyra"))
        XCTAssertTrue(e.has("Quillbeam", "has_figure", "48 engineers"))
    }

    func test_variants_describedAcquisition_andTitledList() {
        let e = x("星槎智能收购了北京的一家数据标注公司灵犀标注，交易金额为 3 亿元。")
        XCTAssertTrue(e.has("星槎智能", "acquired", "灵犀标注"))
        XCTAssertTrue(e.has("灵犀标注", "has_figure", "3 亿元"))
        // `一家公司能够…` is a phrase, not a description of a named company
        XCTAssertNil(x("这不是一个人或一家公司能够完成的事情。").entities.first { $0.type == .company })
        let t = x("霜原智能联合创始人兼首席执行官邝一鸣、董事长兼总裁褚以恒出席了活动。")
        XCTAssertTrue(t.has("邝一鸣", "ceo_of", "霜原智能"))
        XCTAssertTrue(t.has("褚以恒", "works_at", "霜原智能"))
        XCTAssertFalse(t.has("褚以恒", "ceo_of", "霜原智能"))
    }

    func test_variants_titleHeldBy由_coFounderSpelling_interviewer_whereas() {
        let e = x("曜澄科技的財務長由張哲維擔任。星槎智能聯合創辦人兼技術長許靖遠表示，公司已有 60 名員工。")
        XCTAssertTrue(e.has("張哲維", "works_at", "曜澄科技"))
        XCTAssertTrue(e.has("許靖遠", "founder_of", "星槎智能"))
        XCTAssertTrue(e.has("許靖遠", "works_at", "星槎智能"))
        XCTAssertFalse(e.has("張哲維", "works_at", "星槎智能"))
        let i = x("Interviewer: Sam Okoye\n\nSam Okoye: Today I'm talking with Lena Brandt, CEO of Quorix.\n\nLena Brandt: Thanks for having me.")
        XCTAssertTrue(i.has("Sam Okoye", "interviewed", "Lena Brandt"))
        XCTAssertFalse(i.has("Lena Brandt", "interviewed", "Sam Okoye"))
        let c = x("Fjord-3 has 34 billion parameters and scored 77% on the coding test, whereas Brisk-2 reached 71%.")
        XCTAssertTrue(c.has("Fjord-3", "outperforms", "Brisk-2"))
        XCTAssertFalse(c.has("Brisk-2", "outperforms", "Fjord-3"))
        // equal scores: neither is ahead
        XCTAssertEqual(count(x("Fjord-3 scored 77% on the coding test, whereas Brisk-2 also reached 77%."), "outperforms"), 0)
    }

    func test_newPostAfterAPastTitle_goesToTheSentencesCompany() {
        let e = x("星槎智能今天宣布，前澜舟高级研究员岑牧远出任首席科学家。")
        XCTAssertTrue(e.has("岑牧远", "works_at", "星槎智能"))
        XCTAssertTrue(e.has("岑牧远", "works_at", "澜舟"))
        // a company named after the person, as the object of another verb, still blocks the guess
        XCTAssertFalse(x("星槎智能今天宣布，首席科学家岑牧远将与澜舟合作。").has("岑牧远", "works_at", "澜舟"))
    }

    func test_variants_existingShareholdersFollow_possessiveBacker_seniorTitle() {
        let e = x("曜澄科技宣布完成 B 輪融資，由富岳資本領投，既有股東遠川創投、北辰資本持續跟進。")
        XCTAssertTrue(e.has("遠川創投", "invested_in", "曜澄科技"))
        XCTAssertTrue(e.has("北辰資本", "invested_in", "曜澄科技"))
        XCTAssertFalse(e.has("北辰資本", "invested_in", "富岳資本"))
        let b = x("星槎智能发布了新模型。Quillbeam's existing backer Orchard Ventures also joined the round.")
        XCTAssertTrue(b.has("Orchard Ventures", "invested_in", "Quillbeam"))
        XCTAssertFalse(b.has("Orchard Ventures", "invested_in", "星槎智能"))
        let t = x("澄湖科技技術長陳冠宇曾任鴻碩電子資深工程師。")
        XCTAssertTrue(t.has("陳冠宇", "works_at", "鴻碩電子"))
        XCTAssertNil(t.entity("鴻碩電子資深"))
    }

    func test_guestWithAPost_speaksForThatCompany() {
        let e = x("""
        主持人：周以安
        嘉宾：许靖远（星槎智能首席技术官）

        周以安：你怎么看云栖和Pinebrook？

        许靖远：他们都是很强的对手。我们和灵犀云签了算力合作协议。
        """)
        XCTAssertTrue(e.has("星槎智能", "competitor_of", "云栖"))
        XCTAssertTrue(e.has("星槎智能", "partner_of", "灵犀云"))
        // two guests holding posts at two companies, the same number of mentions: no speaker company guessed
        let n = x("""
        主持人：周以安
        嘉宾：许靖远（星槎智能首席技术官）、岑牧远（澄湖科技首席科学家）

        许靖远：我们和灵犀云签了合作协议。
        岑牧远：我们也是。
        """)
        XCTAssertEqual(count(n, "partner_of"), 0)
    }

    func test_comparedModelsOwnScore_andItsModel() {
        let e = x("Brindle Labs, a two-year-old startup, said its Kestrel-4 model has 120B parameters. Kestrel-4 scored 69% on the agent benchmark, ahead of Corvex-3 at 64%.")
        XCTAssertTrue(e.has("Corvex-3", "has_figure", "64%"))
        XCTAssertFalse(e.has("Kestrel-4", "has_figure", "64%"))
        XCTAssertTrue(e.has("Kestrel-4", "has_figure", "69%"))
        XCTAssertTrue(e.has("Brindle Labs", "developed", "Kestrel-4"))
        // a model compared with no score of its own leaves the score with the subject
        let n = x("Kestrel-4 scored 69% on the agent benchmark, ahead of Corvex-3.")
        XCTAssertTrue(n.has("Kestrel-4", "has_figure", "69%"))
        XCTAssertFalse(n.has("Corvex-3", "has_figure", "69%"))
    }
}
