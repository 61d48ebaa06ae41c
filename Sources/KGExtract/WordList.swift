/// A small set of words matched at a position of normalised text, forwards
/// (`prefix(at:)`: a word starts at i) or backwards (`suffix(before:)`: a word
/// ends right before i). Used by the name rules for their cue-word tables.
/// Cost: one table load for the first (or last) scalar, then a compare per
/// word sharing that scalar; the lists are short.
struct WordList {
    let words: [[UInt32]]
    private var byFirst: [UInt32: [Int]] = [:]
    private var byLast: [UInt32: [Int]] = [:]
    /// Whether some word starts (ends) with this BMP scalar: a table load
    /// decides most positions without hashing.
    private var firstTable = [Bool](repeating: false, count: 0x10000)
    private var lastTable = [Bool](repeating: false, count: 0x10000)

    init(_ list: [String]) {
        // longest first, so the first hit is the longest
        words = list.map { Array(scalarsOf: $0) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        for (k, w) in words.enumerated() {
            byFirst[w[0], default: []].append(k)
            byLast[w[w.count - 1], default: []].append(k)
            if w[0] < 0x10000 { firstTable[Int(w[0])] = true }
            if w[w.count - 1] < 0x10000 { lastTable[Int(w[w.count - 1])] = true }
        }
    }

    /// Whether some word starts with scalar `c` (one table load).
    @inline(__always) func mayStart(_ c: UInt32) -> Bool { c >= 0x10000 || firstTable[Int(c)] }

    /// Length of the longest word starting at `i`, or 0.
    func prefix(_ t: [UInt32], at i: Int) -> Int {
        guard i >= 0, i < t.count else { return 0 }
        let c = t[i]
        guard c >= 0x10000 || firstTable[Int(c)], let ks = byFirst[c] else { return 0 }
        outer: for k in ks {
            let w = words[k]
            guard i + w.count <= t.count else { continue }
            for q in 1..<max(1, w.count) where t[i + q] != w[q] { continue outer }
            return w.count
        }
        return 0
    }

    /// Length of the longest word ending right before `i`, or 0.
    func suffix(_ t: [UInt32], before i: Int) -> Int {
        guard i > 0, i <= t.count else { return 0 }
        let c = t[i - 1]
        guard c >= 0x10000 || lastTable[Int(c)], let ks = byLast[c] else { return 0 }
        outer: for k in ks {
            let w = words[k]
            guard i - w.count >= 0 else { continue }
            for q in 0..<w.count where t[i - w.count + q] != w[q] { continue outer }
            return w.count
        }
        return 0
    }

    /// Whether `t[a..<b]` is one of the words.
    func contains(_ t: [UInt32], _ a: Int, _ b: Int) -> Bool {
        guard a >= 0, a < b, t[a] >= 0x10000 || firstTable[Int(t[a])], let ks = byFirst[t[a]] else { return false }
        outer: for k in ks where words[k].count == b - a {
            for q in 0..<(b - a) where t[a + q] != words[k][q] { continue outer }
            return true
        }
        return false
    }
}

/// A set of single scalars as a flat table (one load per test).
struct ScalarSet {
    private var table = [Bool](repeating: false, count: 0x10000)
    init(_ chars: String) {
        for u in chars.unicodeScalars where u.value < 0x10000 && u.value != 0x0A { table[Int(u.value)] = true }
    }
    @inline(__always) func contains(_ c: UInt32) -> Bool { c < 0x10000 && table[Int(c)] }
}
