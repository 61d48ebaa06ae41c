@testable import KGDatalog
import XCTest

/// Random small programs evaluated by the engine and by a naive reference
/// evaluator written here (all rules re-applied to all facts until nothing
/// changes) must give identical answers.
final class DifferentialTests: XCTestCase {
    /// A deterministic generator, so failures reproduce.
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    enum Arg: Hashable { case v(String), c(Int) }
    struct AtomSpec { var pred: String; var args: [Arg] }
    struct RuleSpec {
        var head: AtomSpec
        var body: [AtomSpec]
        var negated: [AtomSpec]
        var comparisons: [(String, String, String)]  // (op, var, var)
    }

    static let arity = ["e": 2, "f": 2, "p": 2, "q": 2, "r": 1]

    func randomProgram(_ g: inout SplitMix) -> (facts: [String: Set<[Int]>], rules: [RuleSpec]) {
        var facts: [String: Set<[Int]>] = ["e": [], "f": []]
        for pred in ["e", "f"] {
            for _ in 0..<(3 + g.int(10)) { facts[pred]!.insert([g.int(6), g.int(6)]) }
        }
        let vars = ["X", "Y", "Z", "W"]
        var rules: [RuleSpec] = []
        for _ in 0..<(2 + g.int(4)) {
            var body: [AtomSpec] = []
            for _ in 0..<(1 + g.int(3)) {
                let pred = ["e", "f", "p", "q", "r"][g.int(5)]
                let args = (0..<DifferentialTests.arity[pred]!).map { _ in g.int(8) == 0 ? Arg.c(g.int(6)) : Arg.v(vars[g.int(4)]) }
                body.append(AtomSpec(pred: pred, args: args))
            }
            let bound = Array(Set(body.flatMap { $0.args.compactMap { if case .v(let v) = $0 { return v } else { return nil } } })).sorted()
            guard !bound.isEmpty else { continue }
            let headPred = ["p", "q", "r"][g.int(3)]
            let head = AtomSpec(pred: headPred, args: (0..<DifferentialTests.arity[headPred]!).map { _ in .v(bound[g.int(bound.count)]) })
            var negated: [AtomSpec] = []
            if g.int(3) == 0 {
                negated.append(AtomSpec(pred: ["e", "f"][g.int(2)], args: [.v(bound[g.int(bound.count)]), .v(bound[g.int(bound.count)])]))
            }
            var comparisons: [(String, String, String)] = []
            if g.int(3) == 0 { comparisons.append((["!=", "<", "<="][g.int(3)], bound[g.int(bound.count)], bound[g.int(bound.count)])) }
            rules.append(RuleSpec(head: head, body: body, negated: negated, comparisons: comparisons))
        }
        return (facts, rules)
    }

    func text(_ a: AtomSpec) -> String {
        a.pred + "(" + a.args.map { if case .v(let v) = $0 { return v } else if case .c(let c) = $0 { return String(c) }; return "" }.joined(separator: ", ") + ")"
    }

    /// The reference: naive fixpoint, brute-force matching.
    func reference(_ facts: [String: Set<[Int]>], _ rules: [RuleSpec]) -> [String: Set<[Int]>] {
        var db = facts
        for p in ["p", "q", "r"] { db[p] = [] }
        var changed = true
        while changed {
            changed = false
            for rule in rules {
                var solutions: [[String: Int]] = [[:]]
                for atom in rule.body {
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
                for s in solutions {
                    if rule.negated.contains(where: { n in db[n.pred]!.contains(n.args.map { if case .v(let v) = $0 { return s[v]! }; return 0 }) }) { continue }
                    if !rule.comparisons.allSatisfy({ op, a, b in
                        switch op { case "!=": return s[a]! != s[b]!; case "<": return s[a]! < s[b]!; default: return s[a]! <= s[b]! }
                    }) { continue }
                    let tuple = rule.head.args.map { if case .v(let v) = $0 { return s[v]! }; return 0 }
                    if db[rule.head.pred]!.insert(tuple).inserted { changed = true }
                }
            }
        }
        return db
    }

    func test_randomPrograms_matchNaiveReference() throws {
        var g = SplitMix(state: 20261122)
        defer { Evaluator.selectionThreshold = 4096; Evaluator.releaseThreshold = 1 << 14 }
        for round in 0..<120 {
            // Every other round reads constant-filtered atoms through materialized selections.
            Evaluator.selectionThreshold = round % 2 == 0 ? 4096 : 0
            // Every third round frees each finished stratum's sets and chains (rebuilt when read again).
            Evaluator.releaseThreshold = round % 3 == 1 ? 0 : 1 << 14
            let (facts, rules) = randomProgram(&g)
            var program = ""
            for (pred, tuples) in facts.sorted(by: { $0.key < $1.key }) {
                for t in tuples.sorted(by: { $0.lexicographicallyPrecedes($1) }) { program += "\(pred)(\(t[0]), \(t[1])).\n" }
            }
            for rule in rules {
                var body = rule.body.map(text)
                body += rule.negated.map { "not " + text($0) }
                body += rule.comparisons.map { "\($0.1) \($0.0) \($0.2)" }
                program += text(rule.head) + " :- " + body.joined(separator: ", ") + ".\n"
            }
            let expected = reference(facts, rules)
            for pred in ["p", "q", "r"] {
                let vars = DifferentialTests.arity[pred] == 2 ? "A, B" : "A"
                let got = Set(answers(program + "?- \(pred)(\(vars)).").map { $0.split(separator: ",").map { Int($0)! } })
                XCTAssertEqual(got, expected[pred]!, "round \(round), \(pred):\n\(program)")
                // A bound first argument gives the matching subset.
                let bound = Set(answers(program + "?- \(pred)(3\(DifferentialTests.arity[pred] == 2 ? ", B" : "")).")
                    .map { $0.split(separator: ",").map { Int($0)! } })
                let expectedBound = Set(expected[pred]!.filter { $0[0] == 3 }.map { Array($0.dropFirst()) })
                XCTAssertEqual(bound.filter { !$0.isEmpty }, expectedBound.filter { !$0.isEmpty }, "round \(round), \(pred)(3, _):\n\(program)")
                XCTAssertEqual(bound.isEmpty, expectedBound.isEmpty, "round \(round), \(pred)(3, _):\n\(program)")
            }
        }
    }
}
