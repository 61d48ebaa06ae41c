import KGCore

/// Graphviz DOT. Node ids are synthetic ASCII (`e12`, `l3`) so no name can break
/// the syntax; names go into labels, which are escaped (quotes, backslashes,
/// newlines, control characters). Shape and colour say the entity type; the
/// predicate labels each edge; a legend cluster explains the shapes.
public struct DOTWriter {
    /// A font with CJK glyphs, so Chinese names render instead of boxes.
    public var fontName: String
    public var title: String

    public init(fontName: String = "Noto Sans CJK SC", title: String = "kg") {
        self.fontName = fontName
        self.title = title
    }

    /// How each entity type is drawn: (shape, style, fill colour).
    static let look: [EntityType: (shape: String, style: String, fill: String)] = [
        .person: ("ellipse", "filled", "#cfe2ff"),
        .company: ("box", "rounded,filled", "#ffe8a3"),
        .model: ("hexagon", "filled", "#c8f0c8"),
        .figure: ("box", "filled", "#eeeeee"),
    ]
    static let literalLook = (shape: "plaintext", style: "solid", fill: "#ffffff")

    public func write(_ graph: ExportGraph) -> String {
        var out = "digraph \(quote(title)) {\n"
        out += "  graph [rankdir=LR, fontname=\(quote(fontName)), charset=\"UTF-8\"];\n"
        out += "  node [fontname=\(quote(fontName))];\n"
        out += "  edge [fontname=\(quote(fontName)), fontsize=10];\n"
        for entity in graph.entities {
            let look = Self.look[entity.type]!
            out += "  e\(entity.id) [label=\(quote(label(entity))), shape=\(look.shape), style=\(quote(look.style)), fillcolor=\(quote(look.fill))];\n"
        }
        let literals = graph.literalKeys.sorted { $0.value.count == $1.value.count ? $0.value < $1.value : $0.value.count < $1.value.count }
        for (object, key) in literals {
            out += "  \(key) [label=\(quote(object.literalText ?? "")), shape=\(Self.literalLook.shape)];\n"
        }
        let literalKeys = graph.literalKeys
        let known = Set(graph.entities.map(\.id))
        for relation in graph.relations {
            let t = relation.triple
            guard known.contains(t.subject) else { continue }
            let target: String
            switch t.object {
            case .entity(let id):
                guard known.contains(id) else { continue }
                target = "e\(id)"
            case .string, .number:
                target = literalKeys[t.object]!
            }
            var attrs = "label=\(quote(t.predicate))"
            if Predicate.symmetric.contains(t.predicate) { attrs += ", dir=both" }
            if let metric = relation.evidence.compactMap(\.metric).first {
                attrs = "label=\(quote(t.predicate + " (" + metric + ")"))" + (Predicate.symmetric.contains(t.predicate) ? ", dir=both" : "")
            }
            out += "  e\(t.subject) -> \(target) [\(attrs)];\n"
        }
        out += legend()
        out += "}\n"
        return out
    }

    /// A figure shows its surface text and unit; other entities their name.
    func label(_ entity: Entity) -> String {
        if let figure = entity.figure {
            let surface = figure.surface.isEmpty ? entity.name : figure.surface
            return "\(surface)\n[\(figure.unit)]"
        }
        return entity.name
    }

    func legend() -> String {
        var out = "  subgraph cluster_legend {\n    label=\"legend\"; style=dashed; fontname=\(quote(fontName));\n"
        for type in EntityType.allCases {
            let look = Self.look[type]!
            out += "    legend_\(type.rawValue) [label=\(quote(type.rawValue)), shape=\(look.shape), style=\(quote(look.style)), fillcolor=\(quote(look.fill))];\n"
        }
        let names = EntityType.allCases.map { "legend_\($0.rawValue)" }
        out += "    " + names.joined(separator: " -> ") + " [style=invis];\n  }\n"
        return out
    }

    /// A DOT double-quoted string. Inside labels Graphviz reads `\n` as a line
    /// break and `\\` as one backslash; other backslash sequences (`\N`, `\G`,
    /// `\l`) would be expanded, so every backslash is doubled. Control
    /// characters other than newline become spaces.
    public func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
