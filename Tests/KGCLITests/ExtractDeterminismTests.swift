import XCTest

/// Two runs of `kg extract` (two processes, so two hash seeds) print the same bytes.
final class ExtractDeterminismTests: XCTestCase {
    func test_extractTwice_sameBytes() throws {
        let dir = try GraphFixture.temporaryDirectory()
        let file = dir.appendingPathComponent("doc.txt")
        try """
        微软与谷歌在云服务上竞争激烈。Meta 和亚马逊宣布达成合作，英伟达也与 Meta 合作。
        谷歌是 OpenAI 的主要竞争对手，而 OpenAI 与微软继续合作。亚马逊投资了 Anthropic。
        Google and Microsoft compete in cloud, while Amazon partners with Anthropic and Meta.
        """.write(to: file, atomically: true, encoding: .utf8)
        var outputs: Set<String> = []
        for _ in 0..<4 {
            let r = try runKG(["extract", "--format", "jsonl", file.path])
            XCTAssertEqual(r.status, 0, r.err)
            XCTAssertTrue(r.out.contains("partner_of"))
            outputs.insert(r.out)
        }
        XCTAssertEqual(outputs.count, 1)
    }
}
