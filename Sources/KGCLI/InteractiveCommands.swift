import Foundation
import KGCore
import KGExport

extension KGCommandLine {
    /// The interactive stage's subcommands.
    static var interactiveCommands: [Subcommand] { [replCommand, exportCommand] }

    static var replCommand: Subcommand {
        Subcommand(name: "repl", summary: "interactive Datalog over the graph (also: kg alone on a terminal)", help: """
        usage: kg repl [--graph DIR] [--format table|csv|tsv|json] [--no-color] [--history FILE]
                       [--max-tuples N] [--timeout SECONDS] [--max-memory SIZE]

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
            let (maxTuples, timeout) = try args.guardLimits()
            let maxMemory = try args.memoryLimit()
            let rest = try args.positionals()
            guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
            guard ReplSession.formats.contains(format) else { throw UsageError("unknown format '\(format)'") }
            let terminal = Terminal()
            let history = History(file: historyFile.map { URL(fileURLWithPath: $0) } ?? History.defaultFile(graph: graph))
            let editor = LineEditor(terminal: terminal, history: history)
            let color = terminal.isInteractive && !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            let engine = try ReplEngine(graph: graph)
            engine.queries.maxTuples = maxTuples
            engine.queries.timeout = timeout
            engine.queries.maxMemory = maxMemory
            let session = ReplSession(editor: editor, engine: engine, useColor: color)
            session.format = format
            return session.run()
        }
    }

    static var exportCommand: Subcommand {
        Subcommand(name: "export", summary: "write the graph as DOT, SVG, JSON, N-Triples or CSV", help: """
        usage: kg export --format dot|svg|json|ntriples|csv [--query '?- ...'] [-o FILE] [--as-of TX|TIME] [--graph DIR]

        Writes the whole graph, or with --query only what the query's answers
        touch (the entities in the answers, their figures and the triples among
        them). Output goes to standard output unless -o FILE is given; csv writes
        nodes.csv and edges.csv into the directory -o names.
          dot       Graphviz source: node shape and colour by entity type, predicate
                    as edge label, a legend; render with `dot -Tpng`.
          svg       dot rendered by Graphviz (apt-get install graphviz).
          json      {"entities": [...], "relations": [... with evidence]}.
          ntriples  RDF; entities are <https://kg.example/entity/ID>, predicates
                    <https://kg.example/predicate/NAME>.
          csv       nodes.csv (Id,Label,Type,Aliases,Value,Unit) and edges.csv
                    (Source,Target,Label,Type,Weight,Documents,Evidence), RFC 4180.
        """) { args in
            let graph = try graphDirectory(&args)
            guard let formatName = try args.option("--format", "-f") else { throw UsageError("--format is required") }
            guard let format = ExportFormat(name: formatName) else {
                throw UsageError("unknown format '\(formatName)' (dot, svg, json, ntriples, csv)")
            }
            let query = try args.option("--query", "-q")
            let output = try args.option("--output", "-o")
            let asOf = try args.option("--as-of")
            let rest = try args.positionals()
            guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
            let engine = try ReplEngine(graph: graph)
            if let asOf { _ = try engine.setAsOf(asOf) }
            let exportGraph = try engine.exportGraph(query: query)
            let result = try format.write(exportGraph, to: output.map { URL(fileURLWithPath: $0) })
            if let data = result.stdout { FileHandle.standardOutput.write(data) } else { printError(result.summary) }
            return 0
        }
    }
}
