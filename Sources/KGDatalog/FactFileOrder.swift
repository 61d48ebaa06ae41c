/// Whether a fact file's rows are strictly increasing in some order of its columns
/// (`triple.tsv` is sorted by predicate, then subject, then object: columns 1, 0, 2),
/// decided while the file is read: then no two rows are equal and the loader needs
/// no duplicate check (`TupleStore.appendDistinct`).
///
/// Fields compare as the parser reads them: integers by value, other fields by their
/// bytes, every integer before every other field. The loader gives up on the check
/// when a non-integer field turns out to be a number (`1.0`, `1e3`), because two
/// spellings of one number would compare unequal here but be one value.
///
/// Each column's comparison with the previous row (equal, greater, less: 2 bits) is
/// folded into a code; a table maps the code to the column orders (permutations, up
/// to 4 columns: 24) in which the row is greater than the previous one, and the
/// orders still possible are those of every row so far. Cost per row: the
/// comparisons, one table read, one AND. Wider files are not checked (never sorted).
struct FactFileOrder {
    /// Per column comparison with the previous row's field.
    static let equal: UInt32 = 0, greater: UInt32 = 1, less: UInt32 = 2
    static let maxArity = 4

    /// Bit `k`: permutation `k` of the columns still orders every row so far strictly.
    private(set) var alive: UInt32
    /// Code (2 bits per column) -> the permutations in which such a row comes after the previous.
    private let table: [UInt32]

    init(arity: Int) {
        guard arity >= 1 && arity <= FactFileOrder.maxArity else { alive = 0; table = []; return }
        let permutations = FactFileOrder.permutations(arity)
        var table = [UInt32](repeating: 0, count: 1 << (2 * arity))
        for code in 0..<table.count {
            for (k, order) in permutations.enumerated() {
                // The first column in this order that differs decides.
                for c in order {
                    let cmp = UInt32(code >> (2 * c)) & 3
                    if cmp == FactFileOrder.equal { continue }
                    if cmp == FactFileOrder.greater { table[code] |= 1 << UInt32(k) }
                    break
                }
            }
        }
        self.table = table
        alive = permutations.count == 32 ? .max : (1 << UInt32(permutations.count)) - 1
    }

    /// Every order of `0..<n` (n ≤ 4).
    static func permutations(_ n: Int) -> [[Int]] {
        if n == 0 { return [[]] }
        var out: [[Int]] = []
        for p in permutations(n - 1) {
            for at in 0...p.count { var q = p; q.insert(n - 1, at: at); out.append(q) }
        }
        return out
    }

    /// Whether no duplicate has been possible so far.
    @inline(__always) var holds: Bool { alive != 0 }

    /// A row with per-column comparisons `code` (column `c`'s 2 bits at `2c`) followed the previous row.
    @inline(__always) mutating func next(_ code: Int) { alive &= table[code] }

    /// The check is abandoned (a field whose spelling does not decide its value).
    mutating func giveUp() { alive = 0 }
}
