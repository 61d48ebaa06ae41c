import Foundation
import XCTest
import KGCore
@testable import KGExtract

/// Runs the extractor on the seed corpus and scores it with shared/eval/score.py.
/// The floors only rise: they are what the extractor honestly reaches.
final class CorpusScoreTests: XCTestCase {
    static let entityFloor = 0.94
    static let relationFloor = 0.72

    func test_seedCorpus_scoresAboveFloors() throws {
        let shared = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let corpus = shared.appendingPathComponent("corpus"), gold = shared.appendingPathComponent("eval/gold")
        let script = shared.appendingPathComponent("eval/score.py")
        guard FileManager.default.fileExists(atPath: corpus.path), FileManager.default.fileExists(atPath: script.path) else {
            throw XCTSkip("shared corpus not present")
        }
        let (files, _) = DocumentReader.expand([corpus.path])
        var lines = Data()
        let enc = JSONEncoder()
        for case .extracted(let x, _) in DocumentReader.extractAll(files, with: TestSupport.extractor) {
            lines.append(try enc.encode(x)); lines.append(0x0A)
        }
        let pred = FileManager.default.temporaryDirectory.appendingPathComponent("kg-extract-pred-\(getpid()).jsonl")
        try lines.write(to: pred)
        defer { try? FileManager.default.removeItem(at: pred) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, "--gold", gold.path, "--pred", pred.path, "--json"]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw XCTSkip("python3 not available") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: out) as? [String: Any])
        let ef = try XCTUnwrap((json["entities"] as? [String: Any])?["f1"] as? Double)
        let rf = try XCTUnwrap((json["relations"] as? [String: Any])?["f1"] as? Double)
        print("seed corpus: entity F1 \(ef), relation F1 \(rf)")
        XCTAssertGreaterThanOrEqual(ef, Self.entityFloor)
        XCTAssertGreaterThanOrEqual(rf, Self.relationFloor)
    }
}
