import KGCore

/// What every exporter writes: plain KGCore values, independent of how the
/// graph is stored, so the writers can be tested on a graph built by hand and
/// fed later from a store's view or from the part of it a query's answers touch.
public struct ExportGraph: Sendable, Equatable {
    public var entities: [Entity]
    public var relations: [ExportRelation]

    public init(entities: [Entity] = [], relations: [ExportRelation] = []) {
        self.entities = entities
        self.relations = relations
    }

    /// The entity with `id`, if the graph holds it. Builds the index each call
    /// (O(entities)): writers that look up many ids build a table once instead.
    public func entity(_ id: EntityID) -> Entity? { index[id].map { entities[$0] } }

    /// Position of each entity by id (built on demand; graphs exported are small).
    var index: [EntityID: Int] {
        var out: [EntityID: Int] = [:]
        for (i, e) in entities.enumerated() { out[e.id] = i }
        return out
    }

    /// Literal objects (strings, numbers) in first-seen order, each given a
    /// stable node key (`l0`, `l1`, …) for formats that draw them as nodes.
    var literalKeys: [TripleObject: String] {
        var keys: [TripleObject: String] = [:]
        for r in relations {
            switch r.triple.object {
            case .entity: continue
            case .string, .number:
                if keys[r.triple.object] == nil { keys[r.triple.object] = "l\(keys.count)" }
            }
        }
        return keys
    }
}

/// One triple with every piece of evidence that states it.
public struct ExportRelation: Sendable, Equatable {
    public var triple: Triple
    public var evidence: [Provenance]

    public init(triple: Triple, evidence: [Provenance] = []) {
        self.triple = triple
        self.evidence = evidence
    }
}

extension TripleObject {
    /// The text of a literal object as a person reads it; nil for entities.
    var literalText: String? {
        switch self {
        case .entity: return nil
        case .string(let s): return s
        case .number(let n): return formatNumber(n)
        }
    }
}

/// `3` rather than `3.0` for whole numbers; the shortest round-tripping form otherwise.
func formatNumber(_ n: Double) -> String {
    if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
    return "\(n)"
}
