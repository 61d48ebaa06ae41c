/// A small set of words matched at a position of normalised text, forwards
/// (`prefix(at:)`: a word starts at i) or backwards (`suffix(before:)`: a word
/// ends right before i). Used by the name rules for their cue-word tables.
/// Cost: one table load for the first (or last) scalar, then a compare per
/// word sharing that scalar; the lists are short.
struct WordList: Sendable {
    let words: [[UInt32]]
    /// The lookup tables, behind one reference: a copy of the list (a rule
    /// table of frames holds many) retains one object, not eight arrays.
    private let index: Index

    /// Word indices grouped by first (last) scalar, longest first within a group:
    /// group g (from 1) is `firstWords[firstGroupStart[g - 1]..<firstGroupStart[g]]`.
    /// `firstGroup[c]` is the group of BMP scalar `c` (0: no word starts with
    /// it): two table loads and no hashing per probe. Scalars above the BMP go
    /// through the dictionaries. Immutable once built.
    private final class Index: Sendable {
        let firstGroup: PagedTable, lastGroup: PagedTable
        let firstGroupStart: [Int], lastGroupStart: [Int]
        let firstWords: [Int], lastWords: [Int]
        let byFirstAstral: [UInt32: [Int]], byLastAstral: [UInt32: [Int]]

        init(_ words: [[UInt32]]) {
            (firstGroup, firstGroupStart, firstWords, byFirstAstral) = Index.grouped(words) { $0[0] }
            (lastGroup, lastGroupStart, lastWords, byLastAstral) = Index.grouped(words) { $0[$0.count - 1] }
        }

        /// The words grouped by the scalar `key` picks, groups in order of first appearance, words in list order.
        static func grouped(_ words: [[UInt32]], by key: ([UInt32]) -> UInt32)
            -> (PagedTable, [Int], [Int], [UInt32: [Int]]) {
            var by: [UInt32: [Int]] = [:]
            var order: [UInt32] = []
            for (k, w) in words.enumerated() {
                let c = key(w)
                if by[c] == nil { order.append(c) }
                by[c, default: []].append(k)
            }
            precondition(order.count < 0xFFFF, "WordList: too many distinct first scalars")
            var table = PagedTable(), starts = [0], flat: [Int] = [], astral: [UInt32: [Int]] = [:]
            for c in order {
                if c < 0x10000 {
                    flat += by[c]!
                    starts.append(flat.count)
                    table.set(c, UInt16(starts.count - 1))
                } else {
                    astral[c] = by[c]
                }
            }
            return (table, starts, flat, astral)
        }
    }

    init(_ list: [String]) {
        // longest first, so the first hit is the longest
        words = list.map { Array(scalarsOf: $0) }.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        index = Index(words)
    }

    /// Whether some word starts with scalar `c` (two table loads).
    @inline(__always) func mayStart(_ c: UInt32) -> Bool { c >= 0x10000 || index.firstGroup[c] != 0 }

    /// The indices of the words starting (ending) with `c`, longest first.
    @inline(__always) private func starting(_ c: UInt32) -> ArraySlice<Int>? {
        if c >= 0x10000 { return index.byFirstAstral[c].map { $0[...] } }
        let g = Int(index.firstGroup[c])
        guard g != 0 else { return nil }
        return index.firstWords[index.firstGroupStart[g - 1]..<index.firstGroupStart[g]]
    }
    @inline(__always) private func ending(_ c: UInt32) -> ArraySlice<Int>? {
        if c >= 0x10000 { return index.byLastAstral[c].map { $0[...] } }
        let g = Int(index.lastGroup[c])
        guard g != 0 else { return nil }
        return index.lastWords[index.lastGroupStart[g - 1]..<index.lastGroupStart[g]]
    }

    /// Length of the longest word starting at `i`, or 0.
    func prefix(_ t: [UInt32], at i: Int) -> Int {
        guard i >= 0, i < t.count, let ks = starting(t[i]) else { return 0 }
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
        guard i > 0, i <= t.count, let ks = ending(t[i - 1]) else { return 0 }
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
        guard a >= 0, a < b, let ks = starting(t[a]) else { return false }
        outer: for k in ks where words[k].count == b - a {
            for q in 0..<(b - a) where t[a + q] != words[k][q] { continue outer }
            return true
        }
        return false
    }
}

/// The indices of a list of words grouped by first scalar, each group in list
/// order: a scan that wants the first word of the list matching at a position
/// compares only the words that start with the scalar there. Words starting
/// above the BMP form one group, returned for any scalar above the BMP.
/// Cost: two table loads per lookup.
struct FirstScalarGroups: Sendable {
    private let table: PagedTable
    private let starts: [Int]
    private let flat: [Int]
    private let astral: [Int]

    init(_ words: [[UInt32]]) {
        var by: [UInt32: [Int]] = [:]
        var order: [UInt32] = []
        var astral: [Int] = []
        for (k, w) in words.enumerated() where !w.isEmpty {
            if w[0] >= 0x10000 { astral.append(k); continue }
            if by[w[0]] == nil { order.append(w[0]) }
            by[w[0], default: []].append(k)
        }
        precondition(order.count < 0xFFFF, "FirstScalarGroups: too many distinct first scalars")
        var table = PagedTable(), starts = [0], flat: [Int] = []
        for c in order {
            flat += by[c]!
            starts.append(flat.count)
            table.set(c, UInt16(starts.count - 1))
        }
        self.table = table; self.starts = starts; self.flat = flat; self.astral = astral
    }

    /// The indices of the words that may start with `c`, in list order.
    @inline(__always) func candidates(_ c: UInt32) -> ArraySlice<Int> {
        if c >= 0x10000 { return astral[...] }
        let g = Int(table[c])
        return g == 0 ? flat[0..<0] : flat[starts[g - 1]..<starts[g]]
    }
}

/// A UInt16 per BMP scalar, 0 for most, stored by pages of 256 scalars: only
/// the pages holding a non-zero value are allocated (a word list's first
/// scalars fall in a few dozen pages), so a table costs kilobytes, not 128 KB.
/// Cost of a read: two array loads.
struct PagedTable {
    /// 1 + the page of each high byte (0: all zero)
    private var pageOf = [UInt16](repeating: 0, count: 256)
    private var pages: [UInt16] = []
    /// The value of BMP scalar `c` (callers check `c < 0x10000`).
    @inline(__always) subscript(_ c: UInt32) -> UInt16 {
        let p = Int(pageOf[Int(c >> 8)])
        return p == 0 ? 0 : pages[(p - 1) << 8 | Int(c & 0xFF)]
    }
    mutating func set(_ c: UInt32, _ v: UInt16) {
        precondition(c < 0x10000)
        if pageOf[Int(c >> 8)] == 0 {
            pages.append(contentsOf: repeatElement(0, count: 256))
            pageOf[Int(c >> 8)] = UInt16(pages.count >> 8)
        }
        pages[Int(pageOf[Int(c >> 8)] - 1) << 8 | Int(c & 0xFF)] = v
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

/// A value for a few scalars (a numeral's value), read with two loads instead
/// of hashing: BMP scalars by pages of 256 (only the pages holding a scalar of
/// the map are allocated), the rest through a dictionary.
struct ScalarValues: Sendable {
    /// 1 + the page of each high byte (0: no scalar of the map on that page)
    private var pageOf = [UInt16](repeating: 0, count: 256)
    private var values: [Double] = []
    private var present: [Bool] = []
    private var astral: [UInt32: Double] = [:]

    init(_ map: [UInt32: Double]) {
        for (c, v) in map {
            guard c < 0x10000 else { astral[c] = v; continue }
            if pageOf[Int(c >> 8)] == 0 {
                values.append(contentsOf: repeatElement(0, count: 256))
                present.append(contentsOf: repeatElement(false, count: 256))
                pageOf[Int(c >> 8)] = UInt16(values.count >> 8)
            }
            let k = Int(pageOf[Int(c >> 8)] - 1) << 8 | Int(c & 0xFF)
            values[k] = v
            present[k] = true
        }
    }

    @inline(__always) subscript(_ c: UInt32) -> Double? {
        guard c < 0x10000 else { return astral[c] }
        let p = Int(pageOf[Int(c >> 8)])
        guard p != 0 else { return nil }
        let k = (p - 1) << 8 | Int(c & 0xFF)
        return present[k] ? values[k] : nil
    }
}
