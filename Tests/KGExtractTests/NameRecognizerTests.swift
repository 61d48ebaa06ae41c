import XCTest
import KGCore
@testable import KGExtract

final class NameRecognizerTests: XCTestCase {
    func names(_ text: String) -> [String: String] {
        let x = TestSupport.extractor.extract(text: text, document: "t")
        var d: [String: String] = [:]
        for e in x.entities { d[e.name] = e.type.rawValue }
        return d
    }

    func test_modelNames_familyVersionTierAndSize() {
        let d = names("它超过了 GPT-4o、Qwen2.5-Max、DeepSeek-V3、Grok 3 和 Llama 3.1 405B，还有 o1-mini。")
        for n in ["GPT-4o", "Qwen2.5-Max", "DeepSeek-V3", "Grok 3", "Llama 3.1 405B", "OpenAI o1-mini"] {
            XCTAssertEqual(d[n], "model", "\(n) in \(d)")
        }
    }

    func test_claudeVariants_foldToOneCanonicalName() {
        XCTAssertEqual(ModelNames.scan(Array(scalarsOf: "Sonnet 3.5"), Array(scalarsOf: "sonnet 3.5"), at: 0)?.canonical, "Claude 3.5 Sonnet")
        XCTAssertEqual(ModelNames.scan(Array(scalarsOf: "3.5 Sonnet"), Array(scalarsOf: "3.5 sonnet"), at: 0)?.canonical, "Claude 3.5 Sonnet")
        XCTAssertEqual(ModelNames.scan(Array(scalarsOf: "Claude Opus 3.0"), Array(scalarsOf: "claude opus 3.0"), at: 0)?.canonical, "Claude 3 Opus")
        XCTAssertEqual(ModelNames.scan(Array(scalarsOf: "4.0 Opus"), Array(scalarsOf: "4.0 opus"), at: 0)?.canonical, "Claude Opus 4")
    }

    func test_transliteratedNames_joinedByDot_arePersons() {
        let d = names("工程师维克多·萨拉扎尔和作家艾琳娜·罗西说。")
        XCTAssertEqual(d["维克多·萨拉扎尔"], "person")
        XCTAssertEqual(d["艾琳娜·罗西"], "person")
    }

    func test_latinPersonNames_insideChineseText() {
        let d = names("我们采访了 Nathan Cole，他此前在 Quantum Ridge Labs 工作。")
        XCTAssertEqual(d["Nathan Cole"], "person")
        XCTAssertEqual(d["Quantum Ridge Labs"], "company")
    }

    func test_chineseNames_afterRoleWords() {
        let d = names("责编 | 周若溪\n本报记者 钱多多报道")
        XCTAssertEqual(d["周若溪"], "person")
    }

    func test_lexiconMatches_respectLatinWordBoundaries() {
        let d = names("Metaverse 不是 Meta。")
        XCTAssertEqual(d["Meta"], "company")
        XCTAssertEqual(d.count, 1, "\(d)")
    }

    func test_lexiconFile_extendsEntriesWithoutRecompiling() throws {
        var lex = Lexicon()
        try lex.load(tsv: "company\tZephyr Robotics\t风神机器人|Zephyr\n# comment\nmodel\tBreeze-2\t\tZephyr Robotics\n", source: "t")
        let x = Extractor(lexicon: lex).extract(text: "风神机器人发布了 Breeze-2。", document: "t")
        XCTAssertNotNil(x.entity("Zephyr Robotics"))
        XCTAssertTrue(x.has("Zephyr Robotics", "developed", "Breeze-2"))
        XCTAssertThrowsError(try lex.load(tsv: "planet\tMars", source: "bad.tsv"))
    }
}
