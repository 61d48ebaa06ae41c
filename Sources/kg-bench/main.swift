// kg-bench: the project's benchmarks (build with -c release). Subcommands are added per stage.
print("usage: kg-bench <store|datalog|extract> [options]")
