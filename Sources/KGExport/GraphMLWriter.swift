import KGCore

/// GraphML (graphml.graphdrawing.org), which Gephi, yEd, Cytoscape, networkx
/// and igraph open as is. Node ids are stable keys (`person/Jensen Huang`,
/// `literal/2017`; see `StableKeys`), so two graphs' files name the same node
/// alike. Every attribute is declared with a `<key>` and a type; `label` is the
/// attribute Gephi and Cytoscape show. Edges carry the predicate (`label`),
/// evidence count (`weight`), best confidence, metric, documents and the first
/// sentence. yEd shows only its own drawing data, so each node and edge also
/// carries a `y:ShapeNode` / `y:PolyLineEdge` (label, shape and fill by type,
/// as in the DOT export) under keys with `yfiles.type`; the other tools skip
/// those keys (networkx reads the yEd label into `label`, the same text).
/// Text is XML-escaped; characters XML 1.0 forbids (C0 controls other than
/// tab and line breaks) become spaces. Cost: linear in the graph.
public struct GraphMLWriter {
    public init() {}

    /// (id, for, name, type): the attribute declarations, in output order.
    static let keys: [(id: String, domain: String, name: String, type: String)] = [
        ("label", "node", "label", "string"),
        ("type", "node", "type", "string"),
        ("aliases", "node", "aliases", "string"),
        ("value", "node", "value", "double"),
        ("unit", "node", "unit", "string"),
        ("elabel", "edge", "label", "string"),
        ("weight", "edge", "weight", "double"),
        ("confidence", "edge", "confidence", "double"),
        ("metric", "edge", "metric", "string"),
        ("symmetric", "edge", "symmetric", "boolean"),
        ("documents", "edge", "documents", "string"),
        ("evidence", "edge", "evidence", "string"),
    ]

    public func write(_ graph: ExportGraph) -> String {
        let stable = StableKeys(graph)
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xmlns:y="http://www.yworks.com/xml/graphml"
                 xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

        """
        for k in Self.keys {
            out += "  <key id=\"\(k.id)\" for=\"\(k.domain)\" attr.name=\"\(k.name)\" attr.type=\"\(k.type)\"/>\n"
        }
        out += "  <key id=\"ynode\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
        out += "  <key id=\"yedge\" for=\"edge\" yfiles.type=\"edgegraphics\"/>\n"
        out += "  <graph id=\"kg\" edgedefault=\"directed\">\n"
        var written = Set<String>()
        func node(_ id: String, _ data: [(String, String)], type: String) {
            guard written.insert(id).inserted else { return }  // same type and name: one node
            out += "    <node id=\"\(Self.escape(id))\">\n"
            for (k, v) in data where !v.isEmpty { out += "      <data key=\"\(k)\">\(Self.escape(v))</data>\n" }
            let look = Self.yEdLook[type] ?? Self.yEdLook["literal"]!
            let label = data.first { $0.0 == "label" }?.1 ?? ""
            let width = max(40, 8 * DisplayWidth.of(label) + 16)
            out += "      <data key=\"ynode\"><y:ShapeNode><y:Geometry width=\"\(width)\" height=\"30\"/>"
                + "<y:Fill color=\"\(look.fill)\"/><y:NodeLabel>\(Self.escape(label))</y:NodeLabel>"
                + "<y:Shape type=\"\(look.shape)\"/></y:ShapeNode></data>\n"
            out += "    </node>\n"
        }
        for e in graph.entities {
            node(StableKeys.entity(e), [("label", e.figure.map { $0.surface.isEmpty ? e.name : $0.surface } ?? e.name),
                                        ("type", e.type.rawValue), ("aliases", e.aliases.joined(separator: "|")),
                                        ("value", e.figure.map { formatNumber($0.value) } ?? ""), ("unit", e.figure?.unit ?? "")],
                 type: e.type.rawValue)
        }
        for r in graph.relations {
            if case .entity = r.triple.object { continue }
            node(stable.object(r.triple.object), [("label", r.triple.object.literalText ?? ""), ("type", "literal")], type: "literal")
        }
        let known = Set(graph.entities.map(\.id))
        for (i, r) in graph.relations.enumerated() {
            let t = r.triple
            guard known.contains(t.subject) else { continue }
            if case .entity(let o) = t.object, !known.contains(o) { continue }
            var documents: [String] = []
            for p in r.evidence where !documents.contains(p.document) { documents.append(p.document) }
            let data: [(String, String)] = [
                ("elabel", t.predicate),
                ("weight", String(max(1, r.evidence.count))),
                ("confidence", r.evidence.map(\.confidence).max().map { "\($0)" } ?? ""),
                ("metric", r.evidence.compactMap(\.metric).first ?? ""),
                ("symmetric", Predicate.symmetric.contains(t.predicate) ? "true" : "false"),
                ("documents", documents.joined(separator: "|")),
                ("evidence", r.evidence.first?.sentence ?? ""),
            ]
            out += "    <edge id=\"r\(i)\" source=\"\(Self.escape(stable.entity(t.subject)))\" target=\"\(Self.escape(stable.object(t.object)))\">\n"
            for (k, v) in data where !v.isEmpty { out += "      <data key=\"\(k)\">\(Self.escape(v))</data>\n" }
            let arrows = Predicate.symmetric.contains(t.predicate) ? "source=\"standard\" target=\"standard\"" : "source=\"none\" target=\"standard\""
            out += "      <data key=\"yedge\"><y:PolyLineEdge><y:Arrows \(arrows)/>"
                + "<y:EdgeLabel>\(Self.escape(t.predicate))</y:EdgeLabel></y:PolyLineEdge></data>\n"
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// yEd's shape and fill per node type (the DOT export's colours).
    static let yEdLook: [String: (shape: String, fill: String)] = [
        "person": ("ellipse", "#CFE2FF"), "company": ("roundrectangle", "#FFE8A3"),
        "model": ("hexagon", "#C8F0C8"), "figure": ("rectangle", "#EEEEEE"), "literal": ("rectangle", "#FFFFFF"),
    ]

    /// XML text and attribute escaping; characters XML 1.0 cannot hold become spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
