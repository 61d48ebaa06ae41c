import KGCore

/// The parsed program: the nouns follow Soufflé's (Atom, Literal, Clause).

public enum AggregateKind: String, Sendable, CaseIterable { case count, sum, min, max, avg }

public enum ArithmeticOperator: String, Sendable {
    case add = "+", sub = "-", mul = "*", div = "/", mod = "%"
    /// Soufflé's power and its bitwise and logical operators (integers).
    case pow = "^", band, bor, bxor, bshl, bshr, bshru, land, lor, lxor
}

public enum ComparisonOperator: String, Sendable { case eq = "=", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=" }

public struct Term: Sendable {
    public indirect enum Kind: Sendable {
        case variable(String)
        case constant(Constant)
        case binary(ArithmeticOperator, Term, Term)
        /// A built-in function such as `lower(X)`.
        case call(String, [Term])
        /// Only in heads and query projections: `count(M)`.
        case aggregate(AggregateKind, Term)
    }
    public var kind: Kind
    public var location: SourceLocation
    /// Height of the expression tree (1 for a variable or constant), kept by the
    /// parser so that it can refuse trees deeper than `Parser.maxExpressionDepth`
    /// without walking them (later stages recurse over them).
    public var depth = 1

    public init(kind: Kind, location: SourceLocation, depth: Int = 1) {
        self.kind = kind
        self.location = location
        self.depth = depth
    }

    /// Variables occurring in the term, in order.
    var variables: [(String, SourceLocation)] {
        switch kind {
        case .variable(let v): return [(v, location)]
        case .constant: return []
        case .binary(_, let a, let b): return a.variables + b.variables
        case .call(_, let args): return args.flatMap { $0.variables }
        case .aggregate(_, let t): return t.variables
        }
    }
}

public struct Atom: Sendable {
    public var predicate: String
    public var arguments: [Term]
    public var location: SourceLocation
}

public enum Literal: Sendable {
    case positive(Atom)
    case negative(Atom)
    case comparison(ComparisonOperator, Term, Term, SourceLocation)

    var location: SourceLocation {
        switch self {
        case .positive(let a), .negative(let a): return a.location
        case .comparison(_, _, _, let l): return l
        }
    }
}

public struct Clause: Sendable {
    public var head: Atom
    public var body: [Literal]
    public var location: SourceLocation
    /// The clause as written (one line).
    public var text: String = ""
    public var isFact: Bool { body.isEmpty }
}

public struct Query: Sendable {
    /// `?- X, count(Y) <- body.`: explicit answer columns; nil means every named variable of the body.
    public var projection: [Term]?
    public var body: [Literal]
    public var limit: Int?
    /// `order by K [asc|desc], …`: how answers are sorted before `limit` applies (see AnswerOrdering.swift).
    public var order: [OrderKey] = []
    public var location: SourceLocation
    /// Text of the query as written, for headings.
    public var text: String
    /// `.printsize p` from Soufflé programs: print only the answer count.
    public var countOnly: Bool = false
}

/// One statement of a source text, in order.
public enum Statement: Sendable {
    case clause(Clause)
    case query(Query)
    /// `.decl name(col:type, …)`: the relation exists (empty until facts or rules fill it).
    case declaration(Declaration)
    /// `.input`, `.output`, `.printsize` (the last two act after the whole text has run).
    case io(IODirective)
}

/// A relation declared with `.decl`.
public struct Declaration: Sendable {
    public var name: String
    public var columns: [(name: String, type: String)]
    public var location: SourceLocation
    /// `choice-domain x, (y, z)`: the column names of each domain (ChoiceDomain.swift).
    public var choiceDomains: [[String]] = []
}

/// `.input r(IO=file, filename="r.csv", delimiter=",")`, `.output r(…)` or `.printsize r`.
public struct IODirective: Sendable {
    public enum Kind: String, Sendable { case input, output, printsize }
    public var kind: Kind
    public var relation: String
    /// Option name → value, as written (`IO`, `filename`, `delimiter`, `headers`).
    public var options: [String: String]
    public var location: SourceLocation
}

/// One key of `order by`: an answer column (`V`, or an aggregate column as
/// written in the head, `count(M)`) and its direction.
public struct OrderKey: Sendable, Equatable {
    public var column: String
    public var descending: Bool
    public var location: SourceLocation
}
