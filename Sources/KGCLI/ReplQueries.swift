import Foundation
import KGCore
import KGDatalog
import KGStore
import Synchronization

/// The Datalog side of the REPL: one `DatalogSession` over the graph. When
/// the graph changes (an ingest elsewhere, `:retract`, `:asof`) a fresh session
/// is built on the new view and the user's rules and facts are replayed into
/// it, so what was typed or `:load`ed stays for the whole session.
final class ReplQueries {
    let access: GraphAccess
    private var session: DatalogSession?
    /// The transaction the session's facts were read at (-1: none yet).
    private var sessionTx = -1
    /// Sources that added rules or facts, and `:drop`s, in order, for replay.
    private var program: [ProgramStep] = []
    enum ProgramStep { case source(String, file: String), drop(String) }
    /// The Ctrl-C side, which the SIGINT watcher thread holds.
    let interrupt = ReplInterrupt()

    /// Limits every session gets (`kg repl --max-tuples/--timeout`).
    var maxTuples: Int?
    var timeout: Double?
    /// `kg repl --min-confidence X`: graph facts read only with evidence this confident.
    var minConfidence: Double?
    /// `kg repl --max-memory`; without it a session's default budget (a quarter of
    /// physical memory) stops any query before it can swap the machine.
    var maxMemory: Int?

    init(access: GraphAccess) {
        self.access = access
    }

    /// The graph as Datalog facts (nil without a graph: only typed facts).
    static func factSource(_ view: GraphView?) -> FactSource? {
        view.map { GraphFacts(view: $0) }
    }

    /// The session for the graph as it reads now.
    func current() throws -> DatalogSession {
        let view = try access.view()
        let tx = view?.tx ?? 0
        if let session, tx == sessionTx { return session }
        let source = Self.factSource(view)
        (source as? GraphFacts)?.minConfidence = minConfidence
        let fresh = DatalogSession(factSource: source)
        if let maxTuples { fresh.maxTuples = maxTuples }
        fresh.timeout = timeout
        if let maxMemory { fresh.maxMemory = maxMemory }
        for step in program {
            switch step {
            case .source(let source, let file): _ = try? fresh.run(source: source, file: file)
            case .drop(let name): fresh.drop(predicate: name)
            }
        }
        session = fresh
        sessionTx = tx
        return fresh
    }

    /// Runs `source`; remembers it for replay when it adds rules or facts.
    func run(source: String, file: String) throws -> (results: [QueryResult], warnings: [Diagnostic]) {
        let session = try current()
        interrupt.started(session.cancelHandle)
        defer { interrupt.finished() }
        var results = try session.run(source: source, file: file)
        var warnings = session.warnings
        // A damaged snapshot chunk met during the query (FORMAT.md SNAP-8): the answer is dropped,
        // the graph reopened from the log, and the query run again on it.
        if let note = try access.reopenIfSnapshotDamaged() {
            FileHandle.standardError.write(Data("kg: \(note)\n".utf8))
            self.session = nil
            let again = try current()
            results = try again.run(source: source, file: file)
            warnings = again.warnings
        }
        if !Self.onlyQueries(source) { program.append(.source(source, file: file)) }
        return (results, warnings)
    }

    /// Whether every clause of `source` is a query (`?- …`), so replaying it would add nothing.
    static func onlyQueries(_ source: String) -> Bool {
        let clauses = source.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("%") && !$0.hasPrefix("//") }
        return !clauses.isEmpty && clauses.allSatisfy { $0.hasPrefix("?-") || $0.hasPrefix(".printsize") }
    }

    /// Same as `interrupt.cancel()` (which the SIGINT watcher thread calls). With no query
    /// running yet, the next one to start (before the next prompt) is cancelled.
    func cancel() { interrupt.cancel() }

    /// Called before each prompt: a Ctrl-C from now on is for the next line.
    func prepareForInput() {
        interrupt.clear()
        session?.resetCancel()
    }

    func explain(_ result: QueryResult, row: [Constant]) throws -> Derivation {
        try current().explain(result: result, row: row)
    }

    var predicates: [PredicateInfo] { (try? current().predicates) ?? [] }

    /// `:rules`: the rules typed or loaded in this session.
    func rules() throws -> [DatalogSession.RuleListing] { try current().rules }

    /// Facts typed or loaded in this session, per predicate.
    func typedFacts() throws -> [(predicate: String, count: Int)] { try current().typedFacts }

    /// `:drop NAME`: removes the session's rules and facts for NAME, now and on every replay.
    func drop(predicate: String) throws -> (rules: Int, facts: Int) {
        let removed = try current().drop(predicate: predicate)
        if removed.rules + removed.facts > 0 { program.append(.drop(predicate)) }
        return removed
    }
}

/// What a Ctrl-C needs, Sendable so the SIGINT watcher thread may hold it: the
/// running query's cancel handle, and whether a Ctrl-C arrived since the last
/// prompt (perhaps before the query started), under one Mutex.
final class ReplInterrupt: Sendable {
    private let state = Mutex<(running: CancelHandle?, requested: Bool)>((nil, false))

    /// A query starts: cancelled at once when a Ctrl-C came first.
    func started(_ handle: CancelHandle) {
        state.withLock { s in
            s.running = handle
            if s.requested { handle.cancel() }
        }
    }

    func finished() { state.withLock { $0.running = nil } }

    /// From the watcher thread: cancels the running query, or the next one to start before the next prompt.
    func cancel() {
        state.withLock { s in
            s.requested = true
            s.running?.cancel()
        }
    }

    /// Before each prompt: a Ctrl-C from now on is for the next line.
    func clear() { state.withLock { $0.requested = false } }
}
