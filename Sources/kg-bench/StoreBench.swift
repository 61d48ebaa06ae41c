import Foundation
import KGCore
import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// `kg-bench store [--triples N] [--batch B] [--keep DIR]`: appends N triples in
/// transactions of B to a fresh graph, then reopens it with and without a
/// snapshot. Targets (2-core machine, release build): append >= 500k triples/s,
/// open a 1M-triple graph in <= 1 s.
func storeBench(_ args: [String]) -> Int32 {
    var triples = 1_000_000, batch = 10_000
    var keep: String?
    var openOnly: String?
    var useSnapshot = true
    var appendOnly = false
    var i = 0
    while i < args.count {
        let value = i + 1 < args.count ? args[i + 1] : ""
        switch args[i] {
        case "--triples": triples = Int(value) ?? triples; i += 2
        case "--batch": batch = max(1, Int(value) ?? batch); i += 2
        case "--keep": keep = value; i += 2
        case "--open": openOnly = value; i += 2
        case "--no-snapshot": useSnapshot = false; i += 1
        case "--append-only": appendOnly = true; i += 1
        default:
            print("usage: kg-bench store [--triples N] [--batch B] [--keep DIR]")
            return 2
        }
    }
    if let openOnly {
        // Profiling aid: just open an existing graph.
        let start = Date()
        do {
            let store = try GraphStore.open(URL(fileURLWithPath: openOnly), mode: .read, useSnapshot: useSnapshot)
            print("open_s \(String(format: "%.3f", Date().timeIntervalSince(start))) snapshot \(store.openedFromSnapshot) tx \(store.current.tx)")
            return 0
        } catch {
            print("kg-bench store: \(error)")
            return 1
        }
    }
    let dir = keep.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("kg-bench-store-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }

    let predicates = Predicate.all
    let entityCount = max(2, triples / 10)
    func clock() -> Double { Date().timeIntervalSinceReferenceDate }
    /// Process CPU time: on a machine shared with other builds, wall time alone misleads.
    func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    do {
        // Drafts are built before timing: the figure is the store's, not the generator's.
        var drafts: [TransactionDraft] = []
        // A seeded generator: SystemRandomNumberGenerator makes one getrandom syscall per draw (seconds of sys time).
        var rng = SplitMix64(seed: UInt64.random(in: 0 ... .max))
        var nextEntity = 1
        var made = 0
        while made < triples {
            let n = min(batch, triples - made)
            var ops: [GraphOperation] = []
            ops.reserveCapacity(n + n / 10 + 1)
            let doc = "corpus/news-\(drafts.count).md"
            for k in 0..<n {
                // Introduce entities as the graph grows (about one per ten triples).
                while nextEntity <= min(entityCount, (made + k) / 10 + 2) {
                    let type: EntityType = [.person, .company, .model][nextEntity % 3]
                    ops.append(.assertEntity(Entity(id: nextEntity, type: type, name: "Entity \(nextEntity)",
                                                    aliases: nextEntity % 4 == 0 ? ["实体\(nextEntity)"] : [])))
                    nextEntity += 1
                }
                let s = Int.random(in: 1..<nextEntity, using: &rng)
                let o = Int.random(in: 1..<nextEntity, using: &rng)
                let sentence = "Sentence \((made + k) / 4) of \(doc) says entity \(s) relates to entity \(o)."
                ops.append(.assertTriple(Triple(subject: s, predicate: predicates[(made + k) % predicates.count], object: .entity(o)),
                                         Provenance(document: doc, start: k * 40, end: k * 40 + 30, sentence: sentence,
                                                    rule: "pattern-\(k % 17)", confidence: 0.9)))
            }
            drafts.append(TransactionDraft(source: .document(doc), operations: ops))
            made += n
        }

        func minorFaults() -> Int {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return u.ru_minflt
        }
        let faultsBefore = minorFaults()
        var start = clock(), startCPU = cpu()
        do {
            let store = try GraphStore.open(dir, mode: .write)
            store.autoCheckpointBytes = .max
            for d in drafts { try store.commit(d) }
        }
        let appendTime = clock() - start
        let appendCPU = cpu() - startCPU
        let appendFaults = minorFaults() - faultsBefore
        drafts = []
        if appendOnly {
            print("append_triples_per_s \(Int(Double(triples) / appendTime)) (\(appendCPU) s cpu, \(appendFaults) page faults)")
            return 0
        }

        start = clock(); startCPU = cpu()
        let replayed = try GraphStore.open(dir, mode: .read, useSnapshot: false)
        let replayTime = clock() - start
        let replayCPU = cpu() - startCPU
        let logSize = replayed.logSize
        let stored = replayed.current.tripleCount

        start = clock(); startCPU = cpu()
        var snapshotSize = 0
        do {
            let writer = try GraphStore.open(dir, mode: .write, useSnapshot: false)
            snapshotSize = try writer.checkpoint()
        }
        let checkpointTime = clock() - start
        let checkpointCPU = cpu() - startCPU

        start = clock(); startCPU = cpu()
        let fast = try GraphStore.open(dir, mode: .read)
        let snapshotOpenTime = clock() - start
        let snapshotOpenCPU = cpu() - startCPU
        guard fast.openedFromSnapshot, fast.current.tripleCount == stored else {
            print("error: the snapshot open does not match the replayed graph")
            return 1
        }
        start = clock(); startCPU = cpu()
        let columns = fast.current.columns
        let columnsTime = clock() - start

        // The writer during a checkpoint (SNAP-10): commits of 100 triples each, first with no
        // checkpoint running, then while one is written in the background; the figure is the
        // slowest commit (the stall) and how long the checkpoint ran beside them.
        var stall = (quiet: [Double](), during: [Double](), startCall: 0.0, background: 0.0, sync: 0.0)
        do {
            let writer = try GraphStore.open(dir, mode: .write)
            writer.autoCheckpointBytes = .max
            writer.backgroundCheckpointBytes = .max
            var nextTriple = 0
            func smallCommit() throws -> Double {
                let n = writer.nextEntityID
                var ops: [GraphOperation] = [.assertEntity(Entity(id: n, type: .company, name: "Late \(n)"))]
                for k in 0..<100 {
                    nextTriple += 1
                    ops.append(.assertTriple(Triple(subject: n, predicate: predicates[k % predicates.count], object: .entity(1 + (nextTriple * 7919) % (n - 1))),
                                             Provenance(document: "late/\(n).md", start: k, end: k + 9, sentence: "Late sentence \(nextTriple).",
                                                        rule: "late", confidence: 0.8)))
                }
                let t = clock()
                try writer.commit(TransactionDraft(source: .document("late/\(n).md"), operations: ops))
                return clock() - t
            }
            for _ in 0..<200 { stall.quiet.append(try smallCommit()) }
            let begun = clock()
            _ = writer.startCheckpoint()
            stall.startCall = clock() - begun
            while writer.checkpointInProgress { stall.during.append(try smallCommit()) }
            try writer.finishCheckpoint()
            stall.background = clock() - begun
            let syncStart = clock()
            try writer.checkpoint()
            stall.sync = clock() - syncStart
        }

        func f(_ x: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", x) }
        print("store: \(triples) triples in \(drafts.isEmpty ? (triples + batch - 1) / batch : 0) transactions of \(batch), \(nextEntity - 1) entities")
        print("append_triples_per_s \(f(Double(triples) / appendTime, 0))   (\(f(appendTime)) s wall, \(f(appendCPU)) s cpu on two threads, fsync per transaction, \(appendFaults) page faults)")
        print("open_replay_s \(f(replayTime))   (\(f(replayCPU)) s cpu; whole log, no snapshot)")
        print("checkpoint_s \(f(checkpointTime))   (\(f(checkpointCPU)) s cpu, includes a full replay)   snapshot_bytes \(snapshotSize)")
        print("open_snapshot_s \(f(snapshotOpenTime))   (\(f(snapshotOpenCPU)) s cpu)")
        print("columns_s \(f(columnsTime))   (\(columns.count) rows as Int32 columns)")
        /// Median, 99th percentile and slowest of commit latencies.
        func spread(_ xs: [Double]) -> String {
            let v = xs.sorted()
            guard !v.isEmpty else { return "none" }
            return "median \(f(v[v.count / 2], 4)) s, p99 \(f(v[min(v.count - 1, v.count * 99 / 100)], 4)) s, slowest \(f(v.last!, 4)) s"
        }
        print("checkpoint_background_s \(f(stall.background))   (start call \(f(stall.startCall, 4)) s; \(stall.during.count) commits of 100 triples ran beside it: \(spread(stall.during)); \(stall.quiet.count) before it with none running: \(spread(stall.quiet)))")
        print("checkpoint_sync_s \(f(stall.sync))   (a writer opened from the snapshot, waiting for its checkpoint: what a commit would stall)")
        print("log_bytes \(logSize)   bytes_per_triple \(f(Double(logSize) / Double(triples), 1))")
        print("live_triples \(stored)")
        return 0
    } catch {
        print("kg-bench store: \(error)")
        return 1
    }
}

/// SplitMix64: a tiny, fast, seedable generator for building the bench's drafts.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
