import Foundation
@testable import KGDatalog
import XCTest

final class GuardTests: XCTestCase {
    let runaway = "n(0).\nn(Y) :- n(X), Y = X + 1.\n?- n(X)."

    func test_runaway_stopsAtTupleLimit() throws {
        let session = DatalogSession(maxTuples: 5_000)
        let r = try XCTUnwrap(try session.run(source: runaway, file: "r.dl").last)
        XCTAssertTrue(r.truncated)
        XCTAssertTrue(r.truncationReason?.contains("tuple limit") == true, r.truncationReason ?? "")
        XCTAssertLessThanOrEqual(session.predicates.first { $0.name == "n" }!.count, 5_002)
    }

    func test_runaway_stopsAtTimeLimit() throws {
        let session = DatalogSession(maxTuples: .max, timeout: 0.2)
        let start = Date()
        let r = try XCTUnwrap(try session.run(source: runaway, file: "r.dl").last)
        XCTAssertTrue(r.truncated)
        XCTAssertTrue(r.truncationReason?.contains("time limit") == true, r.truncationReason ?? "")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func test_cancel_fromAnotherThread_stopsEvaluation() throws {
        let session = DatalogSession(maxTuples: .max)
        // The session stays on this thread; another thread holds only its Sendable cancel handle.
        let handle = session.cancelHandle
        let cancelled = expectation(description: "cancel sent")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.15) {
            handle.cancel()
            cancelled.fulfill()
        }
        let reason = try session.run(source: runaway, file: "r.dl").last?.truncationReason
        wait(for: [cancelled], timeout: 10)
        // "cancelled", and how many answers were kept when the cancel also cut their copy.
        XCTAssertTrue(reason?.hasPrefix("cancelled") == true, reason ?? "nil")
    }

    func test_truncatedResult_isReportedByTheFormatter() throws {
        let session = DatalogSession(maxTuples: 100)
        let r = try XCTUnwrap(try session.run(source: runaway, file: "r.dl").last)
        let table = AnswerFormatter(format: .table).format(r)
        XCTAssertTrue(table.contains("TRUNCATED"), table)
        let json = AnswerFormatter(format: .json).format(r)
        XCTAssertTrue(json.contains("\"truncated\": true"), json)
    }
}
