import KGCore

/// Recursive-descent parser for kg's Datalog. The grammar production is written
/// above each function. A text mixes facts, rules and queries; Soufflé directives
/// (`.decl`, `.input`, `.output`, `.printsize`, … in Parser+Directives.swift) are
/// read so that Soufflé programs run unchanged; in a text that has a `.decl`
/// ("Soufflé mode"), lowercase names in argument positions are variables, declared
/// relation names may start with a capital, and `contains(needle, text)` takes
/// Soufflé's argument order. Soufflé aggregates become rules of their own
/// (AggregateLowering.swift).
struct Parser {
    var tokens: [Token]
    var p = 0
    let lexer: Lexer
    var anonymousCount = 0
    var souffleMode = false
    /// Soufflé aggregates met so far, by their placeholder atom's name.
    var pendingAggregates: [String: SouffleAggregate] = [:]
    var aggregateCount = 0
    /// Numbers the variables the parser invents (head expressions, eqrel rules).
    var generatedCount = 0
    /// Placeholders of aggregates written as terms (`x > min y : { d(y) }`), waiting
    /// to join the body of the literal (or head) they were met in.
    var termLiterals: [Literal] = []
    /// Rules generated for `range` inside aggregate bodies, emitted with the clause.
    var rangeRules: [Clause] = []
    /// `.pragma "magic-transform"` and the `magic`/`no_magic` qualifiers met in this text.
    var magicPolicy = MagicPolicy()
    /// Existence-check relations generated in this text (Parser+Existential.swift).
    var existentialRelations = Set<String>()
    /// Where the first enumeration type (`.type T = A {} | B {}`) was declared, if any.
    var enumerationAt: SourceLocation?
    private static let souffleAggregates: [String: AggregateKind] = ["count": .count, "sum": .sum, "min": .min,
                                                                     "max": .max, "mean": .avg]

    /// - Parameter declared: relations declared by earlier texts of the session (the
    ///   REPL's earlier lines): when there are any, this text is read in Soufflé mode too.
    init(text: String, file: String, declared: Set<String> = []) throws {
        var lexer = Lexer(text: text, file: file)
        tokens = try lexer.tokenize()
        self.lexer = lexer
        souffleMode = !declared.isEmpty || tokens.contains { if case .directive("decl") = $0.kind { return true } else { return false } }
        if souffleMode { Parser.markDeclaredNames(&tokens, declared: declared) }
    }

    /// Soufflé relation names may start with a capital: a name given to `.decl`
    /// is a predicate wherever it is followed by `(`.
    private static func markDeclaredNames(_ tokens: inout [Token], declared earlier: Set<String>) {
        var declared = earlier
        var k = 0
        while k < tokens.count {
            guard case .directive("decl") = tokens[k].kind else { k += 1; continue }
            k += 1
            scan: while k < tokens.count {
                switch tokens[k].kind {
                case .variable(let v), .identifier(let v): declared.insert(v)
                case .symbol(","): break
                default: break scan
                }
                k += 1
            }
        }
        for k in tokens.indices.dropLast() {
            if case .variable(let v) = tokens[k].kind, declared.contains(v), tokens[k + 1].kind == .symbol("(") {
                tokens[k].kind = .identifier(v)
            }
        }
    }

    var current: Token { tokens[p] }

    /// Deepest expression tree accepted (a flat sum of N terms is N deep): the
    /// compiler, evaluator and explanations recurse over expressions, so a bound
    /// here keeps them within the stack. Real programs stay far below it.
    static let maxExpressionDepth = 1_000
    /// Deepest nesting of parentheses, unary minus and calls the recursive descent
    /// accepts (each level is a few stack frames of this parser).
    static let maxNesting = 200
    var nesting = 0

    /// Enters one level of recursive descent at `loc`; throws past `maxNesting`.
    mutating func enter(_ loc: SourceLocation) throws {
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

    func error(_ message: String, at loc: SourceLocation? = nil) -> Diagnostic {
        lexer.error(message, at: loc ?? current.location)
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let s), .variable(let s): return "'\(s)'"
        case .string(let s): return "string \"\(s)\""
        case .integer(let i): return "number \(i)"
        case .decimal(let d): return "number \(d)"
        case .symbol(let s): return "'\(s)'"
        case .directive(let s): return "directive .\(s)"
        case .directiveEnd: return "the end of the directive's line"
        case .end: return "end of input"
        }
    }

    func isSymbol(_ s: String) -> Bool { current.kind == .symbol(s) }

    mutating func expect(_ s: String, _ what: String) throws -> Token {
        guard isSymbol(s) else { throw error("expected \(what), found \(describe(current))") }
        defer { p += 1 }
        return current
    }

    // program := (directive | clause | query)*
    mutating func parseProgram() throws -> [Statement] {
        var out: [Statement] = []
        while current.kind != .end {
            if case .directive = current.kind {
                out += try parseDirective()
                continue
            }
            if isSymbol("?-") { out.append(.query(try parseQuery())) } else {
                for var clause in try parseClauses() {
                    var extra: [Clause] = []
                    if souffleMode { clause.body = try lowerRanges(clause.body, extra: &extra, text: clause.text) }
                    out += (rangeRules + extra).map { .clause($0) }
                    rangeRules = []
                    for lowered in try lowerAggregates(clause) {
                        out += (lowered.isFact ? [lowered] : splittingExistentialAtoms(lowered)).map { .clause($0) }
                    }
                }
            }
        }
        try rejectEnumOrdering(out)
        return out
    }

    // clauses := atom (',' atom)* [':-' disjunction] '.'
    // One clause per head and per alternative of the body's `;` (Soufflé's several
    // heads and disjunction); an expression in a head argument becomes a variable
    // bound in the body (`p(X + 1) :- q(X).` is `p(Y) :- q(X), Y = X + 1.`).
    private mutating func parseClauses() throws -> [Clause] {
        let start = current.location
        guard case .identifier = current.kind else {
            if case .variable(let v) = current.kind {
                throw error("expected a predicate name (lowercase, or declared with .decl), found variable '\(v)'")
            }
            throw error("expected a fact, a rule or a query ('?-'), found \(describe(current))")
        }
        let mark = termLiterals.count
        var heads = [try parseAtom()]
        while isSymbol(",") {
            p += 1
            heads.append(try parseAtom())
        }
        let headAggregates = Array(termLiterals[mark...])
        termLiterals.removeSubrange(mark...)
        var alternatives: [[Literal]] = [[]]
        if isSymbol(":-") {
            p += 1
            alternatives = try parseDisjunction()
        } else if heads.count > 1 {
            throw error("expected ':-' after several heads, found \(describe(current))")
        }
        let end = try expect(".", "'.' at the end of the clause")
        for body in alternatives { for literal in body { try rejectAutoincrement(in: literal) } }
        let text = lexer.slice(from: start, to: end.location) ?? heads[0].predicate
        var out: [Clause] = []
        for head in heads {
            for body in alternatives {
                var clause = Clause(head: head, body: bindArgumentExpressions(body + headAggregates), location: start)
                clause.text = text
                bindHeadExpressions(&clause)
                out.append(clause)
            }
        }
        return out
    }

    /// Soufflé's `autoinc()` numbers the tuples a rule derives: kg takes it in head
    /// arguments only (in a body its value would decide which solutions exist).
    private func rejectAutoincrement(in literal: Literal) throws {
        func find(_ t: Term) -> SourceLocation? {
            switch t.kind {
            case .call("autoinc", _): return t.location
            case .call(_, let args): return args.lazy.compactMap(find).first
            case .binary(_, let a, let b): return find(a) ?? find(b)
            case .aggregate(_, let a): return find(a)
            default: return nil
            }
        }
        let terms: [Term]
        switch literal {
        case .positive(let a), .negative(let a): terms = a.arguments
        case .comparison(_, let a, let b, _): terms = [a, b]
        }
        if let at = terms.lazy.compactMap(find).first {
            throw error("autoinc() in a rule body is not supported: kg takes it in head arguments only", at: at)
        }
    }

    /// `b(X + 1)` in a body is `b(Y), Y = X + 1` (Soufflé allows expressions as
    /// atom arguments); built-in tests and placeholders keep their arguments.
    mutating func bindArgumentExpressions(_ body: [Literal]) -> [Literal] {
        var out: [Literal] = []
        for literal in body {
            var atom: Atom
            let negated: Bool
            switch literal {
            case .positive(let a): atom = a; negated = false
            case .negative(let a): atom = a; negated = true
            case .comparison: out.append(literal); continue
            }
            if builtinTests[atom.predicate] != nil || pendingAggregates[atom.predicate] != nil { out.append(literal); continue }
            var bindings: [Literal] = []
            for i in atom.arguments.indices {
                let t = atom.arguments[i]
                switch t.kind {
                case .binary, .call:
                    generatedCount += 1
                    let v = Term(kind: .variable("_arg#\(generatedCount)"), location: t.location)
                    atom.arguments[i] = v
                    bindings.append(.comparison(.eq, v, t, t.location))
                default: break
                }
            }
            out += bindings
            out.append(negated ? .negative(atom) : .positive(atom))
        }
        return out
    }

    /// Replaces each arithmetic or function head argument by a fresh variable
    /// assigned in the body (aggregates stay: they are the head's business).
    private mutating func bindHeadExpressions(_ clause: inout Clause) {
        for i in clause.head.arguments.indices {
            let t = clause.head.arguments[i]
            switch t.kind {
            case .binary, .call:
                generatedCount += 1
                let v = Term(kind: .variable("_head#\(generatedCount)"), location: t.location)
                clause.head.arguments[i] = v
                clause.body.append(.comparison(.eq, v, t, t.location))
            default: break
            }
        }
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
        let body = bindArgumentExpressions(try parseBody())
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

    func tokenText(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let s), .variable(let s), .symbol(let s): return s
        case .string(let s): return "\"" + s + "\""
        case .integer(let i): return String(i)
        case .decimal(let d): return String(d)
        case .directive(let s): return "." + s
        case .directiveEnd, .end: return ""
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

    // body := literal (',' literal)*   (queries: no disjunction)
    private mutating func parseBody() throws -> [Literal] {
        var out = try parseLiteralWithAggregates()
        while isSymbol(",") { p += 1; out += try parseLiteralWithAggregates() }
        return out
    }

    /// Most alternatives one rule body may expand to (`(a;b), (c;d)` is four).
    static let maxAlternatives = 256

    // disjunction := conjunction (';' conjunction)*   — the alternatives, each a conjunction
    mutating func parseDisjunction() throws -> [[Literal]] {
        var alternatives = try parseConjunction()
        while isSymbol(";") {
            p += 1
            alternatives += try parseConjunction()
        }
        return alternatives
    }

    // conjunction := item (',' item)*    item := '(' disjunction ')' | literal
    private mutating func parseConjunction() throws -> [[Literal]] {
        var product: [[Literal]] = [[]]
        while true {
            let at = current.location
            let item: [[Literal]]
            if isSymbol("("), parenthesisGroupsLiterals() {
                try enter(at)
                p += 1
                item = try parseDisjunction()
                _ = try expect(")", "')' to close the group of literals")
                nesting -= 1
            } else {
                item = [try parseLiteralWithAggregates()]
            }
            product = product.flatMap { prefix in item.map { prefix + $0 } }
            if product.count > Parser.maxAlternatives {
                throw error("the body has more than \(Parser.maxAlternatives) alternatives through ';': split the rule", at: at)
            }
            guard isSymbol(",") else { return product }
            p += 1
        }
    }

    /// At a `(` in a body: whether it opens a group of literals (`(a(X) ; b(X))`)
    /// rather than a term (`(X + 1) < Y`): a term's closing `)` is followed by an operator.
    private func parenthesisGroupsLiterals() -> Bool {
        var depth = 0
        var k = p
        while k < tokens.count {
            switch tokens[k].kind {
            case .symbol("("): depth += 1
            case .symbol(")"):
                depth -= 1
                if depth == 0 {
                    guard k + 1 < tokens.count else { return true }
                    switch tokens[k + 1].kind {
                    case .symbol(let s): return [",", ";", ")", ".", "}"].contains(s)
                    case .end: return true
                    default: return false  // a word operator such as `band`
                    }
                }
            case .end, .directiveEnd: return false
            default: break
            }
            k += 1
        }
        return false
    }

    /// A literal and the placeholders of the aggregates written as terms inside it.
    private mutating func parseLiteralWithAggregates() throws -> [Literal] {
        let mark = termLiterals.count
        let literal = try parseLiteral()
        let extra = Array(termLiterals[mark...])
        termLiterals.removeSubrange(mark...)
        return [literal] + extra
    }

    // literal := 'not' atom | atom | term cmp term
    private mutating func parseLiteral() throws -> Literal {
        if case .identifier(let w) = current.kind, w == "not" || w == "!",
           case .identifier = tokens[p + 1].kind {
            p += 1
            return swappingSouffleArguments(.negative(try parseAtom()))
        }
        let start = current.location
        let startIsQuoted: Bool = { if case .string = current.kind { return true } else { return false } }()
        let left = try parseTerm()
        if souffleMode, isSymbol("="), case .identifier(let fn) = tokens[p + 1].kind,
           let kind = Parser.souffleAggregates[fn], isAggregate(at: p + 1) {
            p += 1
            return try parseSouffleAggregate(kind: kind, result: left, start: start)
        }
        if case .symbol(let s) = current.kind, let op = ComparisonOperator(rawValue: s) {
            p += 1
            let right = try parseTerm()
            return .comparison(op, left, right, start)
        }
        switch left.kind {
        case .call(let name, let args):
            return swappingSouffleArguments(.positive(Atom(predicate: name, arguments: args, location: left.location)))
        case .constant(.string(let name)) where !startIsQuoted:
            return .positive(Atom(predicate: name, arguments: [], location: left.location))
        default:
            throw error("expected an atom such as p(X) or a comparison such as X < 3, found \(describe(current))",
                        at: start)
        }
    }

    // souffle-aggregate := term '=' ('count' | ('sum' | 'min' | 'max' | 'mean') term) ':' ('{' body '}' | atom)
    // Read as a placeholder atom; AggregateLowering.swift turns it into rules.
    private mutating func parseSouffleAggregate(kind: AggregateKind, result: Term, start: SourceLocation) throws -> Literal {
        try enter(start)
        defer { nesting -= 1 }
        p += 1
        var target: Term?
        if !isSymbol(":") { target = try parseTerm() }
        _ = try expect(":", "':' after the aggregate")
        var inner: [Literal]
        if isSymbol("{") {
            p += 1
            inner = bindArgumentExpressions(try parseBody())
            _ = try expect("}", "'}' after the aggregate's body")
        } else {
            inner = bindArgumentExpressions([swappingSouffleArguments(.positive(try parseAtom()))])
        }
        var rangeRules: [Clause] = []
    /// `.pragma "magic-transform"` and the `magic`/`no_magic` qualifiers met in this text.
    var magicPolicy = MagicPolicy()
    /// Existence-check relations generated in this text (Parser+Existential.swift).
    var existentialRelations = Set<String>()
    /// Where the first enumeration type (`.type T = A {} | B {}`) was declared, if any.
    var enumerationAt: SourceLocation?
        inner = try lowerRanges(inner, extra: &rangeRules, text: "range in an aggregate")
        self.rangeRules += rangeRules
        aggregateCount += 1
        let name = "__aggregate\(aggregateCount)"
        pendingAggregates[name] = SouffleAggregate(kind: kind, target: target, result: result, body: inner, location: start)
        return .positive(Atom(predicate: name, arguments: [], location: start))
    }

    /// Whether the aggregate word at token `k` starts an aggregate (`count :`,
    /// `max x :`, `min (x + y) :`) rather than a call (`max(1, 2)`) or a variable named `sum`.
    func isAggregate(at k: Int) -> Bool {
        guard k + 1 < tokens.count else { return false }
        switch tokens[k + 1].kind {
        case .symbol(":"): return true
        case .symbol("("):
            var depth = 0
            var j = k + 1
            while j < tokens.count {
                if tokens[j].kind == .symbol("(") { depth += 1 }
                if tokens[j].kind == .symbol(")") { depth -= 1; if depth == 0 { break } }
                if tokens[j].kind == .end || tokens[j].kind == .symbol(".") { return false }
                j += 1
            }
            return j + 1 < tokens.count && tokens[j + 1].kind == .symbol(":")
        case .identifier, .variable, .integer, .decimal, .string, .symbol("-"): return true
        default: return false
        }
    }

    /// Soufflé's `contains(needle, text)` is kg's `contains(text, needle)`.
    func swappingSouffleArguments(_ l: Literal) -> Literal {
        guard souffleMode else { return l }
        switch l {
        case .positive(var a) where a.predicate == "contains" && a.arguments.count == 2:
            a.arguments.swapAt(0, 1)
            return .positive(a)
        case .negative(var a) where a.predicate == "contains" && a.arguments.count == 2:
            a.arguments.swapAt(0, 1)
            return .negative(a)
        default: return l
        }
    }

    // atom := identifier ['(' [term (',' term)*] ')']
    mutating func parseAtom() throws -> Atom {
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
            // Soufflé's binary min(a, b) and max(a, b) are functions.
            if (kind == .min || kind == .max) && args.count > 1 { return t }
            guard args.count == 1 else { throw error("aggregate '\(name)' takes one argument", at: t.location) }
            return Term(kind: .aggregate(kind, args[0]), location: t.location)
        }
        return t
    }

    /// Binary operators by precedence (higher binds tighter), Soufflé's order:
    /// the logical and bitwise keywords, then `+ -`, `* / %`, `^` (power).
    static let binaryPrecedence: [String: Int] = [
        "lor": 1, "lxor": 2, "land": 3, "bor": 4, "bxor": 5, "band": 6, "bshl": 7, "bshr": 7, "bshru": 7,
        "+": 8, "-": 8, "*": 9, "/": 9, "%": 9, "^": 10,
    ]

    /// The binary operator at the current token, if any (`band` and the like are words).
    private func binaryOperator() -> (String, Int)? {
        switch current.kind {
        case .symbol(let s), .identifier(let s):
            guard let level = Parser.binaryPrecedence[s], ArithmeticOperator(rawValue: s) != nil else { return nil }
            if case .identifier = current.kind, !souffleMode { return nil }
            return (s, level)
        default: return nil
        }
    }

    // term := unary (operator unary)*   — by precedence climbing over `binaryPrecedence`
    private mutating func parseTerm() throws -> Term {
        try enter(current.location)
        defer { nesting -= 1 }
        return try parseBinary(above: 0)
    }

    private mutating func parseBinary(above level: Int) throws -> Term {
        var left = try parseUnary()
        while let (s, precedence) = binaryOperator(), precedence > level {
            let at = current.location
            p += 1
            let right = try parseBinary(above: s == "^" ? precedence - 1 : precedence)  // ^ is right-associative
            left = try combine(.binary(ArithmeticOperator(rawValue: s)!, left, right), [left, right], at: at)
        }
        return left
    }

    // unary := ('-' | 'bnot' | 'lnot') unary | primary
    private mutating func parseUnary() throws -> Term {
        if souffleMode, case .identifier(let word) = current.kind, word == "bnot" || word == "lnot",
           tokens[p + 1].kind != .symbol(")"), tokens[p + 1].kind != .symbol(",") {
            let loc = current.location
            p += 1
            try enter(loc)
            defer { nesting -= 1 }
            let operand = try parseUnary()
            return try combine(.call(word, [operand]), [operand], at: loc)
        }
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
        case .identifier(let name) where souffleMode && Parser.souffleAggregates[name] != nil && isAggregate(at: p):
            // An aggregate as a term: its value is a fresh variable, its placeholder joins the literal.
            generatedCount += 1
            let value = Term(kind: .variable("_aggregate#\(generatedCount)"), location: t.location)
            termLiterals.append(try parseSouffleAggregate(kind: Parser.souffleAggregates[name]!, result: value, start: t.location))
            return value
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
                let function = souffleMode ? (souffleFunctionNames[name] ?? name) : name
                return try combine(.call(function, args), args, at: t.location)
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
        case .symbol("@"): throw error("user-defined functors (@name(…)) are not supported")
        case .symbol("$"): throw error("algebraic data types ($Branch(…)) are not supported")
        case .symbol("["): throw error("records ([…]) are not supported")
        default:
            throw error("expected a term (variable, constant or expression), found \(describe(t))")
        }
    }
}
