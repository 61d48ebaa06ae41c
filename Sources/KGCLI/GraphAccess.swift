import Foundation
import KGCore
import KGDatalog
import KGStore

/// The graph as the REPL and `kg export` read it: opened read-only (readers
/// never block writers), reopened when the log grew under it, optionally as
/// of a past transaction; a missing graph reads as empty. Writes (`:retract`)
/// take the writer lock only for the moment of the commit.
final class GraphAccess {
    let directory: URL
    private(set) var store: GraphStore?
    private var openedLogSize = -1
    /// Read as of this transaction (nil: the live graph).
    private(set) var asOf: TxID?
    private var pinned: GraphView?

    init(directory: URL) throws {
        self.directory = directory
        try reopenIfChanged()
    }

    var logURL: URL { directory.appendingPathComponent("kg.log") }

    /// Opens (again) when the log's size differs from what was read.
    func reopenIfChanged() throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: (store?.logURL ?? logURL).path)[.size] as? Int) ?? -1
        guard size != openedLogSize || (store == nil && size >= 0) else { return }
        do {
            store = try GraphStore.open(directory, mode: .read)
            openedLogSize = store!.logSize
            if let asOf { pinned = try store!.view(asOf: min(asOf, store!.current.tx)) }
        } catch StoreError.noGraph {
            store = nil
            openedLogSize = -1
        }
    }

    /// When a read met a damaged snapshot chunk (FORMAT.md SNAP-8): the store
    /// rebuilds its graph from the log; returns the note saying so, nil if nothing was damaged.
    func reopenIfSnapshotDamaged() throws -> String? {
        guard let store, store.snapshotDamage != nil || pinned?.snapshotDamage != nil else { return nil }
        let note = try store.reopenIfSnapshotDamaged() ?? "snapshot damaged (as-of read); reopening from the log"
        if let asOf { pinned = try store.view(asOf: min(asOf, store.current.tx)) }
        return note
    }

    /// The graph to read now; nil when there is no graph yet.
    func view() throws -> GraphView? {
        try reopenIfChanged()
        if let pinned { return pinned }
        return store?.current
    }

    /// `:asof`: a transaction number, an ISO 8601 time, or `now`.
    func setAsOf(_ when: String) throws -> String {
        try reopenIfChanged()
        if when == "now" {
            asOf = nil
            pinned = nil
            return "reading the live graph" + (store.map { " (transaction \($0.current.tx))" } ?? "")
        }
        guard let store else { throw CommandError("no graph at \(directory.path) yet") }
        if let tx = Int(when) {
            pinned = try store.view(asOf: tx)
            asOf = tx
        } else if let time = Self.parseTime(when) {
            let view = try store.view(asOfTime: time)
            pinned = view
            asOf = view.tx
        } else {
            throw UsageError("expected a transaction number, an ISO 8601 time (2024-06-20T12:00:00Z, 2024-06-20) or now, not '\(when)'")
        }
        return "reading the graph as of transaction \(asOf!) of \(store.current.tx)"
    }

    static func parseTime(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let d = full.date(from: text) { return d }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let d = day.date(from: text) { return d.addingTimeInterval(86_399) } // the end of that day
        return nil
    }

    /// The entity a user names: exactly one match by name or alias, else an
    /// error listing the candidates or the nearest names.
    func entity(named name: String, in view: GraphView) throws -> Entity {
        var ids = view.resolve(name: name)
        if ids.isEmpty {
            // A short form only one entity has (`阿莫迪`, `Amodei`); several: say which.
            switch GraphFacts(view: view).lookUpName(name) {
            case .entity(let canonical)?: ids = view.resolve(name: canonical).filter { view.entity($0)?.name == canonical }
            case .ambiguous(let names)?: throw CommandError("'\(name)' is short for \(names.count) entities: \(names.joined(separator: ", ")); give the full name")
            default: break
            }
        }
        if ids.count == 1, let e = view.entity(ids[0]) { return e }
        if ids.count > 1 {
            let list = ids.compactMap(view.entity).map { "\($0.name) (\($0.type.rawValue) #\($0.id))" }
            throw CommandError("'\(name)' names \(ids.count) entities: \(list.joined(separator: ", "))")
        }
        let near = nearestNames(to: name, in: view)
        throw CommandError("no entity named '\(name)'" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"))
    }

    /// Up to five names sharing the most leading characters or containing the text.
    /// On a big graph a scan of the names' bytes (`NameSuggestions`), no String per name.
    func nearestNames(to name: String, in view: GraphView) -> [String] {
        view.entitySlotCount > NameSuggestions.stringScoringUpTo
            ? NameSuggestions.nearest(to: name, in: view) : NameSuggestions.nearestByStrings(to: name, in: view)
    }

    /// A curation change (`:add`, `:assert`, `:remove`) built against the graph
    /// as the writer sees it and committed as one user transaction.
    func curate(_ build: (GraphView) throws -> Curation.Change) throws -> String {
        guard asOf == nil else { throw CommandError("reading as of transaction \(asOf!): :asof now before changing the graph") }
        let writer = try GraphStore.open(directory, mode: .write)
        let message = try Curation.commit(try build(writer.current), to: writer)
        try reopenIfChanged()
        return message
    }

    /// `S P O` by hand: retracts every piece of evidence of the triple.
    func retract(subject: String, predicate: String, object: String) throws -> String {
        guard let view = try view() else { throw CommandError("no graph at \(directory.path)") }
        guard asOf == nil else { throw CommandError("reading as of transaction \(asOf!): :asof now before changing the graph") }
        let s = try entity(named: subject, in: view)
        var candidates = view.triples(subject: s.id, predicate: predicate)
        let objectIDs = Set(view.resolve(name: object))
        candidates = candidates.filter { t in
            switch t.object {
            case .entity(let id): return objectIDs.contains(id)
            case .string(let text): return text == object
            case .number(let n): return Double(object) == n
            }
        }
        guard !candidates.isEmpty else {
            throw CommandError("no live triple \(s.name) \(predicate) \(object)")
        }
        let writer = try GraphStore.open(directory, mode: .write)
        let tx = try writer.commit(TransactionDraft(source: .user, operations: candidates.map { .retractTriple($0, document: nil) }))
        try reopenIfChanged()
        return "retracted \(candidates.count) triple\(candidates.count == 1 ? "" : "s") in transaction \(tx)"
    }
}
