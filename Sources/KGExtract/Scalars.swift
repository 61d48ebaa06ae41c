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
    init(scalarsOf s: String) { self = s.unicodeScalars.map { $0.value } }
    var string: String {
        var s = String.UnicodeScalarView()
        for c in self { if let u = Unicode.Scalar(c) { s.append(u) } }
        return String(s)
    }
}

func stringOf(_ a: ArraySlice<UInt32>) -> String {
    var s = String.UnicodeScalarView()
    for c in a { if let u = Unicode.Scalar(c) { s.append(u) } }
    return String(s)
}
