import Foundation
import KGCore
import KGStore

extension KGCommandLine {
    /// `kg dedupe`: cleans a log whose documents were ingested more than once
    /// under different paths (before documents were known by content).
    static var dedupeCommand: Subcommand {
        Subcommand(name: "dedupe", summary: "remove documents ingested twice under different paths (same SHA-256)",
                   help: """
                   usage: kg dedupe [--graph DIR] [--dry-run]

                   Finds document records with the same content (SHA-256) under more than one
                   path — what ingesting one folder through several spellings did before kg
                   knew documents by content — keeps one record per content (the first whose
                   file still holds it, else the oldest) and retracts the others with their
                   evidence, in one logged transaction. Prints every record it removes;
                   --dry-run only prints. Nothing is removed silently, and the log keeps the
                   history (as-of reads before the transaction still see the copies).
                   """, run: { args in
                       let dir = try graphDirectory(&args)
                       let dryRun = args.flag("--dry-run", "-n")
                       let rest = try args.positionals()
                       guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
                       let store = dryRun ? try StoreCommands.openForReading(dir) : try StoreCommands.openForWriting(dir)
                       let (operations, lines) = Dedupe.plan(store.current)
                       for line in lines { print(line) }
                       guard !operations.isEmpty else { print("no duplicate documents"); return 0 }
                       if dryRun { print("dry run: nothing changed"); return 0 }
                       let tx = try store.commit(TransactionDraft(source: .user, operations: operations))
                       print("removed \(lines.count) duplicate document record\(lines.count == 1 ? "" : "s") (transaction \(tx))")
                       return 0
                   })
    }
}

/// Which duplicate records `kg dedupe` removes.
enum Dedupe {
    /// The operations retracting every copy but one per content, and one line per removed record.
    /// Cost: O(evidence rows of the removed records) through the evidence-by-document index.
    static func plan(_ view: GraphView) -> (operations: [GraphOperation], lines: [String]) {
        var operations: [GraphOperation] = []
        var lines: [String] = []
        for group in view.duplicateDocuments {
            guard let sha = view.document(path: group[0])?.sha256 else { continue }
            let keep = group.first { holds($0, sha) } ?? group[0]
            for path in group where path != keep {
                let evidence = view.evidenceCount(fromDocument: path)
                for t in view.triples(withEvidenceFrom: path) { operations.append(.retractTriple(t, document: path)) }
                operations.append(.retractDocument(path: path))
                lines.append("\(path): same content as \(keep); record and \(evidence) evidence record\(evidence == 1 ? "" : "s") removed")
            }
        }
        return (operations, lines)
    }

    static func holds(_ path: String, _ sha: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return SHA256.hex(data) == sha
    }
}
