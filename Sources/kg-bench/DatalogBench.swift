import Foundation
import KGDatalog

/// `kg-bench datalog [--data DIR] [--reps N] [--peers] [--engines a,b] [--peer-timeout S] [--crdt-history FILE] [WORKLOAD ...]`
///
/// Workloads: tc-*, sg-*, kg-join, kg-reach, kg-agg (../shared/bench), and sg-count
/// (bench/sg-count.dl: sg-medium, then a grouped count per node), cspa-20k and cspa-100k
/// (bench/cspa.dl on bench/gen_cspa.py's synthetic input), and crdt (bench/crdt.dl: the
/// RGA list CRDT as Datalog over Automerge's editing history of a paper, `--crdt-history
/// FILE`, default ../bench-data/paper.json.gz, turned into facts by bench/gen_crdt.py).
/// Their peers run through bench/peer_own.py. `peak_mb` is this process's VmHWM after the
/// workload's runs: run one workload per process to read one workload's peak alone.
///
/// Runs the kg-syntax programs in bench/ on the generated workloads of
/// ../shared/bench (generated with its gen.py when missing), single-threaded:
/// in process (load and query timed apart) and as a whole `kg query --facts DIR
/// PROGRAM` process (end to end: start, load, evaluate, print), median of --reps;
/// answer counts must equal the known ones. With --peers it also runs the peer
/// engines' runners that are installed here on the same data, interleaved with kg
/// (each rep runs every engine once), and prints their load, query and end-to-end
/// seconds and the ratios peer / kg. Own workloads' peers: bench/peer_own.py.
func datalogBench(_ args: [String]) -> Int32 {
    struct Workload { var name: String; var dataset: String; var program: String; var expected: Int? }
    let known: [String: Int] = ["tc-small": 981_089, "tc-medium": 4_000_000, "tc-large": 25_000_000,
                                "sg-small": 270_648, "sg-medium": 2_315_450, "sg-large": 5_967_320,
                                "kg-join": 3_682, "kg-reach": 5_001_487, "kg-agg": 5_233, "sg-count": 5_959,
                                "cspa-100k": 970_531, "crdt": 104_852]
    // Workloads of this repository only (bench/): their data set and program; the peers' runners do not know them.
    // A nil generator: the data set is one of ../shared/bench's.
    let ownWorkloads: [String: (dataset: String, program: String, generator: [String]?)] = [
        "sg-count": ("sg-medium", "bench/sg-count.dl", nil),
        "cspa-20k": ("cspa-20k", "bench/cspa.dl", ["python3", "bench/gen_cspa.py", "--assign", "20000"]),
        "cspa-100k": ("cspa-100k", "bench/cspa.dl", ["python3", "bench/gen_cspa.py", "--assign", "100000"]),
        "crdt": ("crdt", "bench/crdt.dl", ["python3", "bench/gen_crdt.py", "--history", "HISTORY"]),
    ]
    // Derived tuples the guard allows (the default, 100M, stops crdt's 151M-tuple skipBlank), and the memory budget.
    let maxTuples: [String: Int] = ["crdt": 400_000_000]
    let maxMemory: [String: Int] = ["crdt": 16 << 30]
    var history = "../bench-data/paper.json.gz"
    var data = "/tmp/kg-bench-datalog"
    var shared = "../shared/bench"
    var reps = 3
    var peers = false
    var peerTimeout = 120
    var onlyEngines: Set<String>? = nil
    var names: [String] = []
    var i = 0
    while i < args.count {
        switch args[i] {
        case "--data": i += 1; data = args[i]
        case "--shared": i += 1; shared = args[i]
        case "--reps": i += 1; reps = max(1, Int(args[i]) ?? 3)
        case "--peers": peers = true
        case "--peer-timeout": i += 1; peerTimeout = Int(args[i]) ?? 120
        case "--crdt-history": i += 1; history = args[i]
        case "--engines": i += 1; onlyEngines = Set(args[i].split(separator: ",").map(String.init)); peers = true
        default: names.append(args[i])
        }
        i += 1
    }
    if names.isEmpty { names = ["tc-medium", "sg-medium", "kg-join", "kg-reach", "kg-agg"] }
    var workloads: [Workload] = []
    for name in names {
        let expected = known[name]
        guard expected != nil || ownWorkloads[name] != nil else {
            print("unknown workload \(name); known: \(Set(known.keys).union(ownWorkloads.keys).sorted().joined(separator: " "))")
            return 2
        }
        if let own = ownWorkloads[name] {
            workloads.append(Workload(name: name, dataset: own.dataset, program: own.program, expected: expected))
            continue
        }
        let kind = name.hasPrefix("kg-") ? name : String(name.prefix(2))
        let dataset = name.hasPrefix("kg-") ? "kg" : name
        workloads.append(Workload(name: name, dataset: dataset, program: "bench/\(kind).dl", expected: expected))
    }

    // Data: generate what is missing.
    for w in workloads {
        guard let generator = ownWorkloads[w.name]?.generator, !FileManager.default.fileExists(atPath: "\(data)/\(w.dataset)") else { continue }
        print("generating \(w.dataset) into \(data) ...")
        let command = generator.map { $0 == "HISTORY" ? history : $0 } + ["--out", "\(data)/\(w.dataset)"]
        let status = shell(command, env: [:], timeout: 600).status
        if status != 0 { print("\(generator.joined(separator: " ")) failed (status \(status))"); return 1 }
    }
    let missing = Set(workloads.map(\.dataset)).filter { !FileManager.default.fileExists(atPath: "\(data)/\($0)") }
    if !missing.isEmpty {
        print("generating \(missing.sorted().joined(separator: ",")) into \(data) ...")
        let status = shell(["python3", "\(shared)/gen.py", "--out", data, "--only", missing.sorted().joined(separator: ",")], env: [:], timeout: 600).status
        if status != 0 { print("gen.py failed (status \(status)); pass --shared DIR if ../shared/bench is elsewhere"); return 1 }
    }

    // The peers: the shared runners for the shared workloads, bench/peer_own.py for this repository's.
    let runners = "\(shared)/runners"
    let souffleProbe = "import os,shutil,sys; sys.exit(shutil.which(os.environ.get('SOUFFLE','souffle')) is None)"
    let engines: [(name: String, command: [String], probe: String)] = [
        ("duckdb-t1", ["python3", "duckdb_run.py", "WL", "1"], "import duckdb"),
        ("sqlite", ["python3", "sqlite_run.py", "WL"], "import sqlite3"),
        ("clingo", ["python3", "clingo_run.py", "WL"], "import clingo"),
        ("souffle-interp-j1", ["python3", "souffle_run.py", "WL", "interp", "1"], souffleProbe),
        ("souffle-compiled-j1", ["python3", "souffle_run.py", "WL", "compiled", "1"], souffleProbe),
        ("cozo", ["python3", "cozo_run.py", "WL"], "import pycozo.client, cozo_embedded"),
        ("swipl", ["python3", "swipl_run.py", "WL"], "import shutil,sys; sys.exit(shutil.which('swipl') is None)"),
    ]
    // Own workloads: which engines bench/peer_own.py runs them on.
    let ownPeers: [String: Set<String>] = [
        "sg-count": ["duckdb-t1", "sqlite", "souffle-interp-j1", "souffle-compiled-j1"],
        "cspa-20k": ["souffle-interp-j1", "souffle-compiled-j1"],
        "cspa-100k": ["souffle-interp-j1", "souffle-compiled-j1"],
        "crdt": ["souffle-interp-j1", "souffle-compiled-j1"],
    ]
    let absoluteData = URL(fileURLWithPath: data).standardizedFileURL.path
    let repository = FileManager.default.currentDirectoryPath
    var installed: [String] = []
    if peers {
        for e in engines where onlyEngines?.contains(e.name) ?? true {
            if shell(["python3", "-c", e.probe], env: [:], timeout: 60).status == 0 { installed.append(e.name) }
            else { print("\(e.name)\t(not installed here)") }
        }
    }
    // `kg query` beside this kg-bench, for the whole-process (end to end) runs.
    let kgBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("kg").path
    let haveKG = FileManager.default.isExecutableFile(atPath: kgBinary)
    if !haveKG { print("no \(kgBinary): end-to-end runs skipped (swift build -c release --product kg)") }

    struct Runs {
        var load: [Double] = [], query: [Double] = [], total: [Double] = []
        var loadCPU: [Double] = [], queryCPU: [Double] = []   // kg in process: CPU seconds (getrusage), which other load distorts less
        var answers = "", problem: String?
    }
    var kgRuns: [String: Runs] = [:]                 // in process: load and query apart
    var kgProcess: [String: Runs] = [:]              // `kg query --facts DIR PROGRAM`, whole process
    var peerRuns: [String: [String: Runs]] = [:]     // engine -> workload -> runs
    print("load average at start: \(loadAverage())")
    // Interleaved: each rep runs every workload on kg and on every peer, so that a change of the
    // machine's load touches every engine alike.
    for _ in 0..<reps {
        for w in workloads {
            guard let text = try? String(contentsOfFile: w.program, encoding: .utf8) else {
                print("cannot read \(w.program): run kg-bench from the repository root"); return 1
            }
            do {
                let session = DatalogSession(factSource: try FactFiles(directory: URL(fileURLWithPath: "\(data)/\(w.dataset)")),
                                             maxTuples: maxTuples[w.name] ?? 100_000_000,
                                             maxMemory: maxMemory[w.name] ?? Guards.defaultMaxMemory)
                session.releasesIntermediates = true   // as `kg query` does
                let t0 = Date(), c0 = cpuSeconds()
                try session.loadBaseRelations()
                let t1 = Date(), c1 = cpuSeconds()
                let results = try session.run(source: text, file: w.program)
                let t2 = Date(), c2 = cpuSeconds()
                kgRuns[w.name, default: Runs()].loadCPU.append(c1 - c0)
                kgRuns[w.name, default: Runs()].queryCPU.append(c2 - c1)
                kgRuns[w.name, default: Runs()].load.append(t1.timeIntervalSince(t0))
                kgRuns[w.name, default: Runs()].query.append(t2.timeIntervalSince(t1))
                kgRuns[w.name, default: Runs()].answers = String(results.last?.count ?? -1)
            } catch {
                print("\(w.name): \(error)")
                return 1
            }
            if haveKG {
                let t0 = Date()
                let limits = (maxTuples[w.name].map { ["--max-tuples", String($0)] } ?? []) + (maxMemory[w.name].map { ["--max-memory", "\($0 >> 30)G"] } ?? [])
                let run = shell([kgBinary, "query", "--facts", "\(absoluteData)/\(w.dataset)"] + limits + [w.program], env: [:], timeout: peerTimeout)
                let elapsed = Date().timeIntervalSince(t0)
                // `.printsize r` prints `r<TAB>size`: the last one is the answer count.
                let last = run.output.split(separator: "\n").last.map { $0.split(separator: "\t").map(String.init) } ?? []
                if run.status == 0, last.count == 2 {
                    kgProcess[w.name, default: Runs()].total.append(elapsed)
                    kgProcess[w.name, default: Runs()].answers = last[1]
                } else {
                    kgProcess[w.name, default: Runs()].problem = run.status == 124 ? "timeout > \(peerTimeout) s" : "failed"
                }
            }
            for e in engines where installed.contains(e.name) {
                if peerRuns[e.name]?[w.name]?.problem != nil { continue }  // a timeout or failure ends the workload's runs
                let command: [String], directory: String
                if ownWorkloads[w.name] != nil {
                    guard ownPeers[w.name]?.contains(e.name) == true else { continue }
                    command = ["python3", "\(repository)/bench/peer_own.py", e.name, w.name, "\(absoluteData)/\(w.dataset)"]
                    directory = repository
                } else {
                    command = e.command.map { $0 == "WL" ? w.name : $0 }
                    directory = runners
                }
                let t0 = Date()
                let run = shell(command, env: ["BENCH_DATA": absoluteData], timeout: peerTimeout, directory: directory)
                let elapsed = Date().timeIntervalSince(t0)
                let fields = run.output.split(separator: "\n").last.map { $0.split(separator: "\t").map(String.init) } ?? []
                var r = peerRuns[e.name]?[w.name] ?? Runs()
                if run.status == 0, fields.count >= 5, let q = Double(fields[2]), let l = Double(fields[4]) {
                    r.query.append(q); r.load.append(l); r.total.append(elapsed); r.answers = fields[3]
                } else {
                    r.problem = run.status == 124 ? "timeout > \(peerTimeout) s" : "failed"
                }
                peerRuns[e.name, default: [:]][w.name] = r
            }
        }
    }
    print("load average at end: \(loadAverage())")

    // kg: load and query in process; end to end = the whole `kg query` process (start, load, evaluate, print).
    print("\nworkload\tload_s\tquery_s\tend_to_end_s\tanswers\texpected\tpeak_mb\tload_cpu_s\tquery_cpu_s")
    var failed = false
    for w in workloads {
        let r = kgRuns[w.name]!, p = kgProcess[w.name]
        let ok = w.expected.map { String($0) == r.answers && (p == nil || p!.total.isEmpty || p!.answers == r.answers) } ?? true
        if !ok { failed = true }
        let e2e = p.map { $0.total.isEmpty ? ($0.problem ?? "–") : fmt(median($0.total)) } ?? "–"
        print("kg\t\(w.name)\t\(fmt(median(r.load)))\t\(fmt(median(r.query)))\t\(e2e)\t\(r.answers)\t\(w.expected.map(String.init) ?? "?")\t\(peakMegabytes())\t\(fmt(median(r.loadCPU)))\t\(String(format: "%.4f", median(r.queryCPU)))\(ok ? "" : "\tMISMATCH")")
    }
    guard peers else { return failed ? 1 : 0 }
    // Peers: their runners' query and load seconds (interpreter start and imports not counted; Soufflé's
    // load includes its process start), end to end = load + query; ratios peer / kg.
    print("\npeer\tworkload\tload_s\tquery_s\tend_to_end_s\tprocess_s\tanswers\tquery_peer/kg\tend_to_end_peer/kg")
    for e in engines where installed.contains(e.name) {
        for w in workloads {
            guard let r = peerRuns[e.name]?[w.name] else { continue }
            if r.query.isEmpty { print("\(e.name)\t\(w.name)\t\(r.problem ?? "failed")"); continue }
            let q = median(r.query), l = median(r.load)
            let e2e = median(zip(r.load, r.query).map { $0 + $1 })
            let kgQ = median(kgRuns[w.name]!.query)
            let kgE = kgProcess[w.name].flatMap { $0.total.isEmpty ? nil : median($0.total) }
            let agree = r.answers == kgRuns[w.name]!.answers
            if !agree { failed = true }
            print("\(e.name)\t\(w.name)\t\(fmt(l))\t\(fmt(q))\t\(fmt(e2e))\t\(fmt(median(r.total)))\t\(r.answers)\(agree ? "" : " MISMATCH")\t"
                  + String(format: "%.2f\t", q / max(kgQ, 1e-6)) + (kgE.map { String(format: "%.2f", e2e / $0) } ?? "–"))
        }
    }
    return failed ? 1 : 0
}

/// The 1-minute load average (`/proc/loadavg`), or "?".
private func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)).map { String($0.split(separator: " ").prefix(3).joined(separator: " ")) } ?? "?"
}

private func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// This process's peak resident memory so far (VmHWM), in MB; "?" where /proc is not there.
private func peakMegabytes() -> String {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Int(line.split(separator: " ").dropFirst().first ?? "") else { return "?" }
    return String(kb / 1024)
}
private func fmt(_ x: Double) -> String { String(format: "%.3f", x) }

/// Runs a command, returning its exit status (124 on timeout) and standard output.
func shell(_ command: [String], env: [String: String], timeout: Int, directory: String? = nil) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    process.environment = environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return (127, "") }
    let deadline = Date().addingTimeInterval(Double(timeout))
    var collected = Data()
    let reader = pipe.fileHandleForReading
    DispatchQueue.global().async {
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
    }
    collected = reader.readDataToEndOfFile()
    process.waitUntilExit()
    let timedOut = process.terminationReason == .uncaughtSignal
    return (timedOut ? 124 : process.terminationStatus, String(decoding: collected, as: UTF8.self))
}
