/// The output of extraction for one document: what `kg extract --format jsonl`
/// prints (one `Extraction` per line) and what `kg import` reads. The JSON form
/// is the input contract of `shared/eval/score.py`.
public struct Extraction: Codable, Sendable, Equatable {
    public var document: String
    public var entities: [ExtractedEntity]
    public var relations: [ExtractedRelation]
    /// Problems met while reading the document (invalid bytes replaced, …).
    public var warnings: [String]?

    public init(document: String, entities: [ExtractedEntity] = [], relations: [ExtractedRelation] = [],
                warnings: [String]? = nil) {
        self.document = document
        self.entities = entities
        self.relations = relations
        self.warnings = warnings
    }
}

/// One entity of one document. `id` is local to the document (`e1`, `e2`, …).
public struct ExtractedEntity: Codable, Sendable, Equatable {
    public var id: String
    public var type: EntityType
    public var name: String
    public var aliases: [String]
    /// Figures only.
    public var value: Double?
    public var upperValue: Double?
    public var unit: String?
    /// Spans of every mention, in Unicode scalars of the original text.
    public var mentions: [Span]?

    public init(id: String, type: EntityType, name: String, aliases: [String] = [],
                value: Double? = nil, upperValue: Double? = nil, unit: String? = nil, mentions: [Span]? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
        self.value = value
        self.upperValue = upperValue
        self.unit = unit
        self.mentions = mentions
    }

    enum CodingKeys: String, CodingKey {
        case id, type, name, aliases, value, upperValue = "upper_value", unit, mentions
    }
}

/// A half-open range of Unicode scalar offsets.
public struct Span: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// One relation of one document; ends name entities by their local id.
public struct ExtractedRelation: Codable, Sendable, Equatable {
    public var subject: String
    public var predicate: String
    public var object: String
    public var metric: String?
    public var evidence: String?
    public var start: Int?
    public var end: Int?
    public var rule: String?
    public var confidence: Double?

    public init(subject: String, predicate: String, object: String, metric: String? = nil,
                evidence: String? = nil, start: Int? = nil, end: Int? = nil,
                rule: String? = nil, confidence: Double? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.metric = metric
        self.evidence = evidence
        self.start = start
        self.end = end
        self.rule = rule
        self.confidence = confidence
    }
}
