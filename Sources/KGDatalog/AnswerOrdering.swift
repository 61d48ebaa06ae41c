import Foundation
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

    /// `values` in the value order (`ValueTable.less`: numbers by value, then strings
    /// by code point), each decoded once. Strings compare as UTF-8 bytes (`memcmp`),
    /// which orders them as their code points do, instead of walking two scalar
    /// views per comparison: answers hold mostly names, and this sort was most of a
    /// small query's ordering cost. O(d log d) comparisons for d values.
    static func valueOrder(_ values: Set<Int32>, _ table: ValueTable) -> [Int32] {
        var numbers: [Int32] = []
        var strings: [(value: Int32, text: String)] = []
        strings.reserveCapacity(values.count)
        for v in values {
            if case .string(let s) = table.decode(v) { strings.append((v, s)) } else { numbers.append(v) }
        }
        numbers.sort { table.less($0, $1) }
        strings.sort { utf8Less($0.text, $1.text) }
        return numbers + strings.map(\.value)
    }

    /// Whether `a` precedes `b` by code points, compared as UTF-8 bytes (the same order).
    @inline(__always)
    static func utf8Less(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let n = min(x.count, y.count)
                if n > 0, let xa = x.baseAddress, let ya = y.baseAddress {
                    let c = memcmp(xa, ya, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let known = fast ?? nil { return known }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
