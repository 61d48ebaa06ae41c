import Foundation
import KGCore
import KGDatalog
import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// `kg-bench big`: a big graph answered the way the REPL answers it, beside
/// the systems a user would pick instead (issue 14, bench/README.md).
///
/// For a graph made by the store generator (`kg-bench store --keep`: names
/// "Entity N", an alias 实体N on every fourth entity, evidence on every
/// triple), in one process: cold open, resident memory after it, then through
/// the public Datalog API (GraphFacts over the view, one DatalogSession, as
/// the REPL builds them) the first query and p50/p99 of
///   point   `?- triple("Entity K", P, O).`
///   2-hop   `?- triple("Entity K", P, X), triple(X, Q, Y).`
///   reach   `reach("Entity K", Y)` over invested_in (a recursive rule)
///   agg     `?- P, sum(1) <- triple(S, P, O).` (triples per predicate: a full scan)
///   miss    `?- triple("Entiti K", P, O).` (kg only: a name no entity has, warned with the nearest)
/// The same graph is exported to TSV and the same queries run on DuckDB and
/// SQLite (bench/big_peer.py; loading timed apart), when installed.
func bigBench(_ args: [String]) -> Int32 {
    var triples = 1_000_000
    var graph: String?
    var work: String?
    var queries = 40, reachQueries = 10, aggReps = 3
    var peers = true
    var verbose = false
    var runner = "bench/big_peer.py"
    var only: Set<String>?
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : ""
        switch args[i] {
        case "--triples": triples = Int(value) ?? triples; i += 2
        case "--graph": graph = value; i += 2
        case "--work": work = value; i += 2
        case "--queries": queries = max(1, Int(value) ?? queries); i += 2
        case "--reach-queries": reachQueries = max(1, Int(value) ?? reachQueries); i += 2
        case "--agg-reps": aggReps = max(1, Int(value) ?? aggReps); i += 2
        case "--no-peers": peers = false; i += 1
        case "--verbose": verbose = true; i += 1
        case "--runner": runner = value; i += 2
        case "--only": only = Set(value.split(separator: ",").map(String.init)); i += 2
        default:
            print("usage: kg-bench big [--triples N] [--graph DIR] [--work DIR] [--queries K] [--reach-queries K] [--agg-reps R] [--only point,2hop,reach,agg] [--no-peers] [--verbose]")
            return 2
        }
    }
    let workDir = URL(fileURLWithPath: work ?? FileManager.default.temporaryDirectory.appendingPathComponent("kg-bench-big-\(triples)").path)
    try? FileManager.default.createDirectory(at: workDir, withIntermediateDirectories: true)
    let graphDir = URL(fileURLWithPath: graph ?? workDir.appendingPathComponent("graph").path)
    if !FileManager.default.fileExists(atPath: graphDir.appendingPathComponent("kg.log").path) {
        print("# making the graph: kg-bench store --triples \(triples) --keep \(graphDir.path)")
        let status = storeBench(["--triples", String(triples), "--keep", graphDir.path])
        guard status == 0 else { return status }
    }

    // Cold open, first thing in the process (the page cache may still hold the files).
    let memoryBefore = ProcessMemory.read()
    let t0 = Date()
    let store: GraphStore
    do { store = try GraphStore.open(graphDir, mode: .read) } catch {
        print("kg-bench big: \(error)"); return 1
    }
    let openSeconds = Date().timeIntervalSince(t0)
    let memoryAfterOpen = ProcessMemory.read()
    let view = store.current
    let entityCount = view.nextEntityID - 1
    print("graph \(graphDir.path): \(view.tripleCount) live triples, \(view.entityCount) entities, transaction \(view.tx), snapshot \(store.openedFromSnapshot)")
    print(String(format: "kg open_s %.3f  rss_mb %.0f  hwm_mb %.0f  (before open: rss %.0f MB)",
                 openSeconds, memoryAfterOpen.rssMB, memoryAfterOpen.hwmMB, memoryBefore.rssMB))

    // The entities every engine asks about: spread over the id range, the same every run.
    var rng = SplitMix64(seed: 14)
    let names = (0..<queries).map { _ in "Entity \(Int.random(in: 1...max(1, entityCount), using: &rng))" }
    let reachNames = Array(names.prefix(reachQueries))
    let workloads: [(name: String, sources: [String], rules: String)] = [
        ("point", names.map { "?- triple(\"\($0)\", P, O)." }, ""),
        ("2hop", names.map { "?- triple(\"\($0)\", P, X), triple(X, Q, Y)." }, ""),
        ("reach", reachNames.map { "?- reach(\"\($0)\", Y)." },
         "reach(X, Y) :- invested_in(X, Y).\nreach(X, Y) :- reach(X, Z), invested_in(Z, Y).\n"),
        ("agg", Array(repeating: "?- P, sum(1) <- triple(S, P, O).", count: aggReps), ""),
        // kg only (the peers have no did-you-mean): a misspelt name, which looks for a short
        // form and the nearest names over the whole graph for its warning.
        ("miss", names.prefix(3).map { "?- triple(\"\($0.replacingOccurrences(of: "Entity", with: "Entiti"))\", P, O)." }, ""),
    ]

    // One session over the view, as the REPL holds one per transaction.
    let session = DatalogSession(factSource: GraphFacts(view: view))
    var kgFigures: [String: (first: Double, p50: Double, p99: Double, answers: [Int])] = [:]
    print("\nengine\tquery\tfirst_s\tp50_s\tp99_s\truns\tanswers(first 5)")
    for w in workloads where only?.contains(w.name) ?? true {
        do {
            if !w.rules.isEmpty { _ = try session.run(source: w.rules, file: "<bench rules>") }
            var times: [Double] = [], answers: [Int] = []
            for source in w.sources {
                let start = Date()
                let results = try session.run(source: source, file: "<bench>")
                times.append(Date().timeIntervalSince(start))
                answers.append(results.last?.count ?? -1)
            }
            let first = times[0]
            // Percentiles over the runs after the first (the first also loads the relations it reads).
            let rest = times.count > 1 ? Array(times.dropFirst()) : times
            let figures = (first, percentile(rest, 0.5), percentile(rest, 0.99), answers)
            kgFigures[w.name] = figures
            print("kg\t\(w.name)\t\(f3(first))\t\(f3(figures.1))\t\(f3(figures.2))\t\(times.count)\t\(answers.prefix(5).map(String.init).joined(separator: ","))"
                  + (verbose ? "\truns \(times.map(f3).joined(separator: " "))" : ""))
        } catch {
            print("kg\t\(w.name)\tfailed: \(error)")
        }
    }
    let memoryAfterQueries = ProcessMemory.read()
    print(String(format: "kg after queries: rss_mb %.0f  hwm_mb %.0f", memoryAfterQueries.rssMB, memoryAfterQueries.hwmMB))

    guard peers else { return 0 }
    guard FileManager.default.fileExists(atPath: runner) else {
        print("\npeers skipped: \(runner) not found (run kg-bench from the repository root or give --runner)")
        return 0
    }
    // The same graph for the peers: entity(id, name), alias(id, alias), triple(s, p, o) with entity ids.
    let exportStart = Date()
    let data = workDir.appendingPathComponent("tsv")
    do { try exportTSV(view, to: data) } catch { print("export failed: \(error)"); return 1 }
    try? names.joined(separator: "\n").write(to: workDir.appendingPathComponent("names.txt"), atomically: true, encoding: .utf8)
    print(String(format: "\nexported TSV in %.1f s to %@", Date().timeIntervalSince(exportStart), data.path))

    for engine in ["duckdb", "sqlite"] {
        let probe = engine == "duckdb" ? "import duckdb" : "import sqlite3"
        if shell(["python3", "-c", probe], env: [:], timeout: 60).status != 0 {
            print("\(engine)\t(not installed here: pip install duckdb)")
            continue
        }
        let run = shell(["python3", runner, engine, data.path, workDir.appendingPathComponent("names.txt").path,
                         String(reachQueries), String(aggReps)], env: [:], timeout: 3600)
        guard run.status == 0 else { print("\(engine)\tfailed (status \(run.status))\n\(run.output)"); continue }
        for line in run.output.split(separator: "\n") {
            let fields = line.split(separator: "\t").map(String.init)
            // engine  query  first_s  p50_s  p99_s  runs  answers   or   engine  load/open  seconds  rss_mb  hwm_mb
            // 2hop_names is the peer's 2-hop with names joined in (kg's 2-hop answers names): against kg's 2hop.
            if fields.count >= 7, let kg = kgFigures[fields[1] == "2hop_names" ? "2hop" : fields[1]], let p50 = Double(fields[3]) {
                let peerAnswers = fields[6].split(separator: ",").compactMap { Int($0) }
                let agree = peerAnswers == Array(kg.answers.prefix(peerAnswers.count))
                print("\(line)\tpeer/kg p50 \(String(format: "%.2f", p50 / max(kg.p50, 1e-6)))\(agree ? "" : "\tANSWERS DIFFER from kg \(kg.answers.prefix(5))")")
            } else {
                print(line)
            }
        }
    }
    return 0
}

/// Resident memory of this process from /proc/self/status.
struct ProcessMemory {
    var rssMB = 0.0, hwmMB = 0.0
    static func read() -> ProcessMemory {
        var m = ProcessMemory()
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return m }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kb = Double(parts[1]) else { continue }
            if line.hasPrefix("VmRSS:") { m.rssMB = kb / 1024 }
            if line.hasPrefix("VmHWM:") { m.hwmMB = kb / 1024 }
        }
        return m
    }
}

/// Writes entity.tsv, alias.tsv and triple.tsv (live triples, merges resolved).
private func exportTSV(_ view: GraphView, to dir: URL) throws {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func write(_ name: String, _ body: (inout [UInt8]) -> Void) throws {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        body(&out)
        try Data(out).write(to: dir.appendingPathComponent(name))
    }
    func field(_ s: String, _ out: inout [UInt8]) {
        for b in s.utf8 { out.append(b == 9 || b == 10 ? 32 : b) }
    }
    let entities = view.entities()
    try write("entity.tsv") { out in
        for e in entities { out += Array(String(e.id).utf8); out.append(9); field(e.name, &out); out.append(10) }
    }
    try write("alias.tsv") { out in
        for e in entities { for a in e.aliases { out += Array(String(e.id).utf8); out.append(9); field(a, &out); out.append(10) } }
    }
    let c = view.columns
    try write("triple.tsv") { out in
        for i in 0..<c.count where c.objects[i] >= 0 {
            out += Array(String(c.subjects[i]).utf8); out.append(9)
            field(c.predicateNames[Int(c.predicates[i])], &out); out.append(9)
            out += Array(String(c.objects[i]).utf8); out.append(10)
        }
    }
}

private func percentile(_ xs: [Double], _ q: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * q).rounded()))]
}

/// Seconds to the microsecond (a point lookup takes tens of them).
private func f3(_ x: Double) -> String { String(format: "%.6f", x) }
