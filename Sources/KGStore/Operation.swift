import Foundation
import KGCore

/// One change to the graph. A transaction is a list of these, applied in order
/// (FORMAT.md, "Operations"; the semantics of each are rules OP-1 … OP-10).
public enum Operation: Hashable, Sendable {
    /// Adds the entity, or replaces its type, name, aliases and figure if the id exists.
    case assertEntity(Entity)
    /// Hides the entity and every triple that names it; history keeps it.
    case retractEntity(EntityID)
    case assertAlias(EntityID, String)
    case retractAlias(EntityID, String)
    /// Adds one piece of evidence to the triple (the triple is live while any evidence is).
    case assertTriple(Triple, Provenance)
    /// Retracts the triple's evidence: all of it (`document == nil`) or only that from one document.
    case retractTriple(Triple, document: String?)
    case assertDocument(DocumentRecord)
    case retractDocument(path: String)
    /// Re-keys the document record at `from` to `to` and points its evidence
    /// at `to` (a file moved or renamed with unchanged content, OP-12).
    case moveDocument(from: String, to: String)
    /// Reads of `from` resolve to `into`; `from`'s aliases and triples show under `into`.
    case merge(from: EntityID, into: EntityID)
    /// Undoes `merge(from:into:)`.
    case unmerge(from: EntityID, into: EntityID)

    /// The operation's kind, for counts in `TransactionSummary`.
    public var kind: OperationKind {
        switch self {
        case .assertEntity: return .assertEntity
        case .retractEntity: return .retractEntity
        case .assertAlias: return .assertAlias
        case .retractAlias: return .retractAlias
        case .assertTriple: return .assertTriple
        case .retractTriple: return .retractTriple
        case .assertDocument: return .assertDocument
        case .retractDocument: return .retractDocument
        case .merge: return .merge
        case .unmerge: return .unmerge
        case .moveDocument: return .moveDocument
        }
    }
}

/// The kinds of `Operation`; the raw value is the operation's tag byte in the log (FORMAT.md OP table).
public enum OperationKind: UInt8, CaseIterable, Sendable {
    case assertEntity = 1, retractEntity, assertAlias, retractAlias, assertTriple, retractTriple,
         assertDocument, retractDocument, merge, unmerge, moveDocument

    /// Short label for `kg log`.
    public var label: String {
        switch self {
        case .assertEntity: return "+entity"
        case .retractEntity: return "-entity"
        case .assertAlias: return "+alias"
        case .retractAlias: return "-alias"
        case .assertTriple: return "+triple"
        case .retractTriple: return "-triple"
        case .assertDocument: return "+document"
        case .retractDocument: return "-document"
        case .merge: return "merge"
        case .unmerge: return "unmerge"
        case .moveDocument: return "moved"
        }
    }
}

/// Where a transaction came from.
public enum TransactionSource: Hashable, Sendable, CustomStringConvertible {
    /// Ingesting the document at this path.
    case document(String)
    /// Manual curation (`kg assert`, `kg merge`, …).
    case user
    /// `kg import FILE`.
    case importFile(String)
    /// `kg ingest` committing several documents in one transaction (each
    /// named by its assert document operation and its evidence).
    case ingest

    public var description: String {
        switch self {
        case .document(let p): return "document \(p)"
        case .user: return "user"
        case .importFile(let p): return "import \(p)"
        case .ingest: return "ingest"
        }
    }
}

/// What `GraphStore.commit` takes: a source and its operations.
public struct TransactionDraft: Sendable {
    public var source: TransactionSource
    public var operations: [Operation]
    /// The wall-clock time to record; nil means now. (Tests set it to check as-of-time reads.)
    public var time: Date?

    public init(source: TransactionSource, operations: [Operation], time: Date? = nil) {
        self.source = source
        self.operations = operations
        self.time = time
    }
}

/// One committed transaction as `kg log` lists it.
public struct TransactionSummary: Hashable, Sendable {
    public var id: TxID
    public var time: Date
    public var source: TransactionSource
    /// Number of operations of each kind, indexed by `OperationKind.rawValue` (index 0 unused).
    public var counts: [Int]

    public func count(_ kind: OperationKind) -> Int { counts[Int(kind.rawValue)] }
    public var operationCount: Int { counts.reduce(0, +) }
}

/// A decoded transaction.
public struct Transaction: Hashable, Sendable {
    public var id: TxID
    public var time: Date
    public var source: TransactionSource
    public var operations: [Operation]

    public var summary: TransactionSummary {
        var counts = [Int](repeating: 0, count: OperationKind.allCases.count + 1)
        for op in operations { counts[Int(op.kind.rawValue)] += 1 }
        return TransactionSummary(id: id, time: time, source: source, counts: counts)
    }
}

/// `Operation` under a name Foundation does not also use (`Foundation.Operation`
/// is NSOperation): files that import Foundation can write `GraphOperation`
/// instead of `KGStore.Operation`.
public typealias GraphOperation = Operation
