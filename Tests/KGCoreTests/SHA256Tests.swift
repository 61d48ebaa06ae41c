import XCTest
@testable import KGCore

final class SHA256Tests: XCTestCase {
    func test_digest_matchesKnownVectors() {
        XCTAssertEqual(SHA256.hex(Array("".utf8)), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func test_digest_crossesBlockBoundariesCorrectly() {
        // 1,000,000 × "a" is the FIPS long-message vector.
        XCTAssertEqual(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

final class DisplayWidthTests: XCTestCase {
    func test_width_countsCJKAsTwoColumns() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("微软"), 4)
        XCTAssertEqual(DisplayWidth.of("Claude 3.5 模型"), 15)
        XCTAssertEqual(DisplayWidth.of("（全角）"), 8)
    }

    func test_width_ignoresCombiningMarks() {
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
    }
}

final class DiagnosticTests: XCTestCase {
    func test_caret_isIndentedByDisplayColumns() {
        let d = Diagnostic(at: SourceLocation(file: "q.dl", line: 2, column: 4), "expected ')'", sourceLine: "微软(X")
        XCTAssertEqual(d.description, "q.dl:2:4: error: expected ')'\n  微软(X\n       ^")
    }
}
