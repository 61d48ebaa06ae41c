// libFuzzer target: bytes as typed at the REPL, through the key decoder, into the
// line buffer's editing operations, then laid out for a narrow terminal.
import KGCLI

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRepl(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var i = 0
    func next(_ shortWait: Bool) -> UInt8? {
        guard i < size else { return nil }
        defer { i += 1 }
        return data[i]
    }
    var buffer = EditBuffer()
    var steps = 0
    while let key = KeyDecoder.read(next), steps < 2_000 {
        steps += 1
        buffer.apply(fuzzKey: key)
        _ = LineView.layout(prompt: "kg> ", buffer: buffer, columns: 1 + steps % 40)
    }
    return 0
}

extension EditBuffer {
    /// Maps a decoded key to the edit the line editor makes for it.
    mutating func apply(fuzzKey key: Key) {
        switch key {
        case .text(let c): insert(c)
        case .left: left()
        case .right: right()
        case .home: home()
        case .end: end()
        case .backspace: backspace()
        case .delete: deleteForward()
        case .killToEnd: killToEnd()
        case .killToStart: killToStart()
        case .yank: yank()
        case .wordLeft: wordLeft()
        case .wordRight: wordRight()
        case .deleteWordLeft: deleteWordLeft()
        case .deleteWordRight: deleteWordRight()
        case .transpose: transpose()
        case .tab: replace(from: max(0, cursor - 2), with: "entity(")
        // History recall stands in as a longer line; capped, as doubling it would grow without bound.
        case .up, .down: set(String((text + " " + text.prefix(8)).prefix(8192)))
        default: break
        }
    }
}
