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
///
/// Cost, only when a name is not found whole (a hit is one hash probe):
/// - the part index is built once per graph view, from the names' bytes
///   (`GraphView.forEachNameForm`): a name with no separator costs a byte scan and
///   builds nothing; a part of ASCII and CJK ideographs is keyed from its bytes (its
///   `NameKey` is itself, lowercased), and its entities are appended to an array;
/// - the nearest names of an unknown name are one pass over the names' bytes with a
///   length filter before the edit distance (no String per name), remembered per text.
/// At 1M triples (125k names) a first miss took 1.0–1.3 s and each later one 0.7 s
/// before (a String per name, a Set per part, the pass repeated per miss).
final class NameIndex {
    let view: GraphView
    private lazy var parts: [String: [Int32]] = buildParts()
    /// Nearest names already computed, by text (a session repeats a misspelling).
    private var nearestMemo: [String: [String]] = [:]

    init(view: GraphView) { self.view = view }

    static let separators: Set<Character> = [" ", "\u{00B7}", "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{2027}", "-", "\u{2010}"]

    static func split(_ name: String) -> [String] {
        name.split(whereSeparator: { separators.contains($0) }).map(String.init)
    }

    /// The length of the separator (`separators`, as UTF-8) starting at `i`, else 0.
    @inline(__always)
    static func separatorLength(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
        let x = b[i]
        if x == 0x20 || x == 0x2D { return 1 }
        if x == 0xC2, i + 1 < b.count, b[i + 1] == 0xB7 { return 2 }  // U+00B7
        guard i + 2 < b.count else { return 0 }
        let y = b[i + 1], z = b[i + 2]
        if x == 0xE2, y == 0x80, z == 0xA2 || z == 0xA7 || z == 0x90 { return 3 }  // U+2022, U+2027, U+2010
        if x == 0xE3, y == 0x83, z == 0xBB { return 3 }  // U+30FB
        if x == 0xEF, y == 0xBD, z == 0xA5 { return 3 }  // U+FF65
        return 0
    }

    /// Whether `b` is printable ASCII and CJK unified ideographs only (one scalar per
    /// character, its own `NameKey` save case and spaces): the forms the byte paths handle.
    static func isPlain(_ b: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i < b.count {
            let x = b[i]
            if x < 0x80 {
                // Control characters (a CRLF is one Character) take the String path.
                guard x >= 0x20 else { return false }
                i += 1
                continue
            }
            guard x >= 0xE3 && x <= 0xE9 && i + 2 < b.count else { return false }
            let c = UInt32(x & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            guard (0x3400...0x4DBF).contains(c) || (0x4E00...0x9FFF).contains(c) else { return false }
            i += 3
        }
        return true
    }

    /// Part key -> the entities (canonical ids, repeats allowed) of the names that have that part.
    private func buildParts() -> [String: [Int32]] {
        var out: [String: [Int32]] = [:]
        var key: [UInt8] = []
        view.forEachNameForm { id, _, form in
            // A name without a separator is one piece: no part of it is indexed.
            var i = 0, found = false
            while i < form.count { if NameIndex.separatorLength(form, i) > 0 { found = true; break }; i += 1 }
            guard found else { return }
            guard NameIndex.isPlain(form) else {
                // Other scripts and marks: Characters as `split` sees them, keys by `NameKey`.
                let name = String(decoding: form, as: UTF8.self)
                let pieces = NameIndex.split(name)
                guard pieces.count > 1 else { return }
                for piece in pieces where piece.count >= 2 { out[NameKey.normalize(piece), default: []].append(Int32(id)) }
                return
            }
            var pieces: [(start: Int, end: Int)] = []
            var start = 0
            i = 0
            while i < form.count {
                let n = NameIndex.separatorLength(form, i)
                if n > 0 {
                    if i > start { pieces.append((start, i)) }
                    i += n
                    start = i
                } else {
                    i += 1
                }
            }
            if form.count > start { pieces.append((start, form.count)) }
            guard pieces.count > 1 else { return }
            for (a, b) in pieces {
                // Characters: one per ASCII byte or three-byte ideograph.
                var characters = 0
                for j in a..<b where form[j] & 0xC0 != 0x80 { characters += 1 }
                guard characters >= 2 else { continue }
                // The piece's `NameKey`: a plain piece (no spaces: they separate) is its bytes, ASCII lowercased.
                key.removeAll(keepingCapacity: true)
                for j in a..<b { let x = form[j]; key.append(x >= 0x41 && x <= 0x5A ? x + 32 : x) }
                out[String(decoding: key, as: UTF8.self), default: []].append(Int32(id))
            }
        }
        return out
    }

    /// `exact`: `view.resolve(name: text)`, when the caller has it already.
    func lookUp(_ text: String, exact known: [EntityID]? = nil, name: (EntityID) -> String?) -> NameLookup {
        let exact = known ?? view.resolve(name: text)
        if let first = exact.first, let n = name(first) { return .entity(canonical: n) }
        let key = NameKey.normalize(text)
        if text.count >= 2, let ids = parts[key] {
            let canonical = Set(ids.map { view.canonicalID(Int($0)) }).filter(view.isLive)
            let names = canonical.compactMap(name).sorted()
            if names.count == 1 { return .entity(canonical: names[0]) }
            if names.count > 1 { return .ambiguous(names) }
        }
        return .unknown(nearest: nearest(to: text))
    }

    /// Up to three names: those containing the text (or contained in it) first,
    /// then the closest by edit distance on their name keys (at most half the length).
    /// One pass over the names' bytes; a name of ASCII and CJK ideographs is keyed and
    /// compared as scalars in reused buffers (skipped when its key's length alone puts
    /// it out of reach), any other name as Strings. Remembered per text.
    func nearest(to text: String) -> [String] {
        if let known = nearestMemo[text] { return known }
        let found = computeNearest(to: text)
        if nearestMemo.count >= 256 { nearestMemo.removeAll() }
        nearestMemo[text] = found
        return found
    }

    private func computeNearest(to text: String) -> [String] {
        let keyString = NameKey.normalize(text)
        let key = Array(keyString)
        guard !key.isEmpty else { return [] }
        let limit = max(2, key.count / 2)
        // The text's key as scalars (nil when a character is more than one scalar: then every name takes the String path).
        let keyScalars: [UInt32]? = key.allSatisfy({ $0.unicodeScalars.count == 1 }) ? keyString.unicodeScalars.map(\.value) : nil
        let keyBytes = Array(keyString.utf8)
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        var scalars: [UInt32] = [], bytes: [UInt8] = []
        var previous: [Int] = [], row: [Int] = []
        // The key's scalars counted in 128 buckets: a name shares at most `common` of them
        // with the key, so its distance is at least max(lengths) - common (buckets that
        // mix scalars only raise `common`: still a lower bound). Most names are ruled out
        // by this count alone, before the quadratic distance.
        var buckets = [Int32](repeating: 0, count: 128)
        for c in keyScalars ?? [] { buckets[Int(c & 127)] += 1 }
        var taken: [Int] = []
        view.forEachNameForm { _, _, form in
            var distance: Int?
            if let keyScalars, NameIndex.isPlain(form) {
                // The name's key: lowercase ASCII, whitespace dropped, ideographs kept (`NameKey.fastKey`).
                scalars.removeAll(keepingCapacity: true)
                bytes.removeAll(keepingCapacity: true)
                var i = 0
                while i < form.count {
                    let b = form[i]
                    if b < 0x80 {
                        i += 1
                        if b == 0x20 || (b >= 0x09 && b <= 0x0D) { continue }
                        let lower = b >= 0x41 && b <= 0x5A ? b + 32 : b
                        scalars.append(UInt32(lower)); bytes.append(lower)
                    } else {
                        scalars.append(UInt32(b & 0x0F) << 12 | UInt32(form[i + 1] & 0x3F) << 6 | UInt32(form[i + 2] & 0x3F))
                        bytes.append(b); bytes.append(form[i + 1]); bytes.append(form[i + 2])
                        i += 3
                    }
                }
                let contains = scalars.count >= keyScalars.count ? NameIndex.contains(bytes, keyBytes)
                    : scalars.count >= 2 && NameIndex.contains(keyBytes, bytes)
                if contains {
                    distance = 0
                } else if abs(scalars.count - keyScalars.count) > limit {
                    return
                } else {
                    var common = 0
                    taken.removeAll(keepingCapacity: true)
                    for c in scalars {
                        let b = Int(c & 127)
                        if buckets[b] > 0 { buckets[b] -= 1; common += 1; taken.append(b) }
                    }
                    for b in taken { buckets[b] += 1 }
                    if max(scalars.count, keyScalars.count) - common > limit { return }
                    distance = NameIndex.editDistance(keyScalars, scalars, cap: limit + 1, &previous, &row)
                }
            }
            // A String only for a name within reach (and for the names the byte path does not read).
            if let distance, distance > limit { return }
            let name = String(decoding: form, as: UTF8.self)
            guard !seen.contains(name) else { return }
            let d: Int
            if let distance {
                d = distance
            } else {
                let other = Array(NameKey.normalize(name))
                let contains = other.count >= key.count ? String(other).contains(String(key)) : String(key).contains(String(other)) && other.count >= 2
                d = contains ? 0 : Self.editDistance(key, other, cap: limit + 1)
            }
            guard d <= limit else { return }
            seen.insert(name)
            scored.append((d, name))
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map(\.1)
    }

    /// Whether `needle` occurs in `hay` (bytes; empty needles occur everywhere).
    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= hay.count else { return false }
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Levenshtein distance, giving up (returning `cap`) once every cell of a row exceeds it.
    /// `previous` and `row` are scratch rows a caller may reuse across calls (the name-index scan over
    /// scalars does, so a miss allocates no row per name). O(|a|·|b|), less when it gives up.
    static func editDistance<T: Equatable>(_ a: [T], _ b: [T], cap: Int, _ previous: inout [Int], _ row: inout [Int]) -> Int {
        if a.isEmpty { return min(b.count, cap) }
        if b.isEmpty { return min(a.count, cap) }
        if abs(a.count - b.count) >= cap { return cap }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        row.removeAll(keepingCapacity: true)
        row.append(contentsOf: repeatElement(0, count: b.count + 1))
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

    /// `editDistance` over characters with rows of its own.
    static func editDistance(_ a: [Character], _ b: [Character], cap: Int) -> Int {
        var previous: [Int] = [], row: [Int] = []
        return editDistance(a, b, cap: cap, &previous, &row)
    }
}
