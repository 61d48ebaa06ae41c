import Foundation
import KGCore
import KGStore

/// Turns extractions into graph operations for one transaction that may hold
/// several documents: entities resolve against the graph (type + `NameKey` of
/// the name or any alias, through the name index) and against the entities
/// earlier documents of the same transaction created or named, so two
/// documents of one batch never create the same entity twice.
///
/// Cost per document: one index probe per surface form and one per evidence
/// lookup of a changed document; nothing here walks the whole graph.
struct ExtractionOperations {
    let view: GraphView
    private(set) var operations: [GraphOperation] = []
    private(set) var createdEntities = 0
    private(set) var assertedTriples = 0
    private var nextID: EntityID
    /// Entities created in this transaction, and the name keys they answer to.
    private var created: [EntityID: Entity] = [:]
    /// Name key -> entities (created here, or existing ones given that alias here).
    private var overlay: [String: [EntityID]] = [:]

    init(view: GraphView) {
        self.view = view
        nextID = view.nextEntityID
    }

    /// Retracts every piece of evidence document `path` gave (through the
    /// evidence-by-document index), then its record.
    mutating func retractDocument(_ path: String, keepRecord: Bool = false) {
        for t in view.triples(withEvidenceFrom: path) { operations.append(.retractTriple(t, document: path)) }
        if !keepRecord && view.document(path: path) != nil { operations.append(.retractDocument(path: path)) }
    }

    mutating func append(_ op: GraphOperation) { operations.append(op) }

    /// The operations for one extraction: with `record`, the document's old
    /// evidence is retracted first and its record asserted.
    mutating func add(_ x: Extraction, record: DocumentRecord?) {
        if let r = record {
            if view.document(path: r.path) != nil { retractDocument(r.path, keepRecord: true) }
            operations.append(.assertDocument(r))
        }
        var idOf: [String: EntityID] = [:]
        for e in x.entities { idOf[e.id] = resolve(e) }
        for r in x.relations {
            guard let s = idOf[r.subject], let o = idOf[r.object] else { continue }
            let prov = Provenance(document: x.document, start: r.start ?? 0, end: r.end ?? 0, sentence: r.evidence ?? "",
                                  rule: r.rule ?? "import", confidence: r.confidence ?? 1, metric: r.metric)
            operations.append(.assertTriple(Triple(subject: s, predicate: r.predicate, object: .entity(o)), prov))
            assertedTriples += 1
        }
    }

    private func matches(_ stored: Entity, _ e: ExtractedEntity) -> Bool {
        guard stored.type == e.type else { return false }
        if e.type == .figure, stored.figure?.value != e.value || stored.figure?.unit != e.unit { return false }
        return true
    }

    private func entity(_ id: EntityID) -> Entity? { created[id] ?? view.entity(id) }

    /// The graph's (or this transaction's) entity for `e`, creating it or adding its new surface forms as aliases.
    private mutating func resolve(_ e: ExtractedEntity) -> EntityID {
        let forms = [e.name] + e.aliases
        let keys = forms.map(NameKey.normalize)
        var found: EntityID?
        search: for key in keys {
            for id in view.resolve(nameKey: key) + (overlay[key] ?? []) {
                guard let stored = entity(id), matches(stored, e) else { continue }
                found = id
                break search
            }
        }
        guard let id = found else {
            let id = nextID
            nextID += 1
            createdEntities += 1
            let figure = e.value.map { FigurePayload(value: $0, upperValue: e.upperValue, unit: e.unit ?? "", surface: e.aliases.first ?? e.name) }
            let entity = Entity(id: id, type: e.type, name: e.name, aliases: e.aliases.filter { $0 != e.name }, figure: figure)
            operations.append(.assertEntity(entity))
            created[id] = entity
            for key in Set(keys) { overlay[key, default: []].append(id) }
            return id
        }
        var added = Set<String>()
        for (form, key) in zip(forms, keys) where added.insert(key).inserted {
            if view.resolve(nameKey: key).contains(id) || overlay[key]?.contains(id) == true { continue }
            operations.append(.assertAlias(id, form))
            overlay[key, default: []].append(id)
        }
        return id
    }
}
