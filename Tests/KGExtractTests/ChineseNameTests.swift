import XCTest
import KGCore
@testable import KGExtract

/// Chinese names found by shape and context (sentences written for these tests).
final class ChineseNameTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_orgHeadWords_makeCompanies_genericPhrasesDoNot() {
        let d = names("据悉，云枢智能与墨砚资本领投的桐舟机器人达成合作。人工智能和人形机器人仍是热点。")
        XCTAssertEqual(d["云枢智能"], "company", "\(d)")
        XCTAssertEqual(d["墨砚资本"], "company", "\(d)")
        XCTAssertEqual(d["桐舟机器人"], "company", "\(d)")
        XCTAssertNil(d["人工智能"])
        XCTAssertNil(d["人形机器人"])
    }

    func test_weakHeadWord_needsBoundaryOrCue() {
        // `资本` after a verb is a noun; after `由` with `领投` behind it, a name
        let d = names("他们愿意投入资本。本轮由松岩资本领投。")
        XCTAssertEqual(d["松岩资本"], "company", "\(d)")
        XCTAssertNil(d["投入资本"], "\(d)")
    }

    func test_companyForm_keepsCityAndInnerNouns() {
        let d = names("公告称，收购对象为杭州栖木信息技术有限公司。")
        XCTAssertEqual(d["杭州栖木信息技术有限公司"], "company", "\(d)")
    }

    func test_personAfterTitle_andBeforeSpeechVerb() {
        let d = names("栖木科技联合创始人顾闻舟出任CTO。。卫青禾表示，产品下月上线。")
        XCTAssertEqual(d["顾闻舟"], "person", "\(d)")
        XCTAssertEqual(d["卫青禾"], "person", "\(d)")
    }

    func test_speechVerbAlone_doesNotMakeAWordAName() {
        // `方面表示`, `高层透露`: surname characters starting ordinary words
        let d = names("公司方面表示不予置评。，高层透露了更多细节。")
        XCTAssertTrue(d.filter { $0.value == "person" }.isEmpty, "\(d)")
    }

    func test_twoCharacterName_beforeParticle() {
        let d = names("合伙人岑默则认为估值偏高。")
        XCTAssertEqual(d["岑默"], "person", "\(d)")
        XCTAssertNil(d["岑默则"])
    }

    func test_compoundSurname_andLengthFromTheDocument() {
        let d = names("首席执行官欧阳瑾汇报工作。欧阳瑾本人没有回应。")
        XCTAssertEqual(d["欧阳瑾"], "person", "\(d)")
        XCTAssertNil(d["欧阳瑾汇"])
    }

    func test_coinedModelNames_keptWhole() {
        let d = names("云枢智能发布了枢语-R3，轻量版枢语-R3 Mini 和桐舟VLA-2-Lite 同时上线。")
        XCTAssertEqual(d["枢语-R3"], "model", "\(d)")
        XCTAssertEqual(d["枢语-R3 Mini"], "model", "\(d)")
        XCTAssertEqual(d["桐舟VLA-2-Lite"], "model", "\(d)")
    }

    func test_numbersAndChipsGluedToChinese_areNotModels() {
        let d = names("营收增长30%，公司采购了H100，还和GPT-4o做了对比。")
        XCTAssertTrue(d.filter { $0.value == "model" && $0.key != "GPT-4o" }.isEmpty, "\(d)")
    }
}

final class ChineseContextTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_bareOrganisation_beforeFundingCue_andAfterAcquiringVerb() {
        let d = names("本轮由溪川领投，腾讯跟投。另一家公司宣布收购栖霞。收购计划尚未公布。")
        XCTAssertEqual(d["溪川"], "company", "\(d)")
        XCTAssertEqual(d["栖霞"], "company", "\(d)")
        XCTAssertNil(d["计划"], "\(d)")
    }

    func test_listItemsNextToACompany_areCompanies() {
        let d = names("投资方包括腾讯、岚桥和百度。会议讨论了价格、成本和效率。")
        XCTAssertEqual(d["岚桥"], "company", "\(d)")
        XCTAssertNil(d["成本"], "\(d)")
    }

    func test_stemAlone_isTheSameCompany() {
        let x = Extractor(lexicon: .builtin).extract(text: "云枢智能今天发布新品。云枢表示将继续招聘。", document: "t")
        let c = x.entities.filter { $0.type == .company }
        XCTAssertEqual(c.count, 1, "\(c)")
        XCTAssertTrue(c.first?.aliases.contains("云枢") == true, "\(c)")
    }
}

final class NegatedStemTests: XCTestCase {
    func test_negatingPrefix_makesAKindNotAName() {
        let x = Extractor(lexicon: .builtin).extract(text: "这是一家非营利实验室，而松塔实验室是公司。", document: "t")
        let names = x.entities.map(\.name)
        XCTAssertFalse(names.contains("营利实验室"), "\(names)")
        XCTAssertTrue(names.contains("松塔实验室"), "\(names)")
    }
}
