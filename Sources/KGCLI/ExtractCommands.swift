import Foundation
import KGCore
import KGExtract

extension KGCommandLine {
    /// The extract stage's subcommands.
    static var extractCommands: [Subcommand] { [extractCommand] }

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
