import XCTest
import KGCore
@testable import KGExtract

/// Latin names typed by their context (sentences written for these tests).
final class LatinContextTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = Extractor(lexicon: .builtin).extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities where e.type != .figure { d[e.name] = e.type.rawValue }
        return d
    }

    func test_personByApposition_andUnknownFirstName() {
        let d = names("The company was co-founded by Oksana Brill, a former hedge-fund analyst, and Tadeo Quispe, who wrote its compiler.")
        XCTAssertEqual(d["Oksana Brill"], "person", "\(d)")
        XCTAssertEqual(d["Tadeo Quispe"], "person", "\(d)")
    }

    func test_capitalisedPairWithoutCue_isNotAName() {
        let d = names("Quiet Harbor was a song on the radio all summer.")
        XCTAssertNil(d["Quiet Harbor"], "\(d)")
    }

    func test_companiesByContext_andInLists() {
        let d = names("The round was led by Corvid Partners, with investors including Halberd, Quenby Works and Ostrava. Larkspur, a startup from Leeds, said it would acquire Fenwick.")
        XCTAssertEqual(d["Corvid Partners"], "company", "\(d)")
        XCTAssertEqual(d["Halberd"], "company", "\(d)")
        XCTAssertEqual(d["Quenby Works"], "company", "\(d)")
        XCTAssertEqual(d["Ostrava"], "company", "\(d)")
        XCTAssertEqual(d["Larkspur"], "company", "\(d)")
        XCTAssertEqual(d["Fenwick"], "company", "\(d)")
    }

    func test_saidAloneFollowsTheDocumentsMajorityType() {
        let d = names("Larkspur, a startup in Leeds, raised money. Larkspur said the deal closed.")
        XCTAssertEqual(d["Larkspur"], "company", "\(d)")
    }

    func test_coinedLatinModels_byShapeAndInModelSentences() {
        let d = names("Larkspur released Wren 3, a model that beats its older Wren-2. Section 3 of the filing lists Room 4.")
        XCTAssertEqual(d["Wren 3"], "model", "\(d)")
        XCTAssertEqual(d["Wren-2"], "model", "\(d)")
        XCTAssertNil(d["Section 3"])
        XCTAssertNil(d["Room 4"], "\(d)")
    }

    func test_partNumber_isNotAModel() {
        let d = names("The Larkspur-4096 board shipped with the model.")
        XCTAssertNil(d["Larkspur-4096"], "\(d)")
    }
}
