import Foundation

/// The lookup key of an entity name or alias: NFKC, case-folded, with whitespace
/// and the name dots `·•・` removed, so `Jensen  Huang`, `jensen huang` and
/// `ＪＥＮＳＥＮ・HUANG` all find the same entity.
public enum NameKey {
    /// Scalars dropped from keys: whitespace is tested separately.
    static let dots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "\u{2219}"]

    /// The key of an all-ASCII name, written into `out` (at least as long as
    /// `name`); returns its length, or nil when `name` is not ASCII. NFKC is the
    /// identity on ASCII, so this is the whole rule for most names, without a String.
    static func asciiKey(_ name: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var n = 0
        for b in name {
            switch b {
            case 0x80...: return nil
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: continue
            case 0x41...0x5A: out[n] = b + 32
            default: out[n] = b
            }
            n += 1
        }
        return n
    }

    public static func normalize(_ name: String) -> String {
        var name = name
        let ascii: String? = name.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { out in
                asciiKey(UnsafeRawBufferPointer(utf8), into: out).map { String(decoding: out[0..<$0], as: UTF8.self) }
            }
        }
        if let ascii { return ascii }
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        for s in folded.unicodeScalars where !s.properties.isWhitespace && !dots.contains(s) {
            scalars.append(s)
        }
        return String(scalars)
    }
}
