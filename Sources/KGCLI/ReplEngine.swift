import Foundation
import KGCore
import KGDatalog
import KGExport
import KGStore

/// Everything the REPL (and `kg export`) asks of the graph and the Datalog
/// engine, in one place: graph reads through `GraphAccess`, queries through
/// `ReplQueries`.
public final class ReplEngine {
    public let graph: URL
    let access: GraphAccess
    let queries: ReplQueries

    public init(graph: URL) throws {
        self.graph = graph
        access = try GraphAccess(directory: graph)
        queries = ReplQueries(access: access)
    }

    var graphDescription: String { graph.path }

    /// Runs Datalog text; returns the formatted answers (warnings go to standard error).
    func run(source: String, file: String = "<repl>", format: String, color: Bool, timing: Bool) throws -> String {
        let (results, warnings) = try queries.run(source: source, file: file)
        for w in warnings { printError(w.description) }
        let formatter = AnswerFormatter(format: AnswerFormatter.Format(rawValue: format) ?? .table, colour: color)
        var out = ""
        for result in results {
            if results.count > 1 && formatter.format == .table && !result.countOnly { out += result.query + "\n" }
            var text = formatter.format(result)
            if !timing { text = text.replacingOccurrences(of: String(format: " (%.3f s)", result.seconds), with: "") }
            out += text
        }
        if results.isEmpty { out = "ok\n" }
        return out
    }

    /// Runs `kg ingest PATH --graph DIR` in this process (the extraction
    /// stage owns ingesting); the REPL reads the grown log on its next command.
    func ingest(path: String) throws -> String {
        guard KGCommandLine.subcommands.contains(where: { $0.name == "ingest" }) else {
            throw CommandError(":ingest needs the extraction stage (kg ingest), which this build does not include")
        }
        let status = KGCommandLine.run(["ingest", path, "--graph", graph.path])
        try access.reopenIfChanged()
        if status != 0 { throw CommandError("ingest of \(path) failed (status \(status))") }
        return ""
    }
    /// Graphs with more stored triples or entity slots than this show `:preds` from
    /// the kept counts instead of recounting the graph.
    static let exactPredicateCountsUpTo = 100_000

    /// `:preds`: name/arity, count, and whether it is stored, derived or both.
    /// Cost: O(graph) on a small graph (exact counts of every relation); on a big
    /// one O(predicates): entity, type, triple and predicate counts are the kept
    /// ones, `figure_value` and `evidence` show the nearest kept figure (≈: figure
    /// entities; evidence rows, a sentence counted once per piece of evidence) and
    /// `alias` a dash until a query reads it.
    func predicateTable() -> String {
        let view = (try? access.view()) ?? nil
        var stored = view?.predicates ?? [:]
        var approximate: [String: Int] = [:]
        // Graph relations are loaded only when a query first uses them, so the
        // session's count is 0 until then: count them from the graph instead.
        if let view, view.storedTripleCount > ReplEngine.exactPredicateCountsUpTo || view.entitySlotCount > ReplEngine.exactPredicateCountsUpTo {
            // A big graph: the counts kept as the graph changes (O(predicates)), no pass over it.
            // alias, figure_value and evidence have no kept count: their nearest kept figures, marked ≈.
            stored["entity"] = view.entityCount
            for type in EntityType.allCases { stored[type.rawValue] = view.entityCount(ofType: type) }
            stored["triple"] = view.tripleCount
            approximate = ["figure_value": view.entityCount(ofType: .figure), "evidence": view.evidenceCount]
            approximate["alias"] = -1
        } else if let view {
            let entities = view.entities()
            stored["entity"] = entities.count
            for type in EntityType.allCases { stored[type.rawValue] = entities.filter { $0.type == type }.count }
            stored["figure_value"] = entities.filter { $0.figure != nil }.count
            stored["alias"] = entities.reduce(0) { $0 + $1.aliases.count }
            stored["triple"] = view.tripleCount
            stored["evidence"] = view.allTriples.reduce(0) { $0 + Set(view.evidence($1).map { [$0.document, $0.sentence] }).count }
        }
        let infos = queries.predicates
        guard !infos.isEmpty else { return "no predicates yet\n" }
        let width = infos.map { DisplayWidth.of($0.name) + String($0.arity).count + 1 }.max() ?? 0
        var out = ""
        for p in infos {
            let label = "\(p.name)/\(p.arity)"
            let count = p.count > 0 ? String(p.count)
                : approximate[p.name].map { $0 < 0 ? "–" : "≈\($0)" } ?? String(stored[p.name] ?? 0)
            out += label + String(repeating: " ", count: width - DisplayWidth.of(label) + 2)
                + count.padding(toLength: 9, withPad: " ", startingAt: 0) + " " + p.kind.rawValue + "\n"
        }
        return out
    }

    func predicateNames() -> [String] {
        let known = queries.predicates.map(\.name)
        return known.isEmpty ? Predicate.all : known
    }
    /// Every entity name and alias, for completion; rebuilt only when the graph read changes.
    func entityNames() -> [String] {
        guard let view = try? access.view() else { return [] }
        if let cached = nameCache, cached.tx == view.tx { return cached.names }
        var seen = Set<String>()
        let names = view.names.map(\.name).filter { seen.insert($0).inserted }.sorted()
        nameCache = (view.tx, names)
        return names
    }
    private var nameCache: (tx: TxID, names: [String])?
    func show(name: String) throws -> String {
        guard let view = try access.view() else { throw CommandError("no graph at \(graph.path) yet; :ingest PATH first") }
        return GraphReport.show(try access.entity(named: name, in: view), in: view)
    }
    /// Answers of `query` with the derivation of each (the first 20).
    func why(query: String, all: Bool = false) throws -> String {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let source = text.hasPrefix("?-") ? text : "?- " + text
        let (results, warnings) = try queries.run(source: source.hasSuffix(".") ? source : source + ".", file: "<repl>")
        for w in warnings { printError(w.description) }
        var out = ""
        for result in results {
            if result.rows.isEmpty { out += "no answers\n" }
            let explained = all ? result.rows.count : 20
            for row in result.rows.prefix(explained) { out += try queries.explain(result, row: row).rendered + "\n" }
            if result.rows.count > explained { out += "(\(result.rows.count - explained) more answers not explained; :why --all explains every one)\n" }
        }
        return out
    }
    func setAsOf(_ when: String) throws -> String { try access.setAsOf(when) + "\n" }
    func export(format name: String, to path: String, query: String?) throws -> String {
        try export(format: name, to: path, query: query, options: ExportOptions())
    }

    /// The whole graph, or (with a query) the part its answers touch.
    func exportGraph(query: String?) throws -> ExportGraph {
        try exportGraph(query: query, options: ExportOptions())
    }

    func retract(subject: String, predicate: String, object: String) throws -> String {
        try access.retract(subject: subject, predicate: predicate, object: object) + "\n"
    }
    func stats() throws -> String {
        GraphReport.stats(try access.view(), store: access.store, asOf: access.asOf)
    }
    func cancel() { queries.cancel() }
    func prepareForInput() { queries.prepareForInput() }
}
