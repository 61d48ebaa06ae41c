/// Tells whether REPL input is a whole clause yet: the last thing outside
/// strings and comments is the clause's closing `.` (so `p(X) :-` on one line
/// asks for more, and `"a.b"` or `% done.` do not end anything).
/// A Soufflé directive (`.decl e(x:number)`, `.output e`) has no closing `.`: it is
/// whole at the end of its line once its parentheses close.
public enum ClauseScanner {
    public static func isComplete(_ text: String) -> Bool {
        if isDirective(text) { return directiveIsComplete(text) }
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

    private static func isDirective(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard trimmed.first == ".", let second = trimmed.dropFirst().first else { return false }
        return second.isLowercase
    }

    /// Parentheses closed (outside strings and comments) and the last word not `,`, `=` or `|`.
    private static func directiveIsComplete(_ text: String) -> Bool {
        var depth = 0, inString = false, escaped = false, inComment = false
        var last: Character?
        var previous: Character?
        for c in text {
            defer { previous = c }
            if inComment { if c == "\n" { inComment = false }; continue }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                last = c
                continue
            }
            switch c {
            case "\"": inString = true
            case "%": inComment = true
            case "/" where previous == "/": inComment = true
            case "(": depth += 1
            case ")": depth -= 1
            default: break
            }
            if !c.isWhitespace && !inComment { last = c }
        }
        return !inString && depth <= 0 && ![",", "=", "|"].contains(last)
    }
}

