import KGCore

struct Token {
    enum Kind: Equatable {
        case identifier(String)   // lowercase-initial name
        case variable(String)     // uppercase- or _-initial name
        case string(String)
        case integer(Int64)
        case decimal(Double)
        case symbol(String)       // ( ) , . :- ?- <- = != < <= > >= + - * / % : { } ; | [ ] $ @ ^ <:
        case directive(String)    // .decl, .input, .printsize, ...: its arguments follow as tokens
        case directiveEnd         // the end of a directive's line (or lines, while a '(' is open)
        case end
    }
    var kind: Kind
    var location: SourceLocation
}

/// Splits a source text into tokens. Comments: `%` and `//` to end of line,
/// `/* … */` (not nested). A directive (`.decl`, `.input`, …) at the start of a
/// line is its name, its argument tokens, then `directiveEnd` at the end of the
/// line (later lines belong to it while a parenthesis is open or the line ends
/// with `,`, `=`, `|` or `<:`); inside a directive `%` always starts a comment.
struct Lexer {
    let file: String
    let lines: [String]
    private let scalars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var column = 1

    init(text: String, file: String) {
        self.file = file
        self.scalars = Array(text.unicodeScalars)
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }

    /// The source text from `a` through the character at `b`, lines joined by a
    /// space and indentation dropped (for headings and rule names).
    func slice(from a: SourceLocation, to b: SourceLocation) -> String? {
        guard a.line <= b.line, a.line >= 1, b.line <= lines.count else { return nil }
        var parts: [String] = []
        for n in a.line...b.line {
            let chars = Array(lines[n - 1])
            let from = n == a.line ? a.column - 1 : 0
            let to = n == b.line ? min(b.column, chars.count) : chars.count
            guard from <= to else { return nil }
            parts.append(String(chars[from..<to]).trimmingCharactersInSet())
        }
        return parts.filter { !$0.isEmpty }.joined(separator: " ")
    }

    func sourceLine(_ n: Int) -> String? { n >= 1 && n <= lines.count ? lines[n - 1] : nil }

    func error(_ message: String, at loc: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: loc, message, sourceLine: sourceLine(loc.line))
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    private mutating func advance() {
        if scalars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
        i += 1
    }

    /// `%` is the remainder operator right after a term when an operand follows
    /// (`X % 2`); anywhere else it starts a comment.
    private func percentIsOperator(after previous: Token?) -> Bool {
        guard let previous else { return false }
        switch previous.kind {
        case .variable, .integer, .decimal, .string, .identifier, .symbol(")"): break
        default: return false
        }
        var k = 1
        while let d = peek(k), d == " " || d == "\t" { k += 1 }
        guard let d = peek(k) else { return false }
        return d == "(" || d == "_" || d == "-" || d.properties.isAlphabetic || ("0"..."9").contains(d)
    }

    private static func isIdentifierScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    mutating func tokenize() throws -> [Token] {
        var out: [Token] = []
        var atLineStart = true
        var inDirective = false
        var directiveDepth = 0
        /// Whether a directive's line break ends it (see the type's comment).
        func directiveEndsAtLineBreak() -> Bool {
            guard inDirective, directiveDepth <= 0 else { return false }
            if case .symbol(let s) = out.last?.kind, [",", "=", "|", "<:", "("].contains(s) { return false }
            // `.type T` followed by `= A {}` or `| B {}` on the next lines.
            var k = 1
            while let d = peek(k), d == " " || d == "\t" || d == "\r" || d == "\n" { k += 1 }
            if let d = peek(k), d == "=" || d == "|" || (d == "<" && peek(k + 1) == ":") { return false }
            return true
        }
        while true {
            // whitespace and comments
            while let c = peek() {
                if c == "\n" {
                    if directiveEndsAtLineBreak() {
                        out.append(Token(kind: .directiveEnd, location: SourceLocation(file: file, line: line, column: column)))
                        inDirective = false
                    }
                    advance(); atLineStart = true; continue
                }
                if c == " " || c == "\t" || c == "\r" { advance(); continue }
                if (c == "%" && (inDirective || !percentIsOperator(after: out.last))) || (c == "/" && peek(1) == "/") {
                    while let d = peek(), d != "\n" { advance() }
                    continue
                }
                if c == "/" && peek(1) == "*" {
                    let start = SourceLocation(file: file, line: line, column: column)
                    advance(); advance()
                    while !(peek() == "*" && peek(1) == "/") {
                        guard peek() != nil else { throw error("unterminated block comment: expected '*/'", at: start) }
                        advance()
                    }
                    advance(); advance()
                    continue
                }
                break
            }
            let loc = SourceLocation(file: file, line: line, column: column)
            guard let c = peek() else {
                if inDirective { out.append(Token(kind: .directiveEnd, location: loc)) }
                out.append(Token(kind: .end, location: loc))
                return out
            }
            let startOfLine = atLineStart
            atLineStart = false
            if c == "." , startOfLine, !inDirective, let d = peek(1), d.properties.isLowercase {
                advance()
                var name = ""
                while let d = peek(), Lexer.isIdentifierScalar(d) { name.unicodeScalars.append(d); advance() }
                out.append(Token(kind: .directive(name), location: loc))
                inDirective = true
                directiveDepth = 0
                continue
            }
            if inDirective {
                if c == "(" { directiveDepth += 1 } else if c == ")" { directiveDepth -= 1 }
            }
            if c == "\"" {
                advance()
                var s = ""
                while true {
                    guard let d = peek(), d != "\n" else {
                        throw error("unterminated string: expected a closing '\"'", at: loc)
                    }
                    advance()
                    if d == "\"" { break }
                    if d == "\\" {
                        guard let e = peek() else { throw error("unterminated string", at: loc) }
                        let here = SourceLocation(file: file, line: line, column: column - 1)
                        advance()
                        switch e {
                        case "n": s += "\n"
                        case "t": s += "\t"
                        case "\"": s += "\""
                        case "\\": s += "\\"
                        default: throw error("unknown escape '\\\(e)': expected \\\", \\\\, \\n or \\t", at: here)
                        }
                        continue
                    }
                    s.unicodeScalars.append(d)
                }
                out.append(Token(kind: .string(s), location: loc))
                continue
            }
            if c == "0", let x = peek(1), x == "x" || x == "X" || x == "b" || x == "B",
               let d = peek(2), d.properties.isASCIIHexDigit {
                // Soufflé's 0xFF and 0b101
                advance(); advance()
                let radix = (x == "x" || x == "X") ? 16 : 2
                var text = ""
                while let d = peek(), d.properties.isASCIIHexDigit { text.unicodeScalars.append(d); advance() }
                guard let v = Int64(text, radix: radix) else { throw error("number '0\(x)\(text)' is not valid or too large", at: loc) }
                out.append(Token(kind: .integer(v), location: loc))
                continue
            }
            if ("0"..."9").contains(c) {
                var text = ""
                while let d = peek(), ("0"..."9").contains(d) { text.unicodeScalars.append(d); advance() }
                var isDecimal = false
                if peek() == ".", let d = peek(1), ("0"..."9").contains(d) {
                    isDecimal = true
                    text += "."; advance()
                    while let d = peek(), ("0"..."9").contains(d) { text.unicodeScalars.append(d); advance() }
                }
                if let e = peek(), e == "e" || e == "E" {
                    let sign = peek(1)
                    let digitAt = (sign == "+" || sign == "-") ? 2 : 1
                    if let d = peek(digitAt), ("0"..."9").contains(d) {
                        isDecimal = true
                        for _ in 0..<digitAt { text.unicodeScalars.append(peek()!); advance() }
                        while let d = peek(), ("0"..."9").contains(d) { text.unicodeScalars.append(d); advance() }
                    }
                }
                // Soufflé's unsigned literal: 1u (kg numbers are 64-bit signed integers)
                if !isDecimal, peek() == "u", !(peek(1).map(Lexer.isIdentifierScalar) ?? false) { advance() }
                if isDecimal {
                    out.append(Token(kind: .decimal(Double(text) ?? 0), location: loc))
                } else if let v = Int64(text) {
                    out.append(Token(kind: .integer(v), location: loc))
                } else {
                    throw error("integer '\(text)' is too large", at: loc)
                }
                continue
            }
            if c == "_" || c.properties.isAlphabetic {
                var name = ""
                while let d = peek(), Lexer.isIdentifierScalar(d) { name.unicodeScalars.append(d); advance() }
                let first = name.unicodeScalars.first!
                let isVariable = first == "_" || first.properties.isUppercase
                out.append(Token(kind: isVariable ? .variable(name) : .identifier(name), location: loc))
                continue
            }
            let two = peek(1).map { String(c) + String($0) } ?? ""
            if [":-", "?-", "<-", "!=", "<=", ">=", "<:"].contains(two) {
                advance(); advance()
                out.append(Token(kind: .symbol(two), location: loc))
                continue
            }
            if c == "!", peek(1) != "=" {
                // Soufflé's negation `!p(X)` is kg's `not p(X)`.
                advance()
                out.append(Token(kind: .identifier("not"), location: loc))
                continue
            }
            if "(),.=<>+-*/%:{};|[]$@^".unicodeScalars.contains(c) {
                advance()
                out.append(Token(kind: .symbol(String(c)), location: loc))
                continue
            }
            throw error("unexpected character '\(c)'", at: loc)
        }
    }
}

extension String {
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
