import Foundation

/// The export formats and what each writes: one file, or (CSV, Neo4j) two
/// files in a directory.
public enum ExportFormat: String, CaseIterable, Sendable {
    case dot, svg, png, json, ntriples, turtle, trig, graphml, csv, neo4j, cypher

    /// Accepts the common other spellings (`nt`, `n-triples`, `gv`, `ttl`).
    public init?(name: String) {
        switch name.lowercased() {
        case "dot", "gv", "graphviz": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "json": self = .json
        case "ntriples", "nt", "n-triples": self = .ntriples
        case "turtle", "ttl": self = .turtle
        case "trig": self = .trig
        case "graphml": self = .graphml
        case "csv": self = .csv
        case "neo4j", "neo4j-csv": self = .neo4j
        case "cypher", "cql": self = .cypher
        default: return nil
        }
    }

    /// The names `--format` lists.
    public static let names = allCases.map(\.rawValue).joined(separator: "|")

    /// Whether the format writes several files into a directory.
    public var isDirectory: Bool { self == .csv || self == .neo4j }

    /// Whether the format is a picture drawn by Graphviz (and so needs a CJK font for Chinese).
    public var isPicture: Bool { self == .svg || self == .png }

    /// The files this format produces for `graph`: (name relative to the output, bytes).
    /// CSV gives `nodes.csv` and `edges.csv`, Neo4j `nodes.csv` and
    /// `relationships.csv`; every other format one unnamed file.
    public func render(_ graph: ExportGraph, base: String = NTriplesWriter.defaultBase) throws -> [(name: String?, data: Data)] {
        switch self {
        case .dot: return [(nil, Data(DOTWriter().write(graph).utf8))]
        case .svg: return [(nil, try SVGRenderer.render(dot: DOTWriter().write(graph)))]
        case .png: return [(nil, try SVGRenderer.render(dot: DOTWriter().write(graph), format: "png"))]
        case .json: return [(nil, Data(try JSONWriter().write(graph).utf8))]
        case .ntriples: return [(nil, Data(NTriplesWriter(base: base).write(graph).utf8))]
        case .turtle: return [(nil, Data(NTriplesWriter(base: base, mode: .turtle).write(graph).utf8))]
        case .trig: return [(nil, Data(NTriplesWriter(base: base, mode: .trig).write(graph).utf8))]
        case .graphml: return [(nil, Data(GraphMLWriter().write(graph).utf8))]
        case .cypher: return [(nil, Data(CypherWriter().write(graph).utf8))]
        case .csv:
            let (nodes, edges) = CSVWriter().write(graph)
            return [("nodes.csv", Data(nodes.utf8)), ("edges.csv", Data(edges.utf8))]
        case .neo4j:
            let (nodes, relationships) = Neo4jCSVWriter().write(graph)
            return [("nodes.csv", Data(nodes.utf8)), ("relationships.csv", Data(relationships.utf8))]
        }
    }

    /// Writes `graph` to `output` (a file; for CSV and Neo4j a directory,
    /// created if missing), or returns the bytes for standard output when
    /// `output` is nil. A file format refuses an existing directory and a
    /// directory format an existing file, before anything is written.
    /// Returns what was written, for the user.
    @discardableResult
    public func write(_ graph: ExportGraph, to output: URL?, base: String = NTriplesWriter.defaultBase) throws -> (stdout: Data?, summary: String) {
        if let output {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory) {
                if isDirectory.boolValue && !self.isDirectory {
                    throw ExportError("\(output.path) is a directory; \(rawValue) writes one file: give a file name with -o FILE")
                }
                if !isDirectory.boolValue && self.isDirectory {
                    throw ExportError("\(output.path) is a file; \(rawValue) writes two files into a directory: give a directory with -o DIR")
                }
            }
        }
        let files = try render(graph, base: base)
        let counts = "\(graph.entities.count) entities, \(graph.relations.count) relations"
        guard let output else {
            if isDirectory {
                let names = files.compactMap(\.name).joined(separator: ", ")
                throw ExportError("\(rawValue) writes two files (\(names)): give a directory with -o DIR")
            }
            return (files[0].data, counts)
        }
        if isDirectory {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for file in files { try file.data.write(to: output.appendingPathComponent(file.name!)) }
            return (nil, "wrote \(output.appendingPathComponent(files[0].name!).path) and \(files[1].name!) (\(counts))")
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
