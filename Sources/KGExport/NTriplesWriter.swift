import KGCore

/// N-Triples (W3C RDF 1.1). Every entity is an IRI under `base`
/// (`https://kg.example/entity/12`), predicates under `predicateBase`, types
/// under `typeBase`; names are `rdfs:label`, aliases `skos:altLabel`, figure
/// values typed literals. Literals escape what the spec's ECHAR/UCHAR rules
/// require; IRIs percent-encode every byte outside the unreserved set.
public struct NTriplesWriter {
    public static let defaultBase = "https://kg.example/"
    public var base: String

    public init(base: String = NTriplesWriter.defaultBase) { self.base = base }

    static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    static let label = "http://www.w3.org/2000/01/rdf-schema#label"
    static let altLabel = "http://www.w3.org/2004/02/skos/core#altLabel"
    static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
    static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"

    public func entityIRI(_ id: EntityID) -> String { "<\(base)entity/\(id)>" }
    public func predicateIRI(_ name: String) -> String { "<\(base)predicate/\(Self.percentEncode(name))>" }
    func typeIRI(_ type: EntityType) -> String { "<\(base)type/\(type.rawValue)>" }

    public func write(_ graph: ExportGraph) -> String {
        var out = ""
        for e in graph.entities {
            let s = entityIRI(e.id)
            out += "\(s) <\(Self.rdfType)> \(typeIRI(e.type)) .\n"
            out += "\(s) <\(Self.label)> \(Self.literal(e.name)) .\n"
            for alias in e.aliases {
                out += "\(s) <\(Self.altLabel)> \(Self.literal(alias)) .\n"
            }
            if let f = e.figure {
                out += "\(s) \(predicateIRI("value")) \(Self.number(f.value)) .\n"
                if let upper = f.upperValue { out += "\(s) \(predicateIRI("upper_value")) \(Self.number(upper)) .\n" }
                out += "\(s) \(predicateIRI("unit")) \(Self.literal(f.unit)) .\n"
                if !f.surface.isEmpty { out += "\(s) \(predicateIRI("surface")) \(Self.literal(f.surface)) .\n" }
            }
        }
        for r in graph.relations {
            let t = r.triple
            let object: String
            switch t.object {
            case .entity(let id): object = entityIRI(id)
            case .string(let s): object = Self.literal(s)
            case .number(let n): object = Self.number(n)
            }
            out += "\(entityIRI(t.subject)) \(predicateIRI(t.predicate)) \(object) .\n"
        }
        return out
    }

    /// `"…"` with `\" \\ \n \r \t \b \f` escaped and other control characters as `\uXXXX`.
    public static func literal(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func number(_ n: Double) -> String {
        if n.isFinite, n == n.rounded(), abs(n) < 1e15 { return "\"\(Int64(n))\"^^<\(xsdInteger)>" }
        return "\"\(n)\"^^<\(xsdDouble)>"
    }

    /// Percent-encodes every UTF-8 byte outside RFC 3986's unreserved characters.
    static func percentEncode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) {
                out.append(c)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}
