import KGCore

extension GraphView {
    /// Calls `body` with every name and alias of every live stored entity whose
    /// canonical entity is live, as UTF-8 bytes, with the canonical entity's id and
    /// type: the forms `entities()` lists for each entity (a merged member's name and
    /// aliases are its canonical entity's aliases), without building a String or an
    /// `Entity`. Cost: O(names + aliases) integer work; for filters that then build
    /// only the few entities they keep (`kg ingest` of a small document).
    public func forEachNameForm(_ body: (_ canonical: EntityID, _ type: EntityType, _ form: UnsafeRawBufferPointer) -> Void) {
        let s = state
        let starts = s.strings.starts
        for id in 1..<max(1, s.entityState.count) where s.entityState[id] == GraphState.live {
            let c = Int(s.canonical(Int32(id)))
            guard isCanonicalLive(c) else { continue }
            let type = TransactionCodec.types[Int(s.entityType[c])]
            let name = Int(s.entityName[id])
            // A form in a damaged snapshot chunk is skipped (the damage is recorded by the read).
            _ = s.strings.arena.withBytes(starts[name], starts[name + 1]) { body(c, type, $0) }
            for a in s.aliases(of: id) {
                _ = s.strings.arena.withBytes(starts[Int(a)], starts[Int(a) + 1]) { body(c, type, $0) }
            }
        }
    }
}
