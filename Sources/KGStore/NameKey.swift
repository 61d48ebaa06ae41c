import Foundation

/// The lookup key of an entity name or alias: NFKC, case-folded, with whitespace
/// and the name dots `·•・` removed, so `Jensen  Huang`, `jensen huang` and
/// `ＪＥＮＳＥＮ・HUANG` all find the same entity.
public enum NameKey {
    /// Scalars dropped from keys: whitespace is tested separately.
    static let dots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "\u{2219}"]

    public static func normalize(_ name: String) -> String {
        var ascii = true
        for b in name.utf8 where b >= 0x80 { ascii = false; break }
        if ascii {
            // Fast path (most names): NFKC is the identity on ASCII.
            var out: [UInt8] = []
            out.reserveCapacity(name.utf8.count)
            for b in name.utf8 {
                switch b {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
                case 0x41...0x5A: out.append(b + 32)
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        for s in folded.unicodeScalars where !s.properties.isWhitespace && !dots.contains(s) {
            scalars.append(s)
        }
        return String(scalars)
    }
}
