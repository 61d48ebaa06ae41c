import Foundation
import KGCore

/// One well-known entity: its type, canonical name, every alias, and for
/// models the organisation that makes them.
public struct LexiconEntry: Sendable, Equatable {
    public var type: EntityType
    public var name: String
    public var aliases: [String]
    /// Models only: the canonical name of the maker (`Anthropic` for Claude).
    public var maker: String?

    public init(type: EntityType, name: String, aliases: [String] = [], maker: String? = nil) {
        self.type = type
        self.name = name
        self.aliases = aliases
        self.maker = maker
    }
}

/// The entities extraction knows by name, read from TSV (`type<TAB>name<TAB>
/// alias|alias…[<TAB>maker]`, `#` comments) so users extend it without
/// recompiling. Keys are matched on normalised, lowercased text.
public struct Lexicon: Sendable {
    public private(set) var entries: [LexiconEntry] = []
    /// First scalar of a key → (key, entry index), longest keys first.
    private(set) var index: [UInt32: [(key: [UInt32], entry: Int32)]] = [:]
    private var byName: [String: Int] = [:]
    /// Every (key, entry) pair in `index`, so adding a form checks for it in O(1).
    private var indexedForms = Set<IndexedForm>()
    private struct IndexedForm: Hashable, Sendable { var key: [UInt32]; var entry: Int32 }
    /// Whether any key starts with this BMP scalar (skips the dictionary probe).
    private var firstScalar = [Bool](repeating: false, count: 0x10000)
    /// A filter on the first two scalars of the keys (a bit per hashed pair,
    /// 32 KB): a position whose pair no key starts with, and whose first scalar
    /// starts no one-scalar key, is rejected without the dictionary probe and
    /// the walk over its list. A set bit only means "maybe": the list decides.
    private var pairBits = [UInt64](repeating: 0, count: Lexicon.pairBitCount / 64)
    /// Whether a one-scalar key starts with this BMP scalar (or any key with a scalar above the BMP).
    private var singleFirst = [Bool](repeating: false, count: 0x10000)
    static let pairBitCount = 1 << 18

    @inline(__always) static func pairBit(_ a: UInt32, _ b: UInt32) -> Int {
        Int(truncatingIfNeeded: (a &* 0x9E37_79B1) ^ (b &* 0x85EB_CA77)) & (pairBitCount - 1)
    }

    public init() {}

    public init(entries: [LexiconEntry]) {
        for e in entries { add(e) }
    }

    /// The small built-in lexicon: extraction works without any file.
    public static let builtin: Lexicon = {
        var lex = Lexicon()
        _ = try? lex.load(tsv: builtinLexiconTSV, source: "built-in")
        return lex
    }()

    /// Built-in entries plus `graph/lexicon.tsv` under `graphDirectory` when present.
    public static func standard(graphDirectory: URL?) -> Lexicon {
        var lex = builtin
        if let dir = graphDirectory {
            let file = dir.appendingPathComponent("lexicon.tsv")
            if FileManager.default.fileExists(atPath: file.path) { try? lex.load(file: file) }
        }
        return lex
    }

    /// The index of the entry with this canonical name.
    func index(of name: String) -> Int? { byName[name] }

    public func entry(named name: String) -> LexiconEntry? {
        byName[name].map { entries[$0] }
    }

    /// Adds an entry; an entry with an existing canonical name and type gains the new aliases.
    public mutating func add(_ entry: LexiconEntry) {
        var touched = Set<UInt32>()
        insert(entry, touched: &touched)
        sortBuckets(touched)
    }

    /// Adds many entries: each bucket is sorted once at the end, so adding n
    /// entries that share a first scalar costs O(n log n), not O(n² log n)
    /// (`kg ingest` adds every graph name; 100,000 "Entity N" names took
    /// over ten minutes one by one). Same result as `add` one at a time.
    public mutating func add(contentsOf newEntries: [LexiconEntry]) {
        var touched = Set<UInt32>()
        for e in newEntries { insert(e, touched: &touched) }
        sortBuckets(touched)
    }

    /// `add` without sorting the buckets it appends to (their first scalars go into `touched`).
    mutating func insert(_ entry: LexiconEntry, touched: inout Set<UInt32>) {
        let idx: Int
        if let existing = byName[entry.name], entries[existing].type == entry.type {
            idx = existing
            for a in entry.aliases where !entries[idx].aliases.contains(a) { entries[idx].aliases.append(a) }
            if entries[idx].maker == nil { entries[idx].maker = entry.maker }
        } else {
            idx = entries.count
            entries.append(entry)
            byName[entry.name] = idx
        }
        for form in [entry.name] + entry.aliases {
            let key = Normalizer.normalize(form).lower
            guard !key.isEmpty else { continue }
            guard indexedForms.insert(IndexedForm(key: key, entry: Int32(idx))).inserted else { continue }
            index[key[0], default: []].append((key, Int32(idx)))
            touched.insert(key[0])
            if key[0] < 0x10000 { firstScalar[Int(key[0])] = true }
            if key.count >= 2 {
                let b = Lexicon.pairBit(key[0], key[1])
                pairBits[b >> 6] |= 1 << UInt64(b & 63)
            } else if key[0] < 0x10000 {
                singleFirst[Int(key[0])] = true
            }
        }
    }

    /// Longest keys first; equal lengths keep the order they were added in (a stable sort).
    mutating func sortBuckets(_ touched: Set<UInt32>) {
        for first in touched { index[first]?.sort { $0.key.count > $1.key.count } }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads TSV lines; a bad line is an error naming its source and line.
    public mutating func load(tsv: String, source: String) throws {
        var lineNumber = 0
        for raw in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cols = raw.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cols.count >= 2, let type = EntityType(rawValue: cols[0].lowercased()), !cols[1].isEmpty else {
                throw ParseError(description: "\(source):\(lineNumber): expected TYPE<TAB>NAME[<TAB>ALIAS|ALIAS…[<TAB>MAKER]]")
            }
            let aliases = cols.count > 2 ? cols[2].split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty } : []
            let maker = cols.count > 3 && !cols[3].isEmpty ? cols[3] : nil
            add(LexiconEntry(type: type, name: cols[1], aliases: aliases, maker: maker))
        }
    }

    public mutating func load(file: URL) throws {
        let data = try Data(contentsOf: file)
        try load(tsv: String(decoding: data, as: UTF8.self), source: file.path)
    }

    /// Whether some key starts with scalar `c` (a table load; no hashing).
    @inline(__always) func mayStart(_ c: UInt32) -> Bool { c >= 0x10000 || firstScalar[Int(c)] }

    /// Longest lexicon key starting at `i` of `text.lower`, honouring Latin word
    /// boundaries (so `Meta` does not match inside `Metaverse`).
    @inline(__always)
    func longestMatch(in text: NormalizedText, at i: Int) -> (length: Int, entry: Int)? {
        let lower = text.lower
        let first = lower[i]
        guard first < 0x10000 ? firstScalar[Int(first)] : true else { return nil }
        let n = lower.count
        if first < 0x10000 && !singleFirst[Int(first)] {
            guard i + 1 < n else { return nil }
            let b = Lexicon.pairBit(first, lower[i + 1])
            if pairBits[b >> 6] & (1 << UInt64(b & 63)) == 0 { return nil }
        }
        guard let list = index[first] else { return nil }
        if isLatinAlnum(lower[i]) && i > 0 && isLatinAlnum(lower[i - 1]) {
            // Allow a camel-case join such as `CEODario`: upper then Upper+lower.
            let prev = text.text[i - 1], cur = text.text[i]
            let ok = isASCIIUpper(prev) && isASCIIUpper(cur) && i + 1 < n && isASCIILower(text.text[i + 1])
            if !ok { return nil }
        }
        outer: for (key, entry) in list {
            let m = key.count
            if i + m > n { continue }
            for k in 1..<m where lower[i + k] != key[k] { continue outer }
            if isLatinAlnum(key[m - 1]) && i + m < n && isLatinAlnum(lower[i + m]) {
                // `Claude3` style joins are handled by the model scanner.
                continue
            }
            return (m, Int(entry))
        }
        return nil
    }
}
