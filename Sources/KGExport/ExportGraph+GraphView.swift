import KGCore
import KGStore

extension ExportGraph {
    /// The whole graph as `view` reads it: live canonical entities, live
    /// triples and their live evidence.
    public init(view: GraphView) {
        let entities = view.entities()
        self.init(entities: entities,
                  relations: view.allTriples.map { ExportRelation(triple: $0, evidence: view.evidence($0)) })
    }

    /// The part of the graph `ids` touch: those entities, the figures they
    /// have (`has_figure`; left out with `figures: false`), and every triple
    /// between two of them or from one of them to a literal. This is what a
    /// query's answers export as.
    public init(view: GraphView, around ids: Set<EntityID>, figures: Bool = true) {
        var nodes = Set(ids.map(view.canonicalID).filter(view.isLive))
        if figures {
            for id in Array(nodes) {
                for t in view.triples(subject: id, predicate: "has_figure") {
                    if case .entity(let f) = t.object { nodes.insert(f) }
                }
            }
        }
        var relations: [ExportRelation] = []
        var seen = Set<Triple>()
        for id in nodes.sorted() {
            for t in view.triples(subject: id) where seen.insert(t).inserted {
                if case .entity(let o) = t.object, !nodes.contains(o) { continue }
                relations.append(ExportRelation(triple: t, evidence: view.evidence(t)))
            }
        }
        self.init(entities: nodes.sorted().compactMap(view.entity), relations: relations)
    }

    /// Only the answers: the entities named in the rows and the triples whose
    /// two ends appear in the same row and whose predicate is in `predicates`
    /// (the relations the query read; nil: any). `?- ceo_of(P, C).` gives the
    /// P→C `ceo_of` edges and nothing else: no figures, no `founder_of` between
    /// the same two. Each row lists the entities (and literal values) its columns name.
    public init(view: GraphView, answerRows: [[TripleObject]], predicates: Set<String>? = nil) {
        var nodes = Set<EntityID>()
        var relations: [ExportRelation] = []
        var seen = Set<Triple>()
        for row in answerRows {
            var inRow = Set<EntityID>()
            for case .entity(let id) in row where view.isLive(view.canonicalID(id)) { inRow.insert(view.canonicalID(id)) }
            nodes.formUnion(inRow)
            for id in inRow.sorted() {
                for t in view.triples(subject: id) where predicates?.contains(t.predicate) ?? true {
                    let keep: Bool
                    switch t.object {
                    case .entity(let o): keep = inRow.contains(o) && o != id
                    case .string, .number: keep = row.contains(t.object)
                    }
                    if keep, seen.insert(t).inserted { relations.append(ExportRelation(triple: t, evidence: view.evidence(t))) }
                }
            }
        }
        self.init(entities: nodes.sorted().compactMap(view.entity), relations: relations)
    }
}

extension ExportGraph {
    /// The graph with every piece of evidence below `threshold` dropped, and
    /// every relation left without evidence dropped (a relation stored with no
    /// evidence at all counts as confidence 1, as hand-asserted facts are).
    public func filtered(minConfidence threshold: Double) -> ExportGraph {
        var out = self
        out.relations = relations.compactMap { r in
            if r.evidence.isEmpty { return threshold <= 1 ? r : nil }
            var kept = r
            kept.evidence = r.evidence.filter { $0.confidence >= threshold }
            return kept.evidence.isEmpty ? nil : kept
        }
        return out
    }
}
