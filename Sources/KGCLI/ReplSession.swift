import Foundation
import KGCore
import KGExport

/// The interactive loop: reads clauses and `:commands`, runs them, prints
/// results, and keeps going after every error. Engine and graph work goes
/// through `ReplEngine`; this type owns input, dispatch and output.
public final class ReplSession {
    public let editor: LineEditor
    public let engine: ReplEngine
    public let useColor: Bool
    public var format = "table"
    public var timing = true
    /// Text of a clause being typed over several lines.
    var pending = ""
    /// `:output`, `:once`, screen caps (ReplOutput.swift).
    lazy var output = ReplOutputSettings(screen: editor.interactive)

    public init(editor: LineEditor, engine: ReplEngine, useColor: Bool) {
        self.editor = editor
        self.engine = engine
        self.useColor = useColor
    }

    static let formats = ["table", "line", "csv", "tsv", "json"]
    static let exportFormats = ExportFormat.allCases.map(\.rawValue)

    /// Every meta-command: feeds `:help`, dispatch and completion.
    public static let metaCommands: [MetaCommand] = coreCommands + outputCommands

    static let coreCommands: [MetaCommand] = [
        MetaCommand(":help [COMMAND]", "list the commands, or one command's usage") { session, words, _ in
            session.help(words.first); return .continue
        },
        MetaCommand(":quit", "leave the REPL (Ctrl-D does too)") { _, _, _ in .quit },
        MetaCommand(":load FILE.dl", "run a Datalog file; its rules stay for the session", argument: .path) { session, words, _ in
            guard let path = words.first else { throw UsageError("usage: :load FILE.dl") }
            let url = URL(fileURLWithPath: NSString(string: path).expandingTildeInPath)
            guard let data = FileManager.default.contents(atPath: url.path) else { throw CommandError("cannot read \(path)") }
            try session.runClauses(String(decoding: data, as: UTF8.self), file: path)
            return .continue
        },
        MetaCommand(":ingest PATH", "extract a file or directory into the graph", argument: .path) { session, words, _ in
            guard let path = words.first else { throw UsageError("usage: :ingest PATH") }
            session.emit(try session.engine.ingest(path: path))
            return .continue
        },
        MetaCommand(":preds", "predicates with arity and fact count") { session, _, _ in
            session.emit(session.engine.predicateTable()); return .continue
        },
        MetaCommand(":show [--all] NAME", "an entity: type, aliases, every triple in and out with evidence", argument: .entity) { session, _, rest in
            let (all, name) = allFlag(rest)
            guard !name.isEmpty else { throw UsageError("usage: :show [--all] NAME") }
            session.emit(session.capLines(try session.engine.show(name: unquote(name)), all: all, hint: ":show --all \(name)")); return .continue
        },
        MetaCommand(":why [--all] QUERY", "answers with their derivations down to the evidence", argument: .query) { session, _, rest in
            let (all, query) = allFlag(rest)
            guard !query.isEmpty else { throw UsageError("usage: :why [--all] ?- QUERY.") }
            session.emit(session.capLines(try session.engine.why(query: query, all: all), all: all, hint: ":why --all \(query)")); return .continue
        },
        MetaCommand(":asof TX|TIME|now", "read the graph as of a transaction or an ISO time", argument: .words(["now"])) { session, words, _ in
            guard let when = words.first else { throw UsageError("usage: :asof TX|TIME|now") }
            session.emit(try session.engine.setAsOf(when)); return .continue
        },
        MetaCommand(":format table|line|csv|tsv|json", "how answers print (line: one 'column = value' per line)", argument: .words(formats)) { session, words, _ in
            guard let f = words.first, formats.contains(f) else { throw UsageError("usage: :format table|line|csv|tsv|json") }
            session.format = f
            session.emit("format: \(f)\n"); return .continue
        },
        MetaCommand(":timing on|off", "show the wall and CPU time each query took", argument: .words(["on", "off"])) { session, words, _ in
            guard let w = words.first, ["on", "off"].contains(w) else { throw UsageError("usage: :timing on|off") }
            session.timing = w == "on"
            session.emit("timing: \(w)\n"); return .continue
        },
        MetaCommand(":export FORMAT FILE [OPTIONS] [QUERY]", "write the graph, or what a query's answers touch (kg export --help)",
                    argument: .words(exportFormats)) { session, _, rest in
            try session.exportCommand(rest); return .continue
        },
        MetaCommand(":retract S P O", "retract a triple (all its evidence) by hand", argument: .entity) { session, words, _ in
            guard words.count == 3 else { throw UsageError("usage: :retract SUBJECT PREDICATE OBJECT (quote names with spaces)") }
            session.emit(try session.engine.retract(subject: words[0], predicate: words[1], object: words[2])); return .continue
        },
        MetaCommand(":add TYPE NAME [--alias A]...", "add an entity by hand, stored in the graph (:add person \"Priya Raman\" --alias 拉曼)",
                    argument: .words(EntityType.allCases.map(\.rawValue))) { session, words, _ in
            var args = Arguments(words)
            let (type, name, aliases, figure) = try Curation.parseAdd(&args)
            session.emit(try session.engine.access.curate { Curation.add(type: type, name: name, aliases: aliases, figure: figure, in: $0) } + "\n")
            return .continue
        },
        MetaCommand(":assert S P O", "add a triple by hand, stored in the graph; TYPE:NAME ends are created if new", argument: .entity) { session, words, _ in
            guard words.count == 3 else { throw UsageError("usage: :assert SUBJECT PREDICATE OBJECT (quote names with spaces; person:\"New Name\" creates)") }
            session.emit(try session.engine.access.curate { try Curation.assert(subject: words[0], predicate: words[1], object: words[2], in: $0) } + "\n")
            return .continue
        },
        MetaCommand(":remove NAME", "retract an entity and its triples (undoes :add)", argument: .entity) { session, _, rest in
            guard !rest.isEmpty else { throw UsageError("usage: :remove NAME") }
            session.emit(try session.engine.access.curate { try Curation.remove(unquote(rest), in: $0) } + "\n")
            return .continue
        },
        MetaCommand(":stats", "entities by type, triples by predicate, documents, transactions") { session, _, _ in
            session.emit(try session.engine.stats()); return .continue
        },
    ]

    // MARK: - Loop

    /// Runs until `:quit` or end of input; returns the exit status.
    public func run() -> Int32 {
        defer { if editor.interactive { editor.terminal.restore() } }
        if editor.interactive {
            Terminal.installSignalHandlers { [interrupt = engine.queries.interrupt] in interrupt.cancel() }
            emit("kg \(KGCommandLine.version) — Datalog over \(engine.graphDescription). :help for commands, Ctrl-D to leave.\n")
        }
        editor.complete = { [unowned self] line, cursor in self.completions(line: line, cursor: cursor) }
        while true {
            let prompt = promptText
            engine.prepareForInput()
            switch editor.readLine(prompt: prompt) {
            case .endOfInput:
                if !pending.isEmpty { reportError(CommandError("input ended inside a clause: \(pending)")); return 1 }
                return 0
            case .interrupted:
                pending = ""
            case .line(let line):
                if handle(line) == .quit { return 0 }
            }
        }
    }

    enum Outcome { case more, quit }

    /// One line of input: a meta-command, part of a clause, or the end of one.
    func handle(_ line: String) -> Outcome? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pending.isEmpty {
            if trimmed.isEmpty { return .more }
            if trimmed.hasPrefix(":") {
                editor.history.add(trimmed)
                return runMeta(trimmed) == .quit ? .quit : .more
            }
        }
        pending += pending.isEmpty ? line : "\n" + line
        guard ClauseScanner.isComplete(pending) else { return .more }
        let source = pending
        pending = ""
        editor.history.add(source)
        do {
            try runClauses(source)
        } catch {
            reportError(error)
        }
        return .more
    }

    func runMeta(_ text: String) -> ReplAction {
        let name = String(text.prefix { !$0.isWhitespace })
        let rest = String(text.dropFirst(name.count)).trimmingCharacters(in: .whitespaces)
        switch Self.metaCommands.lookup(name) {
        case .failure(let error):
            reportError(error)
            return .continue
        case .success(let command):
            do {
                return try command.run(self, splitWords(rest), rest)
            } catch {
                reportError(error)
                return .continue
            }
        }
    }

    // MARK: - Output

    func emit(_ text: String) {
        guard !text.isEmpty else { return }
        // Through stdio like every other subcommand's print, flushed so output
        // and errors (unbuffered stderr) appear in order.
        print(text, terminator: "")
        fflush(nil)
    }

    func reportError(_ error: Error) {
        let text: String
        switch error {
        case let d as Diagnostic: text = d.description
        case let u as UsageError: text = "error: \(u.message)"
        case let c as CommandError: text = "error: \(c.message)"
        default: text = "error: \(error)"
        }
        fflush(nil)
        printError(useColor ? "\u{1b}[31m\(text)\u{1b}[0m" : text)
    }

    func help(_ topic: String?) {
        if let topic {
            let name = topic.hasPrefix(":") ? topic : ":" + topic
            switch Self.metaCommands.lookup(name) {
            case .success(let c): emit("\(c.usage)\n  \(c.summary)\n")
            case .failure(let e): reportError(e)
            }
            return
        }
        var out = "Type Datalog: facts `p(a, b).`, rules `h(X) :- b(X).`, queries `?- ceo_of(P, C).` (end with '.').\n"
        let width = (Self.metaCommands.map { DisplayWidth.of($0.usage) }.max() ?? 0) + 2
        for c in Self.metaCommands {
            out += "  " + c.usage + String(repeating: " ", count: width - DisplayWidth.of(c.usage)) + c.summary + "\n"
        }
        out += "Keys: Tab completes, Up/Down and Ctrl-R search history, Ctrl-C cancels, Ctrl-D leaves.\n"
        emit(out)
    }

    // MARK: - Completion

    /// Candidates for the word before the cursor: meta-commands at the start
    /// of a line, a command's own argument words after it, entity names inside
    /// a string, predicates (and `not`) in Datalog text.
    func completions(line: String, cursor: Int) -> Completions {
        let chars = Array(line)
        let before = Array(chars[..<cursor])
        // Inside an open string: complete an entity name up to the cursor.
        let quotes = before.filter { $0 == "\"" }.count
        if quotes % 2 == 1, let open = before.lastIndex(of: "\"") {
            let typed = String(before[(open + 1)...])
            let names = engine.entityNames().filter { $0.hasPrefix(typed) || $0.lowercased().hasPrefix(typed.lowercased()) }
            return Completions(start: open + 1, candidates: names.map { $0 + "\"" }.sorted())
        }
        var start = cursor
        while start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || "_:.-/~".contains(chars[start - 1]) { start -= 1 }
        let typed = String(chars[start..<cursor])
        let head = String(before[..<start]).trimmingCharacters(in: .whitespaces)
        if head.isEmpty && typed.hasPrefix(":") {
            return Completions(start: start, candidates: Self.metaCommands.map(\.name).filter { $0.hasPrefix(typed) }.map { $0 + " " })
        }
        if head.hasPrefix(":") {
            let name = String(head.prefix { !$0.isWhitespace })
            if case .success(let command) = Self.metaCommands.lookup(name) {
                let firstArgument = !head.contains(" ")
                switch command.argument {
                case .words(let words) where firstArgument:
                    return Completions(start: start, candidates: words.filter { $0.hasPrefix(typed) }.map { $0 + " " })
                case .path:
                    return Completions(start: start, candidates: pathCompletions(typed))
                case .entity:
                    let names = engine.entityNames().filter { $0.hasPrefix(typed) && !$0.contains(" ") }
                    return Completions(start: start, candidates: names.sorted())
                default: break
                }
            }
        }
        let predicates = engine.predicateNames() + ["not"]
        return Completions(start: start, candidates: Array(Set(predicates.filter { $0.hasPrefix(typed) && !typed.isEmpty })).sorted())
    }

    func pathCompletions(_ typed: String) -> [String] {
        let expanded = typed.hasPrefix("~") ? NSString(string: typed).expandingTildeInPath : typed
        let dir = expanded.hasSuffix("/") ? expanded : (expanded as NSString).deletingLastPathComponent
        let prefix = expanded.hasSuffix("/") ? "" : (expanded as NSString).lastPathComponent
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return [] }
        let typedDir = typed.hasSuffix("/") ? typed : String(typed.dropLast(prefix.count))
        return items.filter { $0.hasPrefix(prefix) && !$0.hasPrefix(".") }.sorted().map { item in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (dir.isEmpty ? "." : dir) + "/" + item, isDirectory: &isDirectory)
            return typedDir + item + (isDirectory.boolValue ? "/" : "")
        }
    }
}

/// Splits meta-command arguments on whitespace, keeping "quoted words" whole.
func splitWords(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var hasWord = false
    for c in text {
        if c == "\"" { quoted.toggle(); hasWord = true; continue }
        if c.isWhitespace && !quoted {
            if hasWord { words.append(current); current = ""; hasWord = false }
            continue
        }
        current.append(c)
        hasWord = true
    }
    if hasWord { words.append(current) }
    return words
}

/// `--all NAME` → (true, `NAME`); `NAME` → (false, `NAME`).
func allFlag(_ rest: String) -> (all: Bool, rest: String) {
    let t = rest.trimmingCharacters(in: .whitespaces)
    if t == "--all" { return (true, "") }
    if t.hasPrefix("--all ") { return (true, String(t.dropFirst(6)).trimmingCharacters(in: .whitespaces)) }
    return (false, t)
}

/// `"Dario Amodei"` → `Dario Amodei`.
func unquote(_ s: String) -> String {
    let t = s.trimmingCharacters(in: .whitespaces)
    if t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") { return String(t.dropFirst().dropLast()) }
    return t
}
