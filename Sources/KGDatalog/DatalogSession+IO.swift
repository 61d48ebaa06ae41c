import Foundation
import KGCore

/// Soufflé's declarations and IO directives: `.decl` creates the relation, `.input`
/// says where its tuples come from, `.output` writes it (or prints it) and
/// `.printsize` prints its size — the last two after the whole text has run.
extension DatalogSession {
    func declare(_ d: Declaration, compiler: RuleCompiler) throws {
        let r = try compiler.relation(d.name, arity: d.columns.count, at: d.location)
        declaredColumns[d.name] = d.columns
        if !d.choiceDomains.isEmpty {
            let names = d.columns.map(\.name)
            evaluator.choiceDomains[r] = d.choiceDomains.map { $0.compactMap { names.firstIndex(of: $0) } }
            evaluated.remove(r)
        }
    }

    /// kg has one kind of number, a 64-bit signed integer or a decimal: `64.0` is the
    /// integer 64. Where Soufflé's typed arithmetic would answer differently, a rule
    /// for a relation with such a column is rejected at the operation instead of
    /// answered differently: per column type, the operations and why.
    static let typedArithmetic: [(type: String, operations: Set<String>, why: String)] = [
        ("float", ["/"], "kg does not keep Soufflé's float type (64.0 is the integer 64, and 64.0 / 5 would divide as integers)"),
        ("unsigned", ["-", "bnot"], "kg's numbers are signed: Soufflé's unsigned arithmetic wraps around below 0"),
    ]

    func checkTypedArithmetic(_ clause: Clause, compiler: RuleCompiler) throws {
        guard let columns = declaredColumns[clause.head.predicate] else { return }
        for rule in DatalogSession.typedArithmetic where columns.contains(where: { $0.type == rule.type }) {
            func find(_ t: Term) -> SourceLocation? {
                switch t.kind {
                case .binary(let op, let a, let b):
                    if rule.operations.contains(op.rawValue), !(op == .sub && isZero(a)) { return t.location }
                    return find(a) ?? find(b)
                case .call(let name, let args): return rule.operations.contains(name) ? t.location : args.lazy.compactMap(find).first
                case .aggregate(_, let a): return find(a)
                default: return nil
                }
            }
            for literal in clause.body {
                guard case .comparison(_, let a, let b, _) = literal, let at = find(a) ?? find(b) else { continue }
                throw compiler.diagnostic("this operation in a rule for '\(clause.head.predicate)', which has a\(rule.type == "unsigned" ? "n" : "") \(rule.type) column, is not supported: \(rule.why)", at: at)
            }
        }
    }

    /// `0 - x` is how the parser writes a negation; it is not a subtraction of unsigned values.
    private func isZero(_ t: Term) -> Bool {
        if case .constant(.int(0)) = t.kind { return true }
        return false
    }

    func registerInput(_ d: IODirective, compiler: RuleCompiler) throws {
        guard let columns = declaredColumns[d.relation] else {
            throw compiler.diagnostic(".input \(d.relation): declare it first with .decl \(d.relation)(…)", at: d.location)
        }
        if d.options["IO"] == "stdout" { throw compiler.diagnostic("IO=stdout is for .output, not .input", at: d.location) }
        _ = try compiler.relation(d.relation, arity: columns.count, at: d.location)
        // The file must exist now: a missing one is an error here, not an empty relation later.
        let url = inputFile(d)
        if !FileManager.default.fileExists(atPath: url.path) && !isFactSourceFallback(d) {
            throw compiler.diagnostic("no fact file for .input \(d.relation): \(url.path) does not exist", at: d.location)
        }
        inputDirectives[d.relation] = d
        if let r = database.id(of: d.relation) { evaluated.remove(r) }
    }

    /// `.input r` with no file named and no `r.facts`, where the fact source has `r` (`r.tsv`): the source's.
    private func isFactSourceFallback(_ d: IODirective) -> Bool {
        d.options["filename"] == nil && factSource?.availableRelations.contains { $0.name == d.relation } == true
    }

    /// The directory relative input file names start from (Soufflé's -F).
    private var inputBase: URL {
        inputDirectory ?? (factSource as? FactFiles)?.directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    private func inputFile(_ d: IODirective) -> URL {
        let name = d.options["filename"] ?? "\(d.relation).facts"
        return name.hasPrefix("/") ? URL(fileURLWithPath: name) : inputBase.appendingPathComponent(name)
    }

    /// Loads the relation an `.input` names: tab-separated files through the fast
    /// fact-file reader, other delimiters (and headers) through `DelimitedFile`.
    func loadInput(_ d: IODirective, into sink: inout FactSink) throws {
        let url = inputFile(d)
        if !FileManager.default.fileExists(atPath: url.path), isFactSourceFallback(d), let source = factSource {
            return try source.load(d.relation, into: &sink)
        }
        let delimiter = d.options["delimiter"].flatMap { $0.unicodeScalars.first } ?? "\t"
        let types = declaredColumns[d.relation]?.map(\.type) ?? []
        if delimiter == "\t" && d.options["headers"] != "true" {
            return try FactFiles.load(file: url, into: &sink, textColumns: types.map { $0 == "symbol" })
        }
        try DelimitedFile.load(url, delimiter: delimiter, headers: d.options["headers"] == "true", types: types, into: &sink)
    }

    /// Runs an `.output` or `.printsize`; returns the result to show (nil when written to a file).
    func perform(_ d: IODirective, compiler: inout RuleCompiler) throws -> QueryResult? {
        guard let r = database.id(of: d.relation) else {
            throw compiler.diagnostic("unknown relation '\(d.relation)' in .\(d.kind.rawValue): declare it with .decl", at: d.location)
        }
        let columns = columnNames(d.relation, arity: database.arity(r))
        let atom = Atom(predicate: d.relation, arguments: columns.map { Term(kind: .variable($0), location: d.location) },
                        location: d.location)
        // `.output` to a file is written from the relation's rows (`RelationWriter`): the answer
        // itself is only counted, no row of it is made.
        let file = d.kind == .output ? outputFile(d) : nil
        var query = Query(projection: nil, body: [.positive(atom)], limit: nil, location: d.location,
                          text: ".\(d.kind.rawValue) \(d.relation)", countOnly: d.kind == .printsize)
        query.countOnly = d.kind == .printsize || file != nil
        var result = try answerUnlessOutOfTime(query, compiler: &compiler)
        if d.kind == .printsize {
            // Machine-readable formats get the size as a row.
            result.columns = ["relation", "count"]
            result.rows = [[.string(d.relation), .int(Int64(result.count))]]
            return result
        }
        guard let file else { return result }
        try write(result, relation: r, columns: columns, to: file, directive: d, compiler: compiler)
        return nil
    }

    /// Column names for a relation's answers: the declared ones when distinct, else C0, C1, ….
    private func columnNames(_ relation: String, arity: Int) -> [String] {
        let declared = declaredColumns[relation]?.map(\.name) ?? []
        if declared.count == arity, Set(declared).count == arity, declared.allSatisfy({ !$0.hasPrefix("_") }) { return declared }
        return (0..<arity).map { "C\($0)" }
    }

    /// Where `.output` writes: `filename=` (from the output directory or the current
    /// one), else `DIR/NAME.csv` when an output directory is set; nil prints instead.
    private func outputFile(_ d: IODirective) -> URL? {
        if d.options["IO"] == "stdout" { return nil }
        let base = outputDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let name = d.options["filename"] {
            return name.hasPrefix("/") ? URL(fileURLWithPath: name) : base.appendingPathComponent(name)
        }
        return outputDirectory?.appendingPathComponent("\(d.relation).csv")
    }

    /// Writes relation `r` (just answered, so evaluated) to `url`: through a temporary file
    /// renamed into place, so that a reader never sees half a file.
    private func write(_ result: QueryResult, relation r: Int, columns: [String], to url: URL, directive d: IODirective,
                       compiler: RuleCompiler) throws {
        if result.truncated {
            throw compiler.diagnostic(".output \(d.relation) was not written: \(result.truncationReason ?? "the evaluation stopped")", at: d.location)
        }
        let delimiter = d.options["delimiter"] ?? "\t"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try RelationWriter.write(database, values, relation: r,
                                     header: d.options["headers"] == "true" ? columns.joined(separator: delimiter) : nil,
                                     delimiter: delimiter, to: temporary)
            if rename(temporary.path, url.path) != 0 { throw CommandLineError(String(cString: strerror(errno))) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            let why = (error as? CommandLineError)?.description ?? error.localizedDescription
            throw compiler.diagnostic("cannot write \(url.path) for .output \(d.relation): \(why)", at: d.location)
        }
    }
}

/// A fact file with any one-character delimiter and optionally a header line.
/// Columns declared `number`, `unsigned` or `float` read numbers (a field that is
/// not one is an error); `symbol` columns keep their text; other types read a
/// number when the field is one. Linear in the file's size.
enum DelimitedFile {
    static func load(_ url: URL, delimiter: Unicode.Scalar, headers: Bool, types: [String], into sink: inout FactSink) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandLineError("cannot read fact file \(url.path)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, rawLine) in lines.enumerated() {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || (headers && k == 0) { continue }
            let fields = line.split(separator: Character(delimiter), omittingEmptySubsequences: false)
            guard fields.count == sink.arity else {
                throw CommandLineError("\(url.path):\(k + 1): expected \(sink.arity) fields separated by '\(delimiter.escaped(asASCII: true))', found \(fields.count)")
            }
            var tuple: [Constant] = []
            for (i, field) in fields.enumerated() {
                let type = i < types.count ? types[i] : ""
                let s = String(field)
                switch type {
                case "symbol": tuple.append(.string(s))
                case "number", "unsigned", "float":
                    guard let c = number(s) else {
                        throw CommandLineError("\(url.path):\(k + 1): field \(i + 1) is \"\(s)\", not a \(type)")
                    }
                    tuple.append(c)
                default: tuple.append(number(s) ?? .string(s))
                }
            }
            sink.add(tuple)
        }
    }

    private static func number(_ s: String) -> Constant? {
        if let i = Int64(s) { return .int(i) }
        return Double(s).map { .double($0) }
    }
}

extension DatalogSession {
    /// A `choice-domain` relation keeps the first tuple per key its joins derive; an
    /// aggregate computes its groups all at once, so there is no "first": rejected.
    func checkChoiceRule(_ rule: RuleIR, compiler: RuleCompiler) throws {
        guard rule.aggregate != nil, evaluator.choiceDomains[rule.head] != nil else { return }
        throw compiler.diagnostic("an aggregate in the head of a rule for '\(database.names[rule.head])', which has a choice-domain, is not supported: write the aggregate in the body (x = max y : {…})", at: rule.location)
    }
}
