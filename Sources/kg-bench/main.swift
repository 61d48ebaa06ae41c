// kg-bench: the project's benchmarks. Build with `swift build -c release` and run
// `.build/release/kg-bench <store|datalog|extract|ingest> [options]`; each prints figures
// as plain numbers (and ratios against peers where the stage has them).
#if canImport(Glibc)
import Glibc
#endif

/// One line of help per benchmark; `kg-bench NAME --help` prints it.
let usages: [(name: String, usage: String)] = [
    ("store", """
     kg-bench store [--triples N] [--batch B] [--keep DIR]
       append N triples (default 1,000,000) in transactions of B (10,000) to a fresh graph, reopen it
       with and without a snapshot; prints triples/s, open seconds, bytes per triple
     """),
    ("datalog", """
     kg-bench datalog [--data DIR] [--shared ../shared/bench] [--reps N] [--peers] [--engines duckdb-t1,sqlite,...]
                      [--peer-timeout S] [--crdt-history FILE] [WORKLOAD...]
       run bench/*.dl on the generated workloads (default tc-medium sg-medium kg-join kg-reach kg-agg),
       single-threaded, in process (load, query; wall and CPU seconds) and end to end (the whole
       `kg query --facts` process);
       with --peers also the installed peer engines (DuckDB, SQLite, clingo, Soufflé interpreted and
       compiled, CozoDB, SWI-Prolog; --engines names some of them) interleaved with kg, median of --reps,
       with ratios; also sg-count, cspa-20k, cspa-100k (this repository's bench/; their peers through
       bench/peer_own.py: DuckDB, SQLite and Soufflé for sg-count, Soufflé for CSPA; data made on first use)
     """),
    ("extract", """
     kg-bench extract [--mb 50] PATH...
       extraction throughput in MB/s over at least --mb megabytes (the documents repeated),
       one core and all cores
     """),
    ("big", """
     kg-bench big [--triples N] [--graph DIR] [--work DIR] [--queries K] [--reach-queries K] [--agg-reps R]
                  [--only point,2hop,reach,agg,miss] [--no-peers] [--verbose]
       a big graph (made by the store generator when DIR has none): cold open, resident memory, and through
       the Datalog API p50/p99 of a point lookup by name, a 2-hop neighbourhood, a bound recursive reach, a
       full-scan aggregate and (kg only) a misspelt name; the same on DuckDB and SQLite (bench/big_peer.py,
       which also runs the 2-hop with names joined in) when installed, with ratios; times to the microsecond
     """),
    ("ingest", """
     kg-bench ingest [--docs 20000] [--kb 3] [--seed 42] [--keep DIR] [--no-extract]
       generate N invented articles (~K KB each, mixed Chinese and English, names that keep growing),
       time extraction alone on all cores over them, then kg ingest end to end into a fresh graph;
       prints docs/s and MB/s over the first and last tenth, peak memory, log size, open time
     """),
]

let args = Array(CommandLine.arguments.dropFirst())
if let name = args.first, args.contains("--help") || args.contains("-h"),
   let entry = usages.first(where: { $0.name == name }) {
    print("usage: " + entry.usage)
    exit(0)
}
switch args.first {
case "store": exit(storeBench(Array(args.dropFirst())))
case "datalog": exit(datalogBench(Array(args.dropFirst())))
case "extract": exit(extractBench(Array(args.dropFirst())))
case "ingest": exit(ingestBench(Array(args.dropFirst())))
case "big": exit(bigBench(Array(args.dropFirst())))
default:
    print("usage: (build with swift build -c release)")
    for entry in usages { print("  " + entry.usage) }
    exit(args.isEmpty || args.first == "--help" || args.first == "-h" ? 0 : 2)
}
