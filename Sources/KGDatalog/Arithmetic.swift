import Foundation
/// Arithmetic on user values, checked: nothing a user writes can trap. An
/// integer result that does not fit in 64 bits (`9223372036854775807 + 1`,
/// `(-9223372036854775807 - 1) / -1`, `abs` of the minimum) and a division or
/// remainder by zero are failures the caller reports as a warning at the
/// expression's place; the binding then fails, as DATALOG.md documents.
/// `x % -1` is 0 for every integer `x` (Swift's `%` traps on the minimum).
/// Arithmetic on a string (other than `+` on two strings) is undefined and fails
/// silently, as a type mismatch in a comparison does.
enum Arithmetic {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case overflow, divisionByZero, undefined
        var description: String {
            switch self {
            case .overflow: return "integer overflow (the result does not fit in 64 bits)"
            case .divisionByZero: return "division by zero"
            case .undefined: return "arithmetic on a non-number"
            }
        }
    }

    /// `a op b`: constant time (string `+` is linear in the strings' length).
    static func apply(_ op: ArithmeticOperator, _ a: Constant, _ b: Constant) -> Result<Constant, Failure> {
        if case .int(let x) = a, case .int(let y) = b {
            let r: (partialValue: Int64, overflow: Bool)
            switch op {
            case .add: r = x.addingReportingOverflow(y)
            case .sub: r = x.subtractingReportingOverflow(y)
            case .mul: r = x.multipliedReportingOverflow(by: y)
            case .div:
                if y == 0 { return .failure(.divisionByZero) }
                r = x.dividedReportingOverflow(by: y)
            case .mod:
                if y == 0 { return .failure(.divisionByZero) }
                if y == -1 { return .success(.int(0)) }
                r = x.remainderReportingOverflow(dividingBy: y)
            default: return integerOperation(op, x, y)
            }
            return r.overflow ? .failure(.overflow) : .success(.int(r.partialValue))
        }
        if op == .add, case .string(let x) = a, case .string(let y) = b { return .success(.string(x + y)) }
        guard let x = a.number, let y = b.number else { return .failure(.undefined) }
        switch op {
        case .add: return .success(.double(x + y))
        case .sub: return .success(.double(x - y))
        case .mul: return .success(.double(x * y))
        case .div: return y == 0 ? .failure(.divisionByZero) : .success(.double(x / y))
        case .mod: return y == 0 ? .failure(.divisionByZero) : .success(.double(x.truncatingRemainder(dividingBy: y)))
        case .pow: return .success(.double(Foundation.pow(x, y)))
        default: return .failure(.undefined)  // bitwise and logical operators take integers
        }
    }

    /// Soufflé's power, bitwise and logical operators on integers (shifts of 64 or
    /// more give 0, or -1 for an arithmetic right shift of a negative number).
    private static func integerOperation(_ op: ArithmeticOperator, _ x: Int64, _ y: Int64) -> Result<Constant, Failure> {
        let shift = y >= 0 && y < 64 ? y : 64
        switch op {
        case .pow:
            if x == 1 || x == -1 { return .success(.int(x == -1 && y % 2 != 0 ? -1 : 1)) }
            if x == 0 { return .success(.int(y == 0 ? 1 : 0)) }
            if y < 0 { return .success(.int(0)) }
            var result: Int64 = 1
            for _ in 0..<y {
                let (r, o) = result.multipliedReportingOverflow(by: x)
                if o { return .failure(.overflow) }
                result = r
                if result == 0 || result == 1 { break }
            }
            return .success(.int(result))
        case .band: return .success(.int(x & y))
        case .bor: return .success(.int(x | y))
        case .bxor: return .success(.int(x ^ y))
        case .bshl: return .success(.int(shift >= 64 ? 0 : x << shift))
        case .bshr: return .success(.int(shift >= 64 ? (x < 0 ? -1 : 0) : x >> shift))
        case .bshru: return .success(.int(shift >= 64 ? 0 : Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(shift))))
        case .land: return .success(.int(x != 0 && y != 0 ? 1 : 0))
        case .lor: return .success(.int(x != 0 || y != 0 ? 1 : 0))
        case .lxor: return .success(.int((x != 0) != (y != 0) ? 1 : 0))
        default: return .failure(.undefined)
        }
    }

    /// Soufflé's substr(S, I, N): N characters of S from position I (0-based; fewer at
    /// the end); a position outside S gives "" as Soufflé does (it also warns).
    private static func substring(_ s: String, _ i: Constant, _ n: Constant) -> Result<Constant, Failure> {
        guard case .int(let start) = i, case .int(let length) = n else { return .failure(.undefined) }
        let chars = Array(s)
        guard start >= 0, start <= chars.count else { return .success(.string("")) }
        let end = Int(min(Int64(chars.count), start + max(0, min(length, Int64(chars.count)))))
        return .success(.string(String(chars[Int(start)..<max(Int(start), end)])))
    }

    private static func numberFrom(_ s: String, float: Bool) -> Result<Constant, Failure> {
        Double(s).map { .success(.double($0)) } ?? .failure(.undefined)
    }

    /// A built-in function's value (the compiler has checked the name and argument count).
    static func function(_ name: String, _ args: [Constant]) -> Result<Constant, Failure> {
        switch name {
        case "lower": return .success(.string(args[0].description.lowercased()))
        case "upper": return .success(.string(args[0].description.uppercased()))
        case "length": return .success(.int(Int64(args[0].description.count)))
        case "concat": return .success(.string(args[0].description + args[1].description))
        case "to_string": return .success(.string(args[0].description))
        case "__souffle_to_string":
            // Soufflé prints a float with six decimals (C++ std::to_string).
            if case .double(let d) = args[0] { return .success(.string(String(format: "%f", d))) }
            return .success(.string(args[0].description))
        case "bnot", "lnot":
            guard case .int(let i) = args[0] else { return .failure(.undefined) }
            return .success(.int(name == "bnot" ? ~i : (i == 0 ? 1 : 0)))
        case "cat": return .success(.string(args.map(\.description).joined()))
        case "strlen": return .success(.int(Int64(args[0].description.count)))
        case "substr": return substring(args[0].description, args[1], args[2])
        case "to_float": return args[0].number.map { .success(.double($0)) } ?? numberFrom(args[0].description, float: true)
        case "to_unsigned":
            guard case .int(let i) = args[0] else { return .failure(.undefined) }
            return i < 0 ? .failure(.overflow) : .success(.int(i))
        case "min", "max":
            // Soufflé's min(a, b, …) and max(a, b, …) over numbers.
            guard args.allSatisfy({ $0.number != nil }) else { return .failure(.undefined) }
            let pick = args.dropFirst().reduce(args[0]) { best, c in
                (name == "min" ? c.number! < best.number! : c.number! > best.number!) ? c : best
            }
            return .success(pick)
        case "to_number":
            // A decimal number truncates toward zero (Soufflé's float to number).
            if case .double(let d) = args[0] {
                guard d.isFinite, abs(d) < 9.2e18 else { return .failure(.overflow) }
                return .success(.int(Int64(d)))
            }
            let s = args[0].description
            if let i = Int64(s) { return .success(.int(i)) }
            return Double(s).map { .success(.double($0)) } ?? .failure(.undefined)
        case "abs":
            switch args[0] {
            case .int(let i): return i == Int64.min ? .failure(.overflow) : .success(.int(abs(i)))
            case .double(let d): return .success(.double(abs(d)))
            case .string: return .failure(.undefined)
            }
        default: return .failure(.undefined)
        }
    }
}
