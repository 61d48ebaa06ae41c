/// Character classes on raw code points, shared by every scanner. Written as
/// range checks so the hot loops never build `Character` or `String` values.
@inline(__always) func isHan(_ c: UInt32) -> Bool {
    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)
}
@inline(__always) func isASCIIDigit(_ c: UInt32) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isASCIIUpper(_ c: UInt32) -> Bool { c >= 0x41 && c <= 0x5A }
@inline(__always) func isASCIILower(_ c: UInt32) -> Bool { c >= 0x61 && c <= 0x7A }
@inline(__always) func isASCIILetter(_ c: UInt32) -> Bool { isASCIIUpper(c) || isASCIILower(c) }
@inline(__always) func isLatinLetter(_ c: UInt32) -> Bool {
    isASCIILetter(c) || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7)
}
@inline(__always) func isLatinAlnum(_ c: UInt32) -> Bool { isLatinLetter(c) || isASCIIDigit(c) }
@inline(__always) func isSpace(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B)
}
@inline(__always) func isNewline(_ c: UInt32) -> Bool { c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 }
@inline(__always) func asciiLower(_ c: UInt32) -> UInt32 { isASCIIUpper(c) ? c + 32 : c }
/// The dots that join the parts of a transliterated name: · • ・ ‧ ･
@inline(__always) func isNameDot(_ c: UInt32) -> Bool {
    c == 0xB7 || c == 0x2022 || c == 0x30FB || c == 0x2027 || c == 0xFF65 || c == 0x2027
}

extension Array where Element == UInt32 {
    /// The code points of a string.
    init(scalarsOf s: String) { self = decodeScalars(s) }
    var string: String { stringOf(self[...]) }
}

/// A string's code points, decoded straight from its UTF-8 storage (much
/// faster than mapping `unicodeScalars`).
func decodeScalars(_ s: String) -> [UInt32] {
    var s = s
    return s.withUTF8 { buf -> [UInt32] in
        // at most one scalar per byte: decoded straight into the array's storage
        [UInt32](unsafeUninitializedCapacity: buf.count) { out, count in
            var i = 0, k = 0
            let n = buf.count
            while i < n {
                let b0 = UInt32(buf[i])
                if b0 < 0x80 { out[k] = b0; k += 1; i += 1; continue }
                if b0 < 0xE0, i + 1 < n {
                    out[k] = (b0 & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F); k += 1; i += 2; continue
                }
                if b0 < 0xF0, i + 2 < n {
                    out[k] = (b0 & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F); k += 1; i += 3; continue
                }
                if i + 3 < n {
                    out[k] = (b0 & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6 | UInt32(buf[i + 3] & 0x3F)
                    k += 1; i += 4; continue
                }
                out[k] = 0xFFFD; k += 1; i += 1
            }
            count = k
        }
    }
}

/// A string from code points, encoded to UTF-8 by hand straight into the
/// string's own storage: one allocation (none for the short names that fit a
/// small string), no intermediate byte array. A surrogate code point becomes
/// U+FFFD; a value above U+10FFFF is dropped.
func stringOf(_ a: ArraySlice<UInt32>) -> String {
    var count = 0
    for c in a {
        if c < 0x80 { count += 1 } else if c < 0x800 { count += 2 } else if c < 0x10000 { count += 3 } else if c < 0x110000 { count += 4 }
    }
    guard count > 0 else { return "" }
    return String(unsafeUninitializedCapacity: count) { buf in
        var k = 0
        for c in a {
            if c < 0x80 {
                buf[k] = UInt8(c); k += 1
            } else if c < 0x800 {
                buf[k] = UInt8(0xC0 | c >> 6); buf[k + 1] = UInt8(0x80 | c & 0x3F); k += 2
            } else if c < 0x10000 {
                if c >= 0xD800 && c < 0xE000 { buf[k] = 0xEF; buf[k + 1] = 0xBF; buf[k + 2] = 0xBD; k += 3; continue }
                buf[k] = UInt8(0xE0 | c >> 12); buf[k + 1] = UInt8(0x80 | (c >> 6) & 0x3F); buf[k + 2] = UInt8(0x80 | c & 0x3F); k += 3
            } else if c < 0x110000 {
                buf[k] = UInt8(0xF0 | c >> 18); buf[k + 1] = UInt8(0x80 | (c >> 12) & 0x3F)
                buf[k + 2] = UInt8(0x80 | (c >> 6) & 0x3F); buf[k + 3] = UInt8(0x80 | c & 0x3F); k += 4
            }
        }
        return k
    }
}
