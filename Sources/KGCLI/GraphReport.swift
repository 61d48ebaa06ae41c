import Foundation
import KGCore
import KGStore

/// Text for `:show` and `:stats`: what a person wants to know about one
/// entity, or the whole graph, at a glance.
enum GraphReport {
    /// Type, aliases, figure, then every triple out of and into the entity with
    /// each piece of evidence (sentence and document).
    static func show(_ entity: Entity, in view: GraphView) -> String {
        var out = "\(entity.name)  (\(entity.type.rawValue) #\(entity.id))\n"
        if !entity.aliases.isEmpty { out += "  aliases: \(entity.aliases.joined(separator: ", "))\n" }
        if let f = entity.figure {
            let range = f.upperValue.map { "–\(number($0))" } ?? ""
            out += "  figure:  \(number(f.value))\(range) \(f.unit)" + (f.surface.isEmpty ? "" : "  (\(f.surface))") + "\n"
        }
        let outgoing = view.triples(subject: entity.id)
        let incoming = view.triples(object: .entity(entity.id))
        func name(_ o: TripleObject) -> String {
            switch o {
            case .entity(let id): return view.entity(id)?.name ?? "#\(id)"
            case .string(let s): return "\"\(s)\""
            case .number(let n): return number(n)
            }
        }
        func evidence(_ t: Triple) -> String {
            var text = ""
            for p in view.evidence(t) {
                let metric = p.metric.map { " [\($0)]" } ?? ""
                let sentence = p.sentence.replacingOccurrences(of: "\n", with: " ")
                text += "        “\(sentence)” — \(p.document)\(metric)\n"
            }
            return text
        }
        out += "  out (\(outgoing.count)):\n"
        for t in outgoing { out += "    \(t.predicate) → \(name(t.object))\n" + evidence(t) }
        out += "  in (\(incoming.count)):\n"
        for t in incoming { out += "    \(name(.entity(t.subject))) → \(t.predicate)\n" + evidence(t) }
        return out
    }

    static func stats(_ view: GraphView?, store: GraphStore?, asOf: TxID?) -> String {
        guard let view, let store else { return "empty graph (nothing ingested yet)\n" }
        var out = "graph \(store.directory.path)" + (asOf.map { ", as of transaction \($0)" } ?? "") + "\n"
        out += "entities: \(view.entityCount)\n"
        for type in EntityType.allCases { out += "  \(type.rawValue): \(view.entityCount(ofType: type))\n" }
        let predicates = view.predicates.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        out += "triples: \(predicates.reduce(0) { $0 + $1.value })\n"
        let width = predicates.map(\.key.count).max() ?? 0
        for (p, n) in predicates { out += "  \(p.padding(toLength: width, withPad: " ", startingAt: 0))  \(n)\n" }
        out += "documents: \(view.documentCount)\n"
        out += "transactions: \(store.transactions.count)\n"
        out += "log size: \(store.logSize) bytes\n"
        return out
    }

    static func number(_ n: Double) -> String {
        n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : "\(n)"
    }
}
