import Foundation
import XCTest
import KGCore
@testable import KGExtract

/// Paths and shared fixtures for the extraction tests.
enum TestSupport {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Built-in lexicon plus the repository's graph/lexicon.tsv.
    static let lexicon: Lexicon = Lexicon.standard(graphDirectory: packageRoot.appendingPathComponent("graph"))
    static let extractor = Extractor(lexicon: lexicon)

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }
}

extension Extraction {
    func entity(_ name: String) -> ExtractedEntity? {
        entities.first { $0.name == name || $0.aliases.contains(name) }
    }

    func has(_ s: String, _ p: String, _ o: String) -> Bool {
        guard let a = entity(s), let b = entity(o) else { return false }
        return relations.contains {
            $0.predicate == p && (($0.subject == a.id && $0.object == b.id)
                                  || (["competitor_of", "partner_of"].contains(p) && $0.subject == b.id && $0.object == a.id))
        }
    }
}
