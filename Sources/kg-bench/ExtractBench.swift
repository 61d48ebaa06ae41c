/// The extract benchmark (not written yet).
func extractBench(_ args: [String]) -> Int32 {
    print("kg-bench extract: not implemented yet")
    return 1
}
