/// A constant as the user wrote it or as a fact file holds it. Lowercase atoms and
/// double-quoted strings are the same thing (`acme` equals `"acme"`), as in Soufflé's symbols.
public enum Constant: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case string(String)

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : String(d)
        case .string(let s): return s
        }
    }

    /// Numbers first (compared numerically), then strings (compared by scalars).
    static func less(_ a: Constant, _ b: Constant) -> Bool {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y
        case (.int(let x), .double(let y)): return Double(x) < y
        case (.double(let x), .int(let y)): return x < Double(y)
        case (.double(let x), .double(let y)): return x < y
        case (.string, .int), (.string, .double): return false
        case (.int, .string), (.double, .string): return true
        case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
    }

    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .string: return nil
        }
    }
}

/// Interns constants to 32-bit values so that tuples are flat integer arrays.
///
/// Encoding: a value `v >= 0` IS the non-negative integer `v` (the common case in
/// fact files costs no lookup); `v < 0` is entry `-v - 1` of the constant table
/// (strings, negative or large integers, decimals). The encoding is canonical, so
/// two values are equal exactly when their bits are equal.
public final class ValueTable {
    public private(set) var constants: [Constant] = []
    /// The next value of Soufflé's `autoinc()` in this session.
    var nextAutoincrement: Int64 = 0
    private var ids: [Constant: Int32] = [:]

    public init() {}

    /// Numbers are values, not spellings: an integral decimal (`1e9`, `3.0`) is the integer.
    @inline(__always)
    public func encode(_ c: Constant) -> Int32 {
        if case .double(let d) = c, d == d.rounded(), abs(d) < 9.0e18 { return encode(.int(Int64(d))) }
        if case .int(let i) = c, i >= 0, i <= Int64(Int32.max) { return Int32(truncatingIfNeeded: i) }
        if let id = ids[c] { return -id - 1 }
        let id = Int32(constants.count)
        constants.append(c)
        ids[c] = id
        return -id - 1
    }

    /// The value of `c` if it was ever interned (never adds).
    public func lookup(_ c: Constant) -> Int32? {
        if case .double(let d) = c, d == d.rounded(), abs(d) < 9.0e18 { return lookup(.int(Int64(d))) }
        if case .int(let i) = c, i >= 0, i <= Int64(Int32.max) { return Int32(truncatingIfNeeded: i) }
        return ids[c].map { -$0 - 1 }
    }

    /// Whether two constants are the same value (3 and 3.0 are).
    static func same(_ a: Constant, _ b: Constant) -> Bool {
        if a == b { return true }
        if let x = a.number, let y = b.number { return x == y }
        return false
    }

    @inline(__always)
    public func decode(_ v: Int32) -> Constant {
        v >= 0 ? .int(Int64(v)) : constants[Int(-v - 1)]
    }

    /// Total order used by `<`, sorting and min/max.
    @inline(__always)
    func less(_ a: Int32, _ b: Int32) -> Bool {
        if a >= 0 && b >= 0 { return a < b }
        return Constant.less(decode(a), decode(b))
    }
}
