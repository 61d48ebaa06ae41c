import XCTest
@testable import KGExtract

final class SentencesTests: XCTestCase {
    func split(_ s: String) -> [String] {
        let t = Array(scalarsOf: s)
        return Sentences.split(t).map { stringOf(t[$0]).trimmingCharacters(in: .whitespaces) }
    }

    func test_fullStopAfterADigit_endsTheSentence_decimalPointDoesNot() {
        XCTAssertEqual(split("The lab opened in 2019. Then it grew 2.5 times."), ["The lab opened in 2019.", "Then it grew 2.5 times."])
    }

    func test_initialsAndListNumbers_doNotEndSentences() {
        XCTAssertEqual(split("J. Doe joined.").count, 1)
        XCTAssertEqual(split("1. Funding rose.").count, 1)
    }
}
