import Foundation
import KGCore
import KGStore

/// The graph as base relations. Entities appear as their canonical names, so
/// answers print readably and a query's string constant can name an entity by
/// its canonical name or any alias (`"微软"` is rewritten to `"Microsoft"`).
///
///     entity(E, Type, Name)   person(E) company(E) model(E) figure(E)   alias(E, Surface)
///     triple(S, P, O)         P(S, O) for every stored predicate (ceo_of, developed, ...)
///     figure_value(F, Value, Unit)   evidence(S, P, O, Document, Sentence)
public final class GraphFacts: ExplainingFactSource {
    public let view: GraphView
    private let predicates: [String]
    private lazy var entitiesByID: [EntityID: Entity] = {
        var out: [EntityID: Entity] = [:]
        for e in view.entities() { out[e.id] = e }
        return out
    }()
    private lazy var idsByName: [String: EntityID] = {
        var out: [String: EntityID] = [:]
        for e in view.entities() where out[e.name] == nil { out[e.name] = e.id }
        return out
    }()

    static let fixedRelations: [(String, Int)] = [
        ("entity", 3), ("person", 1), ("company", 1), ("model", 1), ("figure", 1), ("alias", 2),
        ("triple", 3), ("figure_value", 3), ("evidence", 5),
    ]

    public init(view: GraphView) {
        self.view = view
        let fixed = Set(GraphFacts.fixedRelations.map(\.0))
        predicates = view.predicates.keys.filter { !fixed.contains($0) }.sorted()
    }

    public var availableRelations: [(name: String, arity: Int)] {
        GraphFacts.fixedRelations.map { ($0.0, $0.1) } + predicates.map { ($0, 2) }
    }

    /// The canonical name of the one entity `text` names (by name or alias), else nil.
    public func canonical(_ text: String) -> String? {
        let ids = view.resolve(name: text)
        guard let first = ids.first, let e = entitiesByID[first] else { return nil }
        return e.name
    }

    private func name(_ id: EntityID) -> Constant {
        .string(entitiesByID[view.canonicalID(id)]?.name ?? "#\(id)")
    }

    private func object(_ o: TripleObject) -> Constant {
        switch o {
        case .entity(let id): return name(id)
        case .string(let s): return .string(s)
        case .number(let d): return .double(d)
        }
    }

    public func load(_ relation: String, into sink: inout FactSink) throws {
        switch relation {
        case "entity":
            for e in view.entities() { sink.add([.string(e.name), .string(e.type.rawValue), .string(e.name)]) }
        case "person", "company", "model", "figure":
            for e in view.entities(ofType: EntityType(rawValue: relation)) { sink.add([.string(e.name)]) }
        case "alias":
            for e in view.entities() { for a in e.aliases { sink.add([.string(e.name), .string(a)]) } }
        case "figure_value":
            for e in view.entities(ofType: .figure) {
                if let f = e.figure { sink.add([.string(e.name), .double(f.value), .string(f.unit)]) }
            }
        case "triple":
            for t in view.allTriples { sink.add([name(t.subject), .string(t.predicate), object(t.object)]) }
        case "evidence":
            for t in view.allTriples {
                for p in view.evidence(t) {
                    sink.add([name(t.subject), .string(t.predicate), object(t.object), .string(p.document), .string(p.sentence)])
                }
            }
        default:
            for t in view.triples(predicate: relation) { sink.add([name(t.subject), object(t.object)]) }
        }
    }

    /// The evidence sentences of a base fact that is a stored triple.
    public func evidence(for predicate: String, tuple: [Constant]) -> [String] {
        let triple: (Constant, String, Constant)
        if predicate == "triple", tuple.count == 3, case .string(let p) = tuple[1] {
            triple = (tuple[0], p, tuple[2])
        } else if tuple.count == 2, predicates.contains(predicate) {
            triple = (tuple[0], predicate, tuple[1])
        } else {
            return []
        }
        guard case .string(let s) = triple.0, let sid = idsByName[s] else { return [] }
        var out: [String] = []
        for t in view.triples(subject: sid, predicate: triple.1) where ValueTable.same(object(t.object), triple.2) {
            for p in view.evidence(t) { out.append("evidence: \(p.document): \(p.sentence)") }
        }
        return out
    }
}
