import Foundation
import XCTest
@testable import KGStore

final class NameKeyTests: XCTestCase {
    /// The byte-level fast path must give exactly the full Unicode rule's key
    /// wherever it answers, and must decline whatever it cannot key.
    func test_fastKey_equalsUnicodeRule_onRandomNames() {
        let pool: [String] = ["A", "z", "Q", "0", " ", "\t", "-", ".", "深", "度", "求", "索", "㐀", "䶿", "一", "鿿",
                              "Ａ", "·", "・", "é", "ß", "Σ", "\u{F900}", "😀", "\u{3000}", "ア", "，"]
        var rng = SeededRandom(seed: 7)
        var answered = 0, declined = 0
        for _ in 0..<4000 {
            let length = Int.random(in: 0...8, using: &rng)
            var name = ""
            for _ in 0..<length { name += pool.randomElement(using: &rng)! }
            var copy = name
            let fast: String? = copy.withUTF8 { utf8 in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { out in
                    NameKey.fastKey(UnsafeRawBufferPointer(utf8), into: out).map { String(decoding: out[0..<$0], as: UTF8.self) }
                }
            }
            if let fast {
                XCTAssertEqual(fast, NameKey.unicodeKey(name), "name \(name.debugDescription)")
                answered += 1
            } else {
                XCTAssertTrue(name.unicodeScalars.contains { $0.value >= 0x80 && !(0x3400...0x4DBF ~= $0.value || 0x4E00...0x9FFF ~= $0.value) },
                              "declined \(name.debugDescription) although it is ASCII and CJK only")
                declined += 1
            }
            XCTAssertEqual(NameKey.normalize(name), NameKey.unicodeKey(name), "name \(name.debugDescription)")
        }
        XCTAssertGreaterThan(answered, 200)
        XCTAssertGreaterThan(declined, 200)
    }

    func test_normalize_foldsWidthCaseSpacesAndDots() {
        XCTAssertEqual(NameKey.normalize("ＪＥＮＳＥＮ・HUANG"), "jensenhuang")
        XCTAssertEqual(NameKey.normalize("Jensen  Huang"), "jensenhuang")
        XCTAssertEqual(NameKey.normalize("黄 仁勋"), "黄仁勋")
        XCTAssertEqual(NameKey.normalize("山姆·奥特曼"), "山姆奥特曼")
    }
}
