import Foundation
import KGCore
import KGExtract
import KGStore
import Synchronization

/// How `kg ingest` runs.
struct IngestOptions {
    var quiet = false
    /// Seconds between plain progress lines when standard error is not a terminal.
    var progressInterval = 10.0
    /// Most documents in one transaction (several when extraction runs ahead of the writer).
    var maxBatch = 256
    /// No more documents join a transaction once their text passes this many bytes (records stay far below LOG-5's 2^30).
    var maxBatchBytes = 32 << 20
    /// Test hook: milliseconds to sleep after each commit, so a test can interrupt mid-run.
    var commitDelayMilliseconds = 0
    /// Called after each commit with (documents committed so far, bytes, seconds the writer spent
    /// building and committing this transaction), for `kg-bench ingest`.
    var onCommit: ((Int, Int, Double) -> Void)?
}

/// Set from the SIGINT watcher thread, read by the writer between commits and by the readers.
final class InterruptFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .relaxed) }
    func set() { value.store(true, ordering: .relaxed) }
}

extension GraphIngest {
    /// What one `kg ingest` run did.
    struct Report {
        var new = 0, changed = 0, unchanged = 0, moved = 0, duplicates = 0, removed = 0, failed = 0
        var newEntities = 0, entities = 0, triples = 0, evidence = 0, evidenceBefore = 0
        var bytes = 0, seconds = 0.0
        var interrupted = false
        /// Documents this run committed (new, changed, moved, removed).
        var committed: Int { new + changed + moved + removed }

        var lines: [String] {
            let rate = seconds > 0 ? Double(new + changed) / seconds : 0
            return [
                "documents: \(new) new, \(changed) changed, \(unchanged) unchanged, \(moved) moved, "
                    + "\(duplicates) same content as another, \(removed) removed, \(failed) failed",
                "graph: \(entities) entities (\(newEntities) new), \(triples) distinct triples, "
                    + "\(evidence) evidence records (\(evidence - evidenceBefore >= 0 ? "+" : "")\(evidence - evidenceBefore))",
                String(format: "time: %.2f s, %.1f documents/s, %.2f MB/s", seconds, rate, Double(bytes) / 1e6 / max(seconds, 1e-9)),
            ]
        }
    }

    /// Ingests files and directories: reads and hashes every file (all cores),
    /// decides each one's fate by content and canonical path (`IngestPlan`),
    /// commits removals and moves, then extracts on all cores while this
    /// thread commits, several documents per transaction when extraction runs
    /// ahead. Ctrl-C stops after the transaction being written.
    mutating func ingestFiles(paths: [String], options: IngestOptions = IngestOptions()) throws -> Report {
        let started = Date()
        var report = Report()
        let progress = IngestProgress(quiet: options.quiet, interval: options.progressInterval)
        let interrupt = InterruptFlag()
        let previousHandler = Terminal.interruptHandler
        Terminal.installSignalHandlers { interrupt.set() }
        defer { Terminal.interruptHandler = previousHandler }

        // Directories are listed through their canonical path, so a symlink to a directory lists its files.
        let listing = DocumentReader.list(paths.map { p in
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: p, isDirectory: &isDir) && isDir.boolValue ? IngestPlan.canonical(p) : p
        })
        let (files, missing) = (listing.files, listing.missing)
        if let note = DocumentReader.notDocumentsNote(listing.notDocuments) { progress.message("kg ingest: \(note)") }
        progress.begin("reading", total: files.count, bytes: 0, announce: false)
        let scanned = IngestPlan.scan(files, cancelled: { interrupt.isSet }, onFile: { progress.advance(1, bytes: $0) })
        progress.clear()
        if interrupt.isSet { return finish(report, started: started, interrupted: true) }
        let plan: IngestPlan
        do {
            // A view held across a commit makes the commit copy the graph's columns: this one ends here.
            let before = store.current
            report.evidenceBefore = before.evidenceCount
            let duplicated = before.duplicateDocuments
            if let group = duplicated.first {
                progress.message("kg ingest: note: the graph holds \(duplicated.count) content(s) under more than one path "
                                 + "(e.g. \(group.joined(separator: ", "))); `kg dedupe` removes the copies")
            }
            plan = IngestPlan.make(scanned: scanned, missing: missing, listed: paths, view: before)
        }
        report.unchanged = plan.unchanged.count
        report.duplicates = plan.duplicates.count
        for m in plan.failures { progress.message("kg ingest: \(m)"); report.failed += 1 }
        for (k, d) in plan.duplicates.enumerated() {
            if k == 10 { progress.message("kg ingest: … and \(plan.duplicates.count - 10) more with the same content as another"); break }
            progress.message("kg ingest: \(d.file.path): same content as \(d.sameAs), skipped")
        }

        // Removals and moves: no extraction, one transaction per 256 documents.
        var i = 0
        while i < plan.removals.count && !interrupt.isSet {
            let chunk = plan.removals[i..<min(i + options.maxBatch, plan.removals.count)]
            let operations = build { ops in for path in chunk { ops.retractDocument(path) } }.operations
            try commit(operations, source: chunk.count == 1 ? .document(chunk.first!) : .ingest)
            report.removed += chunk.count
            i += chunk.count
        }
        i = 0
        while i < plan.moves.count && !interrupt.isSet {
            let chunk = plan.moves[i..<min(i + options.maxBatch, plan.moves.count)]
            try commit(chunk.map { .moveDocument(from: $0.from, to: $0.file.canonical) },
                       source: chunk.count == 1 ? .document(chunk.first!.file.canonical) : .ingest)
            for (k, m) in chunk.enumerated() where i + k < 10 { progress.message("kg ingest: moved \(m.from) -> \(m.file.canonical)") }
            report.moved += chunk.count
            i += chunk.count
        }
        if plan.moves.count > 10 { progress.message("kg ingest: … and \(plan.moves.count - 10) more moved") }

        // Extraction on all cores, one writer.
        let todo = plan.extract
        progress.begin("", total: todo.count, bytes: todo.reduce(0) { $0 + $1.file.size })
        options.onCommit?(0, 0, 0)
        let pipeline = ExtractionPipeline(paths: todo.map(\.file.path), extractor: extractor)
        defer { pipeline.stop() }
        var extractedDocuments = 0
        while !interrupt.isSet, let first = pipeline.next() {
            let writerStarted = Date()
            var batch = [first]
            var batchBytes = todo[first.index].file.size
            while batch.count < options.maxBatch, batchBytes < options.maxBatchBytes, let more = pipeline.nextIfReady() {
                batch.append(more)
                batchBytes += todo[more.index].file.size
            }
            let tx = store.current.tx + 1
            var committed: [(index: Int, size: Int)] = []
            var bytes = 0
            let built = build { ops in
                for item in batch {
                    let planned = todo[item.index]
                    switch item.outcome {
                    case .failure(let s):
                        progress.message("kg ingest: \(s)")
                        report.failed += 1
                    case .success(let (extracted, sha, size)):
                        var x = extracted
                        for w in x.warnings ?? [] { progress.message("kg ingest: \(planned.file.path): warning: \(w)") }
                        x.document = planned.file.canonical
                        ops.add(x, record: DocumentRecord(path: planned.file.canonical, sha256: sha, size: size, tx: tx))
                        committed.append((item.index, size))
                    }
                    bytes += planned.file.size
                }
            }
            report.newEntities += built.created
            let source: TransactionSource = committed.count == 1 ? .document(todo[committed[0].index].file.canonical) : .ingest
            if !committed.isEmpty { try commit(built.operations, source: source) }
            for c in committed {
                if todo[c.index].changed { report.changed += 1 } else { report.new += 1 }
                report.bytes += c.size
            }
            extractedDocuments += batch.count
            progress.advance(batch.count, bytes: bytes)
            options.onCommit?(extractedDocuments, report.bytes, Date().timeIntervalSince(writerStarted))
            if options.commitDelayMilliseconds > 0 { usleep(UInt32(options.commitDelayMilliseconds) * 1000) }
        }
        progress.clear()
        return finish(report, started: started, interrupted: interrupt.isSet)
    }

    /// The report with the graph's counts after the run (one pass over the graph, once per run).
    private func finish(_ report: Report, started: Date, interrupted: Bool) -> Report {
        var report = report
        report.interrupted = interrupted
        let after = store.current
        report.entities = after.entityCount
        report.triples = after.tripleCount
        report.evidence = after.evidenceCount
        if report.evidenceBefore == 0 && report.committed == 0 { report.evidenceBefore = report.evidence }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Operations built against the graph as it is now; the view is gone when
    /// this returns, so the commit that follows does not copy the graph.
    private func build(_ body: (inout ExtractionOperations) -> Void) -> (operations: [GraphOperation], created: Int) {
        var ops = ExtractionOperations(view: store.current)
        body(&ops)
        return (ops.operations, ops.createdEntities)
    }

    private func commit(_ operations: [GraphOperation], source: TransactionSource) throws {
        do { _ = try store.commit(TransactionDraft(source: source, operations: operations)) } catch {
            throw CommandError("\(source): \(error)")
        }
    }
}

/// `kg ingest` as a library call, for `kg-bench ingest`: the same plan,
/// pipeline and batching as the command, without progress output.
public enum IngestRun {
    /// Ingests `paths` into the graph in `graph`; `onCommit(documents, bytes, writerSeconds)`
    /// is called once with (0, 0, 0) when extraction starts and after every
    /// transaction. Returns the summary lines `kg ingest` prints.
    public static func run(graph: URL, paths: [String], onCommit: @escaping (Int, Int, Double) -> Void) throws -> [String] {
        let store = try GraphStore.open(graph, mode: .write)
        var ingest = GraphIngest(store: store, extractor: Extractor(lexicon: try KGCommandLine.loadLexicon(graph: graph, extra: [])))
        var options = IngestOptions()
        options.quiet = true
        options.onCommit = onCommit
        return try ingest.ingestFiles(paths: paths, options: options).lines
    }
}
