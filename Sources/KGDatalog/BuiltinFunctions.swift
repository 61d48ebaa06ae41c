import Foundation
import KGCore

/// Built-in tests usable as body literals, with their arity. `contains(S, T)`:
/// S contains T (in a Soufflé text the parser swaps Soufflé's `contains(T, S)`);
/// `match(P, S)`: the regular expression P matches the whole of S (Soufflé's).
let builtinTests: [String: Int] = ["contains": 2, "starts_with": 2, "ends_with": 2, "match": 2]

/// Built-in functions usable in expressions, with how many arguments each takes.
/// kg's own: lower, upper, length, concat, abs; Soufflé's: cat, strlen, substr,
/// to_number, to_string, to_float, to_unsigned, min and max of two or more, ord
/// (a symbol's number in the session's symbol table: JoinRunner.evaluate computes it).
let builtinFunctions: [String: ClosedRange<Int>] = [
    "lower": 1...1, "upper": 1...1, "length": 1...1, "concat": 2...2, "abs": 1...1,
    "to_string": 1...1, "to_number": 1...1, "to_float": 1...1, "to_unsigned": 1...1,
    "__souffle_to_string": 1...1, "bnot": 1...1, "lnot": 1...1, "cat": 2...64, "strlen": 1...1, "substr": 3...3, "min": 2...64, "max": 2...64,
    "ord": 1...1, "autoinc": 0...0,
]

/// Functions whose Soufflé meaning differs from kg's: in a Soufflé text (one with
/// a `.decl`) the parser calls the Soufflé one.
let souffleFunctionNames: [String: String] = ["to_string": "__souffle_to_string"]

/// Soufflé functors kg does not implement, with why (an error at the call).
let unsupportedFunctions: [String: String] = [
    "range": "range(…) is supported only as 'x = range(a, b[, step])', a literal of its own",
    "as": "as(…) type casts are not supported",
]

/// Compiled regular expressions for `match`, shared by every evaluation (the
/// patterns of a program are few). Thread-safe.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private var compiled: [String: NSRegularExpression?] = [:]
    private let lock = NSLock()

    /// The pattern compiled, or nil when it is not a valid regular expression.
    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let r = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z", options: [])
        compiled[pattern] = r
        return r
    }

    /// Whether `pattern` matches all of `text` (an invalid pattern matches nothing).
    func fullMatch(pattern: String, text: String) -> Bool {
        guard let r = regex(pattern) else { return false }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return r.firstMatch(in: text, options: [.anchored], range: range) != nil
    }
}
