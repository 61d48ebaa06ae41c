import XCTest
import KGCore
@testable import KGExtract

/// Context beats the lexicon on ambiguous names (sentences written for these tests).
final class LexiconContextTests: XCTestCase {
    func entities(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_commonWords_needTheLexiconsSpelling() {
        let d = entities("The bank's lending arm was just buying time before the merger.")
        XCTAssertNil(d["Arm"], "\(d)")
        XCTAssertNil(d["TIME"], "\(d)")
        let e = entities("Arm licenses chip designs, and TIME ran the story on its cover.")
        XCTAssertEqual(e["Arm"], "company", "\(e)")
        XCTAssertEqual(e["TIME"], "company", "\(e)")
    }

    func test_licenceNamedAfterAnOrganisation_isNotIt() {
        let d = entities("The weights ship under an MIT license, like most of its tools.")
        XCTAssertNil(d["MIT"], "\(d)")
        let e = entities("She studied at MIT before joining the lab.")
        XCTAssertEqual(e["MIT"], "company", "\(e)")
    }

    func test_modelFamilyNamedLikeItsMaker_isTheMakerInAnOrganisationContext() {
        let d = entities("The round was led by Mistral, and Mistral Medium 3 shipped the same week.")
        XCTAssertEqual(d["Mistral AI"], "company", "\(d)")
        XCTAssertEqual(d["Mistral Medium 3"], "model", "\(d)")
        XCTAssertNil(d["Mistral"], "\(d)")
    }
}

final class ShareButtonTests: XCTestCase {
    func test_shareButtonLabel_isNotAMention() {
        let x = Extractor(lexicon: .builtin).extract(text: "分享到微信 | 分享到微博\n腾讯今天发布了新版微信。", document: "t")
        let tencent = x.entities.first { $0.name == "Tencent" }
        XCTAssertNotNil(tencent)
        let wechat = x.entities.first { $0.name == "WeChat" }
        XCTAssertEqual(wechat?.mentions?.count, 1, "\(x.entities)")
    }
}
