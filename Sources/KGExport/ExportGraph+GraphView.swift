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
    /// have (`has_figure`), and every triple between two of them or from one
    /// of them to a literal. This is what a query's answers export as.
    public init(view: GraphView, around ids: Set<EntityID>) {
        var nodes = Set(ids.map(view.canonicalID).filter(view.isLive))
        for id in Array(nodes) {
            for t in view.triples(subject: id, predicate: "has_figure") {
                if case .entity(let f) = t.object { nodes.insert(f) }
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
}
