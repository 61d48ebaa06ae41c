import KGCore

/// Two CSV files for `neo4j-admin database import full` (Neo4j 5; `neo4j-admin
/// import` in 4.x), with the importer's typed headers:
///
///     nodes.csv          id:ID,name,type,aliases:string[],value:double,unit,:LABEL
///     relationships.csv  :START_ID,:END_ID,:TYPE,weight:int,confidence:double,metric,rule,documents:string[],evidence
///
/// `:ID` is the stable key (`person/Jensen Huang`, see `StableKeys`); `:LABEL` is
/// `Person`, `Company`, `Model`, `Figure` or `Literal` (literal objects become
/// nodes so every relationship has two ends); `:TYPE` is the predicate as kg
/// names it (`ceo_of`). Arrays use the importer's default `;` delimiter (a `;`
/// inside an element becomes `,`); line breaks in text become spaces, so the
/// importer needs no `--multiline-fields`. Fields are RFC 4180 quoted.
/// Import: `neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j`.
public struct Neo4jCSVWriter {
    public static let nodeHeader = ["id:ID", "name", "type", "aliases:string[]", "value:double", "unit", ":LABEL"]
    public static let relationshipHeader = [":START_ID", ":END_ID", ":TYPE", "weight:int", "confidence:double", "metric",
                                            "rule", "documents:string[]", "evidence"]

    public init() {}

    public func write(_ graph: ExportGraph) -> (nodes: String, relationships: String) {
        let stable = StableKeys(graph)
        var nodes = Self.row(Self.nodeHeader)
        var written = Set<String>()
        for e in graph.entities where written.insert(StableKeys.entity(e)).inserted {
            nodes += Self.row([StableKeys.entity(e), e.name, e.type.rawValue, Self.array(e.aliases),
                               e.figure.map { formatNumber($0.value) } ?? "", e.figure?.unit ?? "",
                               e.type.rawValue.prefix(1).uppercased() + e.type.rawValue.dropFirst()])
        }
        for r in graph.relations {
            if case .entity = r.triple.object { continue }
            let key = stable.object(r.triple.object)
            guard written.insert(key).inserted else { continue }
            nodes += Self.row([key, r.triple.object.literalText ?? "", "literal", "", "", "", "Literal"])
        }
        var relationships = Self.row(Self.relationshipHeader)
        let known = Set(graph.entities.map(\.id))
        for r in graph.relations {
            let t = r.triple
            guard known.contains(t.subject) else { continue }
            if case .entity(let o) = t.object, !known.contains(o) { continue }
            var documents: [String] = []
            for p in r.evidence where !documents.contains(p.document) { documents.append(p.document) }
            relationships += Self.row([stable.entity(t.subject), stable.object(t.object), t.predicate,
                                       String(max(1, r.evidence.count)),
                                       r.evidence.map(\.confidence).max().map { "\($0)" } ?? "",
                                       r.evidence.compactMap(\.metric).first ?? "",
                                       r.evidence.first?.rule ?? "",
                                       Self.array(documents), r.evidence.first?.sentence ?? ""])
        }
        return (nodes, relationships)
    }

    static func array(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: ";", with: ",") }.joined(separator: ";")
    }

    static func row(_ fields: [String]) -> String {
        fields.map { field in
            let flat = String(String.UnicodeScalarView(field.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
            return CSVWriter.field(flat)
        }.joined(separator: ",") + "\n"
    }
}
