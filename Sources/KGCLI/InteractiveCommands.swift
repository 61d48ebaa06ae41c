import Foundation
import KGCore
import KGExport

extension KGCommandLine {
    /// The interactive stage's subcommands.
    static var interactiveCommands: [Subcommand] { [replCommand, exportCommand] }

    static var replCommand: Subcommand {
        Subcommand(name: "repl", summary: "interactive Datalog over the graph (also: kg alone on a terminal)", help: """
        usage: kg repl [--graph DIR] [--format table|line|csv|tsv|json] [--no-color] [--history FILE]
                       [--max-tuples N] [--timeout SECONDS] [--max-memory SIZE] [--min-confidence X]

        Reads Datalog clauses and :commands (:help lists them). A clause may span
        lines; it ends at its closing '.'. Tab completes commands, predicates and
        entity names; Up/Down and Ctrl-R search the history, kept in DIR/.history
        (or ~/.kg_history). Ctrl-C cancels a running query, Ctrl-D leaves.
        When standard input is not a terminal, lines are read plainly, without
        prompts or escape codes. Colour only on a terminal, never with NO_COLOR.
        --min-confidence X reads only graph facts with evidence of confidence X
        (0 to 1) or more, as kg query does.
        """) { args in
            let graph = try graphDirectory(&args)
            let format = try args.option("--format", "-f") ?? "table"
            let noColor = args.flag("--no-color")
            let historyFile = try args.option("--history")
            let (maxTuples, timeout) = try args.guardLimits()
            let minConfidence = try parseConfidence(try args.option("--min-confidence"))
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
            engine.queries.minConfidence = minConfidence
            engine.queries.maxMemory = maxMemory
            let session = ReplSession(editor: editor, engine: engine, useColor: color)
            session.format = format
            return session.run()
        }
    }

    static var exportCommand: Subcommand {
        Subcommand(name: "export", summary: "write the graph as DOT, SVG, PNG, JSON, RDF, GraphML, CSV, Neo4j CSV or Cypher", help: """
        usage: kg export --format FORMAT [--query '?- ...'] [-o FILE] [options]

        Writes the whole graph, or with --query only what the query's answers
        touch (the entities in the answers, their figures and the triples among
        them). Output goes to standard output unless -o FILE is given; csv and
        neo4j write two files into the directory -o names. An existing directory
        given to a one-file format (or a file to csv/neo4j) is an error.
          dot       Graphviz source: node shape and colour by entity type, predicate
                    as edge label, a legend; render with `dot -Tpng`.
          svg, png  dot rendered by Graphviz (apt-get install graphviz); warns when
                    fontconfig has no CJK font (apt-get install fonts-noto-cjk).
          json      {"entities": [...], "relations": [... with evidence]}.
          ntriples  RDF; IRIs from stable names: <BASE person/Jensen%20Huang>,
                    <BASE predicate/ceo_of>; labels with language tags ("微软"@zh).
          turtle    ntriples plus each fact reified (rdf:Statement) with its evidence.
          trig      each fact in its own named graph, its evidence in the default graph.
          graphml   GraphML for Gephi, yEd, Cytoscape, networkx; ids are stable names.
          csv       nodes.csv (Id,Label,Type,Aliases,Value,Unit) and edges.csv
                    (Source,Target,Label,Type,Weight,Documents,Evidence), RFC 4180.
          neo4j     nodes.csv and relationships.csv for neo4j-admin database import
                    (id:ID, :LABEL, :START_ID, :END_ID, :TYPE).
          cypher    a Cypher script of MERGE statements on the stable ids
                    (cypher-shell -f FILE); safe to run twice or after another graph's.

        options:
          --query, -q TEXT      export what this query's answers touch
          --no-figures          with --query: leave out the figures of the entities
          --answers-only        with --query: only the answers' entities and the
                                triples within one answer row
          --min-confidence X    leave out evidence below X (0 to 1) and triples left without
          --base IRI            IRI prefix for ntriples, turtle, trig (default https://kg.example/)
          --output, -o PATH     write to PATH instead of standard output
          --as-of TX|TIME       the graph as it was at a transaction or time
          --graph DIR           the graph (default $KG_GRAPH, else ./graph)
        """) { args in
            let graph = try graphDirectory(&args)
            guard let formatName = try args.option("--format", "-f") else { throw UsageError("--format is required") }
            guard let format = ExportFormat(name: formatName) else {
                throw UsageError("unknown format '\(formatName)' (\(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let query = try args.option("--query", "-q")
            let output = try args.option("--output", "-o")
            let asOf = try args.option("--as-of")
            let options = try ExportOptions.parse(&args)
            let rest = try args.positionals()
            guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
            if query == nil && options.answersOnly { throw UsageError("--answers-only needs --query") }
            let engine = try ReplEngine(graph: graph)
            if let asOf { _ = try engine.setAsOf(asOf) }
            let exportGraph = try engine.exportGraph(query: query, options: options)
            if format.isPicture, let warning = CJKFontCheck.warning() { printError(warning) }
            let result = try format.write(exportGraph, to: output.map { URL(fileURLWithPath: $0) }, base: options.base)
            if let data = result.stdout { FileHandle.standardOutput.write(data) } else { printError(result.summary) }
            return 0
        }
    }
}
