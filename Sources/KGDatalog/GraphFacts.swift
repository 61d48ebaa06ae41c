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
///
/// Relations are read through the store's own indexes (`GraphRelation`): a
/// bound argument reads only the matching rows, a relation no query mentions
/// costs nothing, and nothing is built over every entity. `load` copies a whole
/// relation for the atoms that need one (a scan, a negation).
public final class GraphFacts: ExplainingFactSource, IndexedFactSource {
    public let view: GraphView
    private let predicates: [String]
    /// `--min-confidence`: nil reads every triple.
    public var minConfidence: Double?
    /// Off: every relation is copied whole into the session before a query reads
    /// it, as before the graph was read by key (kept for the differential tests).
    var readsThroughIndexes = true
    private lazy var names = NameIndex(view: view)
    /// Per stored predicate: whether its objects are entities (read once: the predicate's first live triple).
    private var objectIsEntity: [String: Bool] = [:]
    /// The coder of the session whose values the relations are read in (one per `ValueTable`).
    private var coder: GraphCoder?

    static let fixedRelations: [(String, Int)] = [
        ("entity", 3), ("person", 1), ("company", 1), ("model", 1), ("figure", 1), ("alias", 2),
        ("triple", 3), ("figure_value", 3), ("evidence", 5), ("evidence_span", 7), ("fact_meta", 6),
    ]

    public init(view: GraphView) {
        self.view = view
        let fixed = Set(GraphFacts.fixedRelations.map(\.0))
        predicates = view.livePredicateNames.filter { !fixed.contains($0) }.sorted()
    }

    private func coder(for values: ValueTable) -> GraphCoder {
        if let c = coder, c.values === values { return c }
        let c = GraphCoder(view: view, values: values)
        c.resolveName = { [weak self, view] text in self?.resolve(text) ?? view.resolve(name: text) }
        coder = c
        return c
    }

    public func indexedRelation(_ name: String, values: ValueTable) -> IndexedRelation? {
        guard readsThroughIndexes, let kind = relationKind(name) else { return nil }
        return GraphRelation(kind: kind, facts: self, coder: coder(for: values))
    }

    private func relationKind(_ name: String) -> GraphRelation.Kind? {
        switch name {
        case "entity": return .entity
        case "person", "company", "model", "figure": return .typed(EntityType(rawValue: name)!)
        case "alias": return .alias
        case "figure_value": return .figureValue
        case "triple": return .triple
        case "evidence": return .evidence
        case "evidence_span": return .evidenceSpan
        case "fact_meta": return .factMeta
        default:
            guard predicates.contains(name), let p = view.predicateCode(name) else { return nil }
            return .predicate(p)
        }
    }

    /// Fixed for the view (the session asks on every query): built once.
    public private(set) lazy var availableRelations: [(name: String, arity: Int)] =
        GraphFacts.fixedRelations.map { ($0.0, $0.1) } + predicates.map { ($0, 2) }

    /// The live canonical entities `text` names by name or alias (`view.resolve`),
    /// remembered: a query's string is resolved to canonicalize it, to look it up
    /// for the warnings, and again to read its rows. The view never changes, so
    /// nothing goes stale; the memo is emptied when it reaches `resolvedLimit` texts.
    func resolve(_ text: String) -> [EntityID] {
        if let known = resolved[text] { return known }
        if resolved.count >= GraphFacts.resolvedLimit { resolved.removeAll(keepingCapacity: true) }
        let ids = view.resolve(name: text)
        resolved[text] = ids
        return ids
    }
    private var resolved: [String: [EntityID]] = [:]
    static let resolvedLimit = 4096

    /// The canonical name of the one entity `text` names (by name or alias), else nil.
    public func canonical(_ text: String) -> String? {
        let ids = resolve(text)
        guard let first = ids.first else { return nil }
        return view.canonicalName(first)
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
            if let p = view.predicateCode(relation), let first = view.firstLiveTriple(predicate: p) { isEntity = first.object >= 0 }
            objectIsEntity[relation] = isEntity
            return isEntity ? [0, 1] : [0]
        }
    }

    public func lookUpName(_ text: String) -> NameLookup? {
        names.lookUp(text, exact: resolve(text)) { id in self.view.canonicalName(id) }
    }

    /// The evidence of `t` that passes `minConfidence` (all of it without one).
    func evidence(_ t: Triple) -> [Provenance] {
        let all = view.evidence(t)
        guard let floor = minConfidence else { return all }
        return all.filter { $0.confidence >= floor }
    }

    /// Whether `t` is read at all under `minConfidence`.
    func passes(_ t: TripleCodes) -> Bool {
        minConfidence == nil || passes(view.triple(t))
    }

    private func passes(_ t: Triple) -> Bool {
        guard let floor = minConfidence else { return true }
        let all = view.evidence(t)
        return all.isEmpty ? floor <= 1 : all.contains { $0.confidence >= floor }
    }

    private func name(_ id: EntityID) -> Constant {
        .string(view.canonicalName(view.canonicalID(id)) ?? "#\(id)")
    }

    private func object(_ o: TripleObject) -> Constant {
        switch o {
        case .entity(let id): return name(id)
        case .string(let s): return .string(s)
        case .number(let d): return .double(d)
        }
    }

    public func load(_ relation: String, into sink: inout FactSink) throws {
        if readsThroughIndexes, let kind = relationKind(relation) {
            switch kind {
            case .triple, .predicate, .evidence, .evidenceSpan, .factMeta:
                GraphRelation(kind: kind, facts: self, coder: coder(for: sink.values)).copy(into: &sink)
                return
            default:
                break
            }
        }
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
        guard case .string(let s) = triple.0,
              let sid = view.resolve(name: s).first(where: { view.canonicalName($0) == s }) else { return [] }
        var out: [String] = []
        for t in view.triples(subject: sid, predicate: triple.1) where ValueTable.same(object(t.object), triple.2) {
            for p in view.evidence(t) { out.append("evidence: \(p.document): \(p.sentence)") }
        }
        return out
    }
}
