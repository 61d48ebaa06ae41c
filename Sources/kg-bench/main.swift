// kg-bench: the project's benchmarks. Build with `swift build -c release` and run
// `.build/release/kg-bench <store|datalog|extract> [options]`; each prints figures
// as plain numbers (and ratios against peers where the stage has them).
#if canImport(Glibc)
import Glibc
#endif

let args = Array(CommandLine.arguments.dropFirst())
switch args.first {
case "store": exit(storeBench(Array(args.dropFirst())))
case "datalog": exit(datalogBench(Array(args.dropFirst())))
case "extract": exit(extractBench(Array(args.dropFirst())))
default:
    print("usage: kg-bench <store|datalog|extract> [options]   (build with -c release)")
    exit(args.isEmpty ? 0 : 2)
}
