import XCTest
import KGCore
@testable import KGExtract

/// Every name and alias of the extraction's non-figure entities, with its type.
func namesIn(_ text: String) -> [String: String] {
    let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
    var d: [String: String] = [:]
    for e in x.entities where e.type != .figure {
        d[e.name] = e.type.rawValue
        for a in e.aliases { d[a] = e.type.rawValue }
    }
    return d
}

/// Names shown by list, supply and programme frames (sentences written for
/// these tests), each beside a sentence the rule must leave alone.
final class NameFrameTests: XCTestCase {
    func names(_ text: String) -> [String: String] { namesIn(text) }

    func test_computeSource_rentedOrBoughtFrom() {
        XCTAssertEqual(names("训练用的卡是从岚桥云租用的。")["岚桥云"], "company")
        XCTAssertEqual(names("推理算力则向栗川智联购买。")["栗川智联"], "company")
        XCTAssertTrue(names("他从小就喜欢买书。").isEmpty, "\(names("他从小就喜欢买书。"))")
    }

    func test_roundLeader_wholeSpan_andFollowers() {
        let d = names("本轮由北辰星河资本领投，栖松、白鹭跟投。")
        XCTAssertEqual(d["北辰星河资本"], "company", "\(d)")
        XCTAssertNil(d["星河资本"], "\(d)")
        XCTAssertEqual(d["栖松"], "company", "\(d)")
        XCTAssertEqual(d["白鹭"], "company", "\(d)")
        XCTAssertTrue(names("本轮领投，跟投的机构很多。").isEmpty)
    }

    func test_existingShareholder_continuesInvesting() {
        XCTAssertEqual(names("老股东青檀继续追加投资。")["青檀"], "company")
        XCTAssertTrue(names("老股东继续追加投资。").isEmpty)
    }

    func test_quotedStemWithVersion_isAModel() {
        let d = names("团队明年计划推出更大的「岩语 V4」和《岩语 4 Pro》。")
        XCTAssertEqual(d["岩语 V4"], "model", "\(d)")
        XCTAssertEqual(d["岩语 4 Pro"], "model", "\(d)")
        XCTAssertNil(names("大家都叫这个项目「岩语」。")["岩语"])
    }

    func test_programmeTitles_inPodcastSentences() {
        XCTAssertEqual(names("欢迎收听《夜航笔记》，我是主持人。")["夜航笔记"], "company")
        XCTAssertEqual(names("《夜航笔记》第 31 期上线了。")["夜航笔记"], "company")
        XCTAssertNil(names("他读完了《夜航笔记》这本书。")["夜航笔记"])
    }

    func test_wireTag_namesTheOutlet() {
        XCTAssertEqual(names("【明潮专讯】本地一家初创昨日宣布融资。")["明潮"], "company")
        XCTAssertTrue(names("【记者 王一帆／台北报导】天气转凉。").filter { $0.value == "company" }.isEmpty)
    }

    func test_englishCustomerBackerAndSupplierCues() {
        var d = names("The firm counts Harbourline and Petrel Freight among its customers.")
        XCTAssertEqual(d["Harbourline"], "company", "\(d)")
        d = names("Customers include Osprey Health, Lindal and Brightmoor, the filing shows.")
        XCTAssertEqual(d["Osprey Health"], "company", "\(d)")
        XCTAssertEqual(d["Brightmoor"], "company", "\(d)")
        XCTAssertEqual(names("It buys capacity from Vantor for training.")["Vantor"], "company")
        XCTAssertEqual(names("Existing backers Coldwater also took part.")["Coldwater"], "company")
        XCTAssertEqual(names("Rivals include a smaller startup, Quillmark.")["Quillmark"], "company")
        // a headline's last word is no cue for the next line
        XCTAssertNil(names("Why we chose a bank as our first customer\nPosted by the team")["Posted"])
    }
}

/// Latin names in lists and before versions (sentences written for these tests).
final class LatinListTests: XCTestCase {
    func names(_ text: String) -> [String: String] { namesIn(text) }

    func test_capitalsWord_isACompanyOnlyAfterACue() {
        let d = names("Its first customers were NBK, Harlow and a credit union.")
        XCTAssertEqual(d["NBK"], "company", "\(d)")
        XCTAssertEqual(d["Harlow"], "company", "\(d)")
        XCTAssertTrue(names("Demand for NBK rose in the US and the UK.").isEmpty, "\(names("Demand for NBK rose in the US and the UK."))")
        XCTAssertNil(names("Customers include SMEs in the EU.")["EU"])
    }

    func test_theBeforeAListedName() {
        let d = names("The round had participation from Corvel Partners and the Ashby Foundation.")
        XCTAssertEqual(d["Ashby Foundation"], "company", "\(d)")
    }

    func test_twoWordStemBeforeVersion_isOneModel() {
        let d = names("We will release Quarry Scribe 3 next spring.")
        XCTAssertEqual(d["Quarry Scribe 3"], "model", "\(d)")
        XCTAssertNil(d["Scribe 3"], "\(d)")
        XCTAssertTrue(names("He moved to Quarry Street 3 years ago.").filter { $0.value == "model" }.isEmpty)
    }
}

/// Chinese names after titles, list openers and known companies (sentences written for these tests).
final class ChineseNameContextTests: XCTestCase {
    func names(_ text: String) -> [String: String] { namesIn(text) }

    func test_zhiOrYiOpensAGivenName_onlyAfterATitle() {
        XCTAssertEqual(names("联合创始人林之衡今天到场。")["林之衡"], "person")
        XCTAssertEqual(names("资深工程师陆以谦上月加入。")["陆以谦"], "person")
        XCTAssertTrue(names("创始人王以及团队都到了。").filter { $0.value == "person" }.isEmpty)
        XCTAssertTrue(names("他说林之前在北京。").filter { $0.value == "person" }.isEmpty)
    }

    func test_threeCharacterStem_afterAListOpener() {
        let d = names("对手还包括白石鲸科技。")
        XCTAssertEqual(d["白石鲸科技"], "company", "\(d)")
        XCTAssertNil(d["石鲸科技"], "\(d)")
        // without an opener the stem stays two characters
        XCTAssertNil(names("他看好石鲸科技。")["看好石鲸科技"])
    }

    func test_knownCompanyInstitute_isOneName_aSchoolIsNot() {
        let d = names("她曾在腾讯星海院做研究员。")
        XCTAssertEqual(d["腾讯星海院"], "company", "\(d)")
        XCTAssertNil(names("他毕业于清华大学法学院。")["清华大学法学院"])
    }

    func test_genericLabKind_isNotAName() {
        XCTAssertNil(names("他在视觉实验室待了两年。")["视觉实验室"])
    }
}

/// Names typed by the rest of the document (sentences written for these tests).
final class DocumentTypeTests: XCTestCase {
    func test_loneLatinWord_joinsTheOneCompanyItShortens() {
        let x = Extractor(lexicon: .builtin).extract(text: "Harrowgate Robotics raised money. Harrowgate's board met on Monday.", document: "t")
        let companies = x.entities.filter { $0.type == .company }
        XCTAssertEqual(companies.count, 1, "\(companies)")
        XCTAssertTrue(companies.first?.aliases.contains("Harrowgate") == true, "\(companies)")
        // two companies it could shorten: not guessed
        let y = Extractor(lexicon: .builtin).extract(text: "Harrowgate Robotics raised money and Harrowgate Labs was acquired. Harrowgate's board met.", document: "t")
        XCTAssertFalse(y.entities.contains { $0.name.contains(" ") && $0.aliases.contains("Harrowgate") }, "\(y.entities)")
    }

    func test_dataCompanyAfterAKind() {
        XCTAssertEqual(namesIn("另一家新创栖川数据也在今年宣布开发类似产品。")["栖川数据"], "company")
        XCTAssertTrue(namesIn("据悉新创公司也在增多。").isEmpty)
    }
}

/// Supplier, pilot and angel phrasings (sentences written for these tests).
final class SupplierAndAngelTests: XCTestCase {
    func test_madeOrSuppliedBy_isACompany_aNameHoldingTheVerbIsNot() {
        XCTAssertEqual(namesIn("芯片由栖岩微代工。")["栖岩微"], "company")
        // `开发` is not a closing verb: it may sit inside a name (`某某开发资本`)
        let d = namesIn("本轮由华岳开发资本领投。")
        XCTAssertNil(d["华岳"], "\(d)")
    }

    func test_angelInvestor_isAPerson_pilotPartnerIsACompany() {
        XCTAssertEqual(namesIn("The round included angel investor Mirela Dunstan.")["Mirela Dunstan"], "person")
        XCTAssertEqual(namesIn("The company is piloting with Harrowgate this year.")["Harrowgate"], "company")
        XCTAssertEqual(namesIn("It competes with Quenby, which has raised far more.")["Quenby"], "company")
        XCTAssertTrue(namesIn("She is working with them this year.").isEmpty)
    }

    func test_rareSurname_afterATitle() {
        XCTAssertEqual(namesIn("创始人兼CEO屠远航毕业于浙江。")["屠远航"], "person")
        XCTAssertNil(namesIn("屠宰场表示会整改。")["屠宰场"])
    }
}

/// Institutions named with an `of` / `for` complement (sentences written for these tests).
final class InstitutionNameTests: XCTestCase {
    func test_instituteFor_isOneName_aPlainCompanyIsNot() {
        let d = namesIn("Before that he was a researcher at the Halvorsen Institute for Learning Systems.")
        XCTAssertEqual(d["Halvorsen Institute for Learning Systems"], "company", "\(d)")
        XCTAssertNil(d["Learning Systems"], "\(d)")
        let e = namesIn("The startup was backed by Pellucid Labs for Asian markets.")
        XCTAssertNil(e["Pellucid Labs for Asian"], "\(e)")
    }
}

/// An employer after `at` with a verb a few words before (sentences written for these tests).
final class EmployerAtTests: XCTestCase {
    func test_verbAFewWordsBeforeAt() {
        XCTAssertEqual(namesIn("She previously ran automation at Quillon.")["Quillon"], "company")
        XCTAssertTrue(namesIn("They met at Brindle Park after lunch.").filter { $0.value == "company" }.isEmpty)
    }
}
