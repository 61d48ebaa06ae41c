import Foundation
import KGCore

/// A Datalog session: rules and facts accumulate across `run` calls (as in the
/// REPL), base relations come from an optional fact source, and each query
/// evaluates only the strata it needs.
///
///     let session = DatalogSession(factSource: try FactFiles(directory: dir))
///     for result in try session.run(source: "?- path(1, X).", file: "<command line>") { ... }
public final class DatalogSession {
    public let values = ValueTable()
    let database = Database()
    let guards: Guards
    let evaluator: Evaluator
    public let factSource: FactSource?
    /// Warnings of the last `run` (unknown predicates and the like).
    public private(set) var warnings: [Diagnostic] = []
    /// Answer only the N-th query (1-based, counted over every `run` of this
    /// session); the others are skipped, facts and rules still load (`kg query --query N`).
    public var onlyQuery: Int?
    /// Queries met so far, answered or skipped.
    public private(set) var queriesSeen = 0
    /// Whether queries with constants use the magic-set rewriting (on by default).
    /// Explanations need the ordinary relations, so turn it off before queries you will `explain`.
    public var useMagicSets = true
    /// Where `.input` reads files named by a relative path (Soufflé's `-F`); nil: the
    /// fact directory of a `FactFiles` source, else the current directory.
    public var inputDirectory: URL?
    /// Where `.output` writes `NAME.csv` (Soufflé's `-D`); nil: `.output` prints the
    /// relation as an answer instead, unless the directive names a file.
    public var outputDirectory: URL?
    /// Columns of the relations declared with `.decl`, by name.
    var declaredColumns: [String: [(name: String, type: String)]] = [:]
    /// `.input` directives, by relation name: where the relation's tuples come from.
    var inputDirectives: [String: IODirective] = [:]
    /// What `.pragma "magic-transform"` and the `magic`/`no_magic` qualifiers asked for (MagicSets.swift).
    public internal(set) var magicPolicy = MagicPolicy()
    /// Relations last evaluated while the rules they need were rewritten with magic sets.
    var evaluatedThroughMagic = Set<Int>()
    public var profiling: Bool {
        get { evaluator.profiling }
        set { evaluator.profiling = newValue }
    }
    /// Per-rule figures accumulated while `profiling` is on.
    public var profile: [RuleProfile] { evaluator.profile.values.sorted { $0.seconds > $1.seconds } }

    /// Names of the fact source's relations (fixed for a source: its files, or the graph
    /// view's predicates), read once instead of on every query.
    private(set) lazy var sourceRelationNames = Set(factSource?.availableRelations.map(\.name) ?? [])

    var programFacts: [Int: [Int32]] = [:]
    var loadedFromSource = Set<Int>()
    /// Base relations read by key through an `IndexedFactSource` (the graph), not copied.
    let bases = BaseRelations()
    var evaluated = Set<Int>()
    /// Free each intermediate relation once no later stratum of the query reads it
    /// (`DatalogSession+Release.swift`): lower peak memory, a recomputation if a later
    /// query needs it. `kg query` turns it on; the REPL keeps everything.
    public var releasesIntermediates = false
    /// Relations named by the queries and output directives of the texts run so far (never released).
    var keptNames = Set<String>()
    /// Row counts of relations released during the current query, for its tuple counts.
    var releasedCounts: [Int: Int] = [:]
    private var sourceTexts: [String: [String]] = [:]
    /// Relations created for queries' answers: hidden from `predicates`.
    var answerRelations = Set<Int>()
    /// Each answered query's rule, by query text, for `explain`.
    var queryRules: [String: RuleIR] = [:]

    func programFactRows(_ r: Int) -> Set<[Int32]>? {
        guard let flat = programFacts[r] else { return nil }
        let a = max(1, database.arity(r))
        return Set(stride(from: 0, to: flat.count, by: a).map { Array(flat[$0..<($0 + database.arity(r))]) })
    }

    /// - Parameters:
    ///   - maxMemory: bytes the relations and indexes may hold (default a quarter of physical memory).
    public init(factSource: FactSource? = nil, maxTuples: Int = 100_000_000, timeout: Double? = nil,
                maxMemory: Int = Guards.defaultMaxMemory) {
        self.factSource = factSource
        guards = Guards(maxTuples: maxTuples, timeLimit: timeout, maxMemory: maxMemory)
        evaluator = Evaluator(database: database, values: values, guards: guards)
        let database = self.database, bases = self.bases
        guards.memoryFigures = {
            let m = database.memoryFigures
            return (m.total + bases.allocatedBytes, m.largest)
        }
        evaluator.bases = bases
        bases.materialize = { [unowned self] r in try? self.copyFromSource(r) }
    }

    /// Bytes the relations and indexes may hold; a query that would need more stops, marked TRUNCATED.
    public var maxMemory: Int {
        get { guards.maxMemory }
        set { guards.maxMemory = newValue }
    }

    /// The largest number of bytes the relations and indexes held at a check during the last run.
    public var peakMemory: Int { guards.peakMemory }

    /// Whether the last run's time limit has passed or a cancel arrived: printing
    /// answers checks it too, so the limit covers output.
    public func outOfTime() -> Bool { guards.outOfTime() }

    public var maxTuples: Int {
        get { guards.maxTuples }
        set { guards.maxTuples = newValue }
    }
    /// Longest time limit honoured (about 31 years); a longer, infinite or NaN one means no limit.
    public static var longestTimeout: Double { Guards.longestTimeLimit }

    public var timeout: Double? {
        get { guards.timeLimit }
        set { guards.timeLimit = newValue }
    }

    /// Stops the evaluation in progress. From another thread use `cancelHandle`.
    public func cancel() { guards.cancel() }

    /// Cancels this session from another thread (the REPL's Ctrl-C watcher): Sendable,
    /// where the session itself is not.
    public var cancelHandle: CancelHandle { guards.cancelHandle }

    /// Clears a cancel so the next evaluation runs (a cancel stays set until this is called).
    public func resetCancel() { guards.resetCancel() }

    /// Adds the facts and rules of `source` and answers its queries, in order.
    public func run(source: String, file: String = "<input>") throws -> [QueryResult] {
        warnings = []
        guards.startClock()
        var parser = try Parser(text: source, file: file, declared: Set(declaredColumns.keys))
        let statements = try parser.parseProgram()
        magicPolicy.merge(parser.magicPolicy)
        noteKeptRelations(statements)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        sourceTexts[file] = lines
        var compiler = RuleCompiler(database: database, values: values, sourceLines: lines)
        compiler.warn = { [unowned self] in self.warnings.append($0) }
        ensureSourceRelationsDeclared()
        var results: [QueryResult] = []
        // `.output` and `.printsize` speak of the whole program, as in Soufflé: they run after every clause.
        var deferred: [IODirective] = []
        for statement in statements {
            switch statement {
            case .clause(let clause):
                if clause.isFact {
                    let (r, tuple) = try compiler.fact(canonicalized(clause.head))
                    if database.insert(r, tuple) { programFacts[r, default: []].append(contentsOf: tuple) }
                    evaluated = []
                } else {
                    try checkTypedArithmetic(clause, compiler: compiler)
                    let text = clause.text
                    let rule = try compiler.compile(head: clause.head, projection: nil, body: clause.body.map(canonicalized),
                                                    location: clause.location, text: text)
                    try checkChoiceRule(rule, compiler: compiler)
                    evaluator.rules.append(rule)
                    evaluated = []
                }
            case .declaration(let declaration):
                try declare(declaration, compiler: compiler)
            case .io(let directive):
                if directive.kind == .input { try registerInput(directive, compiler: compiler) } else { deferred.append(directive) }
            case .query(let query):
                queriesSeen += 1
                if let only = onlyQuery, queriesSeen != only { continue }
                results.append(try answerUnlessOutOfTime(query, compiler: &compiler))
            }
        }
        for directive in deferred {
            queriesSeen += 1
            if let only = onlyQuery, queriesSeen != only { continue }
            if let result = try perform(directive, compiler: &compiler) { results.append(result) }
        }
        return results
    }

    /// The query's answers, or an empty TRUNCATED result when the time is up (or a cancel came) before it started.
    func answerUnlessOutOfTime(_ query: Query, compiler: inout RuleCompiler) throws -> QueryResult {
        if guards.outOfTime() {
            return QueryResult(query: query.text, location: query.location, columns: [], rows: [],
                               truncated: true, truncationReason: guards.reason?.description ?? "stopped",
                               countOnly: query.countOnly, count: 0, seconds: 0, tupleCounts: [:])
        }
        return try answer(query, compiler: &compiler)
    }

    private func ensureSourceRelationsDeclared() {
        guard let source = factSource else { return }
        // An empty file tells no arity: its relation takes the one its first use gives.
        for (name, arity) in source.availableRelations where database.id(of: name) == nil && arity > 0 {
            database.relation(name, arity: arity)
        }
    }

    // MARK: - constants through the fact source (aliases)

    private func canonicalized(_ t: Term) -> Term {
        var t = t
        switch t.kind {
        case .constant(.string(let s)):
            if let c = factSource?.canonical(s) { t.kind = .constant(.string(c)) }
        case .binary(let op, let a, let b): t.kind = .binary(op, canonicalized(a), canonicalized(b))
        case .call(let n, let args): t.kind = .call(n, args.map(canonicalized))
        case .aggregate(let k, let a): t.kind = .aggregate(k, canonicalized(a))
        default: break
        }
        return t
    }

    private func canonicalized(_ a: Atom) -> Atom {
        var a = a
        a.arguments = a.arguments.map(canonicalized)
        return a
    }

    /// A body atom: constants canonicalized, then names resolved (facts typed
    /// by the user may name new things, so only bodies resolve and warn).
    private func resolved(_ a: Atom) -> Atom {
        var a = canonicalized(a)
        resolveNames(&a)
        return a
    }

    /// String constants in the entity positions of a graph relation: a short
    /// form one entity has (`"阿莫迪"`) becomes its canonical name; an
    /// ambiguous or unknown one stays as written, with a warning naming the
    /// candidates or the nearest names (so a query that finds nothing says why).
    private func resolveNames(_ a: inout Atom) {
        guard let source = factSource else { return }
        for i in source.entityPositions(a.predicate) where i < a.arguments.count {
            guard case .constant(.string(let text)) = a.arguments[i].kind, let lookup = source.lookUpName(text) else { continue }
            let location = a.arguments[i].location
            switch lookup {
            case .entity(let canonical):
                a.arguments[i].kind = .constant(.string(canonical))
            case .ambiguous(let names):
                warnings.append(Diagnostic(.warning, at: location,
                                           "\"\(text)\" names \(names.count) entities: \(names.joined(separator: ", ")); write the full name",
                                           sourceLine: line(at: location)))
            case .unknown(let nearest):
                warnings.append(Diagnostic(.warning, at: location,
                                           "no entity named \"\(text)\"" + (nearest.isEmpty ? "" : "; nearest: " + nearest.map { "\"\($0)\"" }.joined(separator: ", ")),
                                           sourceLine: line(at: location)))
            }
        }
    }

    private func canonicalized(_ l: Literal) -> Literal {
        switch l {
        case .positive(let a): return .positive(resolved(a))
        case .negative(let a): return .negative(resolved(a))
        case .comparison(let op, let a, let b, let loc): return .comparison(op, canonicalized(a), canonicalized(b), loc)
        }
    }

    // MARK: - answering

    func answer(_ query: Query, compiler: inout RuleCompiler) throws -> QueryResult {
        let t0 = DispatchTime.now().uptimeNanoseconds
        // `?` cannot start a user's predicate name, so the answer relations never meet the program's.
        let answerName = "?query"
        let body = query.body.map(canonicalized)
        let rule = try compiler.compile(head: nil, projection: query.projection, body: body, location: query.location,
                                        text: query.text, answerName: answerName)
        answerRelations.insert(rule.head)
        queryRules[query.text] = rule
        evaluator.forgetMarks(rule.head)
        let used = Set(rule.body.flatMap { lit -> [Int] in
            switch lit {
            case .positive(let a), .negative(let a): return [a.relation]
            default: return []
            }
        })
        // With intermediates released, an evaluated relation is not re-derived from released inputs.
        let needed = releasesIntermediates ? pendingClosure(of: used) : evaluator.closure(of: Array(used))
        warnUnknown(needed, rule: rule, query: query, compiler: compiler)
        try loadFromSource(needed)
        var strata = try evaluator.strata(for: needed) { self.line(at: $0) }
        try checkAutoincrementOutsideRecursion(strata)
        // Strata to evaluate: those holding a needed relation (`strata(for:)` also lists what an
        // evaluated relation was derived from, which need not be derived again).
        var pending = needed

        // Push the constants of the query and of the rules it needs into the rules they
        // call (magic sets, DatalogSession+Rules.swift); the program's rules come back after.
        var queryRule = rule
        let programRules = evaluator.rules
        defer { evaluator.rules = programRules }
        var generated = Set<Int>()
        var rewroteRules = false
        // Relations already evaluated are read as they are (their released inputs are not derived again).
        let allEvaluated = releasesIntermediates && used.allSatisfy { evaluated.contains($0) || !evaluator.hasRules(deriving: $0) }
        if useMagicSets, !allEvaluated, let magic = installMagicSets(rule, needed: needed) {
            (queryRule, generated, strata, rewroteRules) = magic
            pending = Set(strata.joined())
        }

        guards.start()
        var stoppedReason: String?
        releasedCounts = [:]
        let queryReads = Set(queryRule.body.flatMap { lit -> [Int] in
            switch lit {
            case .positive(let a), .negative(let a): return [a.relation]
            default: return []
            }
        })
        for (k, stratum) in strata.enumerated() where !stratum.allSatisfy({ evaluated.contains($0) })
            && stratum.contains(where: pending.contains) {
            if guards.outOfTime() {
                // Out of time or cancelled between strata (a program of many small strata).
                stoppedReason = guards.reason?.description ?? "stopped"
                break
            }
            for r in stratum where evaluator.hasRules(deriving: r) && !generated.contains(r) { resetToFacts(r) }
            if !evaluator.evaluate(stratum: stratum) {
                stoppedReason = guards.reason?.description ?? "stopped"
                for r in stratum { evaluated.remove(r) }
                break
            }
            evaluated.formUnion(stratum.filter { !generated.contains($0) })
            if rewroteRules { evaluatedThroughMagic.formUnion(stratum.filter { !generated.contains($0) }) }
            releaseIntermediates(after: k, of: strata, reads: queryReads, keep: generated)
        }
        var truncated = false
        // `?- p(X, Y).` with distinct variables: the answers are p itself, no copy needed.
        var answerRelation = queryRule.head
        // With `order by`, the limit applies after sorting every answer, not during evaluation.
        let earlyLimit = query.order.isEmpty ? query.limit : nil
        if query.projection == nil, earlyLimit == nil, queryRule.body.count == 1, case .positive(let atom) = queryRule.body[0],
           atom.arguments.allSatisfy({ if case .variable = $0 { return true } else { return false } }),
           atom.variables.count == atom.arguments.count,
           atom.arguments.allSatisfy({ if case .variable(let v) = $0 { return !queryRule.variableNames[v].hasPrefix("_") } else { return false } }) {
            answerRelation = atom.relation
            // The whole relation is the answer: a base relation read by key is copied now.
            if stoppedReason == nil && bases.reader(answerRelation) != nil { try copyFromSource(answerRelation) }
        }
        if stoppedReason == nil && answerRelation == queryRule.head {
            evaluator.rules.append(queryRule)
            defer { evaluator.rules.removeLast() }
            let limit = earlyLimit.map { $0 + 1 } ?? .max
            if !evaluator.evaluate(stratum: [queryRule.head], stopAtCount: limit) {
                stoppedReason = guards.reason?.description
            }
            if let l = earlyLimit, database.count(queryRule.head) > l {
                truncated = true
                stoppedReason = "limited to \(l) answer\(l == 1 ? "" : "s") by 'limit \(l)'"
            }
        }
        reportArithmeticFailures()
        // Stopped by a guard or a cancel (not by a limit, which sets `truncated` itself).
        var guardStopped = stoppedReason != nil && !truncated
        if stoppedReason != nil { truncated = true }
        var rows: [[Int32]] = []
        var n = min(database.count(answerRelation), earlyLimit ?? .max)
        if !query.countOnly {
            // The copy of the answers counts against the memory budget too: keep as many
            // as fit beside the relations. A row costs its two arrays (~64 + 40 bytes a
            // column) and, when printed, its cells and text (~64 + 120 bytes a column).
            let rowCost = 128 + 160 * database.arity(answerRelation)
            let room = max(0, guards.maxMemory - database.memoryFigures.total) / rowCost
            if n > room {
                let kept = "kept \(room) of \(n) answers (the memory budget of \(Guards.describeBytes(guards.maxMemory)); raise it with --max-memory)"
                stoppedReason = stoppedReason.map { $0 + "; " + kept } ?? kept
                guardStopped = true
                n = room
            }
            rows.reserveCapacity(n)
            for i in 0..<n {
                if i & 0xFFF == 0xFFF && guards.outOfTime() {
                    stoppedReason = (guards.reason?.description ?? "stopped") + "; kept \(i) of \(n) answers"
                    guardStopped = true
                    n = i
                    break
                }
                rows.append(database.row(answerRelation, i))
            }
            if stoppedReason != nil { truncated = true }
        }
        // Sorted in the value order through ranks: the distinct values (few next to the
        // rows) are sorted once with the value order (which decodes strings), then the
        // rows, holding ranks, compare as integers. O(d log d + n log n) integer work.
        var distinct = Set<Int32>()
        for row in rows { for v in row { distinct.insert(v) } }
        let ordered = AnswerOrdering.valueOrder(distinct, values)
        var rank: [Int32: Int32] = [:]
        rank.reserveCapacity(ordered.count)
        for (i, v) in ordered.enumerated() { rank[v] = Int32(i) }
        for i in rows.indices { for j in rows[i].indices { rows[i][j] = rank[rows[i][j]]! } }
        rows.sort { a, b in
            for (x, y) in zip(a, b) where x != y { return x < y }
            return false
        }
        var columns: [String] = []
        if let projection = query.projection {
            columns = projection.map { term in
                switch term.kind {
                case .variable(let v): return v
                case .aggregate(let k, let inner):
                    if case .variable(let v) = inner.kind { return "\(k.rawValue)(\(v.hasPrefix("_#") ? "_" : v))" }
                    return k.rawValue
                case .constant(let c): return c.description
                default: return "?"
                }
            }
        } else {
            columns = rule.headArguments.map { arg in
                if case .variable(let v) = arg { return rule.variableNames[v] }
                return "?"
            }
        }
        var answers = rows.map { $0.map { values.decode(ordered[Int($0)]) } }
        var count = n
        if !query.order.isEmpty {
            let keys = try AnswerOrdering.columns(of: query.order, in: columns) { self.line(at: $0) }
            answers = AnswerOrdering.sorted(answers, by: keys)
            if let l = query.limit, answers.count > l {
                answers.removeLast(answers.count - l)
                count = l
                truncated = true
                if stoppedReason == nil { stoppedReason = "limited to \(l) answer\(l == 1 ? "" : "s") by 'limit \(l)'" }
            }
        }
        // An aggregate over a cancelled or cut-off evaluation counts only part of
        // its input: its number would be wrong, so it gives no row at all — in the
        // answer columns, or in a rule the answers depend on.
        let aggregated = query.projection?.contains(where: { if case .aggregate = $0.kind { return true } else { return false } }) == true
            || evaluator.rules.contains { needed.contains($0.head) && $0.aggregate != nil }
        if guardStopped, aggregated {
            answers = []
            count = 0
        }
        var counts: [String: Int] = [:]
        for r in needed.union(generated) { counts[database.names[r]] = releasedCounts[r] ?? database.count(r) }
        // The answers now live in the result; a long REPL session must not keep every answer relation.
        evaluator.forgetMarks(rule.head)
        database.clear(rule.head)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        return QueryResult(query: query.text, location: query.location, columns: columns,
                           rows: answers, truncated: truncated, truncationReason: stoppedReason,
                           countOnly: query.countOnly, count: count, seconds: seconds, tupleCounts: counts)
    }

    /// Loads the named base relations from the fact source now (all of them when
    /// nil) instead of at their first use, so that loading can be timed apart.
    public func loadBaseRelations(_ names: [String]? = nil) throws {
        guard let source = factSource else { return }
        ensureSourceRelationsDeclared()
        let wanted = names ?? source.availableRelations.map(\.name)
        try loadFromSource(Set(wanted.compactMap { database.id(of: $0) }), whole: true)
    }

    /// Evaluates (fully, without magic sets) whatever `relations` need that is not evaluated yet.
    func ensureEvaluated(_ relations: [Int]) {
        let needed = evaluator.closure(of: relations)
        // Relations evaluated through rewritten rules hold the right tuples but were derived
        // from adorned copies: an explanation needs them derived by their own rules.
        for r in needed where evaluatedThroughMagic.contains(r) { evaluated.remove(r) }
        evaluatedThroughMagic.subtract(needed)
        guard let strata = try? evaluator.strata(for: needed, sourceLine: { _ in nil }) else { return }
        try? loadFromSource(needed, whole: true)
        guards.startClock()
        guards.start()
        for stratum in strata where !stratum.allSatisfy({ evaluated.contains($0) }) {
            for r in stratum where evaluator.hasRules(deriving: r) { resetToFacts(r) }
            guard evaluator.evaluate(stratum: stratum) else { return }
            evaluated.formUnion(stratum)
        }
    }

    func line(at loc: SourceLocation) -> String? {
        guard let lines = sourceTexts[loc.file], loc.line >= 1, loc.line <= lines.count else { return nil }
        return lines[loc.line - 1]
    }

    private func resetToFacts(_ r: Int) {
        guard !loadedFromSource.contains(r) else { return }
        evaluator.forgetMarks(r)
        database.clear(r)
        if let facts = programFacts[r] {
            let arity = database.arity(r)
            facts.withUnsafeBufferPointer { buf in
                var i = 0
                while i < max(1, facts.count) && (arity > 0 ? i < facts.count : i == 0) {
                    _ = database.insert(r, buf.baseAddress! + i)
                    i += max(1, arity)
                }
            }
        }
    }

    /// Makes the relations among `needed` that come from outside the program
    /// readable: an `.input` directive's file is read; a relation the source reads by
    /// key (the graph's, with no rules or facts of the program) gets a reader and
    /// costs nothing until a join probes it; any other source relation is copied
    /// whole (all of them with `whole`: explanations and timed loads read the database).
    private func loadFromSource(_ needed: Set<Int>, whole: Bool = false) throws {
        let names = sourceRelationNames
        for r in needed.sorted() where !loadedFromSource.contains(r) {
            if let directive = inputDirectives[database.names[r]] {
                var sink = FactSink(database: database, values: values, relation: r)
                try loadInput(directive, into: &sink)
                loadedFromSource.insert(r)
            } else if let source = factSource, names.contains(database.names[r]) {
                if !whole, let indexed = source as? IndexedFactSource, !evaluator.hasRules(deriving: r),
                   programFacts[r] == nil, database.count(r) == 0 {
                    if bases.reader(r) != nil { continue }
                    if let relation = indexed.indexedRelation(database.names[r], values: values) {
                        bases.add(r, arity: database.arity(r), source: relation)
                        continue
                    }
                }
                try copyFromSource(r)
            } else {
                continue
            }
            // The set only kept the loaded rows unique: a later fact or whole-row negation rebuilds it.
            if database.count(r) >= Evaluator.releaseThreshold { database.releaseSet(r) }
            evaluated = evaluated.filter { !needed.contains($0) || $0 == r }
        }
    }

    /// Copies source relation `r` whole into the database (it is read by key no more).
    private func copyFromSource(_ r: Int) throws {
        guard let source = factSource, !loadedFromSource.contains(r) else { return }
        bases.remove(r)
        var sink = FactSink(database: database, values: values, relation: r)
        try source.load(database.names[r], into: &sink)
        loadedFromSource.insert(r)
    }

    /// Turns the overflows and divisions by zero the evaluation met into warnings, one per place.
    private func reportArithmeticFailures() {
        let failures = evaluator.arithmeticFailures
        evaluator.arithmeticFailures = [:]
        for (location, f) in failures.sorted(by: { ($0.key.file, $0.key.line, $0.key.column) < ($1.key.file, $1.key.line, $1.key.column) }) {
            let times = f.count == 1 ? "" : " (\(f.count) times)"
            warnings.append(Diagnostic(.warning, at: location, "\(f.failure): the binding fails, no answer from it\(times)",
                                       sourceLine: line(at: location)))
        }
    }

    private func warnUnknown(_ needed: Set<Int>, rule: RuleIR, query: Query, compiler: RuleCompiler) {
        let sourceNames = sourceRelationNames
        for r in needed.sorted() {
            let name = database.names[r]
            if evaluator.hasRules(deriving: r) || programFacts[r] != nil || sourceNames.contains(name)
                || database.count(r) > 0 || answerRelations.contains(r) { continue }
            let known = knownNames(sourceNames)
            let near = known.filter { $0 != name }.map { ($0, editDistance($0, name)) }
                .filter { $0.1 <= max(2, name.count / 3) }.sorted { $0.1 < $1.1 }.prefix(3).map { "'\($0.0)'" }
            var message = "predicate '\(name)/\(database.arity(r))' has no facts and no rules"
            if !near.isEmpty { message += "; did you mean \(near.joined(separator: ", "))?" }
            warnings.append(Diagnostic(.warning, at: query.location, message, sourceLine: line(at: query.location)))
        }
    }

    private func knownNames(_ sourceNames: Set<String>) -> [String] {
        var names = sourceNames
        for rule in evaluator.rules { names.insert(database.names[rule.head]) }
        for r in programFacts.keys { names.insert(database.names[r]) }
        return names.sorted()
    }

    /// Every predicate with rules, facts or a fact source, with its arity and current count.
    public var predicates: [PredicateInfo] {
        let sourceNames = sourceRelationNames
        var out: [PredicateInfo] = []
        for r in 0..<database.relationCount where !answerRelations.contains(r) {
            let name = database.names[r]
            if name.hasPrefix("__") { continue }  // generated (Soufflé aggregates)
            let derived = evaluator.hasRules(deriving: r)
            let base = programFacts[r] != nil || sourceNames.contains(name)
            guard derived || base else { continue }
            out.append(PredicateInfo(name: name, arity: database.arity(r), count: database.count(r),
                                     kind: derived && base ? .both : (derived ? .derived : .base)))
        }
        // Source relations no query has used yet are not loaded, but they exist.
        let listed = Set(out.map(\.name))
        for r in factSource?.availableRelations ?? [] where !listed.contains(r.name) {
            out.append(PredicateInfo(name: r.name, arity: r.arity, count: 0, kind: .base))
        }
        return out.sorted { $0.name < $1.name }
    }
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}
