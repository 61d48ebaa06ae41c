import Foundation
import KGStore
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `kg ingest` progress on standard error: redrawn on a terminal, plain lines
/// when piped, and a clear line when Ctrl-C stops it (the next run resumes).
final class IngestProgressTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    /// `count` short distinct articles (each names a different invented company).
    func writeDocuments(_ count: Int) throws -> String {
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        for i in 0..<count {
            let text = "第 \(i) 期简报：英伟达 CEO 黄仁勋表示，英伟达与微软达成合作。Vexor\(i) Labs 宣布完成新一轮融资。\n"
            try text.write(to: docs.appendingPathComponent(String(format: "d%03d.txt", i)), atomically: true, encoding: .utf8)
        }
        return docs.path
    }

    func test_onATerminal_progressLineShowsRateAndETA() throws {
        let docs = try writeDocuments(12)
        let graph = dir.appendingPathComponent("g").path
        let pty = try PseudoTerminal(try kgExecutable(), ["ingest", "--graph", graph, "--_max-batch", "1", "--_commit-delay-ms", "150", docs])
        XCTAssertEqual(pty.waitForExit(timeout: 60), 0, pty.output(from: 0))
        let screen = pty.output(from: 0)
        // redrawn in place: carriage return and erase-line before each state
        XCTAssertTrue(screen.contains("\r\u{1B}[K1/12 docs, "), screen)
        let line = try XCTUnwrap(screen.components(separatedBy: "\r\u{1B}[K").first { $0.contains("/12 docs") && $0.contains("ETA") }, screen)
        XCTAssertNotNil(line.range(of: #"^\d+/12 docs, [0-9.]+/[0-9.]+ MB, [0-9.]+ docs/s, [0-9.]+ MB/s, elapsed \d+:\d\d, ETA \d+:\d\d"#,
                                   options: .regularExpression), line)
        XCTAssertTrue(screen.contains("documents: 12 new"), screen)
    }

    func test_stderrPiped_printsPlainProgressLines() throws {
        let docs = try writeDocuments(6)
        let graph = dir.appendingPathComponent("g").path
        let r = try runKG(["ingest", "--graph", graph, "--progress-interval", "0", "--_max-batch", "1", docs])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertFalse(r.err.contains("\u{1B}["), "no escape codes when not a terminal: \(r.err)")
        let lines = r.err.split(separator: "\n").filter { $0.range(of: #"^kg ingest: \d+/6 docs, "#, options: .regularExpression) != nil }
        XCTAssertGreaterThanOrEqual(lines.count, 2, r.err)
        XCTAssertTrue(lines.allSatisfy { $0.contains("docs/s") && $0.contains("MB/s") && $0.contains("elapsed") }, r.err)
        XCTAssertTrue(r.out.contains("documents: 6 new"), r.out)

        let quiet = try runKG(["ingest", "--graph", graph, "--quiet", "--progress-interval", "0", docs])
        XCTAssertEqual(quiet.status, 0, quiet.err)
        XCTAssertEqual(quiet.err, "")
    }

    func test_ctrlCAtATerminal_stopsAfterTheTransaction_andSaysHowToResume() throws {
        let docs = try writeDocuments(30)
        let graph = dir.appendingPathComponent("g").path
        let pty = try PseudoTerminal(try kgExecutable(), ["ingest", "--graph", graph, "--_max-batch", "1", "--_commit-delay-ms", "100", docs],
                                     controllingTerminal: true)
        XCTAssertTrue(pty.waitFor("3/30 docs", timeout: 60), pty.output(from: 0))
        pty.send("\u{03}") // Ctrl-C: the terminal raises SIGINT
        XCTAssertEqual(pty.waitForExit(timeout: 30), 130, pty.output(from: 0))
        let screen = pty.output(from: 0)
        // The progress line is cleared, then the message takes its own line.
        XCTAssertTrue(screen.contains("\r\u{1B}[Kkg ingest: interrupted after "), screen)
        XCTAssertNotNil(screen.range(of: #"kg ingest: interrupted after \d+ documents; run the same command to resume"#,
                                     options: .regularExpression), screen)
        let n = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current.documentCount
        XCTAssertTrue(n >= 3 && n < 30, "\(n) documents committed")
    }

    func test_interrupt_printsTheLine_andTheSameCommandResumes() throws {
        let docs = try writeDocuments(40)
        let graph = dir.appendingPathComponent("g").path
        let arguments = ["ingest", "--graph", graph, "--progress-interval", "0", "--_max-batch", "1", "--_commit-delay-ms", "100", docs]
        let process = Process()
        process.executableURL = try kgExecutable()
        process.arguments = arguments
        let errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        var err = ""
        while Date() < deadline {
            err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if err.contains("kg ingest: 3/40 docs") { break }
            usleep(20_000)
        }
        XCTAssertTrue(err.contains("kg ingest: 3/40 docs"), err)
        process.interrupt() // SIGINT, as Ctrl-C sends
        process.waitUntilExit()
        err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        XCTAssertEqual(process.terminationStatus, 130, err)
        let match = try XCTUnwrap(err.range(of: #"interrupted after (\d+) documents; run the same command to resume"#, options: .regularExpression), err)
        let n = Int(err[match].split(separator: " ")[2])!
        XCTAssertGreaterThanOrEqual(n, 3)
        XCTAssertLessThan(n, 40)
        let view = try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current
        XCTAssertEqual(view.documentCount, n, "every document reported committed is in the graph")

        let again = try runKG(arguments.filter { $0 != "--_commit-delay-ms" && $0 != "100" })
        XCTAssertEqual(again.status, 0, again.err)
        XCTAssertTrue(again.out.contains("documents: \(40 - n) new, 0 changed, \(n) unchanged"), again.out)
        XCTAssertEqual(try GraphStore.open(URL(fileURLWithPath: graph), mode: .read).current.documentCount, 40)
    }
}
