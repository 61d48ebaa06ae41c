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
        let head = handle.readData(ofLength: 65536)
        guard let line = head.split(separator: UInt8(ascii: "\n")).first else { return 0 }
        return line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).count
    }

    public func load(_ name: String, into sink: inout FactSink) throws {
        guard let file = files[name] else { return }
        try FactFiles.load(file: file.url, into: &sink)
    }

    /// Reads one tab-separated file into `sink`; a line with the wrong number of
    /// fields is an error naming the file and line (an empty line is skipped).
    /// Columns marked in `textColumns` (Soufflé's `symbol`) keep their text even when it reads as a number.
    public static func load(file url: URL, into sink: inout FactSink, textColumns: [Bool] = []) throws {
        let data = try Data(contentsOf: url)
        let arity = sink.arity
        var cache: [String: Int32] = [:]
        var textCache: [String: Int32] = [:]  // text columns: "007" stays "007"
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var tuple = [Int32](repeating: 0, count: max(1, arity))
            var lastStart = [Int](repeating: 0, count: max(1, arity))
            var lastEnd = [Int](repeating: -1, count: max(1, arity))
            var lastValue = [Int32](repeating: 0, count: max(1, arity))
            sink.reserve(n / (4 * max(1, arity)) + 16)
            var i = 0, line = 1
            while i < n {
                var column = 0
                var emptyLine = false
                while true {
                    let start = i
                    var isInt = i < n && bytes[i] != UInt8(ascii: "\t") && bytes[i] != UInt8(ascii: "\n")
                    var negative = false
                    var value: Int64 = 0
                    if i < n && bytes[i] == UInt8(ascii: "-") { negative = true; i += 1; isInt = i < n && bytes[i] >= 48 && bytes[i] <= 57 }
                    while i < n, bytes[i] != UInt8(ascii: "\t"), bytes[i] != UInt8(ascii: "\n") {
                        let d = bytes[i]
                        if isInt, d >= 48, d <= 57, value < 100_000_000_000_000_000 { value = value * 10 + Int64(d - 48) } else { isInt = false }
                        i += 1
                    }
                    var end = i
                    if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1; isInt = false }
                    if column == 0 { emptyLine = end == start }
                    if column < arity {
                        let isText = column < textColumns.count && textColumns[column]
                        if isInt && !isText {
                            tuple[column] = sink.encode(.int(negative ? -value : value))
                        } else if end - start == lastEnd[column] - lastStart[column],
                                  memcmp(raw.baseAddress! + start, raw.baseAddress! + lastStart[column], end - start) == 0 {
                            // Same text as this column's previous field (sorted files repeat a lot).
                            tuple[column] = lastValue[column]
                        } else {
                            defer { lastStart[column] = start; lastEnd[column] = end; lastValue[column] = tuple[column] }
                            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                            if let v = isText ? textCache[text] : cache[text] { tuple[column] = v } else {
                                let c: Constant = isText ? .string(text) : (Double(text).map { .double($0) } ?? .string(text))
                                let v = sink.encode(c)
                                if isText { textCache[text] = v } else { cache[text] = v }
                                tuple[column] = v
                            }
                        }
                    }
                    column += 1
                    if i >= n || bytes[i] == UInt8(ascii: "\n") { i += 1; break }
                    i += 1
                }
                if column == 1 && arity != 1 && emptyLine { line += 1; continue }  // blank line
                if column != arity {
                    throw CommandLineError("\(url.path):\(line): expected \(arity) tab-separated fields, found \(column)")
                }
                tuple.withUnsafeBufferPointer { sink.add($0.baseAddress!) }
                line += 1
            }
        }
    }
}

/// A failure outside program text (unreadable file, malformed fact file).
public struct CommandLineError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
