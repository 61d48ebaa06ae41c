import KGCore

/// Recursive-descent parser for kg's Datalog. The grammar production is written
/// above each function. A text mixes facts, rules and queries; Soufflé directives
/// (`.decl`, `.input`, `.output`, `.printsize`) are accepted so that Soufflé programs
/// run unchanged; in a text that has a `.decl`, lowercase names in argument
/// positions are variables, as in Soufflé.
struct Parser {
    private var tokens: [Token]
    private var p = 0
    private let lexer: Lexer
    private var anonymousCount = 0
    private var souffleMode = false

    /// A Soufflé aggregate (`N = count : { body }`) met in the clause being parsed.
    private struct PendingAggregate {
        var name: String
        var kind: AggregateKind
        var target: Term?
        var result: Term
        var body: [Literal]
        var location: SourceLocation
    }
    private var pendingAggregates: [PendingAggregate] = []
    private var aggregateCount = 0
    private static let souffleAggregates: [String: AggregateKind] = ["count": .count, "sum": .sum, "min": .min,
                                                                     "max": .max, "mean": .avg]

    init(text: String, file: String) throws {
        var lexer = Lexer(text: text, file: file)
        tokens = try lexer.tokenize()
        self.lexer = lexer
        souffleMode = tokens.contains { if case .directive("decl") = $0.kind { return true } else { return false } }
    }

    private var current: Token { tokens[p] }

    /// Deepest expression tree accepted (a flat sum of N terms is N deep): the
    /// compiler, evaluator and explanations recurse over expressions, so a bound
    /// here keeps them within the stack. Real programs stay far below it.
    static let maxExpressionDepth = 1_000
    /// Deepest nesting of parentheses, unary minus and calls the recursive descent
    /// accepts (each level is a few stack frames of this parser).
    static let maxNesting = 200
    private var nesting = 0

    /// Enters one level of recursive descent at `loc`; throws past `maxNesting`.
    private mutating func enter(_ loc: SourceLocation) throws {
        nesting += 1
        if nesting > Parser.maxNesting {
            throw error("expression nested too deeply (more than \(Parser.maxNesting) levels of parentheses, calls or unary minus)", at: loc)
        }
    }

    /// A binary or unary term over `operands`, checked against `maxExpressionDepth`.
    private func combine(_ kind: Term.Kind, _ operands: [Term], at loc: SourceLocation) throws -> Term {
        let depth = operands.reduce(0) { max($0, $1.depth) } + 1
        if depth > Parser.maxExpressionDepth {
            throw error("expression too deep (more than \(Parser.maxExpressionDepth) nested operations); split it with intermediate variables (Y = A + B, Z = Y + C)", at: loc)
        }
        return Term(kind: kind, location: loc, depth: depth)
    }

    private func error(_ message: String, at loc: SourceLocation? = nil) -> Diagnostic {
        lexer.error(message, at: loc ?? current.location)
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let s), .variable(let s): return "'\(s)'"
        case .string(let s): return "string \"\(s)\""
        case .integer(let i): return "number \(i)"
        case .decimal(let d): return "number \(d)"
        case .symbol(let s): return "'\(s)'"
        case .directive(let s): return "directive .\(s)"
        case .end: return "end of input"
        }
    }

    private func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    private mutating func expect(_ s: String, _ what: String) throws -> Token {
        guard isSymbol(s) else { throw error("expected \(what), found \(describe(current))") }
        defer { p += 1 }
        return current
    }

    // program := statement*
    mutating func parseProgram() throws -> [Statement] {
        var out: [Statement] = []
        while current.kind != .end {
            if case .directive(let name) = current.kind {
                let loc = current.location
                p += 1
                var arg = ""
                if case .string(let s) = current.kind { arg = s; p += 1 }
                if name == "printsize" {
                    let rel = String(arg.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                    let atom = Atom(predicate: rel, arguments: [], location: loc)
                    out.append(.query(Query(projection: nil, body: [.positive(atom)], limit: nil, location: loc,
                                            text: ".printsize \(rel)", countOnly: true)))
                } else if !["decl", "input", "output", "type", "pragma"].contains(name) {
                    throw error("unknown directive '.\(name)': expected .decl, .input, .output or .printsize", at: loc)
                }
                continue
            }
            if isSymbol("?-") { out.append(.query(try parseQuery())) } else {
                let clause = try parseClause()
                out += try resolveAggregates(clause).map { .clause($0) }
            }
        }
        return out
    }

    // clause := atom '.' | atom ':-' body '.'
    private mutating func parseClause() throws -> Clause {
        let start = current.location
        guard case .identifier = current.kind else {
            if case .variable(let v) = current.kind {
                throw error("expected a predicate name (lowercase), found variable '\(v)'")
            }
            throw error("expected a fact, a rule or a query ('?-'), found \(describe(current))")
        }
        let head = try parseAtom()
        var body: [Literal] = []
        if isSymbol(":-") {
            p += 1
            body = try parseBody()
        }
        let end = try expect(".", "'.' at the end of the clause")
        var clause = Clause(head: head, body: body, location: start)
        clause.text = lexer.slice(from: start, to: end.location) ?? head.predicate
        return clause
    }

    // query := '?-' [terms '<-'] body [ordering] ['limit' INTEGER] '.'
    private mutating func parseQuery() throws -> Query {
        let start = current.location
        p += 1
        let textStart = p
        var projection: [Term]?
        if hasArrowAhead() {
            var terms = [try parseTerm()]
            while isSymbol(",") { p += 1; terms.append(try parseTerm()) }
            _ = try expect("<-", "'<-' after the answer columns")
            projection = try terms.map(convertAggregates)
        }
        let body = try parseBody()
        let order = try parseOrdering()
        var limit: Int?
        if case .identifier("limit") = current.kind {
            p += 1
            guard case .integer(let n) = current.kind, n >= 0 else { throw error("expected a number after 'limit'") }
            limit = Int(n)
            p += 1
        }
        let textEnd = p
        let end = try expect(".", "'.' at the end of the query")
        let text = lexer.slice(from: tokens[textStart - 1].location, to: end.location)
            ?? ("?- " + tokens[textStart..<textEnd].map { tokenText($0) }.joined(separator: " ") + ".")
        var query = Query(projection: projection, body: body, limit: limit, location: start, text: text)
        query.order = order
        return query
    }

    // ordering := 'order' 'by' key (',' key)*    key := (VARIABLE | NAME '(' VARIABLE ')') ['asc' | 'desc']
    private mutating func parseOrdering() throws -> [OrderKey] {
        guard case .identifier("order") = current.kind else { return [] }
        p += 1
        guard case .identifier("by") = current.kind else { throw error("expected 'by' after 'order'") }
        var keys: [OrderKey] = []
        repeat {
            p += 1
            let location = current.location
            var column: String
            switch current.kind {
            case .variable(let v): column = v
            case .identifier(let f) where tokens[p + 1].kind == .symbol("("):
                p += 2
                guard case .variable(let v) = current.kind else { throw error("expected a variable inside \(f)(…) after 'order by'") }
                column = "\(f)(\(v))"
                p += 1
                guard isSymbol(")") else { throw error("expected ')' after \(column.dropLast())") }
            default: throw error("expected an answer variable after 'order by', found \(describe(current))")
            }
            p += 1
            var descending = false
            if case .identifier(let d) = current.kind, d == "desc" || d == "asc" { descending = d == "desc"; p += 1 }
            keys.append(OrderKey(column: column, descending: descending, location: location))
        } while isSymbol(",")
        return keys
    }

    private func tokenText(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let s), .variable(let s), .symbol(let s): return s
        case .string(let s): return "\"" + s + "\""
        case .integer(let i): return String(i)
        case .decimal(let d): return String(d)
        case .directive(let s): return "." + s
        case .end: return ""
        }
    }

    private func hasArrowAhead() -> Bool {
        var depth = 0
        var k = p
        while k < tokens.count {
            switch tokens[k].kind {
            case .symbol("("): depth += 1
            case .symbol(")"): depth -= 1
            case .symbol("."), .end: return false
            case .symbol("<-") where depth == 0: return true
            default: break
            }
            k += 1
        }
        return false
    }

    // body := literal (',' literal)*
    private mutating func parseBody() throws -> [Literal] {
        var out = [try parseLiteral()]
        while isSymbol(",") { p += 1; out.append(try parseLiteral()) }
        return out
    }

    // literal := 'not' atom | atom | term cmp term
    private mutating func parseLiteral() throws -> Literal {
        if case .identifier(let w) = current.kind, w == "not" || w == "!",
           case .identifier = tokens[p + 1].kind {
            p += 1
            return .negative(try parseAtom())
        }
        let start = current.location
        let startIsQuoted: Bool = { if case .string = current.kind { return true } else { return false } }()
        let left = try parseTerm()
        if souffleMode, isSymbol("="), case .identifier(let fn) = tokens[p + 1].kind,
           let kind = Parser.souffleAggregates[fn] {
            return try parseSouffleAggregate(kind: kind, result: left, start: start)
        }
        if case .symbol(let s) = current.kind, let op = ComparisonOperator(rawValue: s) {
            p += 1
            let right = try parseTerm()
            return .comparison(op, left, right, start)
        }
        switch left.kind {
        case .call(let name, let args):
            return .positive(Atom(predicate: name, arguments: args, location: left.location))
        case .constant(.string(let name)) where !startIsQuoted:
            return .positive(Atom(predicate: name, arguments: [], location: left.location))
        default:
            throw error("expected an atom such as p(X) or a comparison such as X < 3, found \(describe(current))",
                        at: start)
        }
    }

    // souffle-aggregate := term '=' ('count' | ('sum' | 'min' | 'max' | 'mean') term) ':' ('{' body '}' | atom)
    private mutating func parseSouffleAggregate(kind: AggregateKind, result: Term, start: SourceLocation) throws -> Literal {
        try enter(start)
        defer { nesting -= 1 }
        p += 2
        var target: Term?
        if !isSymbol(":") { target = try parseTerm() }
        _ = try expect(":", "':' after the aggregate")
        var inner: [Literal]
        if isSymbol("{") {
            p += 1
            inner = try parseBody()
            _ = try expect("}", "'}' after the aggregate's body")
        } else {
            inner = [.positive(try parseAtom())]
        }
        aggregateCount += 1
        let name = "__aggregate\(aggregateCount)"
        pendingAggregates.append(PendingAggregate(name: name, kind: kind, target: target, result: result, body: inner,
                                                  location: start))
        return .positive(Atom(predicate: name, arguments: [], location: start))
    }

    private static func variables(_ l: Literal) -> [String] {
        switch l {
        case .positive(let a), .negative(let a): return a.arguments.flatMap { $0.variables.map(\.0) }
        case .comparison(_, let a, let b, _): return (a.variables + b.variables).map(\.0)
        }
    }

    /// Turns each Soufflé aggregate of `clause` into a rule of its own,
    /// `__aggregateN(G..., kind(T)) :- body.`, grouped by the body's variables that
    /// the rest of the clause also uses, and reads it as `__aggregateN(G..., N)`.
    /// (As in kg, a group with no solution has no row, where Soufflé's count gives 0.)
    private mutating func resolveAggregates(_ clause: Clause) throws -> [Clause] {
        guard !pendingAggregates.isEmpty else { return [clause] }
        var clause = clause
        var extra: [Clause] = []
        for agg in pendingAggregates {
            var outer = Set(clause.head.arguments.flatMap { $0.variables.map(\.0) })
            for lit in clause.body {
                if case .positive(let a) = lit, a.predicate == agg.name { continue }
                outer.formUnion(Parser.variables(lit))
            }
            var innerVariables: [String] = []
            for lit in agg.body { for v in Parser.variables(lit) where !innerVariables.contains(v) { innerVariables.append(v) } }
            let groups = innerVariables.filter { outer.contains($0) }
            let free = innerVariables.filter { !outer.contains($0) }
            let target: Term
            if let t = agg.target {
                target = t
            } else if free.count <= 1 {
                target = free.first.map { Term(kind: .variable($0), location: agg.location) }
                    ?? Term(kind: .constant(.int(1)), location: agg.location)
            } else {
                throw error("count over several variables (\(free.filter { !$0.hasPrefix("_#") }.joined(separator: ", "))) is not supported; count one variable with a kg aggregate: p(G, count(V)) :- ...",
                            at: agg.location)
            }
            let groupTerms = groups.map { Term(kind: .variable($0), location: agg.location) }
            let head = Atom(predicate: agg.name, arguments: groupTerms + [Term(kind: .aggregate(agg.kind, target), location: agg.location)],
                            location: agg.location)
            var rule = Clause(head: head, body: agg.body, location: agg.location)
            rule.text = clause.text
            extra.append(rule)
            clause.body = clause.body.map { lit in
                if case .positive(let a) = lit, a.predicate == agg.name {
                    return .positive(Atom(predicate: agg.name, arguments: groupTerms + [agg.result], location: a.location))
                }
                return lit
            }
        }
        pendingAggregates = []
        return extra + [clause]
    }

    // atom := identifier ['(' [term (',' term)*] ')']
    private mutating func parseAtom() throws -> Atom {
        guard case .identifier(let name) = current.kind else {
            throw error("expected a predicate name, found \(describe(current))")
        }
        let loc = current.location
        p += 1
        var args: [Term] = []
        if isSymbol("(") {
            p += 1
            if !isSymbol(")") {
                args.append(try parseTerm())
                while isSymbol(",") { p += 1; args.append(try parseTerm()) }
            }
            _ = try expect(")", "')' or ',' in the arguments of '\(name)'")
        }
        return Atom(predicate: name, arguments: try args.map(convertAggregates), location: loc)
    }

    /// `count(X)` in an argument list is an aggregate; checked for placement later.
    private func convertAggregates(_ t: Term) throws -> Term {
        if case .call(let name, let args) = t.kind, let kind = AggregateKind(rawValue: name) {
            guard args.count == 1 else { throw error("aggregate '\(name)' takes one argument", at: t.location) }
            return Term(kind: .aggregate(kind, args[0]), location: t.location)
        }
        return t
    }

    // term := product (('+' | '-') product)*
    private mutating func parseTerm() throws -> Term {
        try enter(current.location)
        defer { nesting -= 1 }
        var left = try parseProduct()
        while case .symbol(let s) = current.kind, s == "+" || s == "-" {
            let at = current.location
            p += 1
            let right = try parseProduct()
            left = try combine(.binary(ArithmeticOperator(rawValue: s)!, left, right), [left, right], at: at)
        }
        return left
    }

    // product := unary (('*' | '/' | '%') unary)*
    private mutating func parseProduct() throws -> Term {
        var left = try parseUnary()
        while case .symbol(let s) = current.kind, s == "*" || s == "/" || s == "%" {
            let at = current.location
            p += 1
            let right = try parseUnary()
            left = try combine(.binary(ArithmeticOperator(rawValue: s)!, left, right), [left, right], at: at)
        }
        return left
    }

    // unary := '-' unary | primary
    private mutating func parseUnary() throws -> Term {
        if isSymbol("-") {
            let loc = current.location
            p += 1
            switch current.kind {
            case .integer(let i): p += 1; return Term(kind: .constant(.int(-i)), location: loc)
            case .decimal(let d): p += 1; return Term(kind: .constant(.double(-d)), location: loc)
            default:
                try enter(loc)
                defer { nesting -= 1 }
                let operand = try parseUnary()
                let zero = Term(kind: .constant(.int(0)), location: loc)
                return try combine(.binary(.sub, zero, operand), [zero, operand], at: loc)
            }
        }
        return try parsePrimary()
    }

    // primary := VARIABLE | STRING | NUMBER | name ['(' terms ')'] | '(' term ')'
    private mutating func parsePrimary() throws -> Term {
        let t = current
        switch t.kind {
        case .variable(let v):
            p += 1
            if v == "_" {
                anonymousCount += 1
                return Term(kind: .variable("_#\(anonymousCount)"), location: t.location)
            }
            return Term(kind: .variable(v), location: t.location)
        case .string(let s):
            p += 1
            return Term(kind: .constant(.string(s)), location: t.location)
        case .integer(let i):
            p += 1
            return Term(kind: .constant(.int(i)), location: t.location)
        case .decimal(let d):
            p += 1
            return Term(kind: .constant(.double(d)), location: t.location)
        case .identifier(let name):
            p += 1
            if isSymbol("(") {
                p += 1
                var args: [Term] = []
                if !isSymbol(")") {
                    args.append(try parseTerm())
                    while isSymbol(",") { p += 1; args.append(try parseTerm()) }
                }
                _ = try expect(")", "')' or ',' in the arguments of '\(name)'")
                return try combine(.call(name, args), args, at: t.location)
            }
            if souffleMode {
                // Soufflé: lowercase names that are not predicates are variables.
                return Term(kind: .variable(name), location: t.location)
            }
            return Term(kind: .constant(.string(name)), location: t.location)
        case .symbol("("):
            p += 1
            let inner = try parseTerm()
            _ = try expect(")", "')'")
            return inner
        default:
            throw error("expected a term (variable, constant or expression), found \(describe(t))")
        }
    }
}
