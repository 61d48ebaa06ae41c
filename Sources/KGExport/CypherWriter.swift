import KGCore

/// A Cypher script for `cypher-shell -f graph.cypher` (Neo4j 5):
/// one statement per line, `MERGE` on the stable key (`StableKeys`), so the
/// script can run twice, or after another graph's, without duplicating nodes
/// or relationships.
///
///     CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
///     MERGE (n:Entity {id: 'person/Jensen Huang'}) SET n:Person, n.name = 'Jensen Huang', n.type = 'person', n.aliases = ['黄仁勋'];
///     MATCH (a:Entity {id: '…'}), (b:Entity {id: '…'}) MERGE (a)-[r:ceo_of]->(b) SET r.weight = 1, …;
///
/// Literal objects become `:Entity:Literal` nodes (as in the Neo4j CSV).
/// Strings are single-quoted with `\\ \' \n \r \t` escaped; a relationship type
/// that is not a plain identifier is backquoted (backquotes doubled).
/// Cost: linear in the graph; for large graphs `neo4j-admin import` (the
/// `neo4j` format) is much faster than running the script.
public struct CypherWriter {
    public init() {}

    public func write(_ graph: ExportGraph) -> String {
        let stable = StableKeys(graph)
        var out = "CREATE CONSTRAINT kg_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n"
        var written = Set<String>()
        for e in graph.entities where written.insert(StableKeys.entity(e)).inserted {
            let label = e.type.rawValue.prefix(1).uppercased() + e.type.rawValue.dropFirst()
            var set = ["n:\(label)", "n.name = \(Self.string(e.name))", "n.type = \(Self.string(e.type.rawValue))",
                       "n.aliases = [\(e.aliases.map(Self.string).joined(separator: ", "))]"]
            if let f = e.figure {
                set += ["n.value = \(Self.number(f.value))", "n.unit = \(Self.string(f.unit))", "n.surface = \(Self.string(f.surface))"]
                if let upper = f.upperValue { set.append("n.upper_value = \(Self.number(upper))") }
            }
            out += "MERGE (n:Entity {id: \(Self.string(StableKeys.entity(e)))}) SET \(set.joined(separator: ", "));\n"
        }
        for r in graph.relations {
            if case .entity = r.triple.object { continue }
            let key = stable.object(r.triple.object)
            guard written.insert(key).inserted else { continue }
            out += "MERGE (n:Entity {id: \(Self.string(key))}) SET n:Literal, n.name = \(Self.string(r.triple.object.literalText ?? "")), n.type = 'literal';\n"
        }
        let known = Set(graph.entities.map(\.id))
        for r in graph.relations {
            let t = r.triple
            guard known.contains(t.subject) else { continue }
            if case .entity(let o) = t.object, !known.contains(o) { continue }
            var documents: [String] = []
            for p in r.evidence where !documents.contains(p.document) { documents.append(p.document) }
            var set = ["r.weight = \(max(1, r.evidence.count))",
                       "r.documents = [\(documents.map(Self.string).joined(separator: ", "))]"]
            if let c = r.evidence.map(\.confidence).max() { set.append("r.confidence = \(Self.number(c))") }
            if let m = r.evidence.compactMap(\.metric).first { set.append("r.metric = \(Self.string(m))") }
            if let p = r.evidence.first {
                set += ["r.rule = \(Self.string(p.rule))", "r.evidence = \(Self.string(p.sentence))"]
            }
            out += "MATCH (a:Entity {id: \(Self.string(stable.entity(t.subject)))}), (b:Entity {id: \(Self.string(stable.object(t.object)))}) "
                + "MERGE (a)-[r:\(Self.relationshipType(t.predicate))]->(b) SET \(set.joined(separator: ", "));\n"
        }
        return out
    }

    /// A single-quoted Cypher string.
    static func string(_ s: String) -> String { QuotedString.backslashEscaped(s, quote: "'") }

    static func number(_ n: Double) -> String { n.isFinite ? formatNumber(n) : "null" }

    /// `ceo_of` as is; anything else backquoted with backquotes doubled.
    static func relationshipType(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0.value < 0x80 && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "_" }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        return plain ? name : "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
