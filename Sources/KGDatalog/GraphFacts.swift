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
///     evidence_span(S, P, O, Document, Sentence, Start, End)
///     fact_meta(S, P, O, Metric, Confidence, Rule)
///
/// `fact_meta` and `evidence_span` have one row per piece of evidence (Metric
/// is `""` when the evidence names none; Start/End count Unicode scalars, half
/// open). With `minConfidence` every relation reads only the triples with a
/// piece of evidence at least that confident (hand-asserted triples without
/// evidence count as 1), and the evidence relations only those pieces.
public final class GraphFacts: ExplainingFactSource {
    public let view: GraphView
    private let predicates: [String]
    /// `--min-confidence`: nil reads every triple.
    public var minConfidence: Double?
    private lazy var names = NameIndex(view: view)
    /// Per stored predicate: whether its objects are entities (read once: the lookup lists the predicate's triples).
    private var objectIsEntity: [String: Bool] = [:]
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
        ("triple", 3), ("figure_value", 3), ("evidence", 5), ("evidence_span", 7), ("fact_meta", 6),
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

    public func entityPositions(_ relation: String) -> [Int] {
        switch relation {
        case "entity", "person", "company", "model", "figure", "alias", "figure_value",
             "triple", "evidence", "evidence_span", "fact_meta": return [0]
        default:
            guard predicates.contains(relation) else { return [] }
            // The object too, when the predicate's triples hold entities (user predicates may hold text).
            if let known = objectIsEntity[relation] { return known ? [0, 1] : [0] }
            var isEntity = false
            if case .entity = view.triples(predicate: relation).first?.object { isEntity = true }
            objectIsEntity[relation] = isEntity
            return isEntity ? [0, 1] : [0]
        }
    }

    public func lookUpName(_ text: String) -> NameLookup? {
        names.lookUp(text) { id in self.entitiesByID[id]?.name }
    }

    /// The evidence of `t` that passes `minConfidence` (all of it without one).
    private func evidence(_ t: Triple) -> [Provenance] {
        let all = view.evidence(t)
        guard let floor = minConfidence else { return all }
        return all.filter { $0.confidence >= floor }
    }

    /// Whether `t` is read at all under `minConfidence`.
    private func passes(_ t: Triple) -> Bool {
        guard let floor = minConfidence else { return true }
        let all = view.evidence(t)
        return all.isEmpty ? floor <= 1 : all.contains { $0.confidence >= floor }
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
            for t in view.allTriples where passes(t) { sink.add([name(t.subject), .string(t.predicate), object(t.object)]) }
        case "evidence":
            for t in view.allTriples {
                for p in evidence(t) {
                    sink.add([name(t.subject), .string(t.predicate), object(t.object), .string(p.document), .string(p.sentence)])
                }
            }
        case "evidence_span":
            for t in view.allTriples {
                for p in evidence(t) {
                    sink.add([name(t.subject), .string(t.predicate), object(t.object), .string(p.document), .string(p.sentence),
                              .int(Int64(p.start)), .int(Int64(p.end))])
                }
            }
        case "fact_meta":
            for t in view.allTriples {
                for p in evidence(t) {
                    sink.add([name(t.subject), .string(t.predicate), object(t.object), .string(p.metric ?? ""),
                              .double(p.confidence), .string(p.rule)])
                }
            }
        default:
            for t in view.triples(predicate: relation) where passes(t) { sink.add([name(t.subject), object(t.object)]) }
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
