import Foundation
import KGCore

/// Everything the REPL asks of the graph and the Datalog engine, in one place.
/// Until the store (KGStore) and the engine (KGDatalog) are merged, the graph
/// and query operations report that they are unavailable.
public final class ReplEngine {
    public let graph: URL

    public init(graph: URL) throws {
        self.graph = graph
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
    func entityNames() -> [String] { [] }
    func show(name: String) throws -> String { throw Self.unavailable(":show") }
    func why(query: String) throws -> String { throw Self.unavailable(":why") }
    func setAsOf(_ when: String) throws -> String { throw Self.unavailable(":asof") }
    func export(format: String, to path: String, query: String?) throws -> String { throw Self.unavailable(":export") }
    func retract(subject: String, predicate: String, object: String) throws -> String { throw Self.unavailable(":retract") }
    func stats() throws -> String { throw Self.unavailable(":stats") }
    func cancel() {}
}
