/// The datalog benchmark (not written yet).
func datalogBench(_ args: [String]) -> Int32 {
    print("kg-bench datalog: not implemented yet")
    return 1
}
