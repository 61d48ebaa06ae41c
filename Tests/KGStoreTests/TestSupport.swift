import Foundation
import XCTest
import KGCore
@testable import KGStore

/// A fresh directory under the system temp dir, removed when the test ends.
func temporaryDirectory(_ test: XCTestCase, _ name: String = #function) -> URL {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("kgstore-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
    return dir
}

/// A small deterministic PRNG so failures reproduce.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An independent, deliberately naive model of the graph the store should
/// produce: dictionaries of whole values, no interning, no indexes.
struct GraphModel {
    var entities: [EntityID: Entity] = [:]
    var retracted: Set<EntityID> = []
    var evidence: [Triple: [Provenance]] = [:]
    var documents: [String: DocumentRecord] = [:]
    var mergedInto: [EntityID: EntityID] = [:]

    func canonical(_ id: EntityID) -> EntityID {
        var c = id
        while let n = mergedInto[c] { c = n }
        return c
    }

    func canonical(_ t: Triple) -> Triple {
        var t = t
        t.subject = canonical(t.subject)
        if case .entity(let o) = t.object { t.object = .entity(canonical(o)) }
        return t
    }

    mutating func apply(_ op: GraphOperation) {
        switch op {
        case .assertEntity(let e):
            var e = e
            var seen: [String] = []
            for a in e.aliases where a != e.name && !seen.contains(a) { seen.append(a) }
            e.aliases = seen
            entities[e.id] = e
            retracted.remove(e.id)
        case .retractEntity(let id):
            if entities[id] != nil, !retracted.contains(id) { retracted.insert(id) }
        case .assertAlias(let id, let a):
            guard var e = entities[id], !retracted.contains(id), a != e.name, !e.aliases.contains(a) else { return }
            e.aliases.append(a)
            entities[id] = e
        case .retractAlias(let id, let a):
            guard var e = entities[id], !retracted.contains(id) else { return }
            e.aliases.removeAll { $0 == a }
            entities[id] = e
        case .assertTriple(let t, let p):
            if evidence[t, default: []].contains(p) { return }
            evidence[t, default: []].append(p)
        case .retractTriple(let t, let doc):
            let target = canonical(t)
            for (raw, ev) in evidence where canonical(raw) == target {
                evidence[raw] = doc.map { d in ev.filter { $0.document != d } } ?? []
            }
        case .assertDocument(let d): documents[d.path] = d
        case .retractDocument(let p): documents[p] = nil
        case .merge(let from, let into): mergedInto[from] = into
        case .unmerge(let from, _): mergedInto[from] = nil
        case .moveDocument(let from, let to):
            guard from != to, var d = documents[from], documents[to] == nil else { return }
            documents[from] = nil
            d.path = to
            documents[to] = d
            for (t, ev) in evidence {
                evidence[t] = ev.map { p in var p = p; if p.document == from { p.document = to }; return p }
            }
        }
    }

    func isLive(_ id: EntityID) -> Bool { entities[id] != nil && !retracted.contains(id) }

    /// Entities as the view should show them: canonical ones, merged members' names as aliases.
    var liveEntities: [EntityID: (type: EntityType, name: String, aliases: Set<String>)] {
        var out: [EntityID: (EntityType, String, Set<String>)] = [:]
        for (id, e) in entities where isLive(id) && mergedInto[id] == nil {
            var aliases = Set(e.aliases)
            for (m, me) in entities where m != id && isLive(m) && canonical(m) == id {
                aliases.insert(me.name)
                aliases.formUnion(me.aliases)
            }
            aliases.remove(e.name)
            out[id] = (e.type, e.name, aliases)
        }
        return out
    }

    func visible(_ raw: Triple) -> Bool {
        guard !(evidence[raw] ?? []).isEmpty else { return false }
        if retracted.contains(canonical(raw.subject)) { return false }
        if case .entity(let o) = raw.object, retracted.contains(canonical(o)) { return false }
        return true
    }

    var liveTriples: Set<Triple> {
        Set(evidence.keys.filter(visible).map(canonical))
    }

    func evidence(of t: Triple) -> [Provenance] {
        evidence.filter { visible($0.key) && canonical($0.key) == t }.flatMap(\.value)
    }
}

/// Asserts that `view` shows exactly what `model` holds.
func assertSame(_ view: GraphView, _ model: GraphModel, _ context: String, file: StaticString = #filePath, line: UInt = #line) {
    let expected = model.liveEntities
    let actual = view.entities()
    XCTAssertEqual(Set(actual.map(\.id)), Set(expected.keys), "\(context): entity ids", file: file, line: line)
    XCTAssertEqual(view.entityCount, expected.count, "\(context): entity count", file: file, line: line)
    for e in actual {
        guard let x = expected[e.id] else { continue }
        XCTAssertEqual(e.type, x.type, "\(context): type of \(e.id)", file: file, line: line)
        XCTAssertEqual(e.name, x.name, "\(context): name of \(e.id)", file: file, line: line)
        XCTAssertEqual(Set(e.aliases), x.aliases, "\(context): aliases of \(e.id)", file: file, line: line)
        XCTAssertEqual(e.aliases.count, x.aliases.count, "\(context): duplicate aliases of \(e.id)", file: file, line: line)
        XCTAssertEqual(e.figure, model.entities[e.id]?.figure, "\(context): figure of \(e.id)", file: file, line: line)
        XCTAssertTrue(view.resolve(name: x.name).contains(e.id), "\(context): resolve \(x.name)", file: file, line: line)
    }
    let triples = view.allTriples
    XCTAssertEqual(triples.count, Set(triples).count, "\(context): duplicate triples", file: file, line: line)
    XCTAssertEqual(Set(triples), model.liveTriples, "\(context): triples", file: file, line: line)
    for t in model.liveTriples {
        XCTAssertEqual(Set(view.evidence(t)), Set(model.evidence(of: t)), "\(context): evidence of \(t)", file: file, line: line)
        XCTAssertTrue(view.triples(subject: t.subject).contains(t), "\(context): by subject \(t)", file: file, line: line)
        XCTAssertTrue(view.triples(predicate: t.predicate).contains(t), "\(context): by predicate \(t)", file: file, line: line)
        XCTAssertTrue(view.triples(object: t.object).contains(t), "\(context): by object \(t)", file: file, line: line)
        XCTAssertEqual(view.triples(subject: t.subject, predicate: t.predicate, object: t.object), [t],
                       "\(context): fully bound \(t)", file: file, line: line)
    }
    var counts: [String: Int] = [:]
    for t in model.liveTriples { counts[t.predicate, default: 0] += 1 }
    XCTAssertEqual(view.predicates, counts, "\(context): predicate counts", file: file, line: line)
    XCTAssertEqual(view.documents, model.documents.values.sorted { $0.path < $1.path }, "\(context): documents", file: file, line: line)
    // The evidence-by-document index agrees with a scan of every triple's evidence.
    var byDocument: [String: Set<Triple>] = [:]
    for t in model.liveTriples { for p in model.evidence(of: t) { byDocument[p.document, default: []].insert(t) } }
    for d in Set(byDocument.keys).union(model.documents.keys) {
        let indexed = Set(view.triples(withEvidenceFrom: d).filter { model.liveTriples.contains($0) })
        XCTAssertEqual(indexed, byDocument[d] ?? [], "\(context): triples with evidence from \(d)", file: file, line: line)
    }
    for d in model.documents.values {
        XCTAssertTrue(view.documents(withSHA: d.sha256).contains(d.path), "\(context): content index of \(d.path)", file: file, line: line)
    }
    let columns = view.columns
    var fromColumns = Set<Triple>()
    for i in 0..<columns.count {
        fromColumns.insert(Triple(subject: Int(columns.subjects[i]), predicate: columns.predicateNames[Int(columns.predicates[i])],
                                  object: columns.object(columns.objects[i])))
    }
    XCTAssertEqual(columns.count, triples.count, "\(context): column rows", file: file, line: line)
    XCTAssertEqual(fromColumns, model.liveTriples, "\(context): columns", file: file, line: line)
}

/// Random transactions over a small world, so that retractions, re-assertions
/// and merges hit the same entities and triples often.
struct WorkloadGenerator {
    var rng: SeededRandom
    var model = GraphModel()
    var nextID = 1
    let predicates = ["ceo_of", "founder_of", "developed", "partner_of", "has_figure"]
    let documents = ["corpus/a.md", "corpus/b.md", "corpus/c.md"]
    let names = ["Jensen Huang", "黄仁勋", "NVIDIA", "英伟达", "OpenAI", "Sam Altman", "GPT-4o", "DeepSeek", "月之暗面", "Kimi"]

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    mutating func pick<T>(_ xs: [T]) -> T { xs[Int(rng.next() % UInt64(xs.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { rng.next() % 100 < percent }

    mutating func existingID() -> EntityID { 1 + Int(rng.next() % UInt64(nextID - 1)) }

    mutating func object() -> TripleObject {
        switch rng.next() % 4 {
        case 0: return .string(pick(["2024", "San Francisco", "杭州"]))
        case 1: return .number(Double(rng.next() % 5) * 1.5)
        default: return .entity(existingID())
        }
    }

    mutating func provenance() -> Provenance {
        let start = Int(rng.next() % 50)
        return Provenance(document: pick(documents), start: start, end: start + 7, sentence: pick(["句子一。", "Sentence two.", ""]),
                          rule: pick(["pattern", "user"]), confidence: pick([1.0, 0.5]), metric: chance(30) ? "revenue" : nil)
    }

    /// A draft that keeps the model's merge invariants (the store would refuse invalid merges).
    mutating func draft(tx: TxID) -> TransactionDraft {
        var ops: [GraphOperation] = []
        var scratch = model
        let n = 1 + Int(rng.next() % 6)
        for _ in 0..<n {
            let op: GraphOperation
            let roll = nextID < 4 ? 0 : rng.next() % 100
            switch roll {
            case 0..<20:
                let type = pick(EntityType.allCases)
                let figure = type == .figure ? FigurePayload(value: 70, upperValue: chance(50) ? 100 : nil, unit: "USD", surface: "70 亿美元") : nil
                let id = chance(15) && nextID > 1 ? existingID() : nextID
                if id == nextID { nextID += 1 }
                op = .assertEntity(Entity(id: id, type: type, name: pick(names) + (chance(50) ? "" : " \(id)"),
                                          aliases: chance(50) ? [pick(names), pick(names)] : [], figure: figure))
            case 20..<25: op = .retractEntity(existingID())
            case 25..<32: op = .assertAlias(existingID(), pick(names))
            case 32..<36: op = .retractAlias(existingID(), pick(names))
            case 36..<70: op = .assertTriple(Triple(subject: existingID(), predicate: pick(predicates), object: object()), provenance())
            case 70..<82:
                let t = Triple(subject: existingID(), predicate: pick(predicates), object: object())
                let target = chance(60) ? (scratch.evidence.keys.randomElement(using: &rng) ?? t) : t
                op = .retractTriple(target, document: chance(50) ? pick(documents) : nil)
            case 82..<88: op = .assertDocument(DocumentRecord(path: pick(documents), sha256: String(repeating: "ab", count: 32), size: Int(rng.next() % 1000), tx: tx))
            case 88..<90: op = .retractDocument(path: pick(documents))
            case 90: op = .moveDocument(from: pick(documents), to: pick(documents + ["corpus/moved.md"]))
            case 91..<96:
                let from = existingID(), into = existingID()
                guard from != into, scratch.mergedInto[from] == nil, scratch.canonical(into) != from else { continue }
                op = .merge(from: from, into: into)
            default:
                guard let (from, into) = scratch.mergedInto.randomElement(using: &rng) else { continue }
                op = .unmerge(from: from, into: into)
            }
            scratch.apply(op)
            ops.append(op)
        }
        return TransactionDraft(source: pick([.user, .document(pick(documents)), .importFile("import.jsonl")]), operations: ops,
                                time: Date(timeIntervalSince1970: 1_700_000_000 + Double(tx) * 60))
    }
}
