@testable import KGDatalog
import Foundation
import XCTest

/// The fact-file loader (`FactFiles`, `FactFileParser`): edge cases of the format,
/// errors naming file and line, and random files checked against a plain reading
/// with `split`.
final class FactFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// The rows of `relation` as the session holds them, sorted.
    private func rows(_ relation: String, arity: Int) throws -> [String] {
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        let vars = (0..<arity).map { "A\($0)" }.joined(separator: ", ")
        return answers("?- \(relation)(\(vars)).", session: session)
    }

    private func loadError() throws -> String? {
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        do { try session.loadBaseRelations(); return nil } catch { return "\(error)" }
    }

    func test_emptyFile_isAnEmptyRelation() throws {
        try write("e.tsv", "")
        XCTAssertNil(try loadError())
        let files = try FactFiles(directory: directory)
        XCTAssertEqual(files.availableRelations.first?.arity, 0)
    }

    func test_noFinalNewline_lastRowKept() throws {
        try write("e.tsv", "1\t2\n3\t4")
        XCTAssertEqual(try rows("e", arity: 2), ["1,2", "3,4"])
    }

    func test_crlf_lineEndsAreNotPartOfFields() throws {
        try write("e.tsv", "a\t1\r\nb\t22\r\n\r\nc\tx\r\n")
        XCTAssertEqual(try rows("e", arity: 2), ["a,1", "b,22", "c,x"])
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        // 22 is the number, not the text "22\r".
        XCTAssertEqual(answers("?- e(b, N), N > 21.", session: session), ["22"])
    }

    func test_utf8Names_andDuplicates() throws {
        try write("works.tsv", "张伟\t阿里巴巴\nZoë\tCafé Ltd\n张伟\t阿里巴巴\n张伟\t腾讯\n")
        XCTAssertEqual(try rows("works", arity: 2), ["Zoë,Café Ltd", "张伟,腾讯", "张伟,阿里巴巴"])
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        XCTAssertEqual(answers("?- works(\"张伟\", C).", session: session), ["腾讯", "阿里巴巴"])
    }

    func test_numbers_integersDecimalsAndTextThatIsNotANumber() throws {
        try write("n.tsv", "-5\t3.5\n2147483648\t1e3\n-\t12a\n007\t-0\n123456789012345678\t1234567890123456789\n")
        let session = DatalogSession(factSource: try FactFiles(directory: directory))
        XCTAssertEqual(answers("?- n(X, Y), X < 0.", session: session), ["-5,3.5"])
        XCTAssertEqual(answers("?- n(X, 1000).", session: session), ["2147483648"])
        XCTAssertEqual(answers("?- n(7, 0).", session: session).count, 1)
        XCTAssertEqual(answers("?- n(\"-\", Y).", session: session), ["12a"])
        XCTAssertEqual(answers("?- n(123456789012345678, Y), Y > 0.", session: session).count, 1)
    }

    func test_emptyFields_areEmptyStrings() throws {
        try write("t.tsv", "a\t\tc\n\t\t\n")
        XCTAssertEqual(try rows("t", arity: 3), [",,", "a,,c"])
    }

    func test_tooFewFields_isAnErrorNamingFileAndLine() throws {
        try write("e.tsv", "1\t2\n3\t4\n\n5\n6\t7\n")
        let message = try XCTUnwrap(try loadError())
        XCTAssertTrue(message.contains("e.tsv:4:"), message)
        XCTAssertTrue(message.contains("expected 2") && message.contains("found 1"), message)
    }

    func test_tooManyFields_isAnErrorNamingFileAndLine() throws {
        try write("e.facts", "1\t2\r\n3\t4\t5\r\n")
        let message = try XCTUnwrap(try loadError())
        XCTAssertTrue(message.contains("e.facts:2:") && message.contains("found 3"), message)
    }

    func test_blankLinesAndLeadingBlankLines_areSkipped() throws {
        try write("e.tsv", "\n\r\n1\t2\n\n\n3\t4\n\n")
        XCTAssertEqual(try rows("e", arity: 2), ["1,2", "3,4"])
    }

    /// Random files (numbers, words, UTF-8, repeats, CRLF or not) against a reading with `split`.
    func test_randomFiles_matchAPlainReading() throws {
        var g = DifferentialTests.SplitMix(state: 16_2026)
        let words = ["a", "bb", "张", "Zoë", "x y", "12a", "-", "acquired", "developed", "a-very-long-entity-name-of-forty-bytes!"]
        for round in 0..<40 {
            let arity = 1 + g.int(4)
            var lines: [[String]] = []
            for _ in 0..<(1 + g.int(60)) {
                lines.append((0..<arity).map { _ in
                    switch g.int(5) {
                    case 0: return String(g.int(1000))
                    case 1: return String(-g.int(50))
                    case 2:
                        // 1 to 18 digits, leading zeros too (007 is the number 7; digits are read 8 at a time).
                        let digits = (0..<(1 + g.int(18))).map { _ in String(g.int(10)) }.joined()
                        return g.int(3) == 0 ? "-" + digits : digits
                    default: return words[g.int(words.count)]
                    }
                })
                if g.int(5) == 0, let last = lines.last { lines.append(last) }
            }
            let eol = g.int(2) == 0 ? "\n" : "\r\n"
            var text = lines.map { $0.joined(separator: "\t") }.joined(separator: eol)
            if g.int(2) == 0 { text += eol }
            try write("r.tsv", text)
            // A field that reads as an integer is that integer (`007` answers 7, `-0` answers 0).
            let expected = Set(lines.map { $0.map { Int64($0).map(String.init) ?? $0 }.joined(separator: ",") }).sorted()
            XCTAssertEqual(try rows("r", arity: arity), expected, "round \(round)")
        }
    }
}

/// The parser's 8-bytes-at-a-time helpers against byte-by-byte loops, on random words.
final class SWARTests: XCTestCase {
    func test_helpers_matchByteLoops() {
        var g = DifferentialTests.SplitMix(state: 30_11)
        let alphabet: [UInt8] = Array("0123456789\t\n\r-/:a".utf8) + [0, 0x2F, 0x3A, 0x80, 0xFA, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<24).map { _ in g.int(3) == 0 ? alphabet[g.int(alphabet.count)] : UInt8(48 + g.int(10)) }
            bytes.withUnsafeBufferPointer { buf in
                let p = buf.baseAddress!
                let word = SWAR.load(p)
                var digits = 0
                while digits < 8 && p[digits] >= 48 && p[digits] <= 57 { digits += 1 }
                XCTAssertEqual(SWAR.leadingDigits(word), digits, "\(bytes.prefix(8))")
                if digits > 0 {
                    let plain = p.withMemoryRebound(to: UInt8.self, capacity: digits) { UInt64(String(decoding: UnsafeBufferPointer(start: $0, count: digits), as: UTF8.self))! }
                    XCTAssertEqual(SWAR.digitsValue(word, digits), plain, "\(bytes.prefix(8))")
                }
                let from = g.int(24), to = from + g.int(24 - from + 1)
                var k = from
                while k < to && p[k] != 9 && p[k] != 10 { k += 1 }
                XCTAssertEqual(SWAR.find(9, 10, p, from: from, to: to), k)
                XCTAssertEqual(SWAR.count(10, p + from, to - from), bytes[from..<to].filter { $0 == 10 }.count)
                let length = g.int(9), a = g.int(8), b = g.int(8)
                XCTAssertEqual(SWAR.equal(p + a, p + b, length, limit: p + 24), Array(bytes[a..<a + length]) == Array(bytes[b..<b + length]))
            }
        }
    }
}
