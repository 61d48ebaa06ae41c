import Foundation

/// The export formats and what each writes: one file, or (CSV) two files in a directory.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dot, svg, json, ntriples, csv

    /// Accepts the common other spellings (`nt`, `n-triples`, `gv`).
    public init?(name: String) {
        switch name.lowercased() {
        case "dot", "gv", "graphviz": self = .dot
        case "svg": self = .svg
        case "json": self = .json
        case "ntriples", "nt", "n-triples": self = .ntriples
        case "csv": self = .csv
        default: return nil
        }
    }

    /// The files this format produces for `graph`: (name relative to the output, bytes).
    /// CSV gives `nodes.csv` and `edges.csv`; every other format one unnamed file.
    public func render(_ graph: ExportGraph) throws -> [(name: String?, data: Data)] {
        switch self {
        case .dot: return [(nil, Data(DOTWriter().write(graph).utf8))]
        case .svg: return [(nil, try SVGRenderer.render(dot: DOTWriter().write(graph)))]
        case .json: return [(nil, Data(try JSONWriter().write(graph).utf8))]
        case .ntriples: return [(nil, Data(NTriplesWriter().write(graph).utf8))]
        case .csv:
            let (nodes, edges) = CSVWriter().write(graph)
            return [("nodes.csv", Data(nodes.utf8)), ("edges.csv", Data(edges.utf8))]
        }
    }

    /// Writes `graph` to `output` (a file; for CSV a directory, created if
    /// missing), or returns the bytes for standard output when `output` is nil.
    /// Returns what was written, for the user.
    @discardableResult
    public func write(_ graph: ExportGraph, to output: URL?) throws -> (stdout: Data?, summary: String) {
        let files = try render(graph)
        let counts = "\(graph.entities.count) entities, \(graph.relations.count) relations"
        guard let output else {
            if self == .csv { throw ExportError("csv writes two files (nodes.csv, edges.csv): give a directory with -o DIR") }
            return (files[0].data, counts)
        }
        if self == .csv {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for file in files { try file.data.write(to: output.appendingPathComponent(file.name!)) }
            return (nil, "wrote \(output.appendingPathComponent("nodes.csv").path) and edges.csv (\(counts))")
        }
        try files[0].data.write(to: output)
        return (nil, "wrote \(output.path) (\(counts))")
    }
}

/// An export the user asked for that cannot be done as asked.
public struct ExportError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
