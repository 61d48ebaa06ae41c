/// The running sums of `sum` and `avg` per group, shared by the one-pass aggregates
/// (`DirectAggregate`, `GraphAggregate`) so that both give the general path's
/// (`Evaluator.finishAggregate`) answer: the integer sum while every term is an
/// integer and it does not overflow, else the sum of the terms as doubles; `avg` is
/// the double sum over the term count. A text term adds nothing.
/// Cost: 26 bytes per group; one add per term.
struct GroupSums {
    private var intSums: [Int64] = []
    private var doubleSums: [Double] = []
    private var exact: [Bool] = []        // every term an integer, no overflow
    private(set) var terms: [Int] = []

    /// Group `count` (the next number) starts at zero.
    mutating func addGroup() {
        intSums.append(0); doubleSums.append(0); exact.append(true); terms.append(0)
    }

    /// Adds one term to group `g`.
    @inline(__always)
    mutating func add(_ g: Int, _ term: Constant) {
        terms[g] += 1
        switch term {
        case .int(let x):
            let (s, o) = intSums[g].addingReportingOverflow(x)
            intSums[g] = s
            if o { exact[g] = false }
            doubleSums[g] += Double(x)
        case .double(let d): exact[g] = false; doubleSums[g] += d
        case .string: break
        }
    }

    /// Group `g`'s sum (`avg` false) or mean, encoded.
    func value(_ g: Int, average: Bool, _ values: ValueTable) -> Int32 {
        if average { return values.encode(.double(doubleSums[g] / Double(terms[g]))) }
        return values.encode(exact[g] ? .int(intSums[g]) : .double(doubleSums[g]))
    }
}
