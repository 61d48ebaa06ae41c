import Foundation
import XCTest

/// `kg query`'s limits end to end (issue 11): option values that used to trap,
/// arithmetic warnings with their place, and limits that stop a runaway query.
final class QueryLimitTests: XCTestCase {
    func test_timeoutValues_outOfRange_areUsageErrors() throws {
        for value in ["inf", "1e300", "18446744000", "nan", "-1", "0"] {
            let r = try runKG(["query", "--no-graph", "--timeout", value, "-e", "p(1). ?- p(X)."])
            XCTAssertEqual(r.status, 2, "--timeout \(value): \(r.err)")
            XCTAssertTrue(r.err.contains("--timeout"), r.err)
        }
        let ok = try runKG(["query", "--no-graph", "--timeout", "5.5", "-e", "p(1). ?- p(X)."])
        XCTAssertEqual(ok.status, 0, ok.err)
    }

    func test_overflow_isAWarningWithItsPlace() throws {
        let r = try runKG(["query", "--no-graph", "-e", "?- X = (-9223372036854775807 - 1) / -1."])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.err.contains("<command line>:1:35: warning: integer overflow"), r.err)
        XCTAssertTrue(r.out.contains("0 answers"), r.out)
    }
}
