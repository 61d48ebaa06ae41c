@testable import KGDatalog
import XCTest

/// The differential test widened: random programs over relations of arity 1 to 8,
/// with arithmetic bindings, comparisons against constants and variables,
/// negation, aggregates (count, min, max, sum; one-atom bodies, which take the direct
/// hash aggregation, and two-atom ones, which collect solutions) and queries with bound arguments
/// (answered through magic sets), checked against a naive evaluator written here.
extension DifferentialTests {
    struct WideRule {
        var head: AtomSpec
        var body: [AtomSpec]
        var negated: [AtomSpec]
        /// `Z = (X op Y) % 5`: (result, op, left, right); the `% 5` keeps recursion finite.
        var assignments: [(String, String, Arg, Arg)]
        /// (op, left, right)
        var comparisons: [(String, Arg, Arg)]
    }

    struct AggregateRule {
        var name: String
        var kind: String            // count, min, max, sum
        var group: [String]
        var target: String
        var body: [AtomSpec]
    }

    static let variables = (0..<8).map { "V\($0)" }

    func argText(_ a: Arg) -> String {
        switch a { case .v(let v): return v; case .c(let c): return String(c) }
    }

    func randomWideProgram(_ g: inout SplitMix) -> (facts: [String: Set<[Int]>], arity: [String: Int], rules: [WideRule], aggregates: [AggregateRule]) {
        var arity: [String: Int] = ["a": 8, "b": 3 + g.int(4), "c": 1 + g.int(2)]
        for d in ["d", "e", "f"] { arity[d] = 1 + g.int(8) }
        var facts: [String: Set<[Int]>] = [:]
        for base in ["a", "b", "c"] {
            facts[base] = []
            for _ in 0..<(4 + g.int(12)) { facts[base]!.insert((0..<arity[base]!).map { _ in g.int(4) }) }
        }
        func randomArg(_ g: inout SplitMix) -> Arg {
            g.int(7) == 0 ? .c(g.int(4)) : .v(DifferentialTests.variables[g.int(8)])
        }
        var rules: [WideRule] = []
        for _ in 0..<(2 + g.int(4)) {
            var body: [AtomSpec] = []
            for _ in 0..<(1 + g.int(2)) {
                let pred = ["a", "b", "c", "d", "e", "f"][g.int(6)]
                body.append(AtomSpec(pred: pred, args: (0..<arity[pred]!).map { _ in randomArg(&g) }))
            }
            var bound = Array(Set(body.flatMap { $0.args.compactMap { if case .v(let v) = $0 { return v } else { return nil } } })).sorted()
            guard !bound.isEmpty else { continue }
            var assignments: [(String, String, Arg, Arg)] = []
            if g.int(2) == 0 {
                let result = "Z\(g.int(2))"
                let x: Arg = .v(bound[g.int(bound.count)])
                let y: Arg = g.int(2) == 0 ? .v(bound[g.int(bound.count)]) : .c(g.int(4))
                assignments.append((result, ["+", "-", "*"][g.int(3)], x, y))
                bound.append(result)
            }
            var comparisons: [(String, Arg, Arg)] = []
            if g.int(3) == 0 {
                let y: Arg = g.int(2) == 0 ? .v(bound[g.int(bound.count)]) : .c(g.int(4))
                comparisons.append((["!=", "<", "<=", ">", "="][g.int(5)], .v(bound[g.int(bound.count)]), y))
            }
            var negated: [AtomSpec] = []
            if g.int(3) == 0 {
                let pred = ["b", "c"][g.int(2)]
                negated.append(AtomSpec(pred: pred, args: (0..<arity[pred]!).map { _ in
                    g.int(5) == 0 ? .c(g.int(4)) : .v(bound[g.int(bound.count)]) }))
            }
            let headPred = ["d", "e", "f"][g.int(3)]
            let head = AtomSpec(pred: headPred, args: (0..<arity[headPred]!).map { _ in .v(bound[g.int(bound.count)]) })
            rules.append(WideRule(head: head, body: body, negated: negated, assignments: assignments, comparisons: comparisons))
        }
        var aggregates: [AggregateRule] = []
        for k in 0..<(1 + g.int(2)) {
            // One atom (the direct hash aggregation) or two (collected solutions), with a
            // constant now and then; group of 0 to 3 variables; the kinds whose reference is exact.
            var body: [AtomSpec] = []
            for a in 0..<(g.int(3) == 0 ? 2 : 1) {
                let pred = ["a", "b", "d", "e", "f"][g.int(5)]
                body.append(AtomSpec(pred: pred, args: (0..<arity[pred]!).map { c in
                    c > 0 && g.int(6) == 0 ? .c(g.int(4)) : .v(DifferentialTests.variables[g.int(a == 0 ? 8 : 4)]) }))
            }
            let vars = Array(Set(body.flatMap { $0.args.compactMap { if case .v(let v) = $0 { return v } else { return nil } } })).sorted()
            let target = vars[g.int(vars.count)]
            let group = vars.filter { $0 != target }.prefix(g.int(4)).map { $0 }
            aggregates.append(AggregateRule(name: "agg\(k)", kind: ["count", "min", "max", "sum"][g.int(4)], group: group, target: target, body: body))
        }
        return (facts, arity, rules, aggregates)
    }

    static func value(_ a: Arg, _ s: [String: Int]) -> Int {
        switch a { case .v(let v): return s[v]!; case .c(let c): return c }
    }

    /// All bindings of `body` over `db` (brute force).
    static func solutions(_ body: [AtomSpec], _ db: [String: Set<[Int]>]) -> [[String: Int]] {
        var solutions: [[String: Int]] = [[:]]
        for atom in body {
            var next: [[String: Int]] = []
            for s in solutions {
                for t in db[atom.pred]! {
                    var b = s
                    var ok = true
                    for (i, arg) in atom.args.enumerated() {
                        switch arg {
                        case .c(let c): if t[i] != c { ok = false }
                        case .v(let v): if let x = b[v] { if x != t[i] { ok = false } } else { b[v] = t[i] }
                        }
                    }
                    if ok { next.append(b) }
                }
            }
            solutions = next
        }
        return solutions
    }

    func wideReference(_ facts: [String: Set<[Int]>], _ rules: [WideRule], _ aggregates: [AggregateRule]) -> [String: Set<[Int]>] {
        var db = facts
        for p in ["d", "e", "f"] { db[p] = [] }
        var changed = true
        while changed {
            changed = false
            for rule in rules {
                for var s in DifferentialTests.solutions(rule.body, db) {
                    for (result, op, x, y) in rule.assignments {
                        let a = DifferentialTests.value(x, s), b = DifferentialTests.value(y, s)
                        let r = op == "+" ? a + b : (op == "-" ? a - b : a * b)
                        s[result] = r % 5
                    }
                    if rule.negated.contains(where: { n in db[n.pred]!.contains(n.args.map { DifferentialTests.value($0, s) }) }) { continue }
                    if !rule.comparisons.allSatisfy({ op, x, y in
                        let a = DifferentialTests.value(x, s), b = DifferentialTests.value(y, s)
                        switch op { case "!=": return a != b; case "<": return a < b; case "<=": return a <= b; case ">": return a > b; default: return a == b }
                    }) { continue }
                    if db[rule.head.pred]!.insert(rule.head.args.map { DifferentialTests.value($0, s) }).inserted { changed = true }
                }
            }
        }
        for agg in aggregates {
            var groups: [[Int]: [Int]] = [:]
            for s in DifferentialTests.solutions(agg.body, db) { groups[agg.group.map { s[$0]! }, default: []].append(s[agg.target]!) }
            var out = Set<[Int]>()
            for (key, items) in groups {
                let v: Int
                switch agg.kind {
                case "count": v = Set(items).count
                case "sum": v = items.reduce(0, +)  // one term per body solution
                case "min": v = items.min()!
                default: v = items.max()!
                }
                out.insert(key + [v])
            }
            // count over no solution at all (no group columns) is 0, as kg and SQL answer.
            if agg.group.isEmpty && groups.isEmpty && (agg.kind == "count" || agg.kind == "sum") { out.insert([0]) }
            db[agg.name] = out
        }
        return db
    }

    func wideProgramText(_ facts: [String: Set<[Int]>], _ rules: [WideRule], _ aggregates: [AggregateRule]) -> String {
        var program = ""
        for (pred, tuples) in facts.sorted(by: { $0.key < $1.key }) {
            for t in tuples.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                program += "\(pred)(" + t.map(String.init).joined(separator: ", ") + ").\n"
            }
        }
        for rule in rules {
            var body = rule.body.map(text)
            body += rule.assignments.map { "\($0.0) = (\(argText($0.2)) \($0.1) \(argText($0.3))) % 5" }
            body += rule.negated.map { "not " + text($0) }
            body += rule.comparisons.map { "\(argText($0.1)) \($0.0) \(argText($0.2))" }
            program += text(rule.head) + " :- " + body.joined(separator: ", ") + ".\n"
        }
        for agg in aggregates {
            program += "\(agg.name)(" + (agg.group + ["\(agg.kind)(\(agg.target))"]).joined(separator: ", ") + ") :- "
                + agg.body.map(text).joined(separator: ", ") + ".\n"
        }
        return program
    }

    func test_widePrograms_matchNaiveReference() throws {
        var g = SplitMix(state: 20261130)
        defer { Evaluator.selectionThreshold = 4096; Evaluator.releaseThreshold = 1 << 14 }
        for round in 0..<80 {
            Evaluator.selectionThreshold = round % 2 == 0 ? 4096 : 0
            // Every third round frees each finished stratum's sets and chains (rebuilt when read again).
            Evaluator.releaseThreshold = round % 3 == 1 ? 0 : 1 << 14
            let (facts, arity, rules, aggregates) = randomWideProgram(&g)
            let program = wideProgramText(facts, rules, aggregates)
            let expected = wideReference(facts, rules, aggregates)
            func parse(_ rows: [String]) -> Set<[Int]> { Set(rows.map { $0.split(separator: ",").map { Int($0)! } }) }
            for pred in ["d", "e", "f"] {
                let n = arity[pred]!
                let vars = (0..<n).map { "A\($0)" }
                XCTAssertEqual(parse(answers(program + "?- \(pred)(\(vars.joined(separator: ", "))).")), expected[pred]!,
                               "round \(round), \(pred):\n\(program)")
                // Bound first (and last) arguments: the magic-set rewriting.
                for c in [0, 2] {
                    var args = vars
                    args[0] = String(c)
                    if n > 2 { args[n - 1] = String(c) }
                    let free = (0..<n).filter { args[$0].hasPrefix("A") }
                    let want = Set(expected[pred]!.filter { $0[0] == c && (n <= 2 || $0[n - 1] == c) }.map { t in free.map { t[$0] } })
                    let got = answers(program + "?- \(pred)(\(args.joined(separator: ", "))).")
                    if free.isEmpty {
                        XCTAssertEqual(!got.isEmpty, !want.isEmpty, "round \(round), \(pred)(\(args)):\n\(program)")
                    } else {
                        XCTAssertEqual(parse(got), want, "round \(round), \(pred)(\(args)):\n\(program)")
                    }
                }
            }
            for agg in aggregates {
                let vars = (0...agg.group.count).map { "A\($0)" }
                XCTAssertEqual(parse(answers(program + "?- \(agg.name)(\(vars.joined(separator: ", "))).")), expected[agg.name]!,
                               "round \(round), \(agg.name):\n\(program)")
            }
        }
    }
}
