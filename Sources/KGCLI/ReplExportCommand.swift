import Foundation
import KGExport

extension ReplSession {
    /// `:export FORMAT FILE [--no-figures] [--answers-only] [--min-confidence X] [--base IRI] [?- QUERY.]`:
    /// the words before `?-` are the format, the file and `kg export`'s options.
    func exportCommand(_ rest: String) throws {
        let queryStart = rest.range(of: "?-")
        let query = queryStart.map { String(rest[$0.lowerBound...]) }
        let head = queryStart.map { String(rest[..<$0.lowerBound]) } ?? rest
        var args = Arguments(splitWords(head))
        let options = try ExportOptions.parse(&args)
        let words = try args.positionals()
        guard words.count == 2, Self.exportFormats.contains(words[0]) else {
            throw UsageError("usage: :export \(ExportFormat.names) FILE [--no-figures] [--answers-only] [--min-confidence X] [--base IRI] [?- QUERY.]")
        }
        if query == nil && options.answersOnly { throw UsageError("--answers-only needs a query") }
        emit(try engine.export(format: words[0], to: words[1], query: query, options: options))
    }
}
