import XCTest
import KGCore
@testable import KGExtract

/// `runs on Y's cloud` / `buys capacity from Y` / `从 Y 租的`: the supplier follows the cue, the buyer stands before it.
final class SupplyCueTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_runsOnAndBuysCapacity_buyerIsTheSubject() {
        let e = x("Mistral AI trains its models in Paris. The startup runs on Microsoft's cloud and buys capacity from CoreWeave.")
        XCTAssertTrue(e.has("Mistral AI", "partner_of", "Microsoft"))
        XCTAssertTrue(e.has("Mistral AI", "partner_of", "CoreWeave"))
        // two suppliers after the cue are not each other's partners
        XCTAssertFalse(e.has("Microsoft", "partner_of", "CoreWeave"))
    }

    func test_rentedFromInChinese() {
        XCTAssertTrue(x("月之暗面的算力是从阿里云租的。").has("Moonshot AI", "partner_of", "Alibaba Cloud"))
        // talk of renting is no deal
        XCTAssertFalse(x("月之暗面的算力可能是从阿里云租的。").relations.contains { $0.predicate == "partner_of" })
    }
}

/// `co-founded by A, a former X engineer, and B, who …`: both are founders.
final class FounderAppositionTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_foundersAcrossAppositions() {
        let e = x("Mistral AI was co-founded by Arthur Mensch, a former DeepMind researcher, and Guillaume Lample, who previously worked at Meta.")
        XCTAssertTrue(e.has("Arthur Mensch", "founder_of", "Mistral AI"))
        XCTAssertTrue(e.has("Guillaume Lample", "founder_of", "Mistral AI"))
    }

    func test_personInsideTheApposition_isNoFounder() {
        let e = x("Mistral AI was co-founded by Arthur Mensch, a former student of Yann LeCun, who praised the team.")
        XCTAssertTrue(e.has("Arthur Mensch", "founder_of", "Mistral AI"))
        XCTAssertFalse(e.has("Yann LeCun", "founder_of", "Mistral AI"))
    }
}

/// `Both will join X` / `两人都将加入 X`: the last two persons named join X.
final class BothJoinTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_bothJoin_givesTheLastTwoPersons() {
        let e = x("Ilya Sutskever and Jan Leike are leaving their startup. Both will join Microsoft next month.")
        XCTAssertTrue(e.has("Ilya Sutskever", "works_at", "Microsoft"))
        XCTAssertTrue(e.has("Jan Leike", "works_at", "Microsoft"))
        let zh = x("Ilya Sutskever 和 Jan Leike 上周宣布离开。两人都将加入微软。")
        XCTAssertTrue(zh.has("Jan Leike", "works_at", "Microsoft"))
    }

    func test_bothJoin_needsTwoPersons() {
        XCTAssertFalse(x("Ilya Sutskever is leaving. Both will join Microsoft next month.").relations.contains { $0.predicate == "works_at" })
    }
}

/// `…, and the two are each other's main rival` / `，二者互为竞争对手`: the last two companies named.
final class MutualRivalTests: XCTestCase {
    func x(_ text: String) -> Extraction { TestSupport.extractor.extract(text: text, document: "t") }

    func test_mutualRivalry_inALaterClause() {
        XCTAssertTrue(x("Mistral AI and Cohere both sell models to banks, and the two are each other's main rival.").has("Mistral AI", "competitor_of", "Cohere"))
        XCTAssertTrue(x("智谱和月之暗面都在做企业市场，二者互为主要竞争对手。").has("Zhipu AI", "competitor_of", "Moonshot AI"))
    }

    func test_mutualRivalry_needsTwoCompanies_andNoRumour() {
        XCTAssertFalse(x("Cohere sells models to banks, and the two are each other's main rival.").relations.contains { $0.predicate == "competitor_of" })
        XCTAssertFalse(x("Mistral AI and Cohere sell to banks, and the two may become each other's main rival.").relations.contains { $0.predicate == "competitor_of" })
    }
}
