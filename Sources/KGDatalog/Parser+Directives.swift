import KGCore

/// Soufflé's directives. Each is read in full or rejected at its place: nothing
/// is accepted and then ignored, except the hints listed in `harmlessQualifiers`
/// and `.plan`, which change how Soufflé evaluates, never what it answers.
extension Parser {
    /// `.decl` qualifiers that choose a data structure or an evaluation strategy in
    /// Soufflé: the relation's contents are the same, so kg accepts them.
    static let harmlessQualifiers: Set<String> = ["brie", "btree", "btree_delete", "inline", "no_inline", "magic",
                                                  "no_magic", "overridable", "eqrel"]
    /// Old-style qualifiers that are IO directives: `.decl r(x:number) output`.
    static let ioQualifiers: [String: IODirective.Kind] = ["input": .input, "output": .output, "printsize": .printsize]
    /// `.pragma` keys that choose Soufflé's evaluation strategy, not the answers.
    static let harmlessPragmas: Set<String> = ["magic-transform", "magic-transform-exclude", "inline-exclude", "jobs", "no-warn"]
    /// Options `.input` and `.output` understand (anything else is an error at its place).
    static let ioOptions: [IODirective.Kind: Set<String>] = [
        .input: ["IO", "filename", "delimiter", "headers"],
        .output: ["IO", "filename", "delimiter", "headers"],
    ]
    /// Directives kg does not implement, with why (each an error at its place).
    static let unsupportedDirectives: [String: String] = [
        "comp": "components (.comp) are not supported",
        "init": "components (.init) are not supported",
        "override": "components (.override) are not supported",
        "functor": "user-defined functors (.functor) are not supported",
        "include": ".include is not supported: give every file to kg query",
        "limitsize": ".limitsize is not supported (it would change the answers)",
    ]

    // directive := '.' NAME tokens directiveEnd
    mutating func parseDirective() throws -> [Statement] {
        guard case .directive(let name) = current.kind else { return [] }
        let loc = current.location
        p += 1
        var out: [Statement] = []
        switch name {
        case "decl": out = try parseDeclaration()
        case "type", "number_type", "symbol_type": try parseTypeDefinition()
        case "input", "output", "printsize": out = try parseIODirectives(IODirective.Kind(rawValue: name)!)
        case "plan": skipToDirectiveEnd()
        case "pragma":
            guard case .string(let key) = current.kind, Parser.harmlessPragmas.contains(key) else {
                throw error(".pragma \(tokenText(current)) is not supported: kg accepts only evaluation hints (\(Parser.harmlessPragmas.sorted().joined(separator: ", ")))", at: loc)
            }
            p += 1
            if case .string(let value) = current.kind { magicPolicy.add(pragma: key, value: value) }
            skipToDirectiveEnd()
        default:
            if let why = Parser.unsupportedDirectives[name] { throw error(why, at: loc) }
            throw error("unknown directive '.\(name)': expected .decl, .type, .input, .output or .printsize", at: loc)
        }
        guard current.kind == .directiveEnd else {
            throw error("unexpected \(describe(current)) in .\(name)")
        }
        p += 1
        return out
    }

    private mutating func skipToDirectiveEnd() {
        while current.kind != .directiveEnd && current.kind != .end { p += 1 }
    }

    /// A relation name: an identifier, or a capitalised name (Soufflé allows both).
    private mutating func relationName(in directive: String) throws -> (String, SourceLocation) {
        let loc = current.location
        switch current.kind {
        case .identifier(let n), .variable(let n):
            p += 1
            if isSymbol(".") {
                throw error("qualified relation names (components) are not supported", at: current.location)
            }
            return (n, loc)
        default: throw error("expected a relation name after .\(directive), found \(describe(current))")
        }
    }

    // decl := NAME (',' NAME)* '(' [column (',' column)*] ')' qualifier*    column := NAME ':' TYPE
    private mutating func parseDeclaration() throws -> [Statement] {
        var names = [try relationName(in: "decl")]
        while isSymbol(",") { p += 1; names.append(try relationName(in: "decl")) }
        _ = try expect("(", "'(' and the columns after the relation name")
        var columns: [(name: String, type: String)] = []
        while !isSymbol(")") {
            guard case .identifier(let c) = current.kind else {
                guard case .variable(let c) = current.kind else { throw error("expected a column name, found \(describe(current))") }
                columns.append((c, try columnType()))
                if isSymbol(",") { p += 1 }
                continue
            }
            columns.append((c, try columnType()))
            if isSymbol(",") { p += 1 } else if !isSymbol(")") {
                throw error("expected ',' or ')' in the columns, found \(describe(current))")
            }
        }
        p += 1
        var out: [Statement] = []
        var declarations = names.map { Declaration(name: $0.0, columns: columns, location: $0.1) }
        while current.kind != .directiveEnd && current.kind != .end {
            let loc = current.location
            guard case .identifier(let q) = current.kind else { throw error("expected a qualifier such as eqrel, found \(describe(current))") }
            p += 1
            if q == "choice", isSymbol("-") {
                let domains = try parseChoiceDomains(columns: columns.map(\.name))
                for k in declarations.indices { declarations[k].choiceDomains += domains }
                continue
            }
            if let kind = Parser.ioQualifiers[q] {
                out += names.map { .io(IODirective(kind: kind, relation: $0.0, options: [:], location: loc)) }
            } else if !Parser.harmlessQualifiers.contains(q) {
                throw error("unknown qualifier '\(q)': expected eqrel, brie, btree, inline, magic or no_magic", at: loc)
            }
            // Soufflé's magic-transform choices, per relation (MagicSets.swift).
            if q == "magic" { magicPolicy.named.formUnion(names.map(\.0)) }
            if q == "no_magic" { magicPolicy.excludedNames.formUnion(names.map(\.0)) }
            if q == "eqrel" {
                guard columns.count == 2 else { throw error("an eqrel relation has two columns, not \(columns.count)", at: loc) }
                for (name, at) in names { out += equivalenceRules(name, at: at).map { .clause($0) } }
            }
        }
        return declarations.map { .declaration($0) } + out
    }

    // choice-domain := 'choice' '-' 'domain' domain (',' domain)*    domain := NAME | '(' NAME (',' NAME)* ')'
    private mutating func parseChoiceDomains(columns: [String]) throws -> [[String]] {
        p += 1
        guard case .identifier("domain") = current.kind else { throw error("expected 'choice-domain', found \(describe(current))") }
        p += 1
        func column() throws -> String {
            let name: String
            switch current.kind {
            case .identifier(let n), .variable(let n): name = n
            default: throw error("expected a column name in the choice-domain, found \(describe(current))")
            }
            guard columns.contains(name) else {
                throw error("'\(name)' is not a column of the relation (its columns: \(columns.joined(separator: ", ")))")
            }
            p += 1
            return name
        }
        var domains: [[String]] = []
        repeat {
            if isSymbol(",") { p += 1 }
            if isSymbol("(") {
                p += 1
                var domain = [try column()]
                while isSymbol(",") { p += 1; domain.append(try column()) }
                _ = try expect(")", "')' after the columns of the choice-domain")
                domains.append(domain)
            } else {
                domains.append([try column()])
            }
        } while isSymbol(",")
        return domains
    }

    // column type := ':' NAME   (a record or ADT type was rejected at its .type)
    private mutating func columnType() throws -> String {
        p += 1
        _ = try expect(":", "':' and a type after the column name")
        switch current.kind {
        case .identifier(let t), .variable(let t):
            p += 1
            return t
        default: throw error("expected a type (number, symbol, float, unsigned), found \(describe(current))")
        }
    }

    /// The rules that make `name` an equivalence relation (Soufflé's eqrel):
    /// reflexive on every value it holds, symmetric and transitive.
    private mutating func equivalenceRules(_ name: String, at loc: SourceLocation) -> [Clause] {
        generatedCount += 1
        let n = generatedCount
        func v(_ s: String) -> Term { Term(kind: .variable("_eq\(n)\(s)"), location: loc) }
        func atom(_ a: Term, _ b: Term) -> Atom { Atom(predicate: name, arguments: [a, b], location: loc) }
        let rules: [(Atom, [Atom])] = [
            (atom(v("a"), v("a")), [atom(v("a"), v("b"))]),
            (atom(v("b"), v("b")), [atom(v("a"), v("b"))]),
            (atom(v("b"), v("a")), [atom(v("a"), v("b"))]),
            (atom(v("a"), v("c")), [atom(v("a"), v("b")), atom(v("b"), v("c"))]),
        ]
        return rules.map { head, body in
            var c = Clause(head: head, body: body.map { .positive($0) }, location: loc)
            c.text = ".decl \(name) eqrel (closure)"
            return c
        }
    }

    // type := NAME ('<:' NAME | '=' NAME ('|' NAME)*)   — records ([…]) and ADTs ({…}) are rejected
    // An enumeration (`.type Day = Mon {} | Tue {}`: every branch without fields) is
    // read: its values are the symbols `$Mon`, `$Tue` of fact files and output; an
    // ordering of them (Soufflé orders by branch) is rejected (`rejectEnumOrdering`).
    private mutating func parseTypeDefinition() throws {
        let start = p
        while current.kind != .directiveEnd && current.kind != .end {
            if isSymbol("[") { throw error("record types are not supported", at: current.location) }
            if isSymbol("$") { throw error("algebraic data types are not supported", at: current.location) }
            if isSymbol("{") {
                guard tokens[p + 1].kind == .symbol("}") else {
                    throw error("algebraic data types with fields are not supported (an enumeration, A {} | B {}, is)", at: current.location)
                }
                if enumerationAt == nil { enumerationAt = tokens[start].location }
                p += 1
            }
            p += 1
        }
    }

    /// Soufflé orders the values of an enumeration by branch; kg would order the
    /// symbols `$A`, `$B` by their text. With an enumeration declared, `<`, `<=`, `>`,
    /// `>=`, `min`, `max` and `$A` constants are rejected (kg does not know which
    /// variables hold enumeration values).
    func rejectEnumOrdering(_ statements: [Statement]) throws {
        guard let declared = enumerationAt else { return }
        let why = "with an enumeration type declared (\(declared.file):\(declared.line)), ordering values is not supported: Soufflé orders an enumeration by branch, kg would order its symbols by text"
        func check(_ literals: [Literal], _ head: [Term]) throws {
            for literal in literals {
                if case .comparison(let op, _, _, let at) = literal, [.lt, .le, .gt, .ge].contains(op) { throw error(why, at: at) }
            }
            for t in head {
                if case .aggregate(let kind, _) = t.kind, kind == .min || kind == .max { throw error(why, at: t.location) }
            }
        }
        for statement in statements {
            switch statement {
            case .clause(let c): try check(c.body, c.head.arguments)
            case .query(let q): try check(q.body, q.projection ?? [])
            default: break
            }
        }
    }

    // io := NAME ['(' option (',' option)* ')'] (',' NAME ['(' … ')'])*    option := NAME '=' value
    private mutating func parseIODirectives(_ kind: IODirective.Kind) throws -> [Statement] {
        var out: [Statement] = []
        repeat {
            if isSymbol(",") { p += 1 }
            let (name, loc) = try relationName(in: kind.rawValue)
            var options: [String: String] = [:]
            if isSymbol("(") {
                p += 1
                while !isSymbol(")") {
                    let optionAt = current.location
                    let key = tokenText(current)
                    guard !key.isEmpty, tokens[p + 1].kind == .symbol("=") else {
                        throw error("expected an option such as filename=\"…\", found \(describe(current))")
                    }
                    p += 2
                    let value: String
                    switch current.kind {
                    case .string(let s), .identifier(let s), .variable(let s): value = s
                    case .integer(let i): value = String(i)
                    default: throw error("expected a value for option '\(key)', found \(describe(current))")
                    }
                    p += 1
                    guard kind != .printsize, Parser.ioOptions[kind]!.contains(key) else {
                        throw error("unknown .\(kind.rawValue) option '\(key)': expected IO, filename, delimiter or headers", at: optionAt)
                    }
                    try checkOption(key, value, at: optionAt)
                    options[key] = value
                    if isSymbol(",") { p += 1 } else if !isSymbol(")") {
                        throw error("expected ',' or ')' in the options, found \(describe(current))")
                    }
                }
                p += 1
            }
            out.append(.io(IODirective(kind: kind, relation: name, options: options, location: loc)))
        } while isSymbol(",")
        return out
    }

    /// Values kg can honour: IO=file (and stdout for output), a one-character delimiter, headers=true|false.
    private func checkOption(_ key: String, _ value: String, at loc: SourceLocation) throws {
        switch key {
        case "IO" where !["file", "stdout"].contains(value):
            throw error("IO=\(value) is not supported: expected IO=file (or IO=stdout for .output)", at: loc)
        case "delimiter" where value.unicodeScalars.count != 1:
            throw error("delimiter must be one character, got \"\(value)\"", at: loc)
        case "headers" where !["true", "false"].contains(value):
            throw error("headers must be true or false, got \(value)", at: loc)
        default: break
        }
    }
}
