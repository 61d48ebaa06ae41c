/// One key press as the line editor understands it, decoded from the bytes a
/// terminal sends (UTF-8 text, control characters, VT100/xterm escape sequences).
public enum Key: Equatable, Sendable {
    case text(Unicode.Scalar)
    case enter, tab, backspace, delete
    case left, right, home, end, up, down
    case wordLeft, wordRight, deleteWordLeft, deleteWordRight
    case killToEnd, killToStart, yank
    case interrupt, endOfInput, clearScreen, reverseSearch, cancel, transpose
    case unknown
}

/// Turns a byte source into keys. Pure over its `next` closure, so tests can
/// feed it byte arrays.
public struct KeyDecoder {
    /// Single control bytes, by value.
    static let controls: [UInt8: Key] = [
        1: .home, 2: .left, 3: .interrupt, 4: .endOfInput, 5: .end, 6: .right, 7: .cancel,
        8: .backspace, 9: .tab, 10: .enter, 11: .killToEnd, 12: .clearScreen, 13: .enter,
        14: .down, 16: .up, 18: .reverseSearch, 20: .transpose, 21: .killToStart, 23: .deleteWordLeft,
        25: .yank, 127: .backspace,
    ]
    /// `ESC [ … final` sequences by their parameter text and final byte.
    static let csi: [String: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end,
        "1~": .home, "7~": .home, "4~": .end, "8~": .end, "3~": .delete,
        "1;5C": .wordRight, "1;5D": .wordLeft, "1;3C": .wordRight, "1;3D": .wordLeft,
        "5C": .wordRight, "5D": .wordLeft, "3;5~": .deleteWordRight,
    ]
    /// `ESC x` (Alt-x, or Meta) keys.
    static let meta: [UInt8: Key] = [
        UInt8(ascii: "b"): .wordLeft, UInt8(ascii: "f"): .wordRight, UInt8(ascii: "d"): .deleteWordRight,
        127: .deleteWordLeft, 8: .deleteWordLeft,
    ]

    /// Reads one key. `next(wait)` returns a byte, or nil at end of input (or
    /// when `wait` is true and nothing follows quickly, which tells a lone ESC
    /// from the start of a sequence).
    public static func read(_ next: (_ shortWait: Bool) -> UInt8?) -> Key? {
        guard let b = next(false) else { return nil }
        if b == 27 { return escape(next) }
        if let key = controls[b] { return key }
        if b < 0x20 { return .unknown }
        if b < 0x80 { return .text(Unicode.Scalar(b)) }
        // UTF-8: the lead byte says how many continuation bytes follow.
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
        guard length > 0 else { return .unknown }
        var bytes = [b]
        for _ in 1..<length {
            guard let c = next(false), c & 0xC0 == 0x80 else { return .unknown }
            bytes.append(c)
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return .text(scalar) }
        return .unknown
    }

    static func escape(_ next: (_ shortWait: Bool) -> UInt8?) -> Key {
        guard let b = next(true) else { return .cancel }
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "O") {
            var params = ""
            while let c = next(true) {
                if c >= 0x40 && c <= 0x7E { // final byte
                    params.unicodeScalars.append(Unicode.Scalar(c))
                    if b == UInt8(ascii: "O") {
                        switch c {
                        case UInt8(ascii: "H"): return .home
                        case UInt8(ascii: "F"): return .end
                        case UInt8(ascii: "A"): return .up
                        case UInt8(ascii: "B"): return .down
                        case UInt8(ascii: "C"): return .right
                        case UInt8(ascii: "D"): return .left
                        default: return .unknown
                        }
                    }
                    return csi[params] ?? .unknown
                }
                params.unicodeScalars.append(Unicode.Scalar(c))
                if params.count > 16 { return .unknown }
            }
            return .unknown
        }
        return meta[b] ?? .unknown
    }
}
