import XCTest
@testable import KGCLI

final class LineEditingTests: XCTestCase {
    func keys(_ bytes: [UInt8]) -> [Key] {
        var i = 0
        var out: [Key] = []
        let next: (Bool) -> UInt8? = { _ in
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return bytes[i]
        }
        while let key = KeyDecoder.read(next) { out.append(key) }
        return out
    }

    func test_decoder_readsUTF8AndEscapeSequences() {
        XCTAssertEqual(keys(Array("a黄🤖".utf8)), [.text("a"), .text("黄"), .text("🤖")])
        XCTAssertEqual(keys([27, 91, 65, 27, 91, 66, 27, 91, 67, 27, 91, 68]), [.up, .down, .right, .left])
        XCTAssertEqual(keys(Array("\u{1b}[1;5C\u{1b}[1;5D\u{1b}b\u{1b}f\u{1b}[3~\u{1b}[H\u{1b}[F\u{1b}OH".utf8)),
                       [.wordRight, .wordLeft, .wordLeft, .wordRight, .delete, .home, .end, .home])
        XCTAssertEqual(keys([1, 5, 11, 21, 23, 3, 4, 18, 9, 13, 127]),
                       [.home, .end, .killToEnd, .killToStart, .deleteWordLeft, .interrupt, .endOfInput, .reverseSearch, .tab, .enter, .backspace])
        XCTAssertEqual(keys([27]), [.cancel], "a lone ESC")
        XCTAssertEqual(keys([0xE9, 0x41]), [.unknown], "a broken UTF-8 sequence is not text")
    }

    func test_buffer_editsAroundWideCharacters() {
        var b = EditBuffer("黄仁勋 CEO")
        b.home(); b.right(); b.insert("X")
        XCTAssertEqual(b.text, "黄X仁勋 CEO")
        b.end(); b.deleteWordLeft()
        XCTAssertEqual(b.text, "黄X仁勋 ")
        b.yank()
        XCTAssertEqual(b.text, "黄X仁勋 CEO")
        b.wordLeft(); XCTAssertEqual(b.cursor, 5)
        b.wordLeft(); XCTAssertEqual(b.cursor, 0, "CJK letters form one word")
        b.wordRight(); XCTAssertEqual(b.cursor, 4)
        b.killToEnd(); XCTAssertEqual(b.text, "黄X仁勋")
        b.left(); b.killToStart(); XCTAssertEqual(b.text, "勋")
        b.backspace(); XCTAssertEqual(b.text, "勋", "backspace at the start does nothing")
        b.deleteForward(); XCTAssertEqual(b.text, "")
    }

    func test_buffer_combiningMarkJoinsPreviousCharacter() {
        var b = EditBuffer("ze")
        b.insert("\u{301}")
        XCTAssertEqual(b.chars.count, 2)
        XCTAssertEqual(b.text, "zé")
    }

    func test_layout_countsWideCharactersAsTwoColumns() {
        let view = LineView.layout(prompt: "kg> ", buffer: EditBuffer("黄仁勋"), columns: 80)
        XCTAssertEqual(view.cursorColumn, 10)
        XCTAssertEqual(view.visible, "黄仁勋")
    }

    func test_layout_scrollsLongLinesToKeepTheCursorVisible() {
        var buffer = EditBuffer(String(repeating: "ab", count: 50))
        var view = LineView.layout(prompt: "> ", buffer: buffer, columns: 20)
        XCTAssertLessThanOrEqual(view.cursorColumn, 19)
        XCTAssertLessThanOrEqual(view.visible.count, 17)
        buffer.home()
        view = LineView.layout(prompt: "> ", buffer: buffer, columns: 20, previousFirst: view.first)
        XCTAssertEqual(view.first, 0)
        XCTAssertEqual(view.cursorColumn, 2)
    }

    /// A pasted line of 100,000 characters (the longest the buffer holds) (the fuzzer's slow input, made long): the window is the
    /// last columns before the cursor, then the start after Home; wide characters count two.
    func test_layout_ofAVeryLongLine_keepsTheCursorInTheWindow() {
        var buffer = EditBuffer(String(repeating: "图a", count: 50_000))
        var view = LineView.layout(prompt: "kg> ", buffer: buffer, columns: 40)
        XCTAssertEqual(view.cursorColumn, 4 + 34)       // room 35, the last column left for the cursor
        XCTAssertEqual(view.first, 100_000 - 23)        // 23 characters (12 "a", 11 "图") fill 34 columns
        XCTAssertEqual(view.visible, String(repeating: "a图", count: 11) + "a")
        buffer.home()
        view = LineView.layout(prompt: "kg> ", buffer: buffer, columns: 40, previousFirst: view.first)
        XCTAssertEqual(view.first, 0)
        XCTAssertEqual(view.cursorColumn, 4)
        XCTAssertEqual(view.visible, String(repeating: "图a", count: 11) + "图")
    }

    /// Ctrl-U then Ctrl-Y again and again doubles the line each round (the fuzzer's
    /// hang): the line stops at `maxLength`, and a yank that does not fit says so.
    func test_repeatedKillAndYank_stopsAtTheLineLimit() {
        var b = EditBuffer("kg")
        var cut = false
        for _ in 0..<40 {
            b.killToStart()
            b.yank()
            cut = !b.insert(b.killRing) || cut
        }
        XCTAssertEqual(b.chars.count, EditBuffer.maxLength)
        XCTAssertEqual(b.cursor, EditBuffer.maxLength)
        XCTAssertTrue(cut)
        XCTAssertTrue(b.text.hasPrefix("kgkgkg"))
        b.insert(Unicode.Scalar(0x41))  // typed at the limit: nothing happens
        XCTAssertEqual(b.chars.count, EditBuffer.maxLength)
    }

    func test_insertText_joinsALeadingCombiningMark_andKeepsTheCursorAfterIt() {
        var b = EditBuffer("caf")
        b.insert("e")
        b.insert("\u{301}!")
        XCTAssertEqual(b.text, "café!")
        XCTAssertEqual(b.chars.count, 5)
        XCTAssertEqual(b.cursor, 5)
        b.home()
        XCTAssertTrue(b.insert("黄仁勋 "))
        XCTAssertEqual(b.text, "黄仁勋 café!")
        XCTAssertEqual(b.cursor, 4)
    }

    func test_clauseScanner_waitsForTheClosingDot() {
        XCTAssertTrue(ClauseScanner.isComplete("?- p(X)."))
        XCTAssertTrue(ClauseScanner.isComplete("p(X) :-\n  q(X).  % done"))
        XCTAssertFalse(ClauseScanner.isComplete("p(X) :-"))
        XCTAssertFalse(ClauseScanner.isComplete("?- p(\"a."))
        XCTAssertFalse(ClauseScanner.isComplete("?- p(X) % ends here."))
        XCTAssertFalse(ClauseScanner.isComplete("?- p(X) // ends here."))
        XCTAssertTrue(ClauseScanner.isComplete("?- p(\"a\\\"b.\")."))
        // Soufflé directives end with their line once their parentheses close.
        XCTAssertTrue(ClauseScanner.isComplete(".decl e(x:number, y:symbol)  // edges"))
        XCTAssertTrue(ClauseScanner.isComplete(".output e"))
        XCTAssertFalse(ClauseScanner.isComplete(".decl e(x:number,"))
        XCTAssertTrue(ClauseScanner.isComplete(".decl e(x:number,\n  y:number)"))
    }

    func test_splitWords_keepsQuotedNames() {
        XCTAssertEqual(splitWords("\"Dario Amodei\" ceo_of Anthropic"), ["Dario Amodei", "ceo_of", "Anthropic"])
        XCTAssertEqual(splitWords("  a  \"\" b "), ["a", "", "b"])
    }

    func test_metaCommandLookup_byUniquePrefix() {
        let table = ReplSession.metaCommands
        if case .success(let c) = table.lookup(":q") { XCTAssertEqual(c.name, ":quit") } else { XCTFail() }
        if case .failure(let e) = table.lookup(":s") { XCTAssertTrue(e.message.contains("ambiguous")) } else { XCTFail() }
        if case .failure(let e) = table.lookup(":zz") { XCTAssertTrue(e.message.contains("unknown")) } else { XCTFail() }
        XCTAssertEqual(Set(table.map(\.name)).count, table.count, "one entry per command")
    }

    func test_history_appendsToFileImmediately() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kg-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        var history = History(file: file)
        history.add("?- p(X,\n  Y).")
        history.add("?- p(X,\n  Y).")
        history.add(":stats")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "?- p(X, Y).\n:stats\n")
        let reloaded = History(file: file)
        XCTAssertEqual(reloaded.entries, ["?- p(X, Y).", ":stats"])
        XCTAssertEqual(reloaded.search("p(", before: 2), 0)
        XCTAssertNil(reloaded.search("zz", before: 2))
    }
}
