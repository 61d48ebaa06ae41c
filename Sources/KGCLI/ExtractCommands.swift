import Foundation
import KGCore
import KGExtract
import KGStore
#if canImport(Glibc)
import Glibc
#endif

extension KGCommandLine {
    /// The extract stage's subcommands.
    static var extractCommands: [Subcommand] { [extractCommand, ingestCommand, importCommand] }

    static var extractCommand: Subcommand {
        Subcommand(
            name: "extract",
            summary: "print the entities and relations found in documents (nothing is stored)",
            help: """
            usage: kg extract [--format jsonl|table] [--lexicon FILE]... [--graph DIR] PATH...

            Reads text files, directories (recursively) or standard input (-) and prints
            what extraction finds. jsonl: one object per document (the input of
            shared/eval/score.py and of `kg import`); table: a readable view.
            The lexicon is the built-in one, plus DIR/lexicon.tsv, plus each --lexicon FILE.
            """,
            run: { args in
                let format = try args.option("--format", "-f") ?? "jsonl"
                guard format == "jsonl" || format == "table" else { throw UsageError("unknown format '\(format)' (jsonl or table)") }
                let extra = try args.options("--lexicon", "-l")
                let graph = try graphDirectory(&args)
                let paths = try args.positionals()
                guard !paths.isEmpty else { throw UsageError("kg extract needs at least one PATH (or - for standard input)") }
                let extractor = Extractor(lexicon: try loadLexicon(graph: graph, extra: extra))
                let (files, missing) = DocumentReader.expand(paths)
                var status: Int32 = 0
                for m in missing { printError("kg extract: \(m)"); status = 1 }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var out = Data()
                for outcome in DocumentReader.extractAll(files, with: extractor) {
                    switch outcome {
                    case .skipped(let s):
                        printError("kg extract: \(s)")
                    case .extracted(let x, let path):
                        for w in x.warnings ?? [] { printError("kg extract: \(path): warning: \(w)") }
                        if format == "jsonl" {
                            out.append(try encoder.encode(x))
                            out.append(0x0A)
                        } else {
                            out.append(Data(ExtractionTable.render(x).utf8))
                        }
                    }
                    if out.count > 1 << 20 { FileHandle.standardOutput.write(out); out.removeAll(keepingCapacity: true) }
                }
                FileHandle.standardOutput.write(out)
                return status
            })
    }

    /// Built-in lexicon + graph/lexicon.tsv + each --lexicon FILE (a bad file is an error).
    /// Ingests `DIR/corpus` into `DIR` when `DIR` has no log yet (see `graphDirectory`).
    static func buildDefaultGraphIfNeeded(_ dir: URL) throws {
        let fm = FileManager.default
        let corpus = dir.appendingPathComponent("corpus")
        guard !fm.fileExists(atPath: dir.appendingPathComponent("kg.log").path),
              fm.fileExists(atPath: corpus.path) else { return }
        printError("kg: building the default graph from \(corpus.relativePath) (first run only)…")
        let store: GraphStore
        do { store = try GraphStore.open(dir, mode: .write) } catch { throw CommandError("\(error)") }
        var ingest = GraphIngest(store: store, extractor: Extractor(lexicon: try loadLexicon(graph: dir, extra: [])))
        let summary = try ingest.ingest(paths: [corpus.relativePath])
        printError("kg: " + summary.line)
    }

    static func loadLexicon(graph: URL, extra: [String]) throws -> Lexicon {
        var lex = Lexicon.standard(graphDirectory: graph)
        for f in extra {
            guard FileManager.default.fileExists(atPath: f) else { throw CommandError("lexicon file not found: \(f)") }
            do { try lex.load(file: URL(fileURLWithPath: f)) } catch { throw CommandError("\(error)") }
        }
        return lex
    }
}

/// The human view of one extraction: entities, then relations with evidence.
enum ExtractionTable {
    static func render(_ x: Extraction) -> String {
        var s = "== \(x.document): \(x.entities.count) entities, \(x.relations.count) relations\n"
        let byId = Dictionary(uniqueKeysWithValues: x.entities.map { ($0.id, $0) })
        for e in x.entities {
            var line = "  \(e.id.padding(toLength: 5, withPad: " ", startingAt: 0)) \(e.type.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(e.name)"
            if let v = e.value, let u = e.unit {
                line += "  = \(format(v))" + (e.upperValue.map { "–" + format($0) } ?? "") + " \(u)"
            }
            let others = e.aliases.filter { $0 != e.name }
            if !others.isEmpty { line += "  (" + others.joined(separator: ", ") + ")" }
            s += line + "\n"
        }
        for r in x.relations {
            let subj = byId[r.subject]?.name ?? r.subject, obj = byId[r.object]?.name ?? r.object
            s += "  \(subj) —\(r.predicate)\(r.metric.map { "[\($0)]" } ?? "")→ \(obj)"
            s += String(format: "  [%@ %.2f]\n", r.rule ?? "", r.confidence ?? 0)
            if let ev = r.evidence {
                let short = ev.count > 120 ? String(ev.prefix(117)) + "…" : ev
                s += "      “\(short)” @\(r.start ?? 0)-\(r.end ?? 0)\n"
            }
        }
        return s
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}

extension KGCommandLine {
    static var ingestCommand: Subcommand {
        Subcommand(
            name: "ingest",
            summary: "extract documents and commit them to the graph (one transaction per document)",
            help: """
            usage: kg ingest [--graph DIR] [--lexicon FILE]... PATH...

            Extracts every file (directories recursively) on all cores and commits one
            transaction per document: the document record with its SHA-256, its entities
            (resolved against the graph by type and name or alias; new ones created) and
            its triples with provenance. An unchanged document (same SHA-256) is skipped;
            a changed one has its old evidence retracted before the new is asserted; a
            document ingested before from a given directory and now gone is retracted.
            """,
            run: { args in
                let extra = try args.options("--lexicon", "-l")
                let graph = try graphDirectory(&args, buildDefault: false)
                let paths = try args.positionals()
                guard !paths.isEmpty else { throw UsageError("kg ingest needs at least one PATH") }
                let extractor = Extractor(lexicon: try loadLexicon(graph: graph, extra: extra))
                let store: GraphStore
                do { store = try GraphStore.open(graph, mode: .write) } catch { throw CommandError("\(error)") }
                var ingest = GraphIngest(store: store, extractor: extractor)
                let summary = try ingest.ingest(paths: paths)
                print(summary.line)
                return summary.failures > 0 ? 1 : 0
            })
    }

    static var importCommand: Subcommand {
        Subcommand(
            name: "import",
            summary: "commit extractions from a JSONL file (the form kg extract prints)",
            help: """
            usage: kg import [--graph DIR] FILE.jsonl

            Commits each line (one extraction per document, as `kg extract --format jsonl`
            prints) as one transaction. Every field is checked as `kg assert` checks it
            (predicates one word of letters, digits and _; spans 0 ≤ start ≤ end; names
            without control characters; relations naming entities of the same line). A
            malformed or invalid line is reported with its line number and skipped; the
            rest is imported, and the exit status is 1 if any line was skipped.
            """,
            run: { args in
                let graph = try graphDirectory(&args, buildDefault: false)
                let files = try args.positionals()
                guard files.count == 1 else { throw UsageError("kg import takes one FILE.jsonl") }
                guard let data = FileManager.default.contents(atPath: files[0]) else { throw CommandError("cannot read \(files[0])") }
                let store: GraphStore
                do { store = try GraphStore.open(graph, mode: .write) } catch { throw CommandError("\(error)") }
                var ingest = GraphIngest(store: store, extractor: Extractor())
                let summary = try ingest.importLines(String(decoding: data, as: UTF8.self), file: files[0])
                print(summary.line)
                return summary.failures > 0 ? 1 : 0
            })
    }
}

/// Commits extractions into a graph: entities resolved against what the graph
/// holds (type + normalised name or alias), triples with provenance, one
/// transaction per document.
struct GraphIngest {
    let store: GraphStore
    let extractor: Extractor

    struct Summary {
        var documents = 0, unchanged = 0, removed = 0, failures = 0, newEntities = 0, triples = 0
        var seconds = 0.0
        var line: String {
            var s = "\(documents) document\(documents == 1 ? "" : "s") committed"
            if unchanged > 0 { s += ", \(unchanged) unchanged" }
            if removed > 0 { s += ", \(removed) removed" }
            if failures > 0 { s += ", \(failures) skipped" }
            return s + String(format: "; %d new entities, %d triples; %.2f s", newEntities, triples, seconds)
        }
    }

    mutating func ingest(paths: [String]) throws -> Summary {
        let started = Date()
        var summary = Summary()
        let (files, missing) = DocumentReader.expand(paths)
        let view = store.current
        // documents ingested before that are gone: explicit missing files, or files once under a given directory
        var gone: [String] = missing.map(\.path).filter { view.document(path: $0) != nil }
        for p in paths {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue else { continue }
            let prefix = p.hasSuffix("/") ? p : p + "/"
            for d in view.documents where d.path.hasPrefix(prefix) && !files.contains(d.path) { gone.append(d.path) }
        }
        for m in missing where view.document(path: m.path) == nil {
            printError("kg ingest: \(m)")
            summary.failures += 1
        }
        // hash first: unchanged documents are not even extracted
        var todo: [(path: String, sha: String, size: Int)] = []
        for f in files {
            guard let data = FileManager.default.contents(atPath: f) else {
                printError("kg ingest: \(f): skipped: cannot read file"); summary.failures += 1; continue
            }
            let sha = SHA256.hex(data)
            if view.document(path: f)?.sha256 == sha { summary.unchanged += 1; continue }
            todo.append((f, sha, data.count))
        }
        let outcomes = DocumentReader.extractAll(todo.map(\.path), with: extractor)
        let tty = isatty(2) != 0
        for (k, outcome) in outcomes.enumerated() {
            if tty { FileHandle.standardError.write(Data("\r\u{1B}[K[\(k + 1)/\(outcomes.count)] \(todo[k].path)".utf8)) }
            switch outcome {
            case .skipped(let s):
                printError((tty ? "\r\u{1B}[K" : "") + "kg ingest: \(s)")
                summary.failures += 1
            case .extracted(var x, let path):
                for w in x.warnings ?? [] { printError((tty ? "\r\u{1B}[K" : "") + "kg ingest: \(path): warning: \(w)") }
                x.document = path
                let record = DocumentRecord(path: path, sha256: todo[k].sha, size: todo[k].size, tx: store.current.tx + 1)
                let (ops, created, triples) = operations(for: x, record: record)
                do { _ = try store.commit(TransactionDraft(source: .document(path), operations: ops)) } catch {
                    throw CommandError("\(path): \(error)")
                }
                summary.documents += 1
                summary.newEntities += created
                summary.triples += triples
            }
        }
        for path in gone {
            var ops = retractions(of: path)
            ops.append(.retractDocument(path: path))
            do { _ = try store.commit(TransactionDraft(source: .document(path), operations: ops)) } catch {
                throw CommandError("\(path): \(error)")
            }
            summary.removed += 1
        }
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    mutating func importLines(_ text: String, file: String) throws -> Summary {
        let started = Date()
        var summary = Summary()
        let decoder = JSONDecoder()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let x: Extraction
            do {
                x = try decoder.decode(Extraction.self, from: Data(trimmed.utf8))
            } catch {
                printError("kg import: \(file):\(lineNumber): malformed extraction, line skipped (\(Self.reason(error)))")
                summary.failures += 1
                continue
            }
            let problems = ImportCheck.problems(in: x)
            if !problems.isEmpty {
                for p in problems { printError("kg import: \(file):\(lineNumber): \(p)") }
                printError("kg import: \(file):\(lineNumber): line skipped")
                summary.failures += 1
                continue
            }
            let (ops, created, triples) = operations(for: x, record: nil)
            do { _ = try store.commit(TransactionDraft(source: .importFile(file), operations: ops)) } catch {
                printError("kg import: \(file):\(lineNumber): \(error); line skipped")
                summary.failures += 1
                continue
            }
            summary.documents += 1
            summary.newEntities += created
            summary.triples += triples
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let c): return c.debugDescription
        case DecodingError.keyNotFound(let k, _): return "missing field '\(k.stringValue)'"
        case DecodingError.typeMismatch(_, let c): return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.valueNotFound(_, let c): return "missing value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }

    /// Retracts every piece of evidence the document gave.
    func retractions(of path: String) -> [GraphOperation] {
        let view = store.current
        var ops: [GraphOperation] = []
        for t in view.allTriples where view.evidence(t).contains(where: { $0.document == path }) {
            ops.append(.retractTriple(t, document: path))
        }
        return ops
    }

    /// The operations committing one extraction: old evidence of the document
    /// retracted, entities resolved or created, aliases added, triples asserted.
    func operations(for x: Extraction, record: DocumentRecord?) -> (ops: [GraphOperation], created: Int, triples: Int) {
        let view = store.current
        var ops: [GraphOperation] = record != nil ? retractions(of: x.document) : []
        if let r = record { ops.append(.assertDocument(r)) }
        var next = view.nextEntityID
        var idOf: [String: EntityID] = [:]
        var created = 0
        for e in x.entities {
            let forms = [e.name] + e.aliases
            var found: EntityID?
            search: for f in forms {
                for id in view.resolve(name: f) {
                    guard let stored = view.entity(id), stored.type == e.type else { continue }
                    if e.type == .figure, stored.figure?.value != e.value || stored.figure?.unit != e.unit { continue }
                    found = id
                    break search
                }
            }
            if let id = found {
                let stored = view.entity(id)!
                let known = Set(([stored.name] + stored.aliases).map(NameKey.normalize))
                var added = Set<String>()
                for f in forms where !known.contains(NameKey.normalize(f)) && added.insert(NameKey.normalize(f)).inserted {
                    ops.append(.assertAlias(id, f))
                }
                idOf[e.id] = id
            } else {
                let id = next
                next += 1
                created += 1
                let figure = e.value.map { FigurePayload(value: $0, upperValue: e.upperValue, unit: e.unit ?? "", surface: e.aliases.first ?? e.name) }
                ops.append(.assertEntity(Entity(id: id, type: e.type, name: e.name,
                                                aliases: e.aliases.filter { $0 != e.name }, figure: figure)))
                idOf[e.id] = id
            }
        }
        var triples = 0
        for r in x.relations {
            guard let s = idOf[r.subject], let o = idOf[r.object] else { continue }
            let prov = Provenance(document: x.document, start: r.start ?? 0, end: r.end ?? 0, sentence: r.evidence ?? "",
                                  rule: r.rule ?? "import", confidence: r.confidence ?? 1, metric: r.metric)
            ops.append(.assertTriple(Triple(subject: s, predicate: r.predicate, object: .entity(o)), prov))
            triples += 1
        }
        return (ops, created, triples)
    }
}
