import Foundation
import KGCore

/// The rules every transaction keeps (FORMAT.md COMMIT-3, OP-11): `commit`
/// checks a draft with it before writing a byte, and replay checks every
/// record with it before applying an operation, so a log that breaks a rule
/// (a crafted file, or a bug) is a damaged record (LOG-8), never a crash or a
/// huge allocation. One check per transaction; operations are checked in
/// order, each against the graph as the earlier ones left it.
///
/// Cost: O(1) per operation except merges (a walk up the merge chain).
struct TransactionCheck {
    /// The next new entity id: an assert entity names an existing id or exactly this one (OP-11).
    private(set) var next: EntityID
    /// Merges and unmerges earlier in this transaction, over the graph's merge table
    /// (the commit path checks before applying anything).
    private var overlay: [EntityID: Int] = [:]
    /// The largest span offset the in-memory columns hold (`Int32`).
    static let maxOffset = Int(Int32.max)

    init(_ state: GraphState) { next = state.nextEntityID }

    /// For a check that follows the log without a graph (`TransactionLog`): only the next id.
    init(next: EntityID) { self.next = next }

    private static func fail(_ message: String) -> DecodeError { DecodeError(message: message) }

    /// OP-11: ids are dense, so the per-entity columns never grow more than one
    /// row per assert entity the file holds.
    mutating func assertEntity(_ id: Int) throws {
        guard id >= 1, id <= next, id < Int(Int32.max) else {
            throw TransactionCheck.fail("entity id \(id) is not an existing id or the next new one (\(next))")
        }
        if id == next { next += 1 }
    }

    /// An id an operation names must already exist (in the graph or asserted earlier in the transaction).
    func known(_ id: Int) throws {
        guard id >= 1, id < next else { throw TransactionCheck.fail("no entity with id \(id)") }
    }

    /// Evidence spans are stored as non-negative `Int32`s.
    func span(_ start: Int, _ end: Int, document: @autoclosure () -> String) throws {
        guard start >= 0, end >= 0, start <= TransactionCheck.maxOffset, end <= TransactionCheck.maxOffset else {
            throw TransactionCheck.fail("evidence span \(start)…\(end) in \(document()) is negative or beyond \(TransactionCheck.maxOffset)")
        }
    }

    private func parent(_ id: EntityID, _ mergedInto: Column<Int32>) -> Int {
        if let p = overlay[id] { return p }
        return id < mergedInto.count ? Int(mergedInto[id]) : -1
    }

    private func canonical(_ id: EntityID, _ mergedInto: Column<Int32>) -> EntityID {
        var c = id
        while parent(c, mergedInto) >= 0 { c = parent(c, mergedInto) }
        return c
    }

    /// Checks one operation (and notes what it changes for the ones after it).
    /// `mergedInto` is the graph's merge column (`GraphState.mergedInto`): only
    /// it is passed, not the whole state, so a check per operation costs no
    /// reference counting of the state's many columns.
    mutating func check(_ op: Operation, mergedInto s: Column<Int32>) throws {
        switch op {
        case .assertEntity(let e):
            try assertEntity(e.id)
        case .assertTriple(let t, let p):
            try known(t.subject)
            if case .entity(let o) = t.object { try known(o) }
            try span(p.start, p.end, document: p.document)
        case .retractTriple(let t, _):
            try known(t.subject)
            if case .entity(let o) = t.object { try known(o) }
        case .assertDocument(let d):
            guard d.size >= 0, d.tx >= 0 else {
                throw TransactionCheck.fail("document \(d.path) has a negative size or transaction")
            }
        case .retractEntity(let id), .assertAlias(let id, _), .retractAlias(let id, _):
            try known(id)
        case .merge(let from, let into):
            try known(from); try known(into)
            guard from != into else { throw TransactionCheck.fail("cannot merge entity \(from) into itself") }
            let p = parent(from, s)
            guard p < 0 else { throw TransactionCheck.fail("entity \(from) is already merged into \(p)") }
            guard canonical(into, s) != from else { throw TransactionCheck.fail("merging \(from) into \(into) would make a cycle") }
            overlay[from] = into
        case .unmerge(let from, let into):
            try known(from); try known(into)
            guard parent(from, s) == into else { throw TransactionCheck.fail("entity \(from) is not merged into \(into)") }
            overlay[from] = -1
        case .retractDocument, .moveDocument:
            // OP-12: a move naming no record, or onto a path that has one, is skipped on apply.
            break
        }
    }
}
