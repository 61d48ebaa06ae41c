import Foundation
import KGCore

/// A document read from disk or standard input, ready for extraction.
public struct DocumentInput: Sendable {
    /// The path as given (or `-` for standard input).
    public var path: String
    public var text: String
    /// Problems met while reading (invalid bytes replaced).
    public var warnings: [String]
}

/// Why a file was not extracted.
public struct SkippedFile: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): skipped: \(reason)" }
}

/// Reads files and directories (recursively) for extraction: UTF-8 with
/// invalid bytes replaced and reported, binary files (NUL bytes) skipped.
public enum DocumentReader {
    /// Decodes bytes: a BOM is dropped, invalid UTF-8 replaced with U+FFFD and
    /// reported; NUL bytes mean a binary file.
    public static func decode(_ data: Data, path: String) -> Result<DocumentInput, SkippedFile> {
        if data.contains(0) { return .failure(SkippedFile(path: path, reason: "binary file (contains NUL bytes)")) }
        var warnings: [String] = []
        let text: String
        if let s = String(data: data, encoding: .utf8) {
            text = s
        } else {
            text = String(decoding: data, as: UTF8.self)
            let bad = text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            warnings.append("invalid UTF-8: \(bad) byte sequence(s) replaced with U+FFFD")
        }
        return .success(DocumentInput(path: path, text: text, warnings: warnings))
    }

    public static func read(path: String) -> Result<DocumentInput, SkippedFile> {
        if path == "-" {
            return decode(FileHandle.standardInput.readDataToEndOfFile(), path: "-")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(SkippedFile(path: path, reason: "cannot read file"))
        }
        return decode(data, path: path)
    }

    /// File name extensions that mark a file inside a listed directory as data,
    /// code or media rather than a document: a directory of articles often also
    /// holds the lexicon (`.tsv`), exported graphs (`.json`, `.csv`, `.dot`),
    /// queries (`.dl`) or images. A file named on the command line is always read.
    public static let nonDocumentExtensions: Set<String> = [
        "json", "jsonl", "ndjson", "tsv", "csv", "xml", "yaml", "yml", "toml",   // data and exports
        "dl", "swift", "py", "js", "sh", "c", "h",                             // code and queries
        "dot", "svg", "graphml", "ttl", "nt", "cypher",                        // kg's own exports
        "png", "jpg", "jpeg", "gif", "webp", "pdf", "zip", "gz", "tar", "log",  // media, archives, logs
    ]

    /// What `list` found: files to read, paths that do not exist, and files in
    /// listed directories left out because their extension is not a document's.
    public struct Listing: Sendable {
        public var files: [String] = []
        public var missing: [SkippedFile] = []
        public var notDocuments: [String] = []
    }

    /// Expands directories (recursively, sorted, hidden files and
    /// `nonDocumentExtensions` left out) into files; a missing path is
    /// reported, not fatal. Cost: one directory walk per listed directory.
    public static func list(_ paths: [String]) -> Listing {
        var out = Listing()
        let fm = FileManager.default
        for p in paths {
            if p == "-" { out.files.append(p); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                out.missing.append(SkippedFile(path: p, reason: "no such file or directory"))
                continue
            }
            if !isDir.boolValue { out.files.append(p); continue }
            var found: [String] = []
            if let e = fm.enumerator(atPath: p) {
                while let rel = e.nextObject() as? String {
                    if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                    let full = (p as NSString).appendingPathComponent(rel)
                    var d: ObjCBool = false
                    guard fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue else { continue }
                    if nonDocumentExtensions.contains((rel as NSString).pathExtension.lowercased()) {
                        out.notDocuments.append(full)
                    } else {
                        found.append(full)
                    }
                }
            }
            out.files += found.sorted()
        }
        out.notDocuments.sort()
        return out
    }

    /// `list` without the files left out by extension.
    public static func expand(_ paths: [String]) -> (files: [String], missing: [SkippedFile]) {
        let l = list(paths)
        return (l.files, l.missing)
    }

    /// A one-line note for the files `list` left out, or nil when there are none.
    public static func notDocumentsNote(_ skipped: [String]) -> String? {
        guard let first = skipped.first else { return nil }
        let kinds = Set(skipped.map { "." + ($0 as NSString).pathExtension.lowercased() }).sorted().joined(separator: ", ")
        return "note: \(skipped.count) file(s) in the listed directories are not documents (\(kinds), e.g. \(first)) "
            + "and were left out; name a file on the command line to read it anyway"
    }

    /// The outcome of extracting one file.
    public enum Outcome: Sendable {
        case extracted(Extraction, path: String)
        case skipped(SkippedFile)
    }

    /// Reads and extracts every file on all cores; results keep the input order.
    public static func extractAll(_ files: [String], with extractor: Extractor, threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Outcome] {
        // @unchecked Sendable: every access to `items` holds `lock`, and `extractAll`
        // reads them only after `concurrentPerform` has joined every worker.
        final class Box: @unchecked Sendable { var items: [Outcome?] ; init(_ n: Int) { items = Array(repeating: nil, count: n) } }
        let box = Box(files.count)
        let lock = NSLock()
        let work: @Sendable (Int) -> Void = { i in
            let outcome: Outcome
            switch read(path: files[i]) {
            case .failure(let s): outcome = .skipped(s)
            case .success(let doc):
                let name = doc.path == "-" ? "-" : (doc.path as NSString).lastPathComponent
                outcome = .extracted(extractor.extract(text: doc.text, document: name, warnings: doc.warnings), path: doc.path)
            }
            lock.lock(); box.items[i] = outcome; lock.unlock()
        }
        if threads <= 1 || files.count <= 1 || files.contains("-") {
            for i in files.indices { work(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: files.count) { work($0) }
        }
        return box.items.map { $0! }
    }
}
