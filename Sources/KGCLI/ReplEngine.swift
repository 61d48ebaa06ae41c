import Foundation
import KGCore
import KGExport
import KGStore

/// Everything the REPL asks of the graph and the Datalog engine, in one place.
/// Until the store (KGStore) and the engine (KGDatalog) are merged, the graph
/// and query operations report that they are unavailable.
public final class ReplEngine {
    public let graph: URL
    let access: GraphAccess

    public init(graph: URL) throws {
        self.graph = graph
        access = try GraphAccess(directory: graph)
    }

    var graphDescription: String { graph.path }

    static func unavailable(_ what: String) -> CommandError {
        CommandError("\(what) needs the graph store and Datalog engine, which this build does not include yet")
    }

    func run(source: String, format: String, color: Bool, timing: Bool) throws -> String { throw Self.unavailable("a query") }
    func load(path: String, format: String, color: Bool, timing: Bool) throws -> String { throw Self.unavailable(":load") }
    func ingest(path: String) throws -> String { throw Self.unavailable(":ingest") }
    func predicateTable() -> String { "" }
    func predicateNames() -> [String] { Predicate.all }
    func entityNames() -> [String] {
        guard let view = try? access.view() else { return [] }
        var seen = Set<String>()
        return view.names.map(\.name).filter { seen.insert($0).inserted }
    }
    func show(name: String) throws -> String {
        guard let view = try access.view() else { throw CommandError("no graph at \(graph.path) yet; :ingest PATH first") }
        return GraphReport.show(try access.entity(named: name, in: view), in: view)
    }
    func why(query: String) throws -> String { throw Self.unavailable(":why") }
    func setAsOf(_ when: String) throws -> String { try access.setAsOf(when) + "\n" }
    func export(format name: String, to path: String, query: String?) throws -> String {
        guard let format = ExportFormat(name: name) else { throw UsageError("unknown export format '\(name)'") }
        return try format.write(try exportGraph(query: query), to: URL(fileURLWithPath: path)).summary + "\n"
    }

    /// The whole graph, or (with a query) the part its answers touch.
    func exportGraph(query: String?) throws -> ExportGraph {
        guard let view = try access.view() else { throw CommandError("no graph at \(graph.path) yet; nothing to export") }
        guard let query else { return ExportGraph(view: view) }
        return ExportGraph(view: view, around: try answerEntities(query: query))
    }

    /// Entities named in a query's answers.
    func answerEntities(query: String) throws -> Set<EntityID> { throw Self.unavailable("export --query") }
    func retract(subject: String, predicate: String, object: String) throws -> String {
        try access.retract(subject: subject, predicate: predicate, object: object) + "\n"
    }
    func stats() throws -> String {
        GraphReport.stats(try access.view(), store: access.store, asOf: access.asOf)
    }
    func cancel() {}
}
