import Foundation
import KGCore

/// Where base relations come from: fact files, or the graph. The session asks
/// for a relation the first time a program needs it.
public protocol FactSource: AnyObject {
    /// Every relation the source can provide, with its arity.
    var availableRelations: [(name: String, arity: Int)] { get }
    /// Adds the relation's tuples through `sink`.
    func load(_ name: String, into sink: inout FactSink) throws
    /// The constant a query's string should stand for (the graph maps an alias to
    /// the entity's canonical name); nil to keep it as written.
    func canonical(_ text: String) -> String?
    /// Argument positions of `relation` that hold entities (where a string
    /// constant should name one); empty for sources without entities.
    func entityPositions(_ relation: String) -> [Int]
    /// What a string constant in an entity position names; nil: no opinion.
    func lookUpName(_ text: String) -> NameLookup?
}

extension FactSource {
    public func canonical(_ text: String) -> String? { nil }
    public func entityPositions(_ relation: String) -> [Int] { [] }
    public func lookUpName(_ text: String) -> NameLookup? { nil }
}

/// A fact source whose relations can be read a key at a time through its own
/// indexes (the graph), so a query with a bound argument touches only the
/// matching rows and a relation the query does not mention costs nothing.
public protocol IndexedFactSource: FactSource {
    /// The relation read through the source's indexes, its values encoded by
    /// `values`; nil when it can only be loaded whole.
    func indexedRelation(_ name: String, values: ValueTable) -> IndexedRelation?
}

/// One base relation read by key. Rows are `arity` encoded values each.
public protocol IndexedRelation: AnyObject {
    /// Columns whose value `rows(column:value:into:)` looks up, most selective first.
    var lookupColumns: [Int] { get }
    /// A rough row count (an upper bound is fine), for ordering a rule's atoms; O(1).
    var estimatedCount: Int { get }
    /// Appends every row holding `value` in `column` (a column of `lookupColumns`),
    /// possibly some twice; returns how many stored rows the source looked at.
    func rows(column: Int, value: Int32, into out: inout [Int32]) -> Int
    /// Calls `body` with every row (possibly some twice), streamed from the source's
    /// own storage without a copy; returns how many stored rows it looked at.
    func scan(_ body: (UnsafePointer<Int32>) -> Void) -> Int
}

/// Receives one relation's tuples from a fact source.
public struct FactSink {
    let database: Database
    let values: ValueTable
    let relation: Int
    public let arity: Int
    private var scratch: [Int32]

    init(database: Database, values: ValueTable, relation: Int) {
        self.database = database
        self.values = values
        self.relation = relation
        arity = database.arity(relation)
        scratch = [Int32](repeating: 0, count: max(1, arity))
    }

    public func encode(_ c: Constant) -> Int32 { values.encode(c) }

    /// Adds one tuple of encoded values (exactly `arity` of them).
    public mutating func add(_ tuple: UnsafePointer<Int32>) { _ = database.insert(relation, tuple) }

    public mutating func add(_ tuple: [Constant]) {
        for (i, c) in tuple.enumerated() { scratch[i] = values.encode(c) }
        scratch.withUnsafeBufferPointer { _ = database.insert(relation, $0.baseAddress!) }
    }

    public func reserve(_ n: Int) { database.stores[relation].reserve(n) }
}

/// `DIR/NAME.tsv` and `DIR/NAME.facts`: tab-separated rows, one relation per file
/// (Soufflé's fact format). A field that reads as a number is a number.
public final class FactFiles: FactSource {
    public let directory: URL
    private var files: [String: (url: URL, arity: Int)] = [:]

    public init(directory: URL) throws {
        self.directory = directory
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path) } catch {
            throw CommandLineError("cannot read fact directory \(directory.path): \(error.localizedDescription)")
        }
        for name in names.sorted() where name.hasSuffix(".tsv") || name.hasSuffix(".facts") {
            let url = directory.appendingPathComponent(name)
            let relation = String(name[..<name.lastIndex(of: ".")!])
            files[relation] = (url, try FactFiles.arity(of: url))
        }
    }

    public var availableRelations: [(name: String, arity: Int)] {
        files.keys.sorted().map { ($0, files[$0]!.arity) }
    }

    private static func arity(of url: URL) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw CommandLineError("cannot open \(url.path)") }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 65536))
        // The first line that is not empty (a lone `\r` of a CRLF file is empty too): its tabs
        // counted in place (splitting the 64 KB read into lines cost more than the count).
        var start = 0
        while start < head.count {
            var end = start
            while end < head.count && head[end] != UInt8(ascii: "\n") { end += 1 }
            var last = end
            if last > start && head[last - 1] == UInt8(ascii: "\r") { last -= 1 }
            if last > start {
                var tabs = 0
                for k in start..<last where head[k] == UInt8(ascii: "\t") { tabs += 1 }
                return tabs + 1
            }
            start = end + 1
        }
        return 0
    }

    /// Reads the file (memory-mapped where the system allows) and parses it in one
    /// pass (`FactFileParser`); a malformed line is an error naming file and line.
    public func load(_ name: String, into sink: inout FactSink) throws {
        guard let file = files[name] else { return }
        try FactFiles.load(file: file.url, into: &sink)
    }

    /// Reads one tab-separated file into `sink` (memory-mapped where the system
    /// allows, parsed in one pass by `FactFileParser`); a line with the wrong number
    /// of fields is an error naming the file and line (an empty line is skipped).
    /// Columns marked in `textColumns` (Soufflé's `symbol`) keep their text even when it reads as a number.
    public static func load(file url: URL, into sink: inout FactSink, textColumns: [Bool] = []) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw CommandLineError("cannot read \(url.path): \(error.localizedDescription)")
        }
        try data.withUnsafeBytes { raw in
            try FactFileParser.parse(raw, path: url.path, arity: sink.arity, textColumns: textColumns, into: &sink)
        }
    }
}

/// A failure outside program text (unreadable file, malformed fact file).
public struct CommandLineError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
