import KGCore

/// Two RFC 4180 files as graph tools (Gephi, Neo4j's importer, networkx)
/// import them: `nodes.csv` (`Id,Label,Type,Aliases,Value,Unit`) and
/// `edges.csv` (`Source,Target,Label,Type,Weight,Documents,Evidence`), CRLF line
/// ends, fields quoted when they hold a comma, quote, CR or LF. Literal objects
/// become nodes of type `literal` so every edge has two node ends.
public struct CSVWriter {
    /// Separator inside the Aliases and Documents fields.
    public static let listSeparator = "|"

    public init() {}

    public func write(_ graph: ExportGraph) -> (nodes: String, edges: String) {
        var nodes = Self.row(["Id", "Label", "Type", "Aliases", "Value", "Unit"])
        for e in graph.entities {
            nodes += Self.row(["e\(e.id)", e.name, e.type.rawValue, e.aliases.joined(separator: Self.listSeparator),
                               e.figure.map { formatNumber($0.value) } ?? "", e.figure?.unit ?? ""])
        }
        let literals = graph.literalKeys
        for (object, key) in literals.sorted(by: { Int($0.value.dropFirst())! < Int($1.value.dropFirst())! }) {
            nodes += Self.row([key, object.literalText ?? "", "literal", "", "", ""])
        }
        var edges = Self.row(["Source", "Target", "Label", "Type", "Weight", "Documents", "Evidence"])
        for r in graph.relations {
            let t = r.triple
            let target: String
            if case .entity(let id) = t.object { target = "e\(id)" } else { target = literals[t.object]! }
            var documents: [String] = []
            for p in r.evidence where !documents.contains(p.document) { documents.append(p.document) }
            edges += Self.row(["e\(t.subject)", target, t.predicate,
                               Predicate.symmetric.contains(t.predicate) ? "Undirected" : "Directed",
                               String(max(1, r.evidence.count)), documents.joined(separator: Self.listSeparator),
                               r.evidence.first?.sentence ?? ""])
        }
        return (nodes, edges)
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A field quoted (with inner quotes doubled) when it needs to be.
    static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
