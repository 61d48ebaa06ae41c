import KGCore
import KGStore

/// Between the store's integer ids and a session's encoded values: an entity
/// reads as its canonical name (`"#id"` when it is no live entity, as a
/// triple's object may be), a predicate as its name, a literal as its value.
/// Each id is encoded once, when a row first names it; a value is resolved to
/// the entities it names through the store's name index. Nothing is built over
/// the whole graph.
final class GraphCoder {
    let view: GraphView
    let values: ValueTable
    private var entityValues: [Int32: Int32] = [:]
    /// For scans (which name every entity): the value of each entity id, 0 until
    /// encoded (an entity's value is a string, always negative). Allocated by the
    /// first scan, so a lookup by key builds nothing over every entity.
    private var entityTable: UnsafeMutablePointer<Int32>?
    private var entityTableCount = 0
    private var predicateValues: [Int32: Int32] = [:]
    private var literalValues: [Int32: Int32] = [:]
    private var named: [Int32: [Int32]] = [:]

    /// Which codes read as one value (`GraphAggregate` aggregates on codes), computed
    /// once per coder: O(entities + literals) integer work, nil when codes cannot stand for values.
    private(set) lazy var valueClasses: GraphValueClasses? = view.valueClasses()

    /// Resolves a name to entities (`GraphFacts.resolve`, memoized); nil: the view's own.
    var resolveName: ((String) -> [EntityID])?

    init(view: GraphView, values: ValueTable) {
        self.view = view
        self.values = values
    }

    deinit { entityTable?.deallocate() }

    /// Switches entity values to a flat table over every entity id (O(entities) once):
    /// a scan then pays an array read per entity it meets, not a hash lookup.
    func prepareForScan() {
        guard entityTable == nil else { return }
        entityTableCount = max(1, view.entitySlotCount)
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: entityTableCount)
        table.initialize(repeating: 0, count: entityTableCount)
        for (id, v) in entityValues where id >= 0 && Int(id) < entityTableCount { table[Int(id)] = v }
        entityTable = table
    }

    /// The value of canonical entity `id`.
    func entity(_ id: Int32) -> Int32 {
        if let table = entityTable, id >= 0, Int(id) < entityTableCount {
            let known = table[Int(id)]
            if known != 0 { return known }
            let v = values.encode(.string(view.canonicalName(Int(id)) ?? "#\(id)"))
            precondition(v < 0, "an entity's value is a string")
            table[Int(id)] = v
            entityValues[id] = v
            return v
        }
        if let v = entityValues[id] { return v }
        let v = values.encode(.string(view.canonicalName(Int(id)) ?? "#\(id)"))
        entityValues[id] = v
        return v
    }

    func predicate(_ p: Int32) -> Int32 {
        if let v = predicateValues[p] { return v }
        let v = values.encode(.string(view.predicateName(code: p)))
        predicateValues[p] = v
        return v
    }

    /// The value of an object column code (an entity id, or a literal's code).
    func object(_ o: Int32) -> Int32 {
        if o >= 0 { return entity(o) }
        if let v = literalValues[o] { return v }
        let v: Int32
        switch view.objectValue(code: o) {
        case .entity(let id): v = entity(Int32(id))
        case .string(let s): v = values.encode(.string(s))
        case .number(let d): v = values.encode(.double(d))
        }
        literalValues[o] = v
        return v
    }

    /// The canonical entities that read as `value`: those with that canonical name,
    /// or the one `"#id"` names. A lookup in the name index, O(entities sharing the name's key).
    func entities(_ value: Int32) -> [Int32] {
        if let known = named[value] { return known }
        var out: [Int32] = []
        if case .string(let s) = values.decode(value) {
            for id in resolveName?(s) ?? view.resolve(name: s) where view.canonicalName(id) == s { out.append(Int32(id)) }
            if s.hasPrefix("#"), let id = Int(s.dropFirst()), String(id) == s.dropFirst(), id >= 1, id < view.entitySlotCount,
               view.canonicalID(id) == id, view.canonicalName(id) == nil {
                out.append(Int32(id))
            }
        }
        named[value] = out
        return out
    }

    /// Object column codes that read as `value`: entities by name, and the literal.
    func objects(_ value: Int32) -> [Int32] {
        var out = entities(value)
        let literal: TripleObject
        switch values.decode(value) {
        case .string(let s): literal = .string(s)
        case .int(let i): literal = .number(Double(i))
        case .double(let d): literal = .number(d)
        }
        if let code = view.objectCode(literal), code < 0 { out.append(code) }
        return out
    }

    /// The predicate id `value` names, if any triple uses it.
    func predicateCode(_ value: Int32) -> Int32? {
        guard case .string(let s) = values.decode(value) else { return nil }
        return view.predicateCode(s)
    }
}

/// One relation of `GraphFacts` read by key (see `IndexedRelation`): triples
/// by subject, object or predicate through the store's triple lists, entities
/// by name or alias through its name index. A lookup costs the stored rows of
/// the key (and, for `minConfidence` and the evidence relations, their
/// evidence rows), never a pass over the graph.
final class GraphRelation: IndexedRelation {
    enum Kind {
        /// `triple(S, P, O)`; with `predicate`, the binary `P(S, O)`.
        case triple
        case predicate(Int32)
        case entity, typed(EntityType), alias, figureValue
        case evidence, evidenceSpan, factMeta
    }

    let kind: Kind
    let facts: GraphFacts
    let coder: GraphCoder
    var view: GraphView { coder.view }

    init(kind: Kind, facts: GraphFacts, coder: GraphCoder) {
        self.kind = kind
        self.facts = facts
        self.coder = coder
    }

    var lookupColumns: [Int] {
        switch kind {
        case .triple, .evidence, .evidenceSpan, .factMeta: return [0, 2, 1]
        case .predicate: return [0, 1]
        case .entity: return [0, 2]
        case .typed, .figureValue: return [0]
        case .alias: return [0, 1]
        }
    }

    var estimatedCount: Int {
        switch kind {
        case .entity, .typed, .alias, .figureValue: return view.entitySlotCount
        default: return view.storedTripleCount
        }
    }

    func rows(column: Int, value: Int32, into out: inout [Int32]) -> Int {
        switch kind {
        case .triple, .predicate, .evidence, .evidenceSpan, .factMeta:
            var fixed: Int32?
            if case .predicate(let p) = kind { fixed = p }
            var looked = 0
            func each(subject: EntityID?, predicate: Int32?, object: Int32?) {
                looked += view.forEachTriple(subject: subject, predicate: predicate, object: object) { emit($0, into: &out) }
            }
            let objectColumn = fixed == nil ? 2 : 1
            if column == 0 {
                for id in coder.entities(value) { each(subject: Int(id), predicate: fixed, object: nil) }
            } else if column == objectColumn {
                for o in coder.objects(value) { each(subject: nil, predicate: fixed, object: o) }
            } else if let p = coder.predicateCode(value) {
                each(subject: nil, predicate: p, object: nil)
            }
            return looked
        case .entity, .typed, .figureValue:
            let ids = coder.entities(value)
            for id in ids { emitEntity(Int(id), into: &out) }
            return ids.count
        case .alias:
            if column == 0 {
                let ids = coder.entities(value)
                for id in ids {
                    guard let e = view.entity(Int(id)) else { continue }
                    for a in e.aliases { out.append(coder.entity(id)); out.append(coder.values.encode(.string(a))) }
                }
                return ids.count
            }
            guard case .string(let surface) = coder.values.decode(value) else { return 0 }
            let ids = view.resolve(name: surface)
            for id in ids {
                guard let e = view.entity(id), e.aliases.contains(surface) else { continue }
                out.append(coder.entity(Int32(id))); out.append(value)
            }
            return ids.count
        }
    }

    /// Appends the row(s) of live triple `t` (none when `minConfidence` drops it).
    func emit(_ t: TripleCodes, into out: inout [Int32]) {
        switch kind {
        case .triple:
            guard facts.passes(t) else { return }
            out.append(coder.entity(t.subject)); out.append(coder.predicate(t.predicate)); out.append(coder.object(t.object))
        case .predicate:
            guard facts.passes(t) else { return }
            out.append(coder.entity(t.subject)); out.append(coder.object(t.object))
        case .evidence, .evidenceSpan, .factMeta:
            let s = coder.entity(t.subject), p = coder.predicate(t.predicate), o = coder.object(t.object)
            let values = coder.values
            for e in facts.evidence(view.triple(t)) {
                out.append(s); out.append(p); out.append(o)
                switch kind {
                case .evidence:
                    out.append(values.encode(.string(e.document))); out.append(values.encode(.string(e.sentence)))
                case .evidenceSpan:
                    out.append(values.encode(.string(e.document))); out.append(values.encode(.string(e.sentence)))
                    out.append(values.encode(.int(Int64(e.start)))); out.append(values.encode(.int(Int64(e.end))))
                default:
                    out.append(values.encode(.string(e.metric ?? ""))); out.append(values.encode(.double(e.confidence)))
                    out.append(values.encode(.string(e.rule)))
                }
            }
        default:
            break
        }
    }

    /// Appends the row of live canonical entity `id` for the entity relations.
    private func emitEntity(_ id: Int, into out: inout [Int32]) {
        guard let type = view.entityType(id) else { return }
        let name = coder.entity(Int32(id))
        switch kind {
        case .entity:
            out.append(name); out.append(coder.values.encode(.string(type.rawValue))); out.append(name)
        case .typed(let wanted):
            if type == wanted { out.append(name) }
        case .figureValue:
            if type == .figure, let f = view.entity(id)?.figure {
                out.append(name); out.append(coder.values.encode(.double(f.value))); out.append(coder.values.encode(.string(f.unit)))
            }
        default:
            break
        }
    }

    /// Every row, streamed to `body` from the store's columns (entities in id order,
    /// triples in stored order), each row built in one reused buffer. O(stored rows).
    func scan(_ body: (UnsafePointer<Int32>) -> Void) -> Int {
        coder.prepareForScan()
        var row: [Int32] = []
        let arity = arityOfKind
        func flush() {
            row.withUnsafeBufferPointer { buf in
                var i = 0
                while i < buf.count { body(buf.baseAddress! + i); i += arity }
            }
            row.removeAll(keepingCapacity: true)
        }
        switch kind {
        case .triple, .predicate, .evidence, .evidenceSpan, .factMeta:
            var fixed: Int32?
            if case .predicate(let p) = kind { fixed = p }
            return view.forEachTriple(predicate: fixed) { t in
                emit(t, into: &row)
                flush()
            }
        case .entity, .typed, .figureValue:
            for id in 1..<max(1, view.entitySlotCount) {
                emitEntity(id, into: &row)
                flush()
            }
            return view.entitySlotCount
        case .alias:
            for id in 1..<max(1, view.entitySlotCount) {
                guard view.canonicalName(id) != nil, let e = view.entity(id) else { continue }
                for a in e.aliases { row.append(coder.entity(Int32(id))); row.append(coder.values.encode(.string(a))) }
                flush()
            }
            return view.entitySlotCount
        }
    }

    /// Columns of the relation.
    var arityOfKind: Int {
        switch kind {
        case .triple: return 3
        case .predicate, .alias: return 2
        case .entity, .figureValue: return 3
        case .typed: return 1
        case .evidence: return 5
        case .evidenceSpan: return 7
        case .factMeta: return 6
        }
    }

    /// Every row, streamed from the store into `sink` (the relation copied whole:
    /// a scan, a negation, a query answered by the relation itself). Triples are
    /// encoded through the coder, so an entity's name is hashed once, not once per row.
    func copy(into sink: inout FactSink) {
        coder.prepareForScan()
        var row: [Int32] = []
        func flush() {
            let arity = sink.arity
            var i = 0
            row.withUnsafeBufferPointer { buf in
                while i < buf.count { sink.add(buf.baseAddress! + i); i += arity }
            }
            row.removeAll(keepingCapacity: true)
        }
        var fixed: Int32?
        if case .predicate(let p) = kind { fixed = p }
        view.forEachTriple(predicate: fixed) { t in
            emit(t, into: &row)
            if row.count >= 4096 { flush() }
        }
        flush()
    }
}
