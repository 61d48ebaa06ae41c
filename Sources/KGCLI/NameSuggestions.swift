import Foundation
import KGStore

/// The nearest names to a name the graph does not know ("no entity named 'X';
/// nearest: …") on a big graph, without building a String per name: one pass over
/// the names' UTF-8 bytes (`GraphView.forEachNameForm`), scoring each as
/// `GraphAccess.nearestNames` does on a small graph (leading characters in common,
/// +100 when one contains the other, ASCII letters compared case-insensitively), and
/// keeping only the best few. Cost: O(name bytes) integer work per miss, strings
/// built only for the kept names (about 20 times less than scoring Strings).
enum NameSuggestions {
    /// Graphs with more entity slots than this use the byte scan; smaller ones score Strings.
    static let stringScoringUpTo = 50_000

    static func nearest(to name: String, in view: GraphView, limit: Int = 5) -> [String] {
        let wanted = Array(name.lowercased().utf8)
        guard !wanted.isEmpty else { return [] }
        let keep = 8 * limit
        var best: [(score: Int, bytes: [UInt8])] = []
        var lowered: [UInt8] = []
        view.forEachNameForm { _, _, form in
            lowered.removeAll(keepingCapacity: true)
            for b in form { lowered.append(b >= 0x41 && b <= 0x5A ? b + 32 : b) }
            var k = 0
            while k < lowered.count && k < wanted.count && lowered[k] == wanted[k] { k += 1 }
            // back off to a character boundary, then count characters (lead bytes)
            while k > 0 && k < lowered.count && (lowered[k] & 0xC0) == 0x80 { k -= 1 }
            var common = 0
            for i in 0..<k where (lowered[i] & 0xC0) != 0x80 { common += 1 }
            let contains = NameSuggestions.contains(lowered, wanted) || NameSuggestions.contains(wanted, lowered)
            let score = contains ? 100 + common : common
            guard score > 0 else { return }
            // Best first: higher score, then the name as written in byte (= scalar) order.
            func before(_ a: (Int, UnsafeRawBufferPointer), _ b: (score: Int, bytes: [UInt8])) -> Bool {
                a.0 != b.score ? a.0 > b.score : a.1.lexicographicallyPrecedes(b.bytes)
            }
            if best.count == keep, let last = best.last, !before((score, form), last) { return }
            if best.contains(where: { $0.bytes.elementsEqual(form) }) { return }
            let at = best.firstIndex { before((score, form), $0) } ?? best.count
            best.insert((score, Array(form)), at: at)
            if best.count > keep { best.removeLast() }
        }
        return best.prefix(limit).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// The same scores on Strings, over `view.names` (every name built): small graphs.
    static func nearestByStrings(to name: String, in view: GraphView) -> [String] {
        let lower = name.lowercased()
        var scored: [(String, Int)] = []
        for (n, _) in view.names {
            let l = n.lowercased()
            let common = zip(l, lower).prefix { $0 == $1 }.count
            let score = l.contains(lower) || lower.contains(l) ? 100 + common : common
            if score > 0 { scored.append((n, score)) }
        }
        var seen = Set<String>()
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0).filter { seen.insert($0).inserted }.prefix(5).map { $0 }
    }

    /// `StoreCommands.nearestNames` (up to three names within an edit distance of
    /// max(2, half the key) of `word`'s lookup key, nearest first, then by name) on a
    /// big graph: a name of ASCII and CJK ideographs has the key `NameKey` gives it
    /// (lowercase, no whitespace) read straight from its bytes into a reused buffer,
    /// a name whose key length differs by more than the limit is skipped, and the
    /// distance is a two-row table over scalars; other names take the String path.
    /// Same answers as scoring every name as a String (NameSuggestionTests).
    static func closest(_ word: String, in view: GraphView) -> [String] {
        let wordKey = NameKey.normalize(word)
        guard wordKey.allSatisfy({ $0.unicodeScalars.count == 1 }) else { return StoreCommands.nearestNamesByStrings(word, in: view) }
        let key = wordKey.unicodeScalars.map(\.value)
        let limit = max(2, key.count / 2)
        let keep = 16
        var best: [(distance: Int, bytes: [UInt8])] = []
        var scalars: [UInt32] = []
        var previous: [Int] = [], row: [Int] = []
        view.forEachNameForm { _, _, form in
            scalars.removeAll(keepingCapacity: true)
            var plain = true
            var i = 0
            while i < form.count {
                let b = form[i]
                if b < 0x80 {
                    if b == 0x20 || (b >= 0x09 && b <= 0x0D) { i += 1; continue }
                    scalars.append(UInt32(b >= 0x41 && b <= 0x5A ? b + 32 : b))
                    i += 1
                } else if b >= 0xE3 && b <= 0xE9 && i + 2 < form.count {
                    let c = UInt32(b & 0x0F) << 12 | UInt32(form[i + 1] & 0x3F) << 6 | UInt32(form[i + 2] & 0x3F)
                    guard (0x3400...0x4DBF).contains(c) || (0x4E00...0x9FFF).contains(c) else { plain = false; break }
                    scalars.append(c)
                    i += 3
                } else {
                    plain = false
                    break
                }
            }
            let distance: Int
            if plain {
                guard abs(scalars.count - key.count) <= limit else { return }
                distance = NameSuggestions.editDistance(key, scalars, &previous, &row)
            } else {
                let name = String(decoding: form, as: UTF8.self)
                distance = StoreCommands.editDistance(Array(wordKey), Array(NameKey.normalize(name)))
            }
            guard distance <= limit else { return }
            func before(_ a: (Int, UnsafeRawBufferPointer), _ b: (distance: Int, bytes: [UInt8])) -> Bool {
                a.0 != b.distance ? a.0 < b.distance : a.1.lexicographicallyPrecedes(b.bytes)
            }
            if best.count == keep, let last = best.last, !before((distance, form), last) { return }
            if best.contains(where: { $0.bytes.elementsEqual(form) }) { return }
            let at = best.firstIndex { before((distance, form), $0) } ?? best.count
            best.insert((distance, Array(form)), at: at)
            if best.count > keep { best.removeLast() }
        }
        return best.prefix(3).map { "'\(String(decoding: $0.bytes, as: UTF8.self))'" }
    }

    /// Levenshtein distance of two scalar arrays in two reused rows.
    static func editDistance(_ a: [UInt32], _ b: [UInt32], _ previous: inout [Int], _ row: inout [Int]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        previous.removeAll(keepingCapacity: true)
        previous.append(contentsOf: 0...b.count)
        row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    private static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= hay.count else { return needle.isEmpty }
        let first = needle[0]
        var i = 0
        while i + needle.count <= hay.count {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
