/// Appending rows that are known to be distinct, for the fact loader: a file whose
/// rows are strictly increasing in some column order (`FactFileOrder`) has no
/// duplicate, so it is read into an empty relation with its set released
/// (`releaseSet`) and no probe per row; the set is rebuilt from the rows only if
/// something later inserts into the relation or tests a whole row (`ensureSet`).
extension TupleStore {
    /// Room for `n` more rows, without touching the set. O(1) amortised (`realloc`).
    mutating func reserveRows(_ n: Int) {
        precondition(n >= 0, "negative row count")
        if count + n > rowCapacity {
            let newCapacity = count + n
            rows = RowBuffer.resize(rows, from: rowCapacity * Swift.max(1, arity), to: newCapacity * Swift.max(1, arity))
            rowCapacity = newCapacity
        }
    }

    /// Appends `n` rows stored one after another at `t`, which the caller knows to be
    /// distinct from each other and from every stored row. The set must be released
    /// (it would not hold them). O(n) copies, no probe.
    mutating func appendDistinct(_ t: UnsafePointer<Int32>, _ n: Int) {
        precondition(setReleased && arity > 0, "distinct rows appended to a relation that keeps its set")
        precondition(n >= 0 && count + n < Int(Int32.max), "a relation of more rows than a row number holds")
        if count + n > rowCapacity { reserveRows(Swift.max(n, rowCapacity)) }
        (rows + count * arity).update(from: t, count: n * arity)
        count += n
    }
}
