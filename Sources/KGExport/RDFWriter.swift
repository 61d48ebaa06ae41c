import KGCore

/// RDF as N-Triples, Turtle or TriG (W3C RDF 1.1), one statement per line with
/// full IRIs, so every output is also greppable line by line.
///
/// IRIs come from stable names (see `StableKeys`), not the store's numbers:
/// `<BASE person/Jensen%20Huang>`, `<BASE predicate/ceo_of>`, `<BASE type/person>`;
/// two graphs built from the same documents give the same IRIs. Names are
/// `rdfs:label`, aliases `skos:altLabel`, both with a language tag by script
/// (`"微软"@zh`, `"Microsoft"@en`); figures have `predicate/value`, `unit`, `surface`.
///
/// Evidence (document, span, sentence, rule, confidence, metric):
/// - `.ntriples`: none (the graph only).
/// - `.turtle`: each fact also as a standard reification node `<BASE fact/KEY>`
///   (`rdf:Statement` with `rdf:subject/predicate/object`), its evidence nodes
///   `<BASE evidence/KEY>` linked by `<BASE vocab/evidence>`. Every Turtle reader reads it.
/// - `.trig`: each fact in its own named graph `<BASE fact/KEY>` (and in the
///   default graph, so the default graph is the whole graph); the evidence of
///   that named graph is described in the default graph by the same properties.
/// Cost: linear in entities, triples and evidence; one hash per fact and evidence.
public struct NTriplesWriter {
    public enum Mode: Sendable { case ntriples, turtle, trig }

    public static let defaultBase = "https://kg.example/"
    public var base: String
    public var mode: Mode

    public init(base: String = NTriplesWriter.defaultBase, mode: Mode = .ntriples) {
        self.base = base.hasSuffix("/") || base.hasSuffix("#") ? base : base + "/"
        self.mode = mode
    }

    static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let label = "http://www.w3.org/2000/01/rdf-schema#label"
    static let altLabel = "http://www.w3.org/2004/02/skos/core#altLabel"
    static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
    static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"

    public func entityIRI(key: String) -> String { "<\(base)\(Self.percentEncode(key, keepSlash: true))>" }
    public func predicateIRI(_ name: String) -> String { "<\(base)predicate/\(Self.percentEncode(name))>" }
    func vocabIRI(_ name: String) -> String { "<\(base)vocab/\(name)>" }
    func typeIRI(_ type: EntityType) -> String { "<\(base)type/\(type.rawValue)>" }
    func factIRI(_ key: String) -> String { "<\(base)fact/\(key)>" }
    func evidenceIRI(_ key: String) -> String { "<\(base)evidence/\(key)>" }

    public func write(_ graph: ExportGraph) -> String {
        let keys = StableKeys(graph)
        // Each entity's IRI once (percent-encoding it per statement was most of the time).
        var iris: [EntityID: String] = [:]
        for (id, key) in keys.entityKeys { iris[id] = self.entityIRI(key: key) }
        func entityIRI(_ id: EntityID) -> String { iris[id] ?? self.entityIRI(key: keys.entity(id)) }
        var out = ""
        func line(_ s: String, _ p: String, _ o: String) { out += "\(s) \(p) \(o) .\n" }
        for e in graph.entities {
            let s = entityIRI(e.id)
            line(s, "<\(Self.rdfType)>", typeIRI(e.type))
            line(s, "<\(Self.label)>", Self.tagged(e.name))
            for alias in e.aliases { line(s, "<\(Self.altLabel)>", Self.tagged(alias)) }
            if let f = e.figure {
                line(s, predicateIRI("value"), Self.number(f.value))
                if let upper = f.upperValue { line(s, predicateIRI("upper_value"), Self.number(upper)) }
                line(s, predicateIRI("unit"), Self.literal(f.unit))
                if !f.surface.isEmpty { line(s, predicateIRI("surface"), Self.tagged(f.surface)) }
            }
        }
        var facts: [(key: String, statement: String, relation: ExportRelation)] = []
        for r in graph.relations {
            let t = r.triple
            let s = entityIRI(t.subject), p = predicateIRI(t.predicate), o = objectTerm(t.object, entityIRI)
            line(s, p, o)
            if mode != .ntriples { facts.append((keys.fact(t), "\(s) \(p) \(o) .\n", r)) }
        }
        for fact in facts {
            let f = factIRI(fact.key)
            if mode == .turtle {
                let t = fact.relation.triple
                line(f, "<\(Self.rdfType)>", "<\(Self.rdf)Statement>")
                line(f, "<\(Self.rdf)subject>", entityIRI(t.subject))
                line(f, "<\(Self.rdf)predicate>", predicateIRI(t.predicate))
                line(f, "<\(Self.rdf)object>", objectTerm(t.object, entityIRI))
            }
            for p in fact.relation.evidence {
                let ev = evidenceIRI(StableKeys.evidence(p, fact: fact.key))
                line(f, vocabIRI("evidence"), ev)
                line(ev, vocabIRI("document"), Self.literal(p.document))
                line(ev, vocabIRI("start"), Self.number(Double(p.start)))
                line(ev, vocabIRI("end"), Self.number(Double(p.end)))
                if !p.sentence.isEmpty { line(ev, vocabIRI("sentence"), Self.tagged(p.sentence)) }
                line(ev, vocabIRI("rule"), Self.literal(p.rule))
                line(ev, vocabIRI("confidence"), "\"\(p.confidence)\"^^<\(Self.xsdDouble)>")
                if let metric = p.metric { line(ev, vocabIRI("metric"), Self.literal(metric)) }
            }
        }
        if mode == .trig {
            for fact in facts { out += "\(factIRI(fact.key)) {\n  \(fact.statement)}\n" }
        }
        return out
    }

    func objectTerm(_ o: TripleObject, _ entityIRI: (EntityID) -> String) -> String {
        switch o {
        case .entity(let id): return entityIRI(id)
        case .string(let s): return Self.literal(s)
        case .number(let n): return Self.number(n)
        }
    }

    /// A plain literal with a language tag when its script says one (`"微软"@zh`).
    static func tagged(_ s: String) -> String {
        literal(s) + (languageTag(s).map { "@" + $0 } ?? "")
    }

    /// `"…"` with `\" \\ \n \r \t \b \f` escaped and other control characters as `\uXXXX`.
    public static func literal(_ s: String) -> String { QuotedString.backslashEscaped(s, quote: "\"") }

    static func number(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return "\"\(Int64(n))\"^^<\(xsdInteger)>" }
        return "\"\(n)\"^^<\(xsdDouble)>"
    }

    /// Percent-encodes every UTF-8 byte outside RFC 3986's unreserved characters
    /// (and `/` too unless `keepSlash`, which entity keys use between type and name).
    static func percentEncode(_ s: String, keepSlash: Bool = false) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count * 3)
        var slashKept = !keepSlash
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where !slashKept && !out.isEmpty:
                out.append(byte)
                slashKept = true
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
