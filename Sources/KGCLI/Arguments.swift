import Foundation
import KGDatalog

/// A usage error: printed with the subcommand's usage line, exit status 2.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A failure the user can act on (missing file, locked graph, bad query): exit status 1.
public struct CommandError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Hand-written argument parsing in the spirit of swift-argument-parser: a
/// subcommand declares what it reads by asking for it, then `finish()` rejects
/// whatever is left that looks like a flag.
///
///     var args = Arguments(["--graph", "g", "--format", "csv", "x.dl"])
///     let format = try args.option("--format", "-f") ?? "table"
///     let files = try args.positionals()
public struct Arguments {
    private var items: [String?]

    public init(_ arguments: [String]) { items = arguments }

    /// Whether `names` occurs (removing it).
    public mutating func flag(_ names: String...) -> Bool {
        var found = false
        for i in items.indices where items[i].map(names.contains) == true {
            items[i] = nil
            found = true
        }
        return found
    }

    /// The value after `--name VALUE` or in `--name=VALUE` (the last one wins).
    public mutating func option(_ names: String...) throws -> String? {
        var value: String?
        var i = 0
        while i < items.count {
            guard let item = items[i] else { i += 1; continue }
            if names.contains(item) {
                guard i + 1 < items.count, let next = items[i + 1] else {
                    throw UsageError("option \(item) needs a value")
                }
                value = next
                items[i] = nil
                items[i + 1] = nil
                i += 2
                continue
            }
            for name in names where name.hasPrefix("--") && item.hasPrefix(name + "=") {
                value = String(item.dropFirst(name.count + 1))
                items[i] = nil
            }
            i += 1
        }
        return value
    }

    /// Every value of a repeatable option.
    public mutating func options(_ names: String...) throws -> [String] {
        var values: [String] = []
        var i = 0
        while i < items.count {
            if let item = items[i], names.contains(item) {
                guard i + 1 < items.count, let next = items[i + 1] else {
                    throw UsageError("option \(item) needs a value")
                }
                values.append(next)
                items[i] = nil
                items[i + 1] = nil
                i += 2
            } else {
                i += 1
            }
        }
        return values
    }

    /// What is left, in order, after every flag and option was taken; an item
    /// that starts with `-` (other than `-` itself, meaning standard input) is
    /// an unknown flag. Everything after `--` is positional.
    public mutating func positionals() throws -> [String] {
        var out: [String] = []
        var literal = false
        for item in items.compactMap({ $0 }) {
            if literal { out.append(item); continue }
            if item == "--" { literal = true; continue }
            if item.hasPrefix("-") && item != "-" && Double(item) == nil {
                throw UsageError("unknown option '\(item)'")
            }
            out.append(item)
        }
        items = []
        return out
    }

    /// `--max-tuples N` and `--timeout S`: the evaluation guards `kg query` and `kg repl` share.
    public mutating func guardLimits() throws -> (maxTuples: Int?, timeout: Double?) {
        let maxTuples = try option("--max-tuples").map { v -> Int in
            guard let n = Int(v), n > 0 else { throw UsageError("--max-tuples needs a positive number, got '\(v)'") }
            return n
        }
        let timeout = try option("--timeout").map { v -> Double in
            guard let s = Double(v), s.isFinite, s > 0 else {
                throw UsageError("--timeout needs a positive, finite number of seconds, got '\(v)'")
            }
            guard s < DatalogSession.longestTimeout else {
                throw UsageError("--timeout \(v) is too long: at most \(Int(DatalogSession.longestTimeout)) seconds; leave it out for no time limit")
            }
            return s
        }
        return (maxTuples, timeout)
    }

    /// `--max-memory SIZE` (bytes, or with K, M, G: `512M`, `2G`): the memory budget of `kg query` and `kg repl`.
    public mutating func memoryLimit() throws -> Int? {
        try option("--max-memory").map { v -> Int in
            guard let bytes = Arguments.parseSize(v), bytes >= 1 << 20 else {
                throw UsageError("--max-memory needs a size of at least 1M such as 512M or 2G, got '\(v)'")
            }
            return bytes
        }
    }

    /// "2G" -> 2 GiB; nil when malformed or beyond 1 PiB (checked: no overflow).
    static func parseSize(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let u = units[last] { unit = u; digits = digits.dropLast() }
        if digits.hasSuffix("I") || digits.hasSuffix("B") { return nil }
        guard let n = Int(digits), n > 0 else { return nil }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: unit)
        return overflow || bytes > 1 << 50 ? nil : bytes
    }
}

/// One `kg` subcommand: its help comes from this table, so there is one copy of it.
public struct Subcommand: Sendable {
    public var name: String
    /// One line for `kg help`.
    public var summary: String
    /// The full `kg NAME --help` text, starting with the usage line.
    public var help: String
    public var run: @Sendable (inout Arguments) throws -> Int32

    public init(name: String, summary: String, help: String, run: @escaping @Sendable (inout Arguments) throws -> Int32) {
        self.name = name
        self.summary = summary
        self.help = help
        self.run = run
    }
}

/// Where the graph lives: `--graph DIR`, else `$KG_GRAPH`, else `graph/` in the
/// current directory.
///
/// The default graph builds itself: when `graph/` holds a sample corpus but no
/// log yet, the corpus is ingested first, so that a new user's first command
/// lands on a graph with something in it. Commands that write documents of the
/// user's own (`ingest`, `import`) pass `buildDefault: false`.
public func graphDirectory(_ args: inout Arguments, buildDefault: Bool = true) throws -> URL {
    if let dir = try args.option("--graph", "-g") { return URL(fileURLWithPath: dir) }
    if let env = ProcessInfo.processInfo.environment["KG_GRAPH"], !env.isEmpty { return URL(fileURLWithPath: env) }
    let dir = URL(fileURLWithPath: "graph")
    if buildDefault { try KGCommandLine.buildDefaultGraphIfNeeded(dir) }
    return dir
}

/// Writes to standard error.
public func printError(_ message: String) {
    FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
}
