import KGCore
import XCTest
@testable import KGExport

/// The Cypher script, read back by a strict tokenizer of Cypher's string and
/// identifier syntax: every statement one line ending in `;`, every string
/// and backquoted name closed, brackets balanced outside them.
final class CypherWriterTests: XCTestCase {
    struct Bad: Error { var line: Int; var why: String }

    /// The string literals of each line, unescaped (throws on any malformed line).
    static func strings(_ script: String) throws -> [[String]] {
        var out: [[String]] = []
        for (n, line) in script.split(separator: "\n").enumerated() {
            let s = Array(line.unicodeScalars)
            var i = 0, depth = 0, found: [String] = []
            while i < s.count {
                switch s[i] {
                case "'":
                    var text = ""
                    i += 1
                    while true {
                        guard i < s.count else { throw Bad(line: n + 1, why: "unterminated string") }
                        if s[i] == "'" { break }
                        if s[i] == "\\" {
                            i += 1
                            guard i < s.count else { throw Bad(line: n + 1, why: "bad escape") }
                            let table: [Unicode.Scalar: Unicode.Scalar] = ["\\": "\\", "'": "'", "n": "\n", "r": "\r", "t": "\t", "\"": "\""]
                            if let c = table[s[i]] { text.unicodeScalars.append(c) } else if s[i] == "u", i + 4 < s.count,
                                let v = UInt32(String(String.UnicodeScalarView(s[(i + 1)...(i + 4)])), radix: 16), let c = Unicode.Scalar(v) {
                                text.unicodeScalars.append(c); i += 4
                            } else { throw Bad(line: n + 1, why: "bad escape \\\(s[i])") }
                        } else {
                            guard s[i].value >= 0x20 else { throw Bad(line: n + 1, why: "raw control character in a string") }
                            text.unicodeScalars.append(s[i])
                        }
                        i += 1
                    }
                    found.append(text)
                case "`":
                    i += 1
                    while true {
                        guard i < s.count else { throw Bad(line: n + 1, why: "unterminated backquote") }
                        if s[i] == "`" { if i + 1 < s.count, s[i + 1] == "`" { i += 2; continue }; break }
                        i += 1
                    }
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1; if depth < 0 { throw Bad(line: n + 1, why: "unbalanced bracket") }
                default: break
                }
                i += 1
            }
            guard depth == 0 else { throw Bad(line: n + 1, why: "unbalanced brackets") }
            guard line.hasSuffix(";") else { throw Bad(line: n + 1, why: "no ';' at the end") }
            out.append(found)
        }
        return out
    }

    func test_nastyNames_survive_andStatementsAreWellFormed() throws {
        let graph = Fixtures.nasty
        let script = CypherWriter().write(graph)
        let lines = try Self.strings(script)
        let merges = script.split(separator: "\n").filter { $0.hasPrefix("MERGE (n:Entity") }
        XCTAssertEqual(merges.count, graph.entities.count + 4, "entities and the four literal nodes")
        let names = Set(lines.flatMap { $0 })
        for e in graph.entities { XCTAssertTrue(names.contains(e.name), "name \(e.name) survives escaping") }
        XCTAssertEqual(script.split(separator: "\n").filter { $0.hasPrefix("MATCH") }.count, graph.relations.count)
        XCTAssertTrue(script.contains("MERGE (a)-[r:`has label/with spaces`]->(b)"))
        XCTAssertTrue(script.contains("MERGE (a)-[r:works_at]->(b)"))
    }

    func test_relationshipTypes_quotedWhenNotPlain() {
        XCTAssertEqual(CypherWriter.relationshipType("ceo_of"), "ceo_of")
        XCTAssertEqual(CypherWriter.relationshipType("2x"), "`2x`")
        XCTAssertEqual(CypherWriter.relationshipType("a`b"), "`a``b`")
        XCTAssertEqual(CypherWriter.relationshipType("投资"), "`投资`")
    }
}
