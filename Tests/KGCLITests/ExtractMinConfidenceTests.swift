import Foundation
import XCTest

/// `kg extract --min-confidence X` keeps only the relations whose rule confidence is at least X.
final class ExtractMinConfidenceTests: XCTestCase {
    let text = "Anthropic 发布了 Claude 3 Opus。后来的 Claude 3.5 Sonnet 更快。\n"

    func relations(_ args: [String]) throws -> [[String: Any]] {
        let r = try runKG(["extract"] + args + ["-"], input: text)
        XCTAssertEqual(r.status, 0, r.err)
        let line = try XCTUnwrap(r.out.split(separator: "\n").first)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        return object["relations"] as? [[String: Any]] ?? []
    }

    func test_minConfidence_dropsTheLowerRules() throws {
        let all = try relations([])
        let confidences = all.compactMap { $0["confidence"] as? Double }
        XCTAssertTrue(confidences.contains { $0 < 0.6 }, "the family rule gives a low confidence: \(confidences)")
        let kept = try relations(["--min-confidence", "0.6"])
        XCTAssertFalse(kept.isEmpty)
        XCTAssertLessThan(kept.count, all.count)
        for r in kept { XCTAssertGreaterThanOrEqual(r["confidence"] as? Double ?? 0, 0.6) }
    }

    func test_minConfidence_outsideZeroToOne_isAUsageError() throws {
        let r = try runKG(["extract", "--min-confidence", "high", "-"], input: text)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.err.contains("--min-confidence"), r.err)
    }
}
