import Foundation
import XCTest
import KGCore
@testable import KGExtract

/// Runs the extractor on the seed corpus and on the dev set and scores both
/// with shared/eval/score.py. The floors only rise: they are what the
/// extractor honestly reaches. (The seed entity floor went from 0.94 to 0.92
/// when lexicon rows that only served seed sentences were removed, issue 9.)
/// When ../shared and python3 are present the test runs and fails below a
/// floor; it is skipped only when one of them is missing.
final class CorpusScoreTests: XCTestCase {
    static let seedEntityFloor = 0.92
    /// Seeds: 0.646 measured with the relation rules of issue 10, which dropped what only the seeds
    /// rewarded (developed from the lexicon's maker column, the main-company fallback, 您/你们 as the
    /// interviewee's company, cues fitted to single seed sentences).
    /// Then 0.708 (precision 0.80) with general rules added on the seeds' misses (branch `seeds`): `你们 / you`
    /// in a question and `我们 / we` in an answer as the company the text names the guest's role at, back
    /// references to the last two companies, series comparisons, the pronoun of `他和 H 的这场对谈`,
    /// a company past a titled person not blocking the topic.
    static let seedRelationFloor = 0.70
    /// Dev: 0.952 measured after issue 9 (names, figures) and the speed pass.
    static let devEntityFloor = 0.94
    /// Dev: 0.757 measured (precision 0.90) with the relation rules of issue 10 and the names and figures work.
    /// Then 0.762 (precision 0.892) after the `seeds` branch's rules (founders across appositions, `Both will join X`).
    static let devRelationFloor = 0.75

    func test_seedCorpus_scoresAboveFloors() throws {
        let (ef, rf) = try score(texts: "corpus", gold: "eval/gold")
        print("seed corpus: entity F1 \(ef), relation F1 \(rf)")
        XCTAssertGreaterThanOrEqual(ef, Self.seedEntityFloor)
        XCTAssertGreaterThanOrEqual(rf, Self.seedRelationFloor)
    }

    func test_devSet_scoresAboveFloors() throws {
        let (ef, rf) = try score(texts: "eval/dev", gold: "eval/dev/gold")
        print("dev set: entity F1 \(ef), relation F1 \(rf)")
        XCTAssertGreaterThanOrEqual(ef, Self.devEntityFloor)
        XCTAssertGreaterThanOrEqual(rf, Self.devRelationFloor)
    }

    /// Extracts every `.txt` of `shared/<texts>` and scores it against `shared/<gold>`.
    func score(texts: String, gold: String) throws -> (entity: Double, relation: Double) {
        let shared = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        let corpus = shared.appendingPathComponent(texts), goldDir = shared.appendingPathComponent(gold)
        let script = shared.appendingPathComponent("eval/score.py")
        guard FileManager.default.fileExists(atPath: corpus.path), FileManager.default.fileExists(atPath: script.path) else {
            throw XCTSkip("shared/\(texts) not present")
        }
        let python = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let python else { throw XCTSkip("python3 not available") }
        let (all, _) = DocumentReader.expand([corpus.path])
        let files = all.filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(files.isEmpty, "no documents in \(corpus.path)")
        var lines = Data()
        let enc = JSONEncoder()
        for case .extracted(let x, _) in DocumentReader.extractAll(files, with: TestSupport.extractor) {
            lines.append(try enc.encode(x)); lines.append(0x0A)
        }
        let pred = FileManager.default.temporaryDirectory.appendingPathComponent("kg-extract-pred-\(getpid())-\(texts.count).jsonl")
        try lines.write(to: pred)
        defer { try? FileManager.default.removeItem(at: pred) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [script.path, "--gold", goldDir.path, "--pred", pred.path, "--json"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: out) as? [String: Any], "score.py printed no JSON")
        let ef = try XCTUnwrap((json["entities"] as? [String: Any])?["f1"] as? Double)
        let rf = try XCTUnwrap((json["relations"] as? [String: Any])?["f1"] as? Double)
        return (ef, rf)
    }
}
