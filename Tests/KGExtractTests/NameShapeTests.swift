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
