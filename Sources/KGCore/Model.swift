/// The graph's data model, shared by every stage.
///
/// These are plain value types: the extractor produces them, the store logs and
/// replays them, the Datalog engine and the exporters read them. Identity inside
/// a graph is an `EntityID`; names are for people.

/// A graph-wide entity number. Stable for the life of a graph: never reused,
/// even after the entity is retracted or merged away.
public typealias EntityID = Int

/// A transaction number: 1 for the first transaction in a log, then +1 each.
public typealias TxID = Int

/// The four entity types of the guidelines. The raw value is what users type
/// and what files store.
public enum EntityType: String, CaseIterable, Codable, Sendable {
    case person, company, model, figure
}

/// What a figure states: a quantity (or a range) and its unit.
public struct FigurePayload: Hashable, Codable, Sendable {
    /// The number; the lower bound for ranges and vague amounts (数十亿 = 1e9).
    public var value: Double
    /// The upper bound of a range (`50~100 亿美元`), nil for a single amount.
    public var upperValue: Double?
    /// `USD`, `CNY`, `EUR`, `percent`, `x`, or a short English noun for counts
    /// and durations (`GPU`, `person`, `year`).
    public var unit: String
    /// The text as the document wrote it (`70 亿美元`).
    public var surface: String

    public init(value: Double, upperValue: Double? = nil, unit: String, surface: String) {
        self.value = value
        self.upperValue = upperValue
        self.unit = unit
        self.surface = surface
    }
}

/// A named thing in the graph.
public struct Entity: Hashable, Codable, Sendable {
    public var id: EntityID
    public var type: EntityType
    /// The canonical name: English where the thing has a well-known English name.
    public var name: String
    /// Every other surface form seen for it (the canonical name is not repeated).
    public var aliases: [String]
    /// Present for figures only.
    public var figure: FigurePayload?

    public init(id: EntityID, type: EntityType, name: String, aliases: [String] = [], figure: FigurePayload? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
        self.figure = figure
    }
}

/// The object of a triple: another entity or a literal.
public enum TripleObject: Hashable, Codable, Sendable {
    case entity(EntityID)
    case string(String)
    case number(Double)
}

/// `subject predicate object`. Predicates are lowercase snake_case words from the
/// closed vocabulary of the guidelines, or any word a user asserts by hand.
public struct Triple: Hashable, Codable, Sendable {
    public var subject: EntityID
    public var predicate: String
    public var object: TripleObject

    public init(subject: EntityID, predicate: String, object: TripleObject) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
    }
}

/// Where a triple came from. A triple may carry several (one per sentence that
/// states it); it is live while at least one of them is.
public struct Provenance: Hashable, Codable, Sendable {
    /// The document's path as ingested, or `user` / an import file for manual facts.
    public var document: String
    /// Character span in the original document text, counted in Unicode scalars
    /// (what Python's `str` indexes), half-open.
    public var start: Int
    public var end: Int
    /// The sentence that states the triple, as the document wrote it.
    public var sentence: String
    /// The extraction rule (or `user`, `import`) that produced it.
    public var rule: String
    /// 0...1.
    public var confidence: Double
    /// For `has_figure`: which quantity the figure measures (`revenue`, `funding`, `age`).
    public var metric: String?

    public init(document: String, start: Int = 0, end: Int = 0, sentence: String = "",
                rule: String, confidence: Double = 1, metric: String? = nil) {
        self.document = document
        self.start = start
        self.end = end
        self.sentence = sentence
        self.rule = rule
        self.confidence = confidence
        self.metric = metric
    }
}

/// A document the graph has ingested.
public struct DocumentRecord: Hashable, Codable, Sendable {
    public var path: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String
    public var size: Int
    /// The transaction that ingested this version of it.
    public var tx: TxID

    public init(path: String, sha256: String, size: Int, tx: TxID) {
        self.path = path
        self.sha256 = sha256
        self.size = size
        self.tx = tx
    }
}

/// The closed relation vocabulary of the guidelines.
public enum Predicate {
    public static let all = ["ceo_of", "founder_of", "works_at", "developed", "competitor_of",
                             "invested_in", "acquired", "partner_of", "outperforms", "interviewed",
                             "has_figure"]
    /// Predicates whose direction carries no meaning.
    public static let symmetric: Set<String> = ["competitor_of", "partner_of"]
}
