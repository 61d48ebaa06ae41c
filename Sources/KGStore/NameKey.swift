import Foundation

/// The lookup key of an entity name or alias: NFKC, case-folded, with whitespace
/// and the name dots `·•・` removed, so `Jensen  Huang`, `jensen huang` and
/// `ＪＥＮＳＥＮ・HUANG` all find the same entity.
public enum NameKey {
    /// Scalars dropped from keys: whitespace is tested separately.
    static let dots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "\u{2219}"]

    /// The key of a name made only of ASCII and CJK unified ideographs (U+3400–U+4DBF,
    /// U+4E00–U+9FFF), written into `out` (at least as long as `name`); returns its
    /// length, or nil for any other scalar. NFKC and case folding leave those
    /// scalars as they are, so this is the whole rule for most names (`OpenAI`,
    /// `深度求索`, `Sam Altman`) without Foundation or a String.
    static func fastKey(_ name: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var n = 0, i = 0
        let count = name.count
        while i < count {
            let b = name[i]
            if b < 0x80 {
                switch b {
                case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: i += 1; continue
                case 0x41...0x5A: out[n] = b + 32
                default: out[n] = b
                }
                n += 1
                i += 1
            } else if b >= 0xE3 && b <= 0xE9 && i + 2 < count {
                // A three-byte sequence (the input is valid UTF-8).
                let scalar = UInt32(b & 0x0F) << 12 | UInt32(name[i + 1] & 0x3F) << 6 | UInt32(name[i + 2] & 0x3F)
                guard (0x3400...0x4DBF).contains(scalar) || (0x4E00...0x9FFF).contains(scalar) else { return nil }
                out[n] = b; out[n + 1] = name[i + 1]; out[n + 2] = name[i + 2]
                n += 3
                i += 3
            } else {
                return nil
            }
        }
        return n
    }

    public static func normalize(_ name: String) -> String {
        var name = name
        let fast: String? = name.withUTF8 { utf8 in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { out in
                fastKey(UnsafeRawBufferPointer(utf8), into: out).map { String(decoding: out[0..<$0], as: UTF8.self) }
            }
        }
        return fast ?? unicodeKey(name)
    }

    /// The rule in full, for any name: NFKC, lowercased, whitespace and name dots removed.
    static func unicodeKey(_ name: String) -> String {
        let folded = name.precomposedStringWithCompatibilityMapping.lowercased()
        var scalars = String.UnicodeScalarView()
        for s in folded.unicodeScalars where !s.properties.isWhitespace && !dots.contains(s) {
            scalars.append(s)
        }
        return String(scalars)
    }
}
