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
        s.strings.arena.withUnsafeBytes { arena in
            for id in 1..<max(1, s.entityState.count) where s.entityState[id] == GraphState.live {
                let c = Int(s.canonical(Int32(id)))
                guard isCanonicalLive(c) else { continue }
                let type = TransactionCodec.types[Int(s.entityType[c])]
                let name = Int(s.entityName[id])
                body(c, type, UnsafeRawBufferPointer(rebasing: arena[starts[name]..<starts[name + 1]]))
                for a in s.entityAliases[id] {
                    body(c, type, UnsafeRawBufferPointer(rebasing: arena[starts[Int(a)]..<starts[Int(a) + 1]]))
                }
            }
        }
    }
}
