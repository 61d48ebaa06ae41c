import KGCore
import KGStore

/// Names for nodes and facts that do not depend on the store's internal
/// numbers, so two graphs built from the same documents (in any order) export
/// the same keys and IRIs, and exports of two graphs can be merged.
///
/// An entity's key is `TYPE/NAME` (`person/Jensen Huang`, NAME chosen as `entity(_:)` says); a literal
/// object's is `literal/TEXT`; a fact's is a 64-bit FNV-1a hash (16 hex digits)
/// of its subject key, predicate and object key; a piece of evidence's, of its
/// fact key, document, span and rule. Cost: one hash per fact or evidence written.
public struct StableKeys {
    /// Key of each entity of the graph, built once (one pass over the entities).
    public let entityKeys: [EntityID: String]

    public init(_ graph: ExportGraph) {
        var keys: [EntityID: String] = [:]
        for e in graph.entities { keys[e.id] = Self.entity(e) }
        entityKeys = keys
    }

    /// `TYPE/NAME`, where NAME is the entity's surface form whose `NameKey` is
    /// smallest (the canonical name when it has that key). The canonical name
    /// alone is not enough: for figures it is the surface seen first, so it
    /// depends on the order documents arrived in; the set of surface forms
    /// does not. ASCII sorts before CJK, so an English name wins when there is one.
    public static func entity(_ e: Entity) -> String {
        var best = e.name, bestKey = NameKey.normalize(e.name)
        for alias in e.aliases {
            let key = NameKey.normalize(alias)
            if key < bestKey || (key == bestKey && best != e.name && alias < best) { best = alias; bestKey = key }
        }
        return "\(e.type.rawValue)/\(best)"
    }

    /// An entity outside the graph (a dangling triple end) keeps its number.
    public func entity(_ id: EntityID) -> String { entityKeys[id] ?? "entity/\(id)" }

    /// The key of a triple's object: the entity's key, or `literal/TEXT`.
    public func object(_ o: TripleObject) -> String {
        switch o {
        case .entity(let id): return entity(id)
        case .string, .number: return "literal/" + (o.literalText ?? "")
        }
    }

    public func fact(_ t: Triple) -> String {
        Self.digest(entity(t.subject) + "\u{1F}" + t.predicate + "\u{1F}" + object(t.object))
    }

    public static func evidence(_ p: Provenance, fact: String) -> String {
        digest([fact, p.document, String(p.start), String(p.end), p.rule].joined(separator: "\u{1F}"))
    }

    /// 64-bit FNV-1a of the UTF-8 bytes as 16 hex digits: stable across runs
    /// and platforms, and cheap (a turtle export hashes every fact and every
    /// piece of evidence). Not a defence against crafted collisions; for a
    /// million facts the chance of an accidental one is about 3 in 10⁸.
    static func digest(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// BCP 47 language tag for a label: `zh` when it holds Han ideographs, `ja`
/// with kana, `ko` with Hangul, `en` when it is Latin letters, else none.
/// A heuristic by script (the graph does not record languages); cost one pass
/// over the scalars.
func languageTag(_ text: String) -> String? {
    var latin = false
    for s in text.unicodeScalars {
        switch s.value {
        case 0x3040...0x30FF: return "ja"
        case 0xAC00...0xD7AF, 0x1100...0x11FF: return "ko"
        default: break
        }
    }
    for s in text.unicodeScalars {
        switch s.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FFFF, 0xF900...0xFAFF: return "zh"
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin = true
        default: break
        }
    }
    return latin ? "en" : nil
}
