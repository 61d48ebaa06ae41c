import XCTest
import KGCore
@testable import KGExtract

/// Roles, transcripts and founders on phrasings no rule was tuned for (branch `relroles`): a title whose
/// owner is a name the recogniser missed, first-person speakers on a transcript line, a host greeting the
/// audience of the show, the subject of `co-founded … with`, leading a team `at X`, rarer surnames.
/// Every sentence was written for this file (invented names); each positive case has a negative one beside it.
final class RolesAndTranscriptTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    // MARK: a title's owner

    func test_titleAfterAnUnrecognisedName_isNotTheTopics() {
        // the owner of 总经理 is the unrecognised 北溟, not the topic of the sentence before
        let e = x("岚舟机器人完成了新一轮融资。北溟总经理林知远表示，行业正在洗牌。")
        XCTAssertEqual(e.entity("林知远")?.type, .person)
        XCTAssertFalse(e.has("林知远", "ceo_of", "岚舟机器人"))
        // a grammar word before the title (包括) leaves it to the topic
        let t = x("岚舟机器人完成了新一轮融资。包括首席执行官林知远在内的团队都很兴奋。")
        XCTAssertTrue(t.has("林知远", "ceo_of", "岚舟机器人"))
    }

    func test_countrysPresident_isNotTheTopicsTitle() {
        let e = x("Pinecrest Robotics opened a lab in Lyon. Norway's president Anders Holm praised the lab.")
        XCTAssertFalse(e.has("Anders Holm", "works_at", "Pinecrest Robotics"))
        let t = x("Pinecrest Robotics opened a lab in Lyon. Its president, Anders Holm, praised the lab.")
        XCTAssertTrue(t.has("Anders Holm", "works_at", "Pinecrest Robotics"))
    }

    // MARK: founders

    func test_coFoundedWith_keepsTheSubjectBeforeAnApposition() {
        let e = x("Marta Quill, a former researcher at Nvidia, co-founded Pinecrest Robotics in 2021 with Devon Ashe.")
        XCTAssertTrue(e.has("Marta Quill", "founder_of", "Pinecrest Robotics"))
        XCTAssertTrue(e.has("Devon Ashe", "founder_of", "Pinecrest Robotics"))
        XCTAssertFalse(e.has("Marta Quill", "founder_of", "Nvidia"))
    }

    // MARK: works_at from leading a team

    func test_ledATeamAtX_isAPost() {
        let e = x("Devon Ashe previously led a research group at Nvidia.")
        XCTAssertTrue(e.has("Devon Ashe", "works_at", "Nvidia"))
        // led by an investor: not a post
        let n = x("Devon Ashe said the round was led by Sequoia Capital.")
        XCTAssertFalse(n.has("Devon Ashe", "works_at", "Sequoia Capital"))
    }

    // MARK: transcripts

    func test_firstPersonOnALabelledLine_isTheSpeaker() {
        let e = x("主持人：孟清\n嘉宾：林知远，岚舟机器人创始人\n\n孟清：你之前在哪里工作？\n\n林知远：先说一句。我之前在百度做了六年研究员，后来出来创业。\n")
        XCTAssertTrue(e.has("林知远", "works_at", "Baidu"))
        XCTAssertFalse(e.has("孟清", "works_at", "Baidu"))
        // in an article a quote's 我 names no one
        let n = x("岚舟机器人发布了新模型。“我之前在百度做了六年研究员，”一位工程师说。")
        XCTAssertEqual(n.relations.filter { $0.predicate == "works_at" }.count, 0)
    }

    func test_englishLabelAndI_wasATitleAtX() {
        let e = x("HOST (Ruth Okafor): Welcome back to Night Shift Radio. My guest is Devon Ashe, CEO of Pinecrest Robotics.\n\nDEVON ASHE: Thanks. I was a chip architect at Nvidia before this.\n")
        XCTAssertTrue(e.has("Devon Ashe", "works_at", "Nvidia"))
        XCTAssertFalse(e.has("Ruth Okafor", "works_at", "Nvidia"))
    }

    func test_hostGreetingTheShow_worksAtTheShow() {
        let e = x("《星桥夜谈》第12期\n主持人：孟清\n嘉宾：林知远，岚舟机器人创始人\n\n孟清：欢迎来到《星桥夜谈》，今天的嘉宾是林知远。\n")
        if e.entity("星桥夜谈")?.type == .company {
            XCTAssertTrue(e.has("孟清", "works_at", "星桥夜谈"))
        }
        XCTAssertFalse(e.has("林知远", "works_at", "星桥夜谈"))
        // a greeting inside an article's prose names no host
        let n = x("孟清在发布会上说：欢迎来到岚舟机器人的新总部。")
        XCTAssertFalse(n.has("孟清", "works_at", "岚舟机器人"))
    }

    // MARK: names

    func test_rarerSurname_beforeASpeechVerb() {
        let e = x("岚舟机器人联合创始人禤嘉明表示，公司明年将推出新模型。")
        XCTAssertEqual(e.entity("禤嘉明")?.type, .person)
        XCTAssertTrue(e.has("禤嘉明", "founder_of", "岚舟机器人"))
    }
}
