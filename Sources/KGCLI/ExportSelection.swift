import Foundation
import KGCore
import KGDatalog
import KGExport
import KGStore

/// What `kg export` and `:export` write besides the format: which part of
/// the graph, with which confidence floor, under which IRI base.
struct ExportOptions {
    /// `--no-figures`: a query subgraph leaves out the figures of the entities it touches.
    var figures = true
    /// `--answers-only`: a query subgraph keeps only the entities in the answers and the triples within one answer row.
    var answersOnly = false
    /// `--min-confidence X`: evidence below X is left out, and triples left with none.
    var minConfidence: Double?
    /// `--base IRI`: the IRI prefix of RDF exports.
    var base = NTriplesWriter.defaultBase

    /// Reads the export options from the command line (and `:export`'s words).
    static func parse(_ args: inout Arguments) throws -> ExportOptions {
        var o = ExportOptions()
        o.figures = !args.flag("--no-figures")
        o.answersOnly = args.flag("--answers-only")
        o.minConfidence = try parseConfidence(try args.option("--min-confidence"))
        if let base = try args.option("--base") {
            guard let colon = base.firstIndex(of: ":"), base[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
                  !base.contains(where: { $0.isWhitespace || "<>\"{}|^`\\".contains($0) }) else {
                throw UsageError("--base needs an absolute IRI (https://example.org/kg/), got '\(base)'")
            }
            o.base = base
        }
        return o
    }
}

/// `--min-confidence X`: a number from 0 to 1.
func parseConfidence(_ text: String?) throws -> Double? {
    guard let text else { return nil }
    guard let x = Double(text), x >= 0, x <= 1 else { throw UsageError("--min-confidence needs a number from 0 to 1, got '\(text)'") }
    return x
}

extension ReplEngine {
    /// The whole graph, or (with a query) the part its answers touch, as `options` select it.
    func exportGraph(query: String?, options: ExportOptions) throws -> ExportGraph {
        guard let view = try access.view() else { throw CommandError("no graph at \(graph.path) yet; nothing to export") }
        var out: ExportGraph
        if let query {
            let (rows, used) = try answerRows(query: query, in: view)
            if options.answersOnly {
                // `triple(S, P, O)` reads every predicate; otherwise keep the ones the query reads.
                out = ExportGraph(view: view, answerRows: rows, predicates: used.contains("triple") ? nil : used)
            } else {
                var ids = Set<EntityID>()
                for row in rows { for case .entity(let id) in row { ids.insert(id) } }
                out = ExportGraph(view: view, around: ids, figures: options.figures)
            }
        } else {
            out = ExportGraph(view: view)
            if !options.figures {
                out.entities.removeAll { $0.type == .figure }
                out.relations.removeAll { $0.triple.predicate == "has_figure" }
            }
        }
        if let floor = options.minConfidence { out = out.filtered(minConfidence: floor) }
        return out
    }

    /// Each answer row as the entities (by exact canonical name) and literals
    /// it names, and the relations the query read (directly or through rules).
    func answerRows(query: String, in view: GraphView) throws -> (rows: [[TripleObject]], relations: Set<String>) {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        let (results, warnings) = try queries.run(source: text.hasSuffix(".") ? text : text + ".", file: "<query>")
        for w in warnings { printError(w.description) }
        var rows: [[TripleObject]] = []
        var used = Set<String>()
        for result in results {
            used.formUnion(result.tupleCounts.keys)
            for row in result.rows {
                var objects: [TripleObject] = []
                for c in row {
                    switch c {
                    case .string(let name):
                        // Answers name entities by canonical name; keep exact matches only.
                        let ids = view.resolve(name: name).filter { view.entity($0)?.name == name }
                        if ids.isEmpty { objects.append(.string(name)) }
                        for id in ids { objects.append(.entity(id)) }
                    case .int(let i): objects.append(.number(Double(i)))
                    case .double(let d): objects.append(.number(d))
                    }
                }
                rows.append(objects)
            }
        }
        return (rows, used)
    }

    /// `:export FORMAT FILE [options] [?- QUERY.]`.
    func export(format name: String, to path: String, query: String?, options: ExportOptions) throws -> String {
        guard let format = ExportFormat(name: name) else { throw UsageError("unknown export format '\(name)'") }
        if format.isPicture, let warning = CJKFontCheck.warning() { printError(warning) }
        let graph = try exportGraph(query: query, options: options)
        return try format.write(graph, to: URL(fileURLWithPath: path), base: options.base).summary + "\n"
    }
}
