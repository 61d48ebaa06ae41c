import Foundation
import XCTest
@testable import KGExtract

/// The written-out compatibility forms are Foundation's NFKC, scalar by scalar, over both ranges.
final class CompatibilityFormsTests: XCTestCase {
    func test_formsMatchFoundationNFKC() {
        let table = Normalizer.compatibility
        var checked = 0, differences: [UInt32] = []
        for r: ClosedRange<UInt32> in [0xA0...0x33FF, 0xF900...0xFFEF] {
            for c in r where !isHan(c) {
                guard let u = Unicode.Scalar(c) else { continue }
                let nfkc = String(String.UnicodeScalarView([u])).precomposedStringWithCompatibilityMapping
                let expected = nfkc.unicodeScalars.map { $0.value }
                let got = table[c] ?? [c]
                if got != expected { differences.append(c) }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 10_000)
        XCTAssertEqual(differences.map { String($0, radix: 16) }, [])
    }

    func test_fullWidthAndIdeographicSpaceFold() {
        XCTAssertEqual(Normalizer.normalize("ＯｐｅｎＡＩ　６０").text, "OpenAI 60".unicodeScalars.map { $0.value })
    }
}
