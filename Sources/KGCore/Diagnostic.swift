/// A place in a source text: a query file, a `-e` argument, a REPL line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// File path, or `<command line>`, `<repl>`.
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, counted in characters.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// An error or warning tied to a place in a source text. Every stage reports
/// user mistakes through this one type so that they all print alike:
///
///     rules.dl:3:14: error: expected ')' after arguments
///       reach(X, Y :- edge(X, Y).
///                  ^
public struct Diagnostic: Error, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The text of the offending line, for the caret display.
    public var sourceLine: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `file:line:col: error: message`, then the line and a caret under the column
    /// (the caret's indent counts wide characters as two columns).
    public var description: String {
        var out = "\(location): \(severity.rawValue): \(message)"
        if let line = sourceLine {
            out += "\n  " + line + "\n  "
            let prefix = line.prefix(max(0, location.column - 1))
            out += String(repeating: " ", count: DisplayWidth.of(prefix)) + "^"
        }
        return out
    }
}
