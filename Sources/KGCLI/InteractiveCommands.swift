import Foundation
import KGCore

extension KGCommandLine {
    /// The interactive stage's subcommands.
    static var interactiveCommands: [Subcommand] { [replCommand] }

    static var replCommand: Subcommand {
        Subcommand(name: "repl", summary: "interactive Datalog over the graph (also: kg alone on a terminal)", help: """
        usage: kg repl [--graph DIR] [--format table|csv|tsv|json] [--no-color] [--history FILE]

        Reads Datalog clauses and :commands (:help lists them). A clause may span
        lines; it ends at its closing '.'. Tab completes commands, predicates and
        entity names; Up/Down and Ctrl-R search the history, kept in DIR/.history
        (or ~/.kg_history). Ctrl-C cancels a running query, Ctrl-D leaves.
        When standard input is not a terminal, lines are read plainly, without
        prompts or escape codes. Colour only on a terminal, never with NO_COLOR.
        """) { args in
            let graph = try graphDirectory(&args)
            let format = try args.option("--format", "-f") ?? "table"
            let noColor = args.flag("--no-color")
            let historyFile = try args.option("--history")
            let rest = try args.positionals()
            guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
            guard ReplSession.formats.contains(format) else { throw UsageError("unknown format '\(format)'") }
            let terminal = Terminal()
            let history = History(file: historyFile.map { URL(fileURLWithPath: $0) } ?? History.defaultFile(graph: graph))
            let editor = LineEditor(terminal: terminal, history: history)
            let color = terminal.isInteractive && !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let session = ReplSession(editor: editor, engine: try ReplEngine(graph: graph), useColor: color)
            session.format = format
            return session.run()
        }
    }
}
