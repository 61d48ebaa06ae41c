/// Tells whether REPL input is a whole clause yet: the last thing outside
/// strings and comments is the clause's closing `.` (so `p(X) :-` on one line
/// asks for more, and `"a.b"` or `% done.` do not end anything).
public enum ClauseScanner {
    public static func isComplete(_ text: String) -> Bool {
        var last: Character?
        var inString = false
        var escaped = false
        var inComment = false
        var previous: Character?
        for c in text {
            defer { previous = c }
            if inComment {
                if c == "\n" { inComment = false }
                continue
            }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false; last = c }
                continue
            }
            switch c {
            case "\"": inString = true
            case "%": inComment = true
            case "/" where previous == "/":
                inComment = true
                last = nil
            default:
                if !c.isWhitespace { last = c }
            }
        }
        return !inString && last == "."
    }
}
