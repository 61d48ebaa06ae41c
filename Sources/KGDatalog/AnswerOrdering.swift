import KGCore

/// `?- … order by K [desc], … limit N.`: sorts a query's answers by answer
/// columns before the limit cuts them. Values compare in the language's value
/// order (numbers by value before strings by code point); `desc` reverses a
/// key; ties fall back to the whole row, so the order is always the same.
/// Cost: O(n log n) comparisons over the answers, after evaluation (an ordered
/// query with a limit evaluates every answer, then keeps N).
enum AnswerOrdering {
    /// The column index of each key, or an error naming the columns there are.
    static func columns(of keys: [OrderKey], in columns: [String], file lines: (SourceLocation) -> String?) throws -> [(Int, Bool)] {
        try keys.map { key in
            guard let i = columns.firstIndex(of: key.column) else {
                throw Diagnostic(.error, at: key.location,
                                 "'order by \(key.column)': not an answer column (columns: \(columns.joined(separator: ", ")))",
                                 sourceLine: lines(key.location))
            }
            return (i, key.descending)
        }
    }

    /// `rows` sorted by `keys` (column index, descending).
    static func sorted(_ rows: [[Constant]], by keys: [(Int, Bool)]) -> [[Constant]] {
        rows.sorted { a, b in
            for (i, descending) in keys where a[i] != b[i] {
                return descending ? Constant.less(b[i], a[i]) : Constant.less(a[i], b[i])
            }
            for (x, y) in zip(a, b) where x != y { return Constant.less(x, y) }
            return false
        }
    }
}
