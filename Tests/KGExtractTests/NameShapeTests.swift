import XCTest
import KGCore
@testable import KGExtract

/// More name shapes (sentences written for these tests).
final class NameShapeTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_transliteratedName_withACharacterOutsideTheTable() {
        let d = names("新任负责人是亚当·柯林斯。今天亚当来了。")
        XCTAssertEqual(d["亚当·柯林斯"], "person", "\(d)")
        XCTAssertNil(d["今天亚当"], "\(d)")
    }

    func test_latinStemWithChineseHead_isOneCompany_butNotForGenericWords() {
        let d = names("本轮由QX资本领投，公司也设立了AI 实验室。")
        XCTAssertEqual(d["QX资本"], "company", "\(d)")
        XCTAssertNil(d["AI 实验室"], "\(d)")
    }

    func test_hireVerb_andBylineSlash_introduceNames() {
        let d = names("文 / 苏砚秋\n公司从对手那里挖来了韦知行，并请他负责研发。")
        XCTAssertEqual(d["苏砚秋"], "person", "\(d)")
        XCTAssertEqual(d["韦知行"], "person", "\(d)")
    }

    func test_familyVersionWithLetter_andVariantParts() {
        let d = names("它对比了 Kimi K3、Qwen4-120B-A10B 和 DeepSeek-V5-Base。")
        XCTAssertEqual(d["Kimi K3"], "model", "\(d)")
        XCTAssertEqual(d["Qwen4-120B-A10B"], "model", "\(d)")
        XCTAssertEqual(d["DeepSeek-V5-Base"], "model", "\(d)")
    }

    func test_capitalsBeforeASuffix_areInTheName_aloneTheyAreNot() {
        let d = names("The deal with QR Systems closed. QR is a common code.")
        XCTAssertEqual(d["QR Systems"], "company", "\(d)")
        XCTAssertNil(d["QR"], "\(d)")
    }

    func test_roundLeaderAndVentureArm_areCompanies() {
        let d = names("Brackenfold led the round, and the chipmaker invested through its venture arm Tallow.")
        XCTAssertEqual(d["Brackenfold"], "company", "\(d)")
        XCTAssertEqual(d["Tallow"], "company", "\(d)")
    }
}

final class ChineseFrameTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_partnerAndEmployerFrames() {
        let d = names("公司已与青梧数科、岭南电台达成合作。她早年曾在蓝鲸证券工作。他们也在美国工作过，并与用户合作。")
        XCTAssertEqual(d["青梧数科"], "company", "\(d)")
        XCTAssertEqual(d["岭南电台"], "company", "\(d)")
        XCTAssertEqual(d["蓝鲸证券"], "company", "\(d)")
        XCTAssertNil(d["美国"], "\(d)")
        XCTAssertNil(d["用户"], "\(d)")
    }

    func test_investorListAndAnalystFirm() {
        let d = names("投资方包括松果资本、橙路和北辰。研究机构海豚洞察预计，市场将翻倍。")
        XCTAssertEqual(d["橙路"], "company", "\(d)")
        XCTAssertEqual(d["北辰"], "company", "\(d)")
        XCTAssertEqual(d["海豚洞察"], "company", "\(d)")
        XCTAssertNil(d["海豚洞察预计"], "\(d)")
    }

    func test_quotedProductName_andLatinNameBeforeModelWord() {
        let d = names("公司推出对话助手“青梧”，并开源了 Lumen 模型。业内都在谈 AGI 模型和“未来”。")
        XCTAssertEqual(d["青梧"], "model", "\(d)")
        XCTAssertEqual(d["Lumen"], "model", "\(d)")
        XCTAssertNil(d["AGI"], "\(d)")
        XCTAssertNil(d["未来"], "\(d)")
    }
}

final class ListAndSuffixTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_capitalAIEndingAName_isPartOfACompanyName_butNotAfterAnAdjective() {
        let d = names("Quillon AI raised money, while Generative AI and Claude AI stayed the talk of the week.")
        XCTAssertEqual(d["Quillon AI"], "company", "\(d)")
        XCTAssertNil(d["Generative AI"], "\(d)")
        XCTAssertNil(d["Claude AI"], "\(d)")
    }

    func test_listClosedByHe_andListedNamesWithFunctionLikeCharacters() {
        let d = names("投资方包括有为资本、岚山和北辰。公司与腾讯、栖霞和溪川等对手竞争。")
        XCTAssertEqual(d["有为资本"], "company", "\(d)")
        XCTAssertEqual(d["溪川"], "company", "\(d)")
        XCTAssertEqual(d["栖霞"], "company", "\(d)")
    }
}

final class ModelWordTests: XCTestCase {
    func test_modelWordAfterALatinName_outweighsAnOrganisationSuffix() {
        let x = Extractor(lexicon: .builtin).extract(text: "我们一直在跟踪 Tern Robotics 模型的进展，也关注 Tern Robotics 这家公司。", document: "t")
        XCTAssertEqual(x.entities.first { $0.name == "Tern Robotics" }?.type, .model, "\(x.entities)")
        let y = Extractor(lexicon: .builtin).extract(text: "公司与 Tern Robotics 达成合作。", document: "t")
        XCTAssertEqual(y.entities.first { $0.name == "Tern Robotics" }?.type, .company, "\(y.entities)")
    }
}

final class NewsPhrasingTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_pluralRoleBeforeTwoNames_andAnalystsAtAFirm() {
        let d = names("It was started by former bank engineers Ilse Marek and Tomas Brandt. Analysts at Corran Brothers were doubtful.")
        XCTAssertEqual(d["Ilse Marek"], "person", "\(d)")
        XCTAssertEqual(d["Tomas Brandt"], "person", "\(d)")
        XCTAssertEqual(d["Corran Brothers"], "company", "\(d)")
    }

    func test_versionedNameBeforeLicence_isNotAModel() {
        let d = names("The model weights ship under the Larch 2.0 license.")
        XCTAssertNil(d["Larch 2.0"], "\(d)")
    }

    func test_companyKindBeforeItsName() {
        let d = names("今天，芯片初创公司砺川微宣布完成融资。初创公司将继续招聘。")
        XCTAssertEqual(d["砺川微"], "company", "\(d)")
        XCTAssertEqual(d.count, 1, "\(d)")
    }
}

final class OutletTests: XCTestCase {
    func test_bylinesNameTheOutlet_proseDoesNot() {
        let x = Extractor(lexicon: .builtin).extract(text: "潮汐观察 记者 林可\n正文第一段。\n责编｜周岚　出品｜晚风科技评论\n这家公司的产品来源于开源社区。", document: "t")
        let companies = x.entities.filter { $0.type == .company }.map(\.name)
        XCTAssertTrue(companies.contains("潮汐观察"), "\(companies)")
        XCTAssertTrue(companies.contains("晚风科技评论"), "\(companies)")
        XCTAssertFalse(companies.contains { $0.contains("开源") }, "\(companies)")
    }
}

final class KnownStemTests: XCTestCase {
    func test_knownCompanyWithAHeadWord_staysThatCompany_aBranchIsItsOwn() {
        let x = Extractor(lexicon: .builtin).extract(text: "腾讯科技今天表示，百度智能云也降价了。", document: "t")
        let names = x.entities.filter { $0.type == .company }.map(\.name)
        XCTAssertTrue(names.contains("Tencent"), "\(names)")
        XCTAssertTrue(names.contains("百度智能云"), "\(names)")
        XCTAssertFalse(names.contains("百度智能"), "\(names)")
    }

    func test_companyKind_needsAVerbAfterTheName() {
        let x = Extractor(lexicon: .builtin).extract(text: "降价之后，创业公司压力陡增。", document: "t")
        XCTAssertTrue(x.entities.filter { $0.type == .company }.isEmpty, "\(x.entities)")
    }
}
