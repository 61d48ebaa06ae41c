import Foundation
import XCTest
@testable import KGExtract

/// The written-out traditional → simplified table is what ICU's transform gives character by character.
final class TraditionalTableTests: XCTestCase {
    func test_tableMatchesICUCharacterByCharacter() {
        let transform = StringTransform("Traditional-Simplified")
        var differences = 0
        var c = TraditionalToSimplified.base
        while c < TraditionalToSimplified.limit {
            let end = min(c + 2048, TraditionalToSimplified.limit)
            var view = String.UnicodeScalarView()
            for x in c..<end { view.append(Unicode.Scalar(x)!); view.append("\n") }
            let converted = String(view).applyingTransform(transform, reverse: false) ?? String(view)
            let lines = converted.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertGreaterThanOrEqual(lines.count, Int(end - c))
            for (k, line) in lines.prefix(Int(end - c)).enumerated() {
                let orig = c + UInt32(k)
                let s = line.unicodeScalars
                let icu = s.count == 1 ? s.first!.value : orig
                if TraditionalToSimplified.fold(orig) != icu { differences += 1 }
            }
            c = end
        }
        XCTAssertEqual(differences, 0)
    }

    func test_foldLeavesOtherScalarsAlone() {
        XCTAssertEqual(TraditionalToSimplified.fold(Unicode.Scalar("這").value), Unicode.Scalar("这").value)
        XCTAssertEqual(TraditionalToSimplified.fold(Unicode.Scalar("A").value), Unicode.Scalar("A").value)
        XCTAssertEqual(TraditionalToSimplified.fold(Unicode.Scalar("中").value), Unicode.Scalar("中").value)
    }
}
