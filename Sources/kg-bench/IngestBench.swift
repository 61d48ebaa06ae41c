import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KGCLI
import KGExtract
import KGStore

/// `kg-bench ingest [--docs N] [--kb K] [--seed S] [--keep DIR] [--no-extract]`:
/// generates N invented articles (`ArticleGenerator`), measures extraction
/// alone on all cores over the same files (what `kg-bench extract` measures),
/// then `kg ingest` end to end into a fresh graph; prints documents/s and MB/s
/// over the first and the last tenth of the documents, peak resident memory
/// of the ingest, the log's size and the time to open the graph afterwards.
func ingestBench(_ args: [String]) -> Int32 {
    var docs = 20_000, kb = 3.0, seed: UInt64 = 42, keep: String?, compareExtract = true
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : ""
        switch args[i] {
        case "--docs": docs = Int(value) ?? docs; i += 2
        case "--kb": kb = Double(value) ?? kb; i += 2
        case "--seed": seed = UInt64(value) ?? seed; i += 2
        case "--keep": keep = value; i += 2
        case "--no-extract": compareExtract = false; i += 1
        default: print("kg-bench ingest: unknown argument \(args[i])"); return 2
        }
    }
    let fm = FileManager.default
    let root = URL(fileURLWithPath: keep ?? NSTemporaryDirectory() + "kg-bench-ingest-\(getpid())")
    let docDir = root.appendingPathComponent("docs"), graph = root.appendingPathComponent("graph")
    try? fm.removeItem(at: graph)
    try? fm.removeItem(at: docDir)
    defer { if keep == nil { try? fm.removeItem(at: root) } }

    // 1. Documents, 1,000 to a folder.
    var generator = ArticleGenerator(seed: seed)
    var paths: [String] = []
    var totalBytes = 0
    let g0 = Date()
    for d in 0..<docs {
        let folder = docDir.appendingPathComponent(String(format: "%03d", d / 1000))
        if d % 1000 == 0 { try? fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        let text = generator.article(d, bytes: Int(kb * 1000))
        let path = folder.appendingPathComponent(String(format: "a%06d.txt", d)).path
        // Plain write(2): FileManager.createFile fsyncs every file, which made generating take longer than ingesting.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var bytes = Array(text.utf8)
        let written = fd >= 0 ? write(fd, &bytes, bytes.count) : -1
        if fd >= 0 { close(fd) }
        guard written == bytes.count else { print("kg-bench ingest: cannot write \(path)"); return 1 }
        paths.append(path)
        totalBytes += text.utf8.count
    }
    let mb = Double(totalBytes) / 1e6
    print(String(format: "documents: %d generated, %.1f MB (%.0f bytes each) in %.1f s, under %@", docs, mb,
                 Double(totalBytes) / Double(max(docs, 1)), Date().timeIntervalSince(g0), docDir.path))
    printLoad()

    // 2. Extraction alone, all cores, same files (read + extract, nothing stored).
    var extractRate = 0.0
    if compareExtract {
        let extractor = Extractor(lexicon: Lexicon.standard(graphDirectory: graph))
        let t0 = Date()
        let files = paths
        DispatchQueue.concurrentPerform(iterations: files.count) { k in
            if case .success(let doc) = DocumentReader.read(path: files[k]) { _ = extractor.extract(text: doc.text, document: "d") }
        }
        let s = Date().timeIntervalSince(t0)
        extractRate = mb / s
        print(String(format: "extract only (%d cores): %.2f s, %.0f docs/s, %.2f MB/s", ProcessInfo.processInfo.activeProcessorCount,
                     s, Double(docs) / s, extractRate))
        // The control for the tenths below: the same documents extracted alone, on one thread, by CPU time.
        // (Later documents name more distinct invented entities, which can cost the extractor more.)
        let sample = max(1, min(docs / 10, 1000))
        func perCPU(_ range: Range<Int>) -> Double {
            let c = cpuSeconds()
            for k in range { if case .success(let doc) = DocumentReader.read(path: paths[k]) { _ = extractor.extract(text: doc.text, document: "d") } }
            return Double(range.count) / max(cpuSeconds() - c, 1e-9)
        }
        let early = perCPU(0..<sample), late = perCPU((docs - sample)..<docs)
        print(String(format: "extract only, one thread, first and last %d docs: %.0f and %.0f docs per CPU-second (%.0f%%)",
                     sample, early, late, 100 * late / early))
    }

    // 3. Ingest end to end.
    resetPeakRSS()
    var samples: [(t: Double, docs: Int, bytes: Int, writer: Double, cpu: Double)] = []
    var peakBeforeClose = 0.0
    let t0 = Date()
    let c0 = cpuSeconds()
    let summary: [String]
    do {
        summary = try IngestRun.run(graph: graph, paths: [docDir.path]) { n, b, w in
            samples.append((Date().timeIntervalSince(t0), n, b, w, cpuSeconds()))
            if n == docs { peakBeforeClose = peakRSSMB() }
        }
    } catch {
        print("kg-bench ingest: \(error)")
        return 1
    }
    let wall = Date().timeIntervalSince(t0)
    let cpu = cpuSeconds() - c0
    let peak = peakRSSMB()
    for line in summary { print("ingest: " + line) }
    guard let start = samples.first, let end = samples.last, end.docs > 0 else { print("kg-bench ingest: nothing ingested"); return 1 }
    let tenth = max(1, end.docs / 10)
    let firstEnd = samples.first { $0.docs >= tenth } ?? end
    let lastStart = samples.last { $0.docs <= end.docs - tenth } ?? start
    typealias Sample = (t: Double, docs: Int, bytes: Int, writer: Double, cpu: Double)
    func rates(_ a: Sample, _ b: Sample) -> (docs: Double, mb: Double, perCPU: Double) {
        let s = max(b.t - a.t, 1e-9)
        return (Double(b.docs - a.docs) / s, Double(b.bytes - a.bytes) / 1e6 / s, Double(b.docs - a.docs) / max(b.cpu - a.cpu, 1e-9))
    }
    /// Milliseconds the writer spent per document (building operations and committing) between two samples.
    func writerMs(_ from: Int, _ to: Int) -> Double {
        let slice = samples.filter { $0.docs > from && $0.docs <= to }
        return 1000 * slice.reduce(0) { $0 + $1.writer } / Double(max(1, to - from))
    }
    let first = rates(start, firstEnd), last = rates(lastStart, end), all = rates(start, end)
    print(String(format: "ingest end to end: %.2f s wall (%.2f s reading and hashing first), %.2f s cpu, %.0f docs/s, %.2f MB/s",
                 wall, start.t, cpu, Double(end.docs) / wall, mb / wall))
    print(String(format: "  first tenth (%d docs): %.0f docs/s, %.2f MB/s; %.0f docs per CPU-second; writer %.2f ms per document",
                 firstEnd.docs - start.docs, first.docs, first.mb, first.perCPU, writerMs(start.docs, firstEnd.docs)))
    print(String(format: "  last tenth  (%d docs): %.0f docs/s, %.2f MB/s; %.0f docs per CPU-second; writer %.2f ms per document",
                 end.docs - lastStart.docs, last.docs, last.mb, last.perCPU, writerMs(lastStart.docs, end.docs)))
    print(String(format: "  last tenth / first tenth: %.0f%% wall-clock rate, %.0f%% rate per CPU-second (the second ignores other load on the machine)",
                 100 * last.docs / max(first.docs, 1e-9), 100 * last.perCPU / max(first.perCPU, 1e-9)))
    print(String(format: "  extraction phase: %.0f docs/s, %.2f MB/s over %d transactions", all.docs, all.mb, samples.count - 1))
    if compareExtract {
        print(String(format: "  end to end / extract only: %.0f%%", 100 * (mb / wall) / extractRate))
    }
    print(String(format: "  peak resident memory: %.0f MB until the last commit, %.0f MB with the snapshot written on close", peakBeforeClose, peak))
    let logSize = ((try? fm.attributesOfItem(atPath: graph.appendingPathComponent("kg.log").path)[.size]) as? Int) ?? 0
    print(String(format: "  log: %.1f MB (%.0f bytes per document)", Double(logSize) / 1e6, Double(logSize) / Double(docs)))

    // 4. Opening afterwards (the writer left a snapshot on close when the log grew enough).
    for useSnapshot in [true, false] {
        let o0 = Date()
        guard let store = try? GraphStore.open(graph, mode: .read, useSnapshot: useSnapshot) else { print("kg-bench ingest: cannot reopen"); return 1 }
        let view = store.current
        print(String(format: "  open %@: %.2f s (%d documents, %d entities, %d triples)", useSnapshot ? "with snapshot   " : "replaying the log",
                     Date().timeIntervalSince(o0), view.documentCount, view.entityCount, view.tripleCount))
    }
    printLoad()
    return 0
}

func printLoad() {
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        print("load average: \(load.split(separator: " ").prefix(3).joined(separator: " ")) (other work on the machine lowers wall-clock figures)")
    }
}

/// Resets the kernel's peak-RSS mark (VmHWM) so the next reading covers only what follows.
func resetPeakRSS() {
    let fd = open("/proc/self/clear_refs", O_WRONLY)
    if fd >= 0 { _ = write(fd, "5", 1); close(fd) }
}

/// VmHWM from /proc/self/status, in MB (getrusage's maxrss as a fallback).
func peakRSSMB() -> Double {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
       let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
       let kb = Double(line.split(separator: " ").dropFirst().first ?? "") {
        return kb / 1024
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
