import Foundation
import KGCore
import KGExtract
import KGStore

/// The graph's own names as a lexicon for the documents of one `kg ingest` run
/// (`Lexicon.addGraphNames`). For a run of a few small documents only the
/// entities whose forms can occur in them are added (`GraphNameFilter`): the
/// same extractions as with every entity, at a cost of O(document) hashes and
/// one pass over the name bytes instead of building an entry per entity (0.7 s
/// at 100,000 entities). A larger run adds every entity once, as before.
enum IngestLexicon {
    /// Runs up to this many bytes of documents in all read them first to filter the names.
    static let smallRunBytes = 4 << 20
    static let smallRunFiles = 256

    static func addGraphNames(to lexicon: inout Lexicon, view: GraphView, paths: [String]) {
        let files = DocumentReader.list(paths).files
        var bytes = 0
        for f in files {
            bytes += ((try? FileManager.default.attributesOfItem(atPath: f))?[.size] as? Int) ?? 0
        }
        guard files.count <= smallRunFiles, bytes <= smallRunBytes else {
            lexicon.addGraphNames(view.entities())
            return
        }
        var texts: [String] = []
        for f in files {
            if case .success(let doc) = DocumentReader.read(path: f) { texts.append(doc.text) }
        }
        var filter = GraphNameFilter(documents: texts, lexicon: lexicon)
        var kept = Set<EntityID>()
        view.forEachNameForm { id, type, form in
            if !kept.contains(id) && filter.mayMatter(form, type: type) { kept.insert(id) }
        }
        lexicon.addGraphNames(kept.sorted().compactMap { view.entity($0) })
    }
}
