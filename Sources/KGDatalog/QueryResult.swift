import KGCore

/// The answers to one query.
public struct QueryResult: Sendable {
    /// The query as written.
    public var query: String
    public var location: SourceLocation
    public var columns: [String]
    /// Sorted rows (numbers before strings).
    public var rows: [[Constant]]
    /// Whether answers were left out (a `limit`, a tuple or time limit, cancellation).
    public var truncated: Bool
    public var truncationReason: String?
    /// `.printsize p`: only the number of answers is wanted.
    public var countOnly: Bool
    /// Number of answers (equals rows.count except for count-only queries, which keep no rows).
    public var count: Int
    public var seconds: Double
    /// Tuples held by each relation the query used, after evaluation.
    public var tupleCounts: [String: Int]
}

/// A predicate the session knows: for the REPL's `:preds` and tab completion.
public struct PredicateInfo: Sendable, Equatable {
    public enum Kind: String, Sendable { case base, derived, both }
    public var name: String
    public var arity: Int
    /// Tuples currently held (derived relations: after their last evaluation).
    public var count: Int
    public var kind: Kind
}
