import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KGExtract

/// `kg-bench extract [--mb 50] [PATHS]`: extraction throughput on at least
/// `--mb` megabytes (the documents repeated), on one core and on all cores.
func extractBench(_ args: [String]) -> Int32 {
    var mb = 50.0
    var paths: [String] = []
    var i = 0
    while i < args.count {
        if args[i] == "--mb", i + 1 < args.count, let v = Double(args[i + 1]) { mb = v; i += 2; continue }
        paths.append(args[i]); i += 1
    }
    if paths.isEmpty {
        paths = ["../shared/corpus", "graph/corpus"].filter { FileManager.default.fileExists(atPath: $0) }
    }
    let (files, _) = DocumentReader.expand(paths)
    let texts: [String] = files.compactMap { f in
        if case .success(let d) = DocumentReader.read(path: f) { return d.text } else { return nil }
    }
    guard !texts.isEmpty else {
        print("kg-bench extract: no documents (give PATHS)")
        return 1
    }
    let extractor = Extractor(lexicon: Lexicon.standard(graphDirectory: URL(fileURLWithPath: "graph")))
    _ = extractor.extract(text: texts[0], document: "warm-up")
    let bytesPerRound = texts.reduce(0) { $0 + $1.utf8.count }
    let rounds = max(1, Int((mb * 1_000_000 / Double(bytesPerRound)).rounded(.up)))
    let total = Double(bytesPerRound * rounds)
    print(String(format: "corpus: %d documents, %.1f KB, repeated %d times = %.1f MB", texts.count, Double(bytesPerRound) / 1000, rounds, total / 1e6))

    var t0 = Date()
    let c0 = cpuSeconds()
    var relations = 0
    for _ in 0..<rounds { for (k, t) in texts.enumerated() { relations += extractor.extract(text: t, document: "d\(k)").relations.count } }
    let single = Date().timeIntervalSince(t0)
    let cpu = cpuSeconds() - c0
    print(String(format: "one core : %6.2f s  %7.2f MB/s wall, %7.2f MB/s per CPU-second  (%d relations)",
                 single, total / 1e6 / single, total / 1e6 / cpu, relations))

    let cores = ProcessInfo.processInfo.activeProcessorCount
    let jobs = rounds * texts.count
    t0 = Date()
    DispatchQueue.concurrentPerform(iterations: jobs) { j in
        _ = extractor.extract(text: texts[j % texts.count], document: "d\(j)")
    }
    let multi = Date().timeIntervalSince(t0)
    if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        print("load average: \(load.split(separator: " ").prefix(3).joined(separator: " ")) (other work on the machine lowers wall-clock figures)")
    }
    print(String(format: "%d cores: %6.2f s  %7.2f MB/s", cores, multi, total / 1e6 / multi))
    return 0
}

/// CPU time of this process (user + system), for figures that other load on the machine does not distort.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}
