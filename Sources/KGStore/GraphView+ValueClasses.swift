import KGCore

/// Which object/subject codes read as the same value once the Datalog engine
/// turns them into strings: an entity reads as its canonical name (`"#id"` when
/// it is no live entity), a string literal as itself. Two live entities with the
/// same name, or a literal spelled like an entity's name, are one value, so an
/// aggregate computed on codes must count them once.
///
/// `representative(_:)` maps a code to one code of its class (the entity of the
/// name's first holder; a literal spelled like a name maps to that entity); codes
/// in a class of more than one are `isShared`. Without any such pair both are trivial.
public struct GraphValueClasses: Sendable {
    /// Per entity slot: the representative id (the id itself when alone in its class). Empty when no class has two codes.
    let entityRep: [Int32]
    /// Per entity slot: in a class of more than one code.
    let entityShared: [Bool]
    /// Literal code -> representative entity, for string literals spelled like a live entity's name.
    let literalRep: [Int32: Int32]

    /// Whether some class has two or more codes (else every code is its own class).
    public var hasSharedValues: Bool { !entityRep.isEmpty }

    @inline(__always)
    public func representative(_ code: Int32) -> Int32 {
        if entityRep.isEmpty { return code }
        if code >= 0 { return Int(code) < entityRep.count ? entityRep[Int(code)] : code }
        return literalRep[code] ?? code
    }

    @inline(__always)
    public func isShared(_ code: Int32) -> Bool {
        if entityRep.isEmpty { return false }
        if code >= 0 { return Int(code) < entityShared.count && entityShared[Int(code)] }
        return literalRep[code] != nil
    }
}

extension GraphView {
    /// The value classes of the entity and literal codes (see `GraphValueClasses`),
    /// or nil when codes cannot stand for values exactly: a name, literal or
    /// predicate that Swift's string equality could equate with a different byte
    /// string (characters outside Latin-1 and the common CJK blocks), or a name or
    /// literal of the form `#digits` (which a non-entity's `"#id"` could equal).
    /// Cost: one pass over the entity slots and the name bytes, one string-table
    /// lookup per string literal, O(predicates); integer work, no String per
    /// entity. Callers cache it per view.
    public func valueClasses() -> GraphValueClasses? {
        let s = state
        let arena = s.strings.arena, starts = s.strings.starts
        /// Whether the bytes `[start, end)` of the string arena are a plain string (see
        /// above) and not `#digits`; false when they cannot be read (a damaged chunk).
        func plainBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
            if end - start >= 2 && bytes[start] == UInt8(ascii: "#") && bytes[start + 1] >= 0x30 && bytes[start + 1] <= 0x39 {
                return false
            }
            return GraphView.isSimpleUTF8(bytes, start, end)
        }
        func plain(_ start: Int, _ end: Int) -> Bool {
            arena.withBytes(start, end) { raw in
                raw.withMemoryRebound(to: UInt8.self) { plainBytes($0, 0, $0.count) }
            } ?? false
        }
        var ok = true
        var owner = [Int32](repeating: -1, count: s.strings.count)
        var rep: [Int32] = []
        var shared: [Bool] = []
        var literalRep: [Int32: Int32] = [:]
        scan: do {
            for id in 1..<max(1, s.entityState.count) where s.entityState[id] == GraphState.live && s.mergedInto[id] < 0 {
                let name = Int(s.entityName[id])
                guard owner[name] < 0 else {
                    if rep.isEmpty {
                        rep = (0..<Int32(s.entityState.count)).map { $0 }
                        shared = [Bool](repeating: false, count: s.entityState.count)
                    }
                    rep[id] = owner[name]
                    shared[id] = true
                    shared[Int(owner[name])] = true
                    continue
                }
                owner[name] = Int32(id)
                if !plain(starts[name], starts[name + 1]) { ok = false; break scan }
            }
            for (k, literal) in s.literals.enumerated() {
                guard case .string(let text) = literal else { continue }
                guard let sid = s.strings.lookup(text) else {
                    // Not interned: compare its own bytes.
                    var t = text
                    let isPlain = t.withUTF8 { b in plainBytes(b, 0, b.count) }
                    if !isPlain { ok = false; break scan }
                    continue
                }
                if !plain(starts[Int(sid)], starts[Int(sid) + 1]) { ok = false; break scan }
                let o = owner[Int(sid)]
                guard o >= 0 else { continue }
                if rep.isEmpty {
                    rep = (0..<Int32(s.entityState.count)).map { $0 }
                    shared = [Bool](repeating: false, count: s.entityState.count)
                }
                literalRep[-1 - Int32(k)] = o
                shared[Int(o)] = true
            }
        }
        guard ok else { return nil }
        let predicateArena = s.predicateNames.arena, predicateStarts = s.predicateNames.starts
        let predicatesPlain = (0..<s.predicateNames.count).allSatisfy { i in
            predicateArena.withBytes(predicateStarts[i], predicateStarts[i + 1]) { raw in
                raw.withMemoryRebound(to: UInt8.self) { GraphView.isSimpleUTF8($0, 0, $0.count) }
            } ?? false
        }
        guard predicatesPlain else { return nil }
        return GraphValueClasses(entityRep: rep, entityShared: shared, literalRep: literalRep)
    }

    /// Whether the UTF-8 bytes `[start, end)` hold only scalars below U+0300, CJK
    /// punctuation (U+3000–U+303F but its combining tone marks U+302A–U+302F), CJK ideographs (U+3400–U+4DBF, U+4E00–U+9FFF)
    /// or fullwidth forms (U+FF00–U+FFEF). Two different such strings are never
    /// canonically equivalent (none of these decomposes into a sequence that another
    /// one's decomposition can reorder into), so byte equality is Swift's `==` on them.
    static func isSimpleUTF8(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c >= 0xC2 && c <= 0xCB { i += 2; continue }     // U+0080–U+02FF
            guard c >= 0xE0 && c <= 0xEF, i + 2 < end else { return false }
            let scalar = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            let simple = (0x3000...0x3029).contains(scalar) || (0x3030...0x303F).contains(scalar) || (0x3400...0x4DBF).contains(scalar)
                || (0x4E00...0x9FFF).contains(scalar) || (0xFF00...0xFFEF).contains(scalar)
            if !simple { return false }
            i += 3
        }
        return true
    }
}
