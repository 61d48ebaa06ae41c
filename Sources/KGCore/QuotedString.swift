/// One string escaper for the output formats that quote with C-style
/// backslash escapes: JSON answers, Cypher string literals, N-Triples and
/// Turtle literals. All three read the same escapes, so one table serves.
public enum QuotedString {
    /// Short escapes every one of those formats reads.
    static let shortEscapes: [Unicode.Scalar: String] = [
        "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f",
    ]

    /// `s` between two `quote` marks: the quote and `\` escaped with a
    /// backslash, `\n \r \t \b \f` in their short form, every other C0 control
    /// character and DEL as `\uXXXX`; everything else as it is (no escaping of
    /// non-ASCII). Cost: one pass over the scalars.
    public static func backslashEscaped(_ s: String, quote: Unicode.Scalar) -> String {
        var out = String(quote)
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            if scalar == quote {
                out += "\\" + String(quote)
            } else if let short = shortEscapes[scalar] {
                out += short
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }
}
