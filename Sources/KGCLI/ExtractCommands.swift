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
            usage: kg extract [--format jsonl|table] [--min-confidence X] [--lexicon FILE]... [--graph DIR] PATH...

            Reads text files, directories (recursively; data files such as .json, .tsv,
            .csv, .dl left out) or standard input (-) and prints what extraction finds. jsonl: one object per document (the input of
            shared/eval/score.py and of `kg import`); table: a readable view.
            The lexicon is the built-in one, plus DIR/lexicon.tsv, plus each --lexicon FILE.
            --min-confidence X (0…1) keeps only the relations whose rule confidence is at
            least X (each relation names its rule and confidence; see docs/EXTRACT.md).
            """,
            run: { args in
                let format = try args.option("--format", "-f") ?? "jsonl"
                var minConfidence = 0.0
                if let m = try args.option("--min-confidence") {
                    guard let v = Double(m), v >= 0, v <= 1 else { throw UsageError("--min-confidence needs a number from 0 to 1, not '\(m)'") }
                    minConfidence = v
                }
                guard format == "jsonl" || format == "table" else { throw UsageError("unknown format '\(format)' (jsonl or table)") }
                let extra = try args.options("--lexicon", "-l")
                let graph = try graphDirectory(&args)
                let paths = try args.positionals()
                guard !paths.isEmpty else { throw UsageError("kg extract needs at least one PATH (or - for standard input)") }
                let extractor = Extractor(lexicon: try loadLexicon(graph: graph, extra: extra))
                let listing = DocumentReader.list(paths)
                let files = listing.files
                var status: Int32 = 0
                for m in listing.missing { printError("kg extract: \(m)"); status = 1 }
                if let note = DocumentReader.notDocumentsNote(listing.notDocuments) { printError("kg extract: \(note)") }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var out = Data()
                for outcome in DocumentReader.extractAll(files, with: extractor) {
                    switch outcome {
                    case .skipped(let s):
                        printError("kg extract: \(s)")
                    case .extracted(var x, let path):
                        if minConfidence > 0 { x.relations.removeAll { ($0.confidence ?? 1) < minConfidence } }
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
        let report = try ingest.ingestFiles(paths: [corpus.relativePath])
        for line in report.lines { printError("kg: " + line) }
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
            summary: "extract documents and commit them to the graph (all cores, resumable)",
            help: """
            usage: kg ingest [--graph DIR] [--lexicon FILE]... [--quiet] [--progress-interval SECONDS] PATH...

            Extracts every file (directories recursively; data files such as .json, .tsv,
            .csv, .dl left out unless named) on all cores while one writer
            commits: each document's record (canonical path, SHA-256, size), its entities
            (resolved against the graph by type and name or alias; new ones created) and
            its triples with provenance. Several documents may share one transaction;
            a crash loses at most the transaction being written.

            A document is its content, at its canonical path (symlinks and .. resolved):
              - same path, same content: unchanged, skipped;
              - same content as a document known under another path that still holds
                it (a copy, a symlink, another spelling): skipped, reported as
                `same content as PATH`;
              - same content, and the old path no longer holds it: moved (the record
                and its evidence follow the file, nothing is extracted again);
              - known path, new content: its old evidence is replaced in one transaction;
              - a document ingested from a listed directory and now gone: retracted.

            Progress goes to standard error: redrawn in place on a terminal, otherwise
            one plain line every --progress-interval seconds (default 10); --quiet
            silences it. Ctrl-C stops after the transaction being written; committed
            documents stay, and running the same command again resumes.

            Examples:
              kg ingest articles/
              kg ingest --graph ~/ai-graph ~/Downloads/news ~/notes/interview.txt
              nohup kg ingest big/ 2> ingest.log &

            The lexicon is the built-in one, DIR/lexicon.tsv and each --lexicon FILE, plus
            the graph's own names and aliases at the start of the run (a form two entities
            share is left out), so a name found by an earlier ingest is recognised in the
            documents ingested after it.
            """,
            run: { args in
                let extra = try args.options("--lexicon", "-l")
                var options = IngestOptions()
                options.quiet = args.flag("--quiet", "-q")
                if let v = try args.option("--progress-interval") {
                    guard let s = Double(v), s >= 0, s.isFinite else { throw UsageError("--progress-interval needs a number of seconds, got '\(v)'") }
                    options.progressInterval = s
                }
                // Test hooks: slow the writer down and commit one document per transaction, to interrupt mid-run.
                if let v = try args.option("--_commit-delay-ms") { options.commitDelayMilliseconds = Int(v) ?? 0 }
                if let v = try args.option("--_max-batch") { options.maxBatch = max(1, Int(v) ?? 1) }
                let graph = try graphDirectory(&args, buildDefault: false)
                let paths = try args.positionals()
                guard !paths.isEmpty else { throw UsageError("kg ingest needs at least one PATH") }
                var lexicon = try loadLexicon(graph: graph, extra: extra)
                let store: GraphStore
                do { store = try GraphStore.open(graph, mode: .write) } catch { throw CommandError("\(error)") }
                for note in store.notes { printError("kg: note: \(note)") }
                // the graph's own names and aliases are a lexicon for the documents to come
                IngestLexicon.addGraphNames(to: &lexicon, view: store.current, paths: paths)
                var ingest = GraphIngest(store: store, extractor: Extractor(lexicon: lexicon))
                let report = try ingest.ingestFiles(paths: paths, options: options)
                if report.interrupted {
                    printError("kg ingest: interrupted after \(report.committed) document\(report.committed == 1 ? "" : "s"); run the same command to resume")
                }
                for line in report.lines { print(line) }
                if report.interrupted { return 130 }
                return report.failed > 0 ? 1 : 0
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

    /// The operations committing one extraction on its own (`kg import`): see `ExtractionOperations`.
    func operations(for x: Extraction, record: DocumentRecord?) -> (ops: [GraphOperation], created: Int, triples: Int) {
        var ops = ExtractionOperations(view: store.current)
        ops.add(x, record: record)
        return (ops.operations, ops.createdEntities, ops.assertedTriples)
    }
}
