import KGCore

/// A live triple as the store's own integer ids: `subject` a canonical entity
/// id, `predicate` a predicate id (`GraphView.predicateName(code:)`), `object`
/// a canonical entity id when >= 0, else literal code (`GraphView.objectValue(code:)`).
public struct TripleCodes: Hashable, Sendable {
    public var subject: Int32
    public var predicate: Int32
    public var object: Int32
}

/// Row-level reads through the store's indexes, for the Datalog engine's base
/// relations: each costs the rows it returns (plus the merged members of the
/// entities it names), never a pass over the graph unless nothing is bound.
extension GraphView {
    /// The predicate's id, nil if no triple ever used it. O(1).
    public func predicateCode(_ name: String) -> Int32? { state.predicateNames.lookup(name) }

    public func predicateName(code: Int32) -> String { state.predicateNames[code] }

    /// Predicate ids in use (some triples may be retracted); O(predicates).
    public var predicateCodeCount: Int { state.predicateNames.count }

    /// The object column code of `o` (an entity resolved through merges), nil
    /// if the store holds no triple with that object. O(1).
    public func objectCode(_ o: TripleObject) -> Int32? {
        guard let code = state.existingObjectCode(o) else { return nil }
        return code >= 0 ? state.canonical(code) : code
    }

    /// The object a code stands for (`.entity` of the id for codes >= 0).
    public func objectValue(code: Int32) -> TripleObject { object(code) }

    /// The canonical name of entity `id` when `id` is a live canonical entity
    /// (not merged away, not retracted, not only named by a triple); O(1).
    public func canonicalName(_ id: EntityID) -> String? {
        guard id >= 1, id < state.entityState.count, isCanonicalLive(id) else { return nil }
        return state.strings[state.entityName[id]]
    }

    /// The type of live canonical entity `id`; O(1).
    public func entityType(_ id: EntityID) -> EntityType? {
        guard id >= 1, id < state.entityState.count, isCanonicalLive(id) else { return nil }
        return TransactionCodec.types[Int(state.entityType[id])]
    }

    /// Slots of the entity columns (an upper bound on entities, for estimates); O(1).
    public var entitySlotCount: Int { state.entityState.count }

    /// Stored triples, live or not (an upper bound for estimates); O(1).
    public var storedTripleCount: Int { state.tS.count }

    /// The first live triple of predicate `code` in its list (merges resolved), nil if none:
    /// a walk over the predicate's retracted triples up to its first live one.
    public func firstLiveTriple(predicate code: Int32) -> TripleCodes? {
        let s = state
        guard code >= 0, Int(code) < s.pHead.count else { return nil }
        var t = s.pHead[Int(code)]
        while t >= 0 {
            let i = Int(t)
            if isVisible(i) {
                return TripleCodes(subject: s.canonical(s.tS[i]), predicate: code, object: s.tO[i] >= 0 ? s.canonical(s.tO[i]) : s.tO[i])
            }
            t = s.tNextP[i]
        }
        return nil
    }

    /// Names of predicates with at least one live triple: per predicate a walk
    /// of its list up to its first live triple (usually the first), not a pass over every triple.
    public var livePredicateNames: [String] {
        (0..<Int32(state.predicateNames.count)).filter { firstLiveTriple(predicate: $0) != nil }.map { state.predicateNames[$0] }
    }

    /// Calls `body` with each live triple matching the bound columns (nil =
    /// any; `subject` any id, `object` a code from `objectCode`), merges
    /// resolved and each distinct triple once. It walks the list of the most
    /// selective bound column (subject, else object, else predicate) over every
    /// merged member, so its cost is the rows of that list; with nothing bound
    /// it streams every stored triple. Returns the stored rows it looked at.
    ///
    /// It reads the columns through `state` in place: no copy of the state and
    /// no closure capturing the view (either retains and releases each of the
    /// state's ~60 columns, once per call: a fifth of a point lookup's time at 1M).
    @discardableResult
    public func forEachTriple(subject: EntityID? = nil, predicate: Int32? = nil, object: Int32? = nil,
                              _ body: (TripleCodes) -> Void) -> Int {
        let pr = predicate ?? -1
        if let predicate, predicate < 0 || Int(predicate) >= state.pHead.count { return 0 }
        var sc: Int32?
        if let subject {
            guard subject >= 1, subject < state.entityState.count else { return 0 }
            sc = state.canonical(Int32(subject))
        }
        let oc = object.map { $0 >= 0 ? state.canonical($0) : $0 }
        if let oc, oc >= 0, Int(oc) >= state.entityState.count { return 0 }
        if let oc, oc < 0, Int(-1 - oc) >= state.lHead.count { return 0 }
        // The list to walk (as `forEachCandidateRow`): its heads and which next column links it.
        var heads: [Int32] = []
        var list = 0 // 0 subject, 1 object, 2 predicate, 3 every stored row
        if let sc {
            for m in state.members(of: sc) { heads.append(state.sHead[Int(m)]) }
        } else if let oc {
            list = 1
            if oc >= 0 { for m in state.members(of: oc) { heads.append(state.oHead[Int(m)]) } } else { heads.append(state.lHead[Int(-1 - oc)]) }
        } else if pr >= 0 {
            list = 2
            heads.append(state.pHead[Int(pr)])
        } else {
            list = 3
            heads.append(state.tS.isEmpty ? -1 : 0)
        }
        var looked = 0
        var seen = Set<TripleCodes>()
        let merged = state.mergeCount > 0
        for head in heads {
            var t = head
            while t >= 0 {
                let i = Int(t)
                switch list {
                case 0: t = state.tNextS[i]
                case 1: t = state.tNextO[i]
                case 2: t = state.tNextP[i]
                default: t = i + 1 < state.tS.count ? Int32(truncatingIfNeeded: i + 1) : -1
                }
                looked += 1
                guard state.isVisible(i) else { continue }
                let p = state.tP[i]
                if pr >= 0 && p != pr { continue }
                let sub = state.canonical(state.tS[i])
                if let sc, sub != sc { continue }
                let o0 = state.tO[i]
                let o = o0 >= 0 ? state.canonical(o0) : o0
                if let oc, o != oc { continue }
                let codes = TripleCodes(subject: sub, predicate: p, object: o)
                if merged { guard seen.insert(codes).inserted else { continue } }
                body(codes)
            }
        }
        return looked
    }

    /// The `Triple` of `codes` (strings built: for evidence and explanations).
    public func triple(_ codes: TripleCodes) -> Triple {
        Triple(subject: Int(codes.subject), predicate: state.predicateNames[codes.predicate], object: object(codes.object))
    }
}
