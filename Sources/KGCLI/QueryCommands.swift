import Foundation
import KGCore
import KGDatalog
import KGStore

extension KGCommandLine {
    /// The query stage's subcommands.
    static var queryCommands: [Subcommand] { [query] }

    static let query = Subcommand(
        name: "query",
        summary: "run Datalog files or an expression over the graph or fact files",
        help: """
        usage: kg query [FILE.dl ...] [-e 'TEXT'] [options]

        Runs each file (facts, rules and queries mixed; see docs/DATALOG.md), then
        each -e text, and prints every query's answers. Without a graph (no kg.log
        in --graph DIR) it fails: no graph at DIR; --no-graph runs a program on
        its own facts.

        options:
          -e TEXT             a program text given on the command line (repeatable)
          --facts DIR, -F DIR read base relations from DIR/NAME.tsv and DIR/NAME.facts instead of the graph;
                              .input reads its files from DIR (Soufflé's -F)
          -D DIR              .output writes DIR/NAME.csv (Soufflé's -D); without it (or with -D -)
                              .output prints the relation like a query's answers
          --no-graph          no base relations: the program brings its own facts
          --format FORMAT     table (default), line, csv, tsv, json (one array of every query's
                              result) or jsonl (one result object per line)
          --query N           answer only the N-th query (facts and rules all load)
          --strict            warnings (an unknown predicate, a name no entity has) are errors
          --min-confidence X  read only graph facts with evidence of confidence X (0 to 1) or more
          --why               explain each answer: its derivation down to base facts
          --profile           print per-rule time and tuple counts to standard error
          --as-of TX|TIME     query the graph as it was at a transaction or time
          --max-tuples N      stop after deriving N tuples (default 100000000)
          --timeout SECONDS   stop after this long (parsing, evaluation and output of each file or -e text)
          --max-memory SIZE   memory budget of the relations and answers, e.g. 512M or 2G
                              (default a quarter of physical memory)
          --colour            colour the table output
        """,
        run: runQuery)

    static func runQuery(_ args: inout Arguments) throws -> Int32 {
        let texts = try args.options("-e", "--expression")
        let factsDir = try args.option("--facts", "-F", "--fact-dir")
        let outputDir = try args.option("-D", "--output-dir")
        let formatName = try args.option("--format", "-f") ?? "table"
        guard let format = AnswerFormatter.Format(rawValue: formatName) else {
            throw UsageError("unknown format '\(formatName)': expected table, line, csv, tsv, json or jsonl")
        }
        let why = args.flag("--why")
        let profile = args.flag("--profile")
        let colour = args.flag("--colour", "--color")
        let strict = args.flag("--strict")
        let noGraph = args.flag("--no-graph")
        let only = try args.option("--query").map { v -> Int in
            guard let n = Int(v), n > 0 else { throw UsageError("--query needs a query number (1 for the first), got '\(v)'") }
            return n
        }
        let minConfidence = try parseConfidence(try args.option("--min-confidence"))
        let asOf = try args.option("--as-of")
        let (maxTuples, timeout) = try args.guardLimits()
        let maxMemory = try args.memoryLimit()
        let explicitGraph = try args.option("--graph", "-g")
        let files = try args.positionals()
        if files.isEmpty && texts.isEmpty { throw UsageError("give a program file or -e 'TEXT'") }
        if asOf != nil && (factsDir != nil || noGraph) { throw UsageError("--as-of reads the graph; it cannot be combined with --facts or --no-graph") }
        if factsDir != nil && noGraph { throw UsageError("--facts and --no-graph exclude each other") }

        let source: FactSource?
        var graphStore: GraphStore?
        if let dir = factsDir {
            source = try FactFiles(directory: URL(fileURLWithPath: dir))
        } else if noGraph {
            source = nil
        } else {
            var graphArgs = Arguments(explicitGraph.map { ["--graph", $0] } ?? [])
            let graph = try graphDirectory(&graphArgs)
            guard FileManager.default.fileExists(atPath: graph.appendingPathComponent("kg.log").path) else {
                throw CommandError("no graph at \(graph.path) (no kg.log there); build one with 'kg ingest DOCS --graph \(graph.path)', or run a program on its own facts with --no-graph")
            }
            let (store, view) = try graphStoreAndView(graph, asOf: asOf)
            graphStore = store
            let facts = GraphFacts(view: view)
            facts.minConfidence = minConfidence
            source = facts
        }
        func makeSession(_ source: FactSource?) -> DatalogSession {
            let session = DatalogSession(factSource: source)
            if let dir = outputDir, dir != "-" { session.outputDirectory = URL(fileURLWithPath: dir) }
            if let n = maxTuples { session.maxTuples = n }
            // A batch run: intermediates go once nothing reads them (the texts' queries and outputs stay).
            session.releasesIntermediates = true
            session.timeout = timeout
            if let maxMemory { session.maxMemory = maxMemory }
            session.profiling = profile
            session.onlyQuery = only
            return session
        }
        var session = makeSession(source)
        var formatter = AnswerFormatter(format: format, colour: colour)
        formatter.shouldStop = { session.outOfTime() }

        var inputs: [(text: String, name: String)] = []
        for file in files {
            if file == "-" {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                inputs.append((String(decoding: data, as: UTF8.self), "<stdin>"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandError("cannot read \(file)") }
            inputs.append((String(decoding: data, as: UTF8.self), file))
        }
        for t in texts { inputs.append((t, "<command line>")) }

        var status: Int32 = 0
        var collected: [QueryResult] = []  // json: printed as one array at the end
        var printedBlocks = 0
        for (index, input) in inputs.enumerated() {
            var results: [QueryResult]
            do {
                results = try session.run(source: input.text, file: input.name)
                // A damaged snapshot chunk met while reading (FORMAT.md SNAP-8): these answers are
                // dropped, the graph is rebuilt from the log, and the texts so far run again on it
                // (the earlier texts' answers were printed from reads that were intact).
                if let store = graphStore, let note = try store.reopenIfSnapshotDamaged() {
                    printError("kg: \(note)")
                    let facts = GraphFacts(view: try viewOf(store, asOf: asOf))
                    facts.minConfidence = minConfidence
                    session = makeSession(facts)
                    for earlier in inputs[..<index] { _ = try session.run(source: earlier.text, file: earlier.name) }
                    results = try session.run(source: input.text, file: input.name)
                }
            } catch let d as Diagnostic {
                for w in session.warnings { printError(w.description) }
                throw d
            } catch let e as CommandLineError {
                throw CommandError(e.description)
            }
            if strict, !session.warnings.isEmpty {
                for var w in session.warnings { w.severity = .error; printError(w.description) }
                printError("kg query: \(session.warnings.count) warning\(session.warnings.count == 1 ? "" : "s") treated as error\(session.warnings.count == 1 ? "" : "s") (--strict)")
                return 1
            }
            for w in session.warnings { printError(w.description) }
            for result in results {
                if result.truncated && result.truncationReason?.hasPrefix("limited") != true { status = 1 }
                switch format {
                case .json:
                    collected.append(result)
                    continue
                case .csv, .tsv:
                    if printedBlocks > 0 { print("") }
                case .table, .line:
                    if (results.count > 1 || inputs.count > 1) && !result.countOnly { print(result.query) }
                case .jsonl: break
                }
                print(formatter.format(result), terminator: "")
                printedBlocks += 1
                if why && !result.countOnly {
                    for (k, row) in result.rows.prefix(20).enumerated() {
                        if session.outOfTime() {
                            printError("kg query: --why stopped at the time limit after \(k) explanation\(k == 1 ? "" : "s")")
                            status = 1
                            break
                        }
                        print(session.explain(result: result, row: row).rendered)
                    }
                }
                let cut = result.truncated && result.truncationReason?.hasPrefix("limited") != true
                if cut { status = 1 }
                if format == .csv || format == .tsv, cut || session.outOfTime() {
                    // CSV and TSV have no room for a note: a cut result says so on standard error.
                    printError("kg query: TRUNCATED: \(result.truncationReason ?? "output stopped at the time limit or a cancel")")
                    status = 1
                }
            }
        }
        if format == .json { print(formatter.document(collected), terminator: "") }
        if let only, session.queriesSeen < only {
            throw CommandError("--query \(only): the program has \(session.queriesSeen) quer\(session.queriesSeen == 1 ? "y" : "ies")")
        }
        if profile {
            printError("profile (per rule: seconds, new tuples, runs):")
            for p in session.profile {
                printError(String(format: "  %8.3f s  %10d  %5d  ", p.seconds, p.tuples, p.iterations) + p.rule)
            }
        }
        return status
    }
}

/// The graph in `directory` opened for reading, and its view now or as of a
/// transaction number or an ISO 8601 time.
func graphStoreAndView(_ directory: URL, asOf: String?) throws -> (GraphStore, GraphView) {
    guard FileManager.default.fileExists(atPath: directory.path) else {
        throw CommandError("no graph at \(directory.path); build one with 'kg ingest', or query fact files with --facts DIR")
    }
    let store = try GraphStore.open(directory, mode: .read)
    return (store, try viewOf(store, asOf: asOf))
}

/// `store`'s graph now, or as of a transaction number or an ISO 8601 time.
func viewOf(_ store: GraphStore, asOf: String?) throws -> GraphView {
    guard let asOf else { return store.current }
    if let tx = Int(asOf) { return try store.view(asOf: tx) }
    let full = ISO8601DateFormatter()
    let day = ISO8601DateFormatter()
    day.formatOptions = [.withFullDate]
    guard let time = full.date(from: asOf) ?? day.date(from: asOf) else {
        throw UsageError("--as-of expects a transaction number or an ISO 8601 time (2026-01-31T12:00:00Z, 2026-01-31), not '\(asOf)'")
    }
    return try store.view(asOfTime: time)
}
