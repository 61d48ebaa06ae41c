/// The store benchmark (not written yet).
func storeBench(_ args: [String]) -> Int32 {
    print("kg-bench store: not implemented yet")
    return 1
}
