import Foundation
import KGCore

/// What reading a line gave.
public enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the caller drops any pending multi-line input.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case endOfInput
}

/// Completion candidates for the word before the cursor: where the word starts
/// (a character index into the line) and the full replacements for it.
public struct Completions {
    public var start: Int
    public var candidates: [String]
    public init(start: Int, candidates: [String]) {
        self.start = start
        self.candidates = candidates
    }
}

/// A hand-written line editor over a raw-mode terminal (in the spirit of
/// linenoise): Emacs keys, history with Ctrl-R search, tab completion, UTF-8
/// with double-width CJK, horizontal scrolling for long lines. When input is
/// not a terminal it reads plain lines and writes no escape codes.
public final class LineEditor {
    public let terminal: Terminal
    public var history: History
    public var complete: ((_ line: String, _ cursor: Int) -> Completions)?
    public let interactive: Bool

    public init(terminal: Terminal = Terminal(), history: History) {
        self.terminal = terminal
        self.history = history
        self.interactive = terminal.isInteractive
    }

    /// Reads one line after `prompt`.
    public func readLine(prompt: String) -> LineInput {
        guard interactive else {
            guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
            return .line(line)
        }
        do { try terminal.enableRaw() } catch {
            return .endOfInput
        }
        // Between prompts the terminal stays non-canonical with Ctrl-C as
        // SIGINT; `ReplSession.run` (and atexit, and SIGTERM/SIGHUP) restore it.
        defer { try? terminal.enableRaw(signals: true) }
        return edit(prompt: prompt)
    }

    /// Prints text on its own line(s) while not editing.
    public func print(_ text: String) {
        terminal.write(text)
    }

    // MARK: - Editing loop

    private var buffer = EditBuffer()
    private var first = 0
    private var prompt = ""
    private var lastKeyWasTab = false

    func edit(prompt: String) -> LineInput {
        self.prompt = prompt
        buffer = EditBuffer()
        first = 0
        var historyIndex = history.entries.count
        var draft = ""
        refresh()
        while true {
            guard let key = nextKey() else {
                terminal.write("\r\n")
                return .endOfInput
            }
            let wasTab = lastKeyWasTab
            lastKeyWasTab = false
            switch key {
            case .text(let scalar): buffer.insert(scalar)
            case .enter:
                buffer.end()
                refresh()
                terminal.write("\r\n")
                return .line(buffer.text)
            case .interrupt:
                buffer.end()
                refresh()
                terminal.write("^C\r\n")
                return .interrupted
            case .endOfInput:
                if buffer.chars.isEmpty {
                    terminal.write("\r\n")
                    return .endOfInput
                }
                buffer.deleteForward()
            case .tab: completeWord(listing: wasTab); lastKeyWasTab = true; continue
            case .backspace: buffer.backspace()
            case .delete: buffer.deleteForward()
            case .left: buffer.left()
            case .right: buffer.right()
            case .home: buffer.home()
            case .end: buffer.end()
            case .wordLeft: buffer.wordLeft()
            case .wordRight: buffer.wordRight()
            case .deleteWordLeft: buffer.deleteWordLeft()
            case .deleteWordRight: buffer.deleteWordRight()
            case .killToEnd: buffer.killToEnd()
            case .killToStart: buffer.killToStart()
            case .yank: buffer.yank()
            case .transpose: buffer.transpose()
            case .clearScreen: terminal.write("\u{1b}[H\u{1b}[2J")
            case .up:
                guard historyIndex > 0 else { bell(); continue }
                if historyIndex == history.entries.count { draft = buffer.text }
                historyIndex -= 1
                buffer.set(history.entries[historyIndex])
                first = 0
            case .down:
                guard historyIndex < history.entries.count else { bell(); continue }
                historyIndex += 1
                buffer.set(historyIndex == history.entries.count ? draft : history.entries[historyIndex])
                first = 0
            case .reverseSearch:
                if let accepted = reverseSearch() {
                    if case .line = accepted { terminal.write("\r\n") }
                    if case .line = accepted { return accepted }
                }
            case .cancel, .unknown: break
            }
            refresh()
        }
    }

    func nextKey() -> Key? {
        KeyDecoder.read { [terminal] shortWait in terminal.readByte(timeoutMs: shortWait ? 50 : nil) }
    }

    func bell() { terminal.write("\u{7}") }

    /// Redraws the prompt and the visible part of the buffer, then places the cursor.
    func refresh() {
        let view = LineView.layout(prompt: prompt, buffer: buffer, columns: terminal.columns, previousFirst: first)
        first = view.first
        var out = "\r" + prompt + view.visible + "\u{1b}[0K\r"
        if view.cursorColumn > 0 { out += "\u{1b}[\(view.cursorColumn)C" }
        terminal.write(out)
    }

    // MARK: - Completion

    func completeWord(listing: Bool) {
        guard let complete else { bell(); return }
        let result = complete(buffer.text, buffer.cursor)
        let typed = String(buffer.chars[result.start..<buffer.cursor])
        let matches = result.candidates
        if matches.isEmpty { bell(); refresh(); return }
        if matches.count == 1 {
            buffer.replace(from: result.start, with: matches[0])
            refresh()
            return
        }
        let common = matches.dropFirst().reduce(matches[0]) { commonPrefix($0, $1) }
        if common.count > typed.count {
            buffer.replace(from: result.start, with: common)
            refresh()
            return
        }
        if !listing { bell(); return }
        // Second Tab: list the candidates in columns under the line, then redraw.
        let width = (matches.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perRow = max(1, (terminal.columns - 1) / width)
        var out = "\r\n"
        for (i, m) in matches.prefix(200).enumerated() {
            out += m + String(repeating: " ", count: width - DisplayWidth.of(m))
            if (i + 1) % perRow == 0 { out += "\r\n" }
        }
        if matches.count % perRow != 0 || matches.count > 200 { out += "\r\n" }
        if matches.count > 200 { out += "(\(matches.count - 200) more)\r\n" }
        terminal.write(out)
        refresh()
    }

    func commonPrefix(_ a: String, _ b: String) -> String {
        String(zip(a, b).prefix { $0 == $1 }.map(\.0))
    }

    // MARK: - Ctrl-R

    /// Incremental reverse search. Returns `.line` when Enter accepts a match,
    /// nil when the search ends with the match (or the old line) left for editing.
    func reverseSearch() -> LineInput? {
        let original = buffer
        var query = ""
        var found: Int? = history.search("", before: history.entries.count)
        func show() {
            let match = found.map { history.entries[$0] } ?? ""
            let label = found == nil && !query.isEmpty ? "(failed reverse-i-search)`" : "(reverse-i-search)`"
            var line = label + query + "': " + match
            // Keep the search line on one row.
            while DisplayWidth.of(line) > terminal.columns - 1, !line.isEmpty { line.removeLast() }
            terminal.write("\r" + line + "\u{1b}[0K")
        }
        show()
        while let key = nextKey() {
            switch key {
            case .text(let scalar):
                query.unicodeScalars.append(scalar)
                found = history.search(query, before: (found ?? history.entries.count) + 1)
            case .backspace:
                if !query.isEmpty { query.removeLast() }
                found = history.search(query, before: history.entries.count)
            case .reverseSearch:
                if let f = found, let older = history.search(query, before: f) { found = older } else { bell() }
            case .cancel, .interrupt:
                buffer = original
                return nil
            case .enter:
                buffer.set(found.map { history.entries[$0] } ?? original.text)
                first = 0
                refresh()
                return .line(buffer.text)
            default:
                buffer.set(found.map { history.entries[$0] } ?? original.text)
                first = 0
                return nil
            }
            show()
        }
        return nil
    }
}
