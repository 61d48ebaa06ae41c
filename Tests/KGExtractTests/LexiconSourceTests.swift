import XCTest
import KGCore
@testable import KGExtract

/// graph/lexicon.tsv is the lexicon's one source; BuiltinLexicon.swift is
/// generated from it (scripts/gen_builtin_lexicon.py).
final class LexiconSourceTests: XCTestCase {
    func test_builtinLexicon_isTheGraphLexiconFile() throws {
        let file = TestSupport.packageRoot.appendingPathComponent("graph/lexicon.tsv")
        var fromFile = Lexicon()
        try fromFile.load(file: file)
        XCTAssertEqual(Lexicon.builtin.entries, fromFile.entries,
                       "graph/lexicon.tsv changed: run scripts/gen_builtin_lexicon.py")
    }
}
