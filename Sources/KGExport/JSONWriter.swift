import Foundation
import KGCore

/// JSON: `{"entities": [...], "relations": [...]}` with each relation's
/// evidence. Entity objects are `{"entity": id}`; literals are JSON strings or
/// numbers under `"value"`. `ExportGraph(json:)` reads the same form back.
public struct JSONWriter {
    public init() {}

    public func write(_ graph: ExportGraph) throws -> String {
        // One id → name table (ExportGraph.entity(_:) rebuilds its index per call: quadratic here).
        var names: [EntityID: String] = [:]
        for e in graph.entities { names[e.id] = e.name }
        let document = JSONGraph(
            entities: graph.entities.map(JSONEntity.init),
            relations: graph.relations.map { r in
                JSONRelation(subject: r.triple.subject,
                             subjectName: names[r.triple.subject],
                             predicate: r.triple.predicate,
                             object: JSONObject(r.triple.object),
                             objectName: { if case .entity(let id) = r.triple.object { return names[id] }; return nil }(),
                             evidence: r.evidence.map(JSONEvidence.init))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }
}

extension ExportGraph {
    /// Reads what `JSONWriter` wrote.
    public init(json: Data) throws {
        let document = try JSONDecoder().decode(JSONGraph.self, from: json)
        self.init(entities: document.entities.map(\.entity),
                  relations: document.relations.map { r in
                      ExportRelation(triple: Triple(subject: r.subject, predicate: r.predicate, object: r.object.value),
                                     evidence: r.evidence.map(\.provenance))
                  })
    }
}

struct JSONGraph: Codable {
    var entities: [JSONEntity]
    var relations: [JSONRelation]
}

struct JSONEntity: Codable {
    var id: EntityID
    var type: EntityType
    var name: String
    var aliases: [String]
    var value: Double?
    var upperValue: Double?
    var unit: String?
    var surface: String?

    init(_ e: Entity) {
        id = e.id; type = e.type; name = e.name; aliases = e.aliases
        value = e.figure?.value; upperValue = e.figure?.upperValue; unit = e.figure?.unit; surface = e.figure?.surface
    }

    var entity: Entity {
        var figure: FigurePayload?
        if let value, let unit { figure = FigurePayload(value: value, upperValue: upperValue, unit: unit, surface: surface ?? "") }
        return Entity(id: id, type: type, name: name, aliases: aliases, figure: figure)
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, aliases, value, upperValue = "upper_value", unit, surface
    }
}

/// `{"entity": 12}`, `{"string": "…"}` or `{"number": 3.5}`.
struct JSONObject: Codable {
    var entity: EntityID?
    var string: String?
    var number: Double?

    init(_ o: TripleObject) {
        switch o {
        case .entity(let id): entity = id
        case .string(let s): string = s
        case .number(let n): number = n
        }
    }

    var value: TripleObject {
        if let entity { return .entity(entity) }
        if let number { return .number(number) }
        return .string(string ?? "")
    }
}

struct JSONRelation: Codable {
    var subject: EntityID
    var subjectName: String?
    var predicate: String
    var object: JSONObject
    var objectName: String?
    var evidence: [JSONEvidence]

    enum CodingKeys: String, CodingKey {
        case subject, subjectName = "subject_name", predicate, object, objectName = "object_name", evidence
    }
}

struct JSONEvidence: Codable {
    var document: String
    var start: Int
    var end: Int
    var sentence: String
    var rule: String
    var confidence: Double
    var metric: String?

    init(_ p: Provenance) {
        document = p.document; start = p.start; end = p.end; sentence = p.sentence
        rule = p.rule; confidence = p.confidence; metric = p.metric
    }

    var provenance: Provenance {
        Provenance(document: document, start: start, end: end, sentence: sentence, rule: rule,
                   confidence: confidence, metric: metric)
    }
}
