import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// `kg repl` driven through a pseudo-terminal, as a person would use it.
final class ReplTerminalTests: XCTestCase {
    var graph: URL!

    override func setUpWithError() throws {
        graph = FileManager.default.temporaryDirectory.appendingPathComponent("kg-repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: graph)
    }

    func test_typeRecallCompleteExit_onTerminal() throws {
        let kg = try kgExecutable()
        let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path])
        let before = term.settings
        XCTAssertNotEqual(before.c_lflag & tcflag_t(ICANON), 0)
        XCTAssertTrue(term.waitFor("kg> "), "prompt; screen: \(term.screen)")

        // A line with Chinese in it, then Enter: the REPL answers and prompts again.
        let query = "?- works_at(\"黄仁勋\", X)."
        var mark = term.mark
        term.send(query + "\r")
        XCTAssertTrue(term.waitForPrompt(after: mark), "second prompt; screen: \(term.screen)")

        // Up arrow recalls it, and the cursor lands after the wide characters:
        // prompt 4 + ASCII 19 + three CJK characters at 2 columns = column 29.
        mark = term.mark
        term.send("\u{1b}[A")
        XCTAssertTrue(term.wait(from: mark) { $0.contains(query) && $0.contains("\u{1b}[29C") }, "recall; screen: \(term.screen)")
        // Six lefts pass `", X).` one column each (23); the seventh passes 勋, two columns (21).
        mark = term.mark
        term.send("\u{1b}[D\u{1b}[D\u{1b}[D\u{1b}[D\u{1b}[D\u{1b}[D\u{1b}[D")
        XCTAssertTrue(term.wait(from: mark) { $0.contains("\u{1b}[23C") && $0.hasSuffix("\u{1b}[21C") }, "cursor after 仁勋 moved left; screen: \(term.screen.suffix(200))")

        // Ctrl-U clears; ":he" + Tab completes the meta-command; Enter runs it.
        term.send("\u{1b}[F\u{15}")
        mark = term.mark
        term.send(":he\t")
        XCTAssertTrue(term.waitFor(":help ", after: mark), "meta-command completion; screen: \(term.screen.suffix(300))")
        mark = term.mark
        term.send("\r")
        XCTAssertTrue(term.waitFor(":quit", after: mark), "help listing; screen: \(term.screen.suffix(300))")

        // A predicate completes too.
        XCTAssertTrue(term.waitForPrompt(after: mark))
        mark = term.mark
        term.send("?- ceo_\t")
        XCTAssertTrue(term.waitFor("?- ceo_of", after: mark), "predicate completion; screen: \(term.screen.suffix(300))")
        term.send("\u{15}")

        // Ctrl-D on an empty line leaves with status 0 and the terminal as it was.
        term.send("\u{4}")
        XCTAssertEqual(term.waitForExit(), 0)
        let after = term.settings
        XCTAssertEqual(after.c_lflag, before.c_lflag, "local modes restored (echo, canonical, signals)")
        XCTAssertEqual(after.c_iflag, before.c_iflag, "input modes restored")

        let history = try String(contentsOf: graph.appendingPathComponent(".history"), encoding: .utf8)
        XCTAssertTrue(history.contains(query), "history file: \(history)")
        XCTAssertTrue(history.contains(":help"))
    }

    func test_history_keptAcrossSessions_andReverseSearch() throws {
        let kg = try kgExecutable()
        try "?- first(\"微软\").\n:stats\n".write(to: graph.appendingPathComponent(".history"), atomically: true, encoding: .utf8)
        let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path])
        XCTAssertTrue(term.waitFor("kg> "))
        var mark = term.mark
        term.send("\u{12}微")
        XCTAssertTrue(term.waitFor("(reverse-i-search)`微': ?- first(\"微软\").", after: mark), "screen: \(term.screen.suffix(300))")
        mark = term.mark
        term.send("\u{1b}[F") // accept into the line for editing
        XCTAssertTrue(term.waitFor("kg> ?- first(\"微软\").", after: mark), "screen: \(term.screen.suffix(300))")
        term.send("\u{15}\u{4}")
        XCTAssertEqual(term.waitForExit(), 0)
    }

    func test_longLine_scrollsWithinTerminalWidth() throws {
        let kg = try kgExecutable()
        let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path], columns: 30)
        XCTAssertTrue(term.waitFor("kg> "))
        // 40 wide characters need 80 columns; 25 are free after the prompt, so
        // the view scrolls: 12 characters (24 columns) with the cursor at column 28.
        var mark = term.mark
        term.send(String(repeating: "英", count: 40))
        XCTAssertTrue(term.waitFor("kg> " + String(repeating: "英", count: 12) + "\u{1b}[0K\r\u{1b}[28C", after: mark),
                      "screen: \(term.screen.suffix(200))")
        // Home shows the start of the line, still 12 characters, cursor after the prompt.
        mark = term.mark
        term.send("\u{1}")
        XCTAssertTrue(term.waitFor("kg> " + String(repeating: "英", count: 12) + "\u{1b}[0K\r\u{1b}[4C", after: mark),
                      "screen: \(term.screen.suffix(200))")
        term.send("\u{3}\u{4}")
        XCTAssertEqual(term.waitForExit(), 0)
    }

    func test_ctrlC_cancelsALongQuery_andTheSessionGoesOn() throws {
        let kg = try kgExecutable()
        // The timeout is only a safety net: Ctrl-C must stop the query long before it.
        let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path, "--timeout", "60"], controllingTerminal: true)
        XCTAssertTrue(term.waitFor("kg> "))
        var mark = term.mark
        term.send("n(0).\rn(Y) :- n(X), Y = X + 1.\r")
        XCTAssertTrue(term.wait(from: mark) { $0.components(separatedBy: "ok").count == 3 }, "screen: \(term.screen.suffix(300))")
        mark = term.mark
        let started = Date()
        term.send("?- n(X), X < 0.\r")
        Thread.sleep(forTimeInterval: 0.5)
        XCTAssertTrue(term.process.isRunning)
        // Under load the query may not have started after 0.5 s, and a Ctrl-C at the
        // prompt only clears the line: repeat it until the query reports the cancel.
        var cancelled = false
        for _ in 0..<20 where !cancelled {
            term.send("\u{3}")
            cancelled = term.waitFor("TRUNCATED: cancelled", after: mark, timeout: 1)
        }
        XCTAssertTrue(cancelled, "screen: \(term.screen.suffix(300))")
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "cancelled by Ctrl-C, not by the timeout")
        XCTAssertTrue(term.waitForPrompt(after: mark))
        // The session is still alive and answers the next query.
        mark = term.mark
        term.send("m(\"黄仁勋\").\r?- m(X).\r")
        XCTAssertTrue(term.waitFor("1 answer", after: mark), "screen: \(term.screen.suffix(300))")
        XCTAssertTrue(term.screen.contains("| 黄仁勋 |"))
        // Ctrl-D once the prompt is back: typed while the terminal is still in
        // canonical mode the line discipline would take it as its own EOF marker.
        XCTAssertTrue(term.waitForPrompt(after: mark))
        term.send("\u{4}")
        XCTAssertEqual(term.waitForExit(), 0)
    }

    func test_colour_onTerminal_unlessNO_COLOR() throws {
        let kg = try kgExecutable()
        for noColor in [false, true] {
            let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path], environment: noColor ? ["NO_COLOR": "1"] : [:])
            XCTAssertTrue(term.waitFor("kg> "))
            let mark = term.mark
            term.send("p(\"英伟达\").\r?- p(X).\r:nonsense\r")
            XCTAssertTrue(term.waitFor("unknown command", after: mark), term.screen)
            let out = term.output(from: mark)
            XCTAssertTrue(out.contains("| 英伟达 |"), out)
            XCTAssertEqual(out.contains("\u{1b}[1m") || out.contains("\u{1b}[31m"), !noColor, "NO_COLOR=\(noColor): \(out)")
            // The prompt after the error, then Ctrl-D (raw mode is on again by then).
            XCTAssertTrue(term.wait(from: mark) { text in
                guard let e = text.range(of: "unknown command") else { return false }
                return text[e.upperBound...].contains("kg> ")
            })
            term.send("\u{4}")
            XCTAssertEqual(term.waitForExit(), 0)
        }
    }

    func test_kgAlone_onATerminal_startsTheRepl() throws {
        let kg = try kgExecutable()
        let term = try PseudoTerminal(kg, [], environment: ["KG_GRAPH": graph.path])
        XCTAssertTrue(term.waitFor("kg> "), term.screen)
        term.send("\u{4}")
        XCTAssertEqual(term.waitForExit(), 0)
    }

    func test_sigterm_restoresTerminalThenExits() throws {
        let kg = try kgExecutable()
        let term = try PseudoTerminal(kg, ["repl", "--graph", graph.path])
        let before = term.settings
        XCTAssertTrue(term.waitFor("kg> "))
        term.send("?- half typed")
        XCTAssertTrue(term.waitFor("half typed"))
        XCTAssertEqual(term.settings.c_lflag & tcflag_t(ICANON | ECHO), 0, "raw mode while editing")
        kill(term.process.processIdentifier, SIGTERM)
        XCTAssertEqual(term.waitForExit(), 128 + SIGTERM)
        XCTAssertEqual(term.settings.c_lflag, before.c_lflag)
        XCTAssertEqual(term.settings.c_iflag, before.c_iflag)
    }

    func test_pipedInput_printsNoEscapeCodes() throws {
        let kg = try kgExecutable()
        let process = Process()
        process.executableURL = kg
        process.arguments = ["repl", "--graph", graph.path]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(":help\n:format json\n:nonsense\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertFalse(text.contains("\u{1b}"), text)
        XCTAssertTrue(text.contains("format: json"))
        XCTAssertTrue(text.contains("error: unknown command :nonsense"))
    }
}
