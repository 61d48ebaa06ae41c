import KGCore
import KGStore

/// What a string constant in an entity position of a graph relation names.
public enum NameLookup: Equatable, Sendable {
    /// One entity, by its canonical name, any alias, or a short form only it has.
    case entity(canonical: String)
    /// A short form several entities share (`"Claude"`): their canonical names.
    case ambiguous([String])
    /// No entity: the nearest names, for the warning.
    case unknown(nearest: [String])
}

/// Names as users type them: the full name or an alias (`view.resolve`), else
/// a *short form* — one part of a name split at spaces, name dots (`·•・`) and
/// hyphens, at least two characters long — that only one entity has
/// (`"阿莫迪"` for 达里奥·阿莫迪 / Dario Amodei, `"Amodei"`, `"Huang"`). Parts
/// compare by `NameKey` (case, width and spacing do not matter).
/// Building the part index is one pass over every name (lazy, once per graph
/// view); a lookup is a hash probe, and the nearest-name search for an unknown
/// name one edit-distance pass over the distinct names.
final class NameIndex {
    let view: GraphView
    private lazy var parts: [String: Set<EntityID>] = {
        var out: [String: Set<EntityID>] = [:]
        for (name, id) in view.names {
            let pieces = NameIndex.split(name)
            guard pieces.count > 1 else { continue }
            for piece in pieces where piece.count >= 2 { out[NameKey.normalize(piece), default: []].insert(id) }
        }
        return out
    }()

    init(view: GraphView) { self.view = view }

    static let separators: Set<Character> = [" ", "\u{00B7}", "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "-", "\u{2010}"]

    static func split(_ name: String) -> [String] {
        name.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }

    func lookUp(_ text: String, name: (EntityID) -> String?) -> NameLookup {
        let exact = view.resolve(name: text)
        if let first = exact.first, let n = name(first) { return .entity(canonical: n) }
        let key = NameKey.normalize(text)
        if text.count >= 2, let ids = parts[key] {
            let canonical = Set(ids.map(view.canonicalID)).filter(view.isLive)
            let names = canonical.compactMap(name).sorted()
            if names.count == 1 { return .entity(canonical: names[0]) }
            if names.count > 1 { return .ambiguous(names) }
        }
        return .unknown(nearest: nearest(to: text))
    }

    /// Up to three names: those containing the text (or contained in it) first,
    /// then the closest by edit distance on their name keys (at most half the length).
    func nearest(to text: String) -> [String] {
        let key = Array(NameKey.normalize(text))
        guard !key.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        let limit = max(2, key.count / 2)
        for (name, _) in view.names where seen.insert(name).inserted {
            let other = Array(NameKey.normalize(name))
            let contains = other.count >= key.count ? String(other).contains(String(key)) : String(key).contains(String(other)) && other.count >= 2
            let d = contains ? 0 : Self.editDistance(key, other, cap: limit + 1)
            if d <= limit { scored.append((d, name)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
    }

    /// Levenshtein distance, giving up (returning `cap`) once every cell of a row exceeds it.
    static func editDistance(_ a: [Character], _ b: [Character], cap: Int) -> Int {
        if a.isEmpty { return min(b.count, cap) }
        if b.isEmpty { return min(a.count, cap) }
        if abs(a.count - b.count) >= cap { return cap }
        var previous = Array(0...b.count), row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            var best = row[0]
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                best = min(best, row[j])
            }
            if best >= cap { return cap }
            swap(&previous, &row)
        }
        return min(previous[b.count], cap)
    }
}
