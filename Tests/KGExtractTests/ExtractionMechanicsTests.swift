import XCTest
import KGCore
@testable import KGExtract

/// The fast paths of the extraction mechanics (flat tables instead of hashing,
/// positions collected once, skips before a candidate is built) give the
/// answers of the slow forms they replaced. Sentences written for these tests.
final class ExtractionMechanicsTests: XCTestCase {
    func test_isAge_readsTheLastScalars() {
        XCTAssertTrue(FigureOwners.isAge("47 岁"))
        XCTAssertTrue(FigureOwners.isAge("六十歲"))
        XCTAssertTrue(FigureOwners.isAge("forty-year-old"))
        XCTAssertTrue(FigureOwners.isAge("9-YEAR-OLD"))
        XCTAssertFalse(FigureOwners.isAge("year-olds"))
        XCTAssertFalse(FigureOwners.isAge("ear-old"))
        XCTAssertFalse(FigureOwners.isAge("47 年"))
        XCTAssertFalse(FigureOwners.isAge(""))
        for s in ["47 岁", "六十歲", "forty-year-old", "9-YEAR-OLD", "year-olds", "an old", "12 个月", "Old"] {
            let slow = s.hasSuffix("岁") || s.hasSuffix("歲") || s.lowercased().hasSuffix("year-old")
            XCTAssertEqual(FigureOwners.isAge(s), slow, s)
        }
    }

    func test_scalarValues_answerLikeTheDictionary() {
        let map: [UInt32: Double] = [0x4E00: 1, 0x4E09: 3, 0x96F6: 0, 0x1F600: 7]
        let v = ScalarValues(map)
        for c: UInt32 in [0x4E00, 0x4E01, 0x4E09, 0x96F6, 0x96F7, 0x41, 0x1F600, 0x1F601] {
            XCTAssertEqual(v[c], map[c], String(c, radix: 16))
        }
    }

    func test_scalarKey_equalRunsHashEqual() {
        let a = ScalarKey(scalars: [0x661F, 0x884D]), b = ScalarKey(scalars: [0x661F, 0x884D]), c = ScalarKey(scalars: [0x661F])
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, c)
        XCTAssertEqual(Set([a, b, c]).count, 2)
    }

    func test_draftKey_equalKeysHashEqual() {
        let a = AliasResolver.key(.company, "Tern Robotics"), b = AliasResolver.key(.company, "tern robotics")
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, AliasResolver.key(.person, "Tern Robotics"))
    }

    func test_knownModelTokens_onlyFamilyWordsTiersAndDall() {
        func known(_ s: String) -> Bool {
            let l = Array(scalarsOf: s.lowercased())
            return ModelNames.isKnownToken(l, 0, l.count)
        }
        XCTAssertTrue(known("Gemini"))
        XCTAssertTrue(known("sonnet"))
        XCTAssertTrue(known("dall"))
        XCTAssertFalse(known("Gemin"))
        XCTAssertFalse(known("Geminis"))
        XCTAssertFalse(known("garden"))
    }

    func test_noModelOrNameStartsInsideALatinWord() {
        // `Grok` inside `Sigrok` and `Gemini` inside `Agemini` start nothing; the words alone do
        let inside = TestSupport.extractor.extract(text: "The Sigrok tool and the Agemini kit arrived.", document: "t")
        XCTAssertTrue(inside.entities.filter { $0.type == .model }.isEmpty, "\(inside.entities.map(\.name))")
        let alone = TestSupport.extractor.extract(text: "The team compared Grok 3 with Gemini 2 today.", document: "t")
        XCTAssertEqual(Set(alone.entities.filter { $0.type == .model }.map(\.name)), ["Grok 3", "Gemini 2"])
    }

    func test_outletStops_coverLineBreaksAndMarkStarts() {
        let t = Array(scalarsOf: "正文一句。\n来源：晨光日报\n又一行")
        let stops = NameTriggers.positions(t).outlets
        XCTAssertEqual(stops, t.indices.filter { t[$0] == 0x0A || ChineseFrames.outletMarks.mayStart(t[$0]) })
        XCTAssertEqual(ChineseFrames.outlets(t, at: stops).map { stringOf(t[$0.start..<$0.end]) }, ["晨光日报"])
    }
}
