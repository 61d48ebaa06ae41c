import KGCore

/// A rule after name resolution: predicates are relation numbers, variables are
/// register numbers, constants are interned values. Queries become rules with a
/// fresh head relation.
struct RuleIR {
    enum Argument: Equatable { case variable(Int), constant(Int32) }

    indirect enum Expression {
        case variable(Int)
        case constant(Int32)
        /// With the operator's place, for overflow and division-by-zero warnings.
        case binary(ArithmeticOperator, Expression, Expression, SourceLocation)
        case call(String, [Expression], SourceLocation)

        var variables: Set<Int> {
            switch self {
            case .variable(let v): return [v]
            case .constant: return []
            case .binary(_, let a, let b, _): return a.variables.union(b.variables)
            case .call(_, let args, _): return args.reduce(into: Set<Int>()) { $0.formUnion($1.variables) }
            }
        }
    }

    struct AtomIR {
        var relation: Int
        var arguments: [Argument]
        var location: SourceLocation
        var variables: Set<Int> {
            Set(arguments.compactMap { if case .variable(let v) = $0 { return v } else { return nil } })
        }
    }

    enum LiteralIR {
        case positive(AtomIR)
        case negative(AtomIR)
        case comparison(ComparisonOperator, Expression, Expression)
        /// A built-in test such as `contains(S, "x")`.
        case test(String, [Expression])

        var variables: Set<Int> {
            switch self {
            case .positive(let a), .negative(let a): return a.variables
            case .comparison(_, let a, let b): return a.variables.union(b.variables)
            case .test(_, let args): return args.reduce(into: Set<Int>()) { $0.formUnion($1.variables) }
            }
        }
    }

    struct AggregateIR {
        var position: Int
        var kind: AggregateKind
        var argument: Expression
    }

    var head: Int
    /// Head columns; the aggregate's column holds a placeholder.
    var headArguments: [Argument]
    var aggregate: AggregateIR?
    var body: [LiteralIR]
    var variableNames: [String]
    var location: SourceLocation
    /// The rule as written, for profiles and explanations.
    var text: String

    var registerCount: Int { variableNames.count }

    var positiveAtoms: [AtomIR] {
        body.compactMap { if case .positive(let a) = $0 { return a } else { return nil } }
    }

    var dependencies: [(relation: Int, negative: Bool)] {
        body.compactMap {
            switch $0 {
            case .positive(let a): return (a.relation, aggregate != nil)
            case .negative(let a): return (a.relation, true)
            default: return nil
            }
        }
    }
}
