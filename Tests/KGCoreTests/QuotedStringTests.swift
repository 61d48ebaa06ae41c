import XCTest
import Foundation
import KGCore

final class QuotedStringTests: XCTestCase {
    func test_quoteBackslashAndControls_areEscaped_otherScalarsKept() {
        let s = "a\"b'c\\d\ne\rf\tg\u{08}h\u{0C}i\u{01}j\u{7F}k星衍"
        XCTAssertEqual(QuotedString.backslashEscaped(s, quote: "\""),
                       "\"a\\\"b'c\\\\d\\ne\\rf\\tg\\bh\\fi\\u0001j\\u007Fk星衍\"")
        // With a single quote, the double quote passes through and the single quote is escaped.
        XCTAssertEqual(QuotedString.backslashEscaped("it's \"x\"", quote: "'"), "'it\\'s \"x\"'")
        XCTAssertEqual(QuotedString.backslashEscaped("", quote: "'"), "''")
    }

    func test_jsonOutput_roundTripsThroughJSONSerialization() throws {
        let s = "名\u{00}\u{1F}\"\\/\n\u{7F}end"
        let json = "[" + QuotedString.backslashEscaped(s, quote: "\"") + "]"
        let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        XCTAssertEqual(back, [s])
    }
}
