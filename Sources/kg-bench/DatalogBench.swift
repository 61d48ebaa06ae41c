import Foundation
import KGDatalog

/// `kg-bench datalog [--data DIR] [--reps N] [--peers] [--peer-timeout S] [WORKLOAD ...]`
///
/// Workloads: tc-*, sg-*, kg-join, kg-reach, kg-agg (../shared/bench), and sg-count
/// (bench/sg-count.dl: sg-medium, then a grouped count per node), cspa-20k and cspa-100k
/// (bench/cspa.dl on bench/gen_cspa.py's synthetic input), and crdt (bench/crdt.dl: the
/// RGA list CRDT as Datalog over Automerge's editing history of a paper, `--crdt-history
/// FILE`, default ../bench-data/paper.json.gz; data from bench/gen_crdt.py). The peers'
/// runners do not know these; with --peers, Soufflé (interpreted and compiled, -j1) runs the
/// Soufflé-syntax program (bench/cspa-souffle.dl, bench/crdt.dl) on the same data. Peak
/// memory: kg's is the process's VmHWM after the workload (run one workload per process to
/// read it alone), Soufflé's from `/usr/bin/time` (whole process, load included).
///
/// Runs the kg-syntax programs in bench/ on the generated workloads of
/// ../shared/bench (generated with its gen.py when missing), single-threaded,
/// and prints load and query seconds (median of --reps runs) and answer counts,
/// which must equal the known counts. With --peers it also runs the peer
/// engines' runners that are installed here on the same data, in the same run,
/// and prints their query times and the ratio peer / kg.
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
    // The Soufflé-syntax program of a workload of this repository, for the Soufflé peer.
    let souffleProgram: [String: String] = ["cspa-20k": "bench/cspa-souffle.dl", "cspa-100k": "bench/cspa-souffle.dl",
                                            "crdt": "bench/crdt.dl"]
    // Derived tuples the guard allows (the default, 100M, stops crdt's 151M-tuple skipBlank).
    let maxTuples: [String: Int] = ["crdt": 400_000_000]
    var history = "../bench-data/paper.json.gz"
    var data = "/tmp/kg-bench-datalog"
    var shared = "../shared/bench"
    var reps = 3
    var peers = false
    var peerTimeout = 120
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

    print("workload\tload_s\tquery_s\tanswers\texpected\tpeak_mb")
    var kgQuery: [String: Double] = [:]
    var failed = false
    for w in workloads {
        guard let text = try? String(contentsOfFile: w.program, encoding: .utf8) else {
            print("cannot read \(w.program): run kg-bench from the repository root"); return 1
        }
        var loads: [Double] = [], queries: [Double] = []
        var count = -1
        for _ in 0..<reps {
            do {
                let session = DatalogSession(factSource: try FactFiles(directory: URL(fileURLWithPath: "\(data)/\(w.dataset)")),
                                             maxTuples: maxTuples[w.name] ?? 100_000_000,
                                             maxMemory: w.name == "crdt" ? 16 << 30 : Guards.defaultMaxMemory)
                session.releasesIntermediates = true
                let t0 = Date()
                try session.loadBaseRelations()
                let t1 = Date()
                let results = try session.run(source: text, file: w.program)
                let t2 = Date()
                loads.append(t1.timeIntervalSince(t0))
                queries.append(t2.timeIntervalSince(t1))
                count = results.last?.count ?? -1
            } catch {
                print("\(w.name): \(error)")
                return 1
            }
        }
        let q = median(queries)
        kgQuery[w.name] = q
        let ok = w.expected.map { $0 == count } ?? true
        if !ok { failed = true }
        print("\(w.name)\t\(fmt(median(loads)))\t\(fmt(q))\t\(count)\t\(w.expected.map(String.init) ?? "?")\t\(peakMegabytes())\(ok ? "" : "\tMISMATCH")")
    }

    if peers {
        let runners = "\(shared)/runners"
        // The Soufflé runner calls `souffle` on PATH, or $SOUFFLE.
        let souffleProbe = "import os,shutil,sys; sys.exit(shutil.which(os.environ.get('SOUFFLE','souffle')) is None)"
        let engines: [(String, [String], String)] = [
            ("duckdb-t1", ["python3", "duckdb_run.py", "WL", "1"], "import duckdb"),
            ("sqlite", ["python3", "sqlite_run.py", "WL"], "import sqlite3"),
            ("clingo", ["python3", "clingo_run.py", "WL"], "import clingo"),
            ("souffle-interp-j1", ["python3", "souffle_run.py", "WL", "interp", "1"], souffleProbe),
            ("souffle-compiled-j1", ["python3", "souffle_run.py", "WL", "compiled", "1"], souffleProbe),
            ("cozo", ["python3", "cozo_run.py", "WL"], "import pycozo.client, cozo_embedded"),
            ("swipl", ["python3", "swipl_run.py", "WL"], "import shutil,sys; sys.exit(shutil.which('swipl') is None)"),
        ]
        let absoluteData = URL(fileURLWithPath: data).standardizedFileURL.path
        print("\npeer\tworkload\tquery_s\tanswers\tpeer/kg")
        for (name, command, probe) in engines {
            if shell(["python3", "-c", probe], env: [:], timeout: 60).status != 0 { print("\(name)\t(not installed here)"); continue }
            for w in workloads where ownWorkloads[w.name] == nil {
                // The median of --reps runs, as for kg; a timeout or failure ends the workload's runs.
                var times: [Double] = [], answers = "", problem: String?
                for _ in 0..<reps {
                    let run = shell(command.map { $0 == "WL" ? w.name : $0 }, env: ["BENCH_DATA": absoluteData],
                                    timeout: peerTimeout, directory: runners)
                    let fields = run.output.split(separator: "\n").last.map { $0.split(separator: "\t").map(String.init) } ?? []
                    guard run.status == 0, fields.count >= 4, let seconds = Double(fields[2]) else {
                        problem = run.status == 124 ? "timeout > \(peerTimeout) s" : "failed"
                        break
                    }
                    times.append(seconds)
                    answers = fields[3]
                }
                if let problem, times.isEmpty { print("\(name)\t\(w.name)\t\(problem)"); continue }
                let seconds = median(times)
                let ratio = kgQuery[w.name].map { seconds / max($0, 1e-6) } ?? 0
                print("\(name)\t\(w.name)\t\(fmt(seconds))\t\(answers)\t\(String(format: "%.2f", ratio))")
            }
        }
        // Soufflé on this repository's workloads: the whole run (load included), and its peak memory.
        let souffle = ProcessInfo.processInfo.environment["SOUFFLE"] ?? "souffle"
        let hasSouffle = shell(["python3", "-c", souffleProbe], env: [:], timeout: 60).status == 0
        for w in workloads where ownWorkloads[w.name] != nil {
            guard let program = souffleProgram[w.name] else { continue }
            guard hasSouffle else { print("souffle\t\(w.name)\t(not installed here)"); break }
            let programPath = URL(fileURLWithPath: program).standardizedFileURL.path
            let out = NSTemporaryDirectory() + "kg-bench-souffle-\(w.name)"
            try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for mode in ["interp", "compiled"] {
                var command = [souffle, "-j1", "-F", "\(absoluteData)/\(w.dataset)", "-D", out, programPath]
                if mode == "compiled" {
                    let exe = out + "/\(w.name)-exe"
                    if !FileManager.default.fileExists(atPath: exe) {
                        let built = shell([souffle, "-o", exe, programPath], env: [:], timeout: 1800, directory: out)
                        if built.status != 0 { print("souffle-compiled-j1\t\(w.name)\tcompile failed"); continue }
                    }
                    command = [exe, "-j1", "-F", "\(absoluteData)/\(w.dataset)", "-D", out]
                }
                let t0 = Date()
                let run = shell(["/usr/bin/time", "-f", "PEAK_KB %M"] + command, env: [:], timeout: peerTimeout, directory: out,
                                mergeErrors: true)
                let seconds = Date().timeIntervalSince(t0)
                let lines = run.output.split(separator: "\n").map(String.init)
                let size = lines.last { $0.contains("\t") }?.split(separator: "\t").last.map(String.init) ?? "?"
                let peak = lines.last { $0.hasPrefix("PEAK_KB ") }.flatMap { Int($0.dropFirst(8)) }.map { String($0 / 1024) } ?? "?"
                guard run.status == 0 else { print("souffle-\(mode)-j1\t\(w.name)\t\(run.status == 124 ? "timeout > \(peerTimeout) s" : "failed")"); continue }
                let ratio = kgQuery[w.name].map { seconds / max($0, 1e-6) } ?? 0
                print("souffle-\(mode)-j1\t\(w.name)\t\(fmt(seconds))\t\(size)\t\(String(format: "%.2f", ratio))\tpeak_mb \(peak)")
            }
        }
    }
    return failed ? 1 : 0
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
func shell(_ command: [String], env: [String: String], timeout: Int, directory: String? = nil,
           mergeErrors: Bool = false) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = command
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env { environment[k] = v }
    process.environment = environment
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = mergeErrors ? pipe : FileHandle.nullDevice
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
