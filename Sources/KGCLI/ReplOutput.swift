import Foundation
import KGCore
import KGDatalog

/// Where and how the REPL prints answers: `:output`/`:once` files, screen
/// caps (`:maxrows`, `:maxlines`, `:width`), and the last answers for `:all`.
/// The caps are on by default on a terminal (a person reading) and off when
/// standard input is not one (a script reading the output whole).
struct ReplOutputSettings {
    /// `:output FILE`: every answer from now on goes there (nil: the screen).
    var file: URL?
    /// `:once FILE`: the next answers only.
    var once: URL?
    /// Answers shown on screen per query before "… N more" (nil: all).
    var maxRows: Int?
    /// Lines of `:show` and `:why` shown before "… N more" (nil: all).
    var maxLines: Int?
    /// Display width a cell is cut to on screen (nil: never cut).
    var columnWidth: Int?

    static let screenDefaults = (rows: 50, lines: 60, width: 60)

    init(screen: Bool) {
        if screen {
            maxRows = Self.screenDefaults.rows
            maxLines = Self.screenDefaults.lines
            columnWidth = Self.screenDefaults.width
        }
    }
    /// The last query's answers, for `:all`.
    var last: [QueryResult] = []
    var lastCPU: Double?
}

extension ReplSession {
    /// The output meta-commands: appended to `metaCommands`, so `:help`,
    /// dispatch and completion know them.
    static let outputCommands: [MetaCommand] = [
        MetaCommand(":output [FILE]", "answers go to FILE, in the current format, from now on; :output alone: the screen",
                    argument: .path) { session, words, _ in
            session.emit(try session.setOutput(words.first)); return .continue
        },
        MetaCommand(":once FILE", "the next query's answers go to FILE", argument: .path) { session, words, _ in
            guard let path = words.first else { throw UsageError("usage: :once FILE") }
            session.output.once = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
            session.emit("the next answers go to \(path)\n"); return .continue
        },
        MetaCommand(":all", "print every answer of the last query (no row cap, no cut cells)") { session, _, _ in
            session.emit(session.render(session.output.last, cpu: session.output.lastCPU, screen: false, capped: false)); return .continue
        },
        MetaCommand(":maxrows N|off", "answers shown per query before '… N more' (on a terminal: 50)", argument: .words(["off"])) { session, words, _ in
            session.output.maxRows = try parseCap(words.first, usage: ":maxrows N|off")
            session.emit("maxrows: \(session.output.maxRows.map(String.init) ?? "off")\n"); return .continue
        },
        MetaCommand(":maxlines N|off", "lines of :show and :why before '… N more' (on a terminal: 60)", argument: .words(["off"])) { session, words, _ in
            session.output.maxLines = try parseCap(words.first, usage: ":maxlines N|off")
            session.emit("maxlines: \(session.output.maxLines.map(String.init) ?? "off")\n"); return .continue
        },
        MetaCommand(":width N|off", "cut cells wider than N columns, ending them in … (on a terminal: 60)", argument: .words(["off"])) { session, words, _ in
            session.output.columnWidth = try parseCap(words.first, usage: ":width N|off", minimum: 2)
            session.emit("width: \(session.output.columnWidth.map(String.init) ?? "off")\n"); return .continue
        },
        MetaCommand(":rules", "the rules and facts typed or loaded in this session") { session, _, _ in
            session.emit(try session.ruleListing()); return .continue
        },
        MetaCommand(":drop NAME", "remove this session's rules and facts for predicate NAME", argument: .predicate) { session, words, _ in
            guard let name = words.first else { throw UsageError("usage: :drop NAME") }
            let removed = try session.engine.queries.drop(predicate: name)
            guard removed.rules + removed.facts > 0 else { throw CommandError("no rules or facts for '\(name)' in this session (:rules lists them)") }
            session.emit("dropped \(name): \(removed.rules) rule\(removed.rules == 1 ? "" : "s"), \(removed.facts) fact\(removed.facts == 1 ? "" : "s")\n")
            return .continue
        },
    ]

    /// The prompt: `kg> `, or `kg@tx12> ` while reading the graph as of transaction 12.
    var promptText: String {
        guard editor.interactive else { return "" }
        if !pending.isEmpty { return "...> " }
        return engine.access.asOf.map { "kg@tx\($0)> " } ?? "kg> "
    }

    /// Runs Datalog text typed or loaded, timing wall and CPU, and prints or saves its answers.
    func runClauses(_ source: String, file: String = "<repl>") throws {
        let cpu0 = processCPUSeconds()
        let (results, warnings) = try engine.queries.run(source: source, file: file)
        let cpu = processCPUSeconds() - cpu0
        for w in warnings { printError(w.description) }
        if results.isEmpty { emit("ok\n"); return }
        output.last = results
        output.lastCPU = cpu
        if let target = output.once ?? output.file {
            let once = output.once != nil
            output.once = nil
            let text = render(results, cpu: cpu, screen: false, capped: false)
            try append(text, to: target, truncate: once)
            let n = results.reduce(0) { $0 + $1.rows.count }
            emit("wrote \(n) answer\(n == 1 ? "" : "s") to \(displayPath(target))\n")
            return
        }
        emit(render(results, cpu: cpu, screen: true, capped: true))
    }

    /// Answers as text in the session's format: on screen with colour, caps and cut cells; in files plain and whole.
    func render(_ results: [QueryResult], cpu: Double?, screen: Bool, capped: Bool) -> String {
        var formatter = AnswerFormatter(format: AnswerFormatter.Format(rawValue: format) ?? .table, colour: screen && useColor)
        formatter.showTime = timing && screen
        if capped {
            formatter.maxRows = output.maxRows
            formatter.maxWidth = output.columnWidth
            formatter.moreHint = ":all shows them all"
        }
        var out = ""
        for (i, result) in results.enumerated() {
            formatter.cpuSeconds = i == results.count - 1 ? cpu : nil
            if results.count > 1 && (formatter.format == .table || formatter.format == .line) && !result.countOnly { out += result.query + "\n" }
            out += formatter.format(result)
        }
        return out
    }

    /// `:output FILE` starts the file empty; `:output` alone returns to the screen.
    func setOutput(_ path: String?) throws -> String {
        guard let path else {
            let was = output.file
            output.file = nil
            return was.map { "answers go to the screen again (were going to \($0.path))\n" } ?? "answers go to the screen\n"
        }
        let url = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CommandError("\(path) is a directory")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CommandError("cannot write \(path)") }
        output.file = url
        return "answers go to \(path) (:output alone for the screen)\n"
    }

    func append(_ text: String, to url: URL, truncate: Bool) throws {
        if truncate || !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CommandError("cannot write \(url.path)") }
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }

    /// `:show` and `:why` text cut to `maxLines`, with how to see the rest.
    func capLines(_ text: String, all: Bool, hint: String) -> String {
        guard !all, let cap = output.maxLines else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let count = lines.last == "" ? lines.count - 1 : lines.count
        guard count > cap else { return text }
        return lines.prefix(cap).joined(separator: "\n") + "\n… \(count - cap) more lines (\(hint))\n"
    }

    /// `:rules`: each rule as written with where it came from, then typed facts per predicate.
    func ruleListing() throws -> String {
        let rules = try engine.queries.rules()
        let facts = try engine.queries.typedFacts()
        if rules.isEmpty && facts.isEmpty { return "no rules or facts typed or loaded in this session\n" }
        var out = ""
        for r in rules { out += "\(r.text)    % \(r.location)\n" }
        for f in facts { out += "\(f.predicate): \(f.count) fact\(f.count == 1 ? "" : "s")\n" }
        return out
    }
}

/// A path as the user would type it: relative to the current directory when inside it.
func displayPath(_ url: URL) -> String {
    let cwd = FileManager.default.currentDirectoryPath + "/"
    return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
}

/// `N` (a positive number) or `off`.
func parseCap(_ word: String?, usage: String, minimum: Int = 1) throws -> Int? {
    guard let word else { throw UsageError("usage: \(usage)") }
    if word == "off" { return nil }
    guard let n = Int(word), n >= minimum else { throw UsageError("usage: \(usage)") }
    return n
}

/// CPU seconds (user + system) this process has used.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
