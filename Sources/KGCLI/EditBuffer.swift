import KGCore

/// The line being edited: characters (grapheme clusters) and a cursor between
/// them. Pure value: every editing key is a method here, so the editing rules
/// are tested without a terminal.
public struct EditBuffer: Equatable {
    public private(set) var chars: [Character] = []
    /// 0...chars.count.
    public var cursor = 0
    /// What the last kill removed, for Ctrl-Y.
    public var killRing = ""

    public init(_ text: String = "") {
        chars = Array(text.prefix(Self.maxLength))
        cursor = chars.count
    }

    public var text: String { String(chars) }

    public mutating func set(_ text: String) {
        chars = Array(text.prefix(Self.maxLength))
        cursor = chars.count
    }

    /// The longest line the buffer holds, in characters: what would not fit is
    /// left out (a paste or a repeated Ctrl-U/Ctrl-Y cannot grow the line, and each
    /// redraw with it, without bound).
    public static let maxLength = 100_000

    /// Inserts a scalar at the cursor; a combining mark joins the character before it.
    public mutating func insert(_ scalar: Unicode.Scalar) {
        if cursor > 0, DisplayWidth.of(scalar) == 0, scalar.value >= 0x300 {
            let joined = String(chars[cursor - 1]) + String(scalar)
            if joined.count == 1 { chars[cursor - 1] = Character(joined); return }
        }
        guard chars.count < Self.maxLength else { return }
        chars.insert(Character(scalar), at: cursor)
        cursor += 1
    }

    /// Inserts text at the cursor in one move (a long paste or yank costs its length
    /// plus the line's, not their product); a leading combining mark joins the
    /// character before the cursor. Returns false when the text was cut at `maxLength`.
    @discardableResult
    public mutating func insert(_ text: String) -> Bool {
        var new = Array(text)
        guard let first = new.first else { return true }
        if cursor > 0, let mark = first.unicodeScalars.first, DisplayWidth.of(mark) == 0, mark.value >= 0x300 {
            let joined = String(chars[cursor - 1]) + String(first)
            if joined.count == 1 { chars[cursor - 1] = Character(joined); new.removeFirst() }
        }
        let room = max(0, Self.maxLength - chars.count)
        let fits = new.count <= room
        if !fits { new.removeLast(new.count - room) }
        chars.insert(contentsOf: new, at: cursor)
        cursor += new.count
        return fits
    }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(chars.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = chars.count }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        chars.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < chars.count else { return }
        chars.remove(at: cursor)
    }

    public mutating func killToEnd() {
        killRing = String(chars[cursor...])
        chars.removeSubrange(cursor...)
    }

    public mutating func killToStart() {
        killRing = String(chars[..<cursor])
        chars.removeSubrange(..<cursor)
        cursor = 0
    }

    public mutating func yank() { insert(killRing) }

    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Start of the word before the cursor (skipping separators first).
    func wordStartBefore(_ i: Int) -> Int {
        var j = i
        while j > 0 && !Self.isWord(chars[j - 1]) { j -= 1 }
        while j > 0 && Self.isWord(chars[j - 1]) { j -= 1 }
        return j
    }

    /// End of the word after the cursor (skipping separators first).
    func wordEndAfter(_ i: Int) -> Int {
        var j = i
        while j < chars.count && !Self.isWord(chars[j]) { j += 1 }
        while j < chars.count && Self.isWord(chars[j]) { j += 1 }
        return j
    }

    public mutating func wordLeft() { cursor = wordStartBefore(cursor) }
    public mutating func wordRight() { cursor = wordEndAfter(cursor) }

    /// Ctrl-W: removes back to the previous whitespace (shell habit), keeping it for Ctrl-Y.
    public mutating func deleteWordLeft() {
        var j = cursor
        while j > 0 && chars[j - 1].isWhitespace { j -= 1 }
        while j > 0 && !chars[j - 1].isWhitespace { j -= 1 }
        killRing = String(chars[j..<cursor])
        chars.removeSubrange(j..<cursor)
        cursor = j
    }

    /// Alt-d: removes to the end of the next word.
    public mutating func deleteWordRight() {
        let j = wordEndAfter(cursor)
        killRing = String(chars[cursor..<j])
        chars.removeSubrange(cursor..<j)
    }

    /// Ctrl-T: swaps the two characters before the cursor (or around it).
    public mutating func transpose() {
        guard chars.count >= 2, cursor > 0 else { return }
        let i = cursor == chars.count ? cursor - 1 : cursor
        chars.swapAt(i - 1, i)
        cursor = min(chars.count, i + 1)
    }

    /// Replaces `chars[start..<cursor]` with `replacement` (tab completion).
    public mutating func replace(from start: Int, with replacement: String) {
        chars.replaceSubrange(start..<cursor, with: Array(replacement))
        cursor = start + replacement.count
    }
}

/// What one line shows when the buffer is wider than the terminal: a window of
/// characters around the cursor (horizontal scrolling), measured in terminal
/// columns so wide CJK characters count two.
public struct LineView: Equatable {
    /// Index of the first character shown.
    public var first: Int
    /// The characters shown.
    public var visible: String
    /// Column of the cursor, counting from the start of the prompt.
    public var cursorColumn: Int

    /// The window for `buffer` after `prompt`, given the previous window start
    /// (so the view does not jump while the cursor moves inside it). Cost: linear
    /// in the buffer's length.
    public static func layout(prompt: String, buffer: EditBuffer, columns: Int, previousFirst: Int = 0) -> LineView {
        let promptWidth = DisplayWidth.of(prompt)
        // Leave the last column free: writing into it makes some terminals wrap.
        let room = max(4, columns - promptWidth - 1)
        let widths = buffer.chars.map { max(DisplayWidth.of(String($0)), $0.isASCII && $0.asciiValue! < 0x20 ? 2 : 0) }
        var first = min(previousFirst, buffer.cursor)
        // One pass each (a pasted line can be long: the window moves without re-summing).
        var beforeCursor = widths[first..<buffer.cursor].reduce(0, +)
        while beforeCursor > room - 1 && first < buffer.cursor {
            beforeCursor -= widths[first]
            first += 1
        }
        // Show the whole line from the start when it fits.
        if widths.reduce(0, +) <= room {
            first = 0
            beforeCursor = widths[0..<buffer.cursor].reduce(0, +)
        }
        var shown = ""
        var used = 0
        var i = first
        while i < buffer.chars.count && used + widths[i] <= room {
            let c = buffer.chars[i]
            if let a = c.asciiValue, a < 0x20 { shown += "^" + String(UnicodeScalar(a + 64)) } else { shown.append(c) }
            used += widths[i]
            i += 1
        }
        return LineView(first: first, visible: shown, cursorColumn: promptWidth + beforeCursor)
    }
}
