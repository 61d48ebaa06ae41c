import Foundation
import Synchronization
import KGCore
import KGExtract
import KGStore
#if canImport(Glibc)
import Glibc
#endif

/// Why a file was not ingested (`PATH: skipped: REASON`).
struct IngestProblem: Error, Sendable, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): skipped: \(reason)" }
}

/// What `kg ingest` will do with each file, decided before anything is
/// extracted (docs/EXTRACT.md, "Document identity", rules DOC-1 … DOC-6):
/// a document is its content (SHA-256) and lives at one canonical path.
struct IngestPlan {
    /// A file as read: the path as listed, its canonical path, content hash and size.
    struct File: Sendable {
        var path: String
        var canonical: String
        var sha: String
        var size: Int
    }

    var unchanged: [File] = []
    /// Files whose content the graph (or this run) already holds at another path.
    var duplicates: [(file: File, sameAs: String)] = []
    /// Records whose file moved: re-keyed to the new path, evidence kept (DOC-3).
    var moves: [(from: String, file: File)] = []
    /// Files to extract; `changed` when their path has a record with other content (DOC-4).
    var extract: [(file: File, changed: Bool)] = []
    /// Records to retract with their evidence: files gone from a listed directory (DOC-5),
    /// or paths whose new content is a copy of another document (DOC-2).
    var removals: [String] = []
    /// Files that could not be read, as messages.
    var failures: [String] = []

    /// The canonical spelling of `path`: absolute, symlinks and `.`/`..` resolved
    /// (realpath). A path that does not exist resolves its directory and keeps
    /// its last component; `-` (standard input) stays `-`.
    static func canonical(_ path: String) -> String {
        if path == "-" { return path }
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL
        let parent = absolute.deletingLastPathComponent().path
        if let resolved = realpath(parent, nil) {
            defer { free(resolved) }
            let dir = String(cString: resolved)
            return (dir == "/" ? "" : dir) + "/" + absolute.lastPathComponent
        }
        return absolute.path
    }

    /// Reads and hashes every file on all cores; the order of `files` is kept.
    /// `onFile` is called (from any thread, serialised) after each file with its size.
    static func scan(_ files: [String], cancelled: @escaping @Sendable () -> Bool,
                     onFile: @escaping @Sendable (Int) -> Void) -> [Result<File, IngestProblem>] {
        let items = Mutex<[Result<File, IngestProblem>?]>(Array(repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let path = files[i]
            let result: Result<File, IngestProblem>
            if cancelled() {
                result = .failure(IngestProblem(path: path, reason: "interrupted"))
            } else if path == "-" {
                result = .failure(IngestProblem(path: path, reason: "kg ingest reads files, not standard input (use kg extract - | kg import)"))
            } else if let data = FileManager.default.contents(atPath: path) {
                result = .success(File(path: path, canonical: canonical(path), sha: SHA256.hex(data), size: data.count))
            } else {
                result = .failure(IngestProblem(path: path, reason: "cannot read file"))
            }
            items.withLock { items in
                items[i] = result
                if case .success(let f) = result { onFile(f.size) } else { onFile(0) }
            }
        }
        return items.withLock { $0.map { $0! } }
    }

    /// Decides each scanned file's fate against the graph `view`.
    /// `listed` are the paths given on the command line (directories make DOC-5 apply).
    static func make(scanned: [Result<File, IngestProblem>], missing: [SkippedFile], listed: [String], view: GraphView) -> IngestPlan {
        var plan = IngestPlan()
        var files: [File] = []
        for r in scanned {
            switch r {
            case .success(let f): files.append(f)
            case .failure(let s): plan.failures.append(s.description)
            }
        }
        // The content each canonical path of this run holds now.
        var runContent: [String: String] = [:]
        for f in files { runContent[f.canonical] = f.sha }
        /// Whether the record at `path` still describes its file: the file holds `sha`.
        func stillHolds(_ path: String, _ sha: String) -> Bool {
            let c = canonical(path)
            if let now = runContent[c] { return now == sha }
            guard let data = FileManager.default.contents(atPath: path) else { return false }
            return SHA256.hex(data) == sha
        }
        // DOC-1: the first path of this run holding a content owns it (unchanged records first).
        var owner: [String: String] = [:]
        for f in files where view.document(path: f.canonical)?.sha256 == f.sha {
            if owner[f.sha] == nil { owner[f.sha] = f.canonical }
        }
        var seenCanonical = Set<String>()
        var movedFrom = Set<String>()
        for f in files {
            // The same file reached twice in this run (a directory and a symlink to it): once is enough.
            guard seenCanonical.insert(f.canonical).inserted else { continue }
            let atPath = view.document(path: f.canonical)
            if atPath?.sha256 == f.sha {
                if owner[f.sha] == f.canonical { plan.unchanged.append(f) } else { plan.duplicates.append((f, owner[f.sha]!)) }
                continue
            }
            if let first = owner[f.sha] {
                plan.duplicates.append((f, first))
                if atPath != nil { plan.removals.append(f.canonical) }
                continue
            }
            // DOC-2 / DOC-3: the content is known at another path.
            let holders = view.documents(withSHA: f.sha).filter { $0 != f.canonical && !movedFrom.contains($0) }
            if let holder = holders.first(where: { canonical($0) != f.canonical && stillHolds($0, f.sha) }) {
                plan.duplicates.append((f, holder))
                owner[f.sha] = holder
                if atPath != nil { plan.removals.append(f.canonical) }
                continue
            }
            owner[f.sha] = f.canonical
            if let from = holders.first {
                if atPath != nil { plan.removals.append(f.canonical) }
                plan.moves.append((from, f))
                movedFrom.insert(from)
                continue
            }
            plan.extract.append((f, atPath != nil))
        }
        // DOC-5: records under a listed directory whose file is gone, and listed files that are gone.
        let fm = FileManager.default
        var prefixes: [String] = []
        for p in listed where p != "-" {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue {
                let c = canonical(p)
                prefixes.append(c.hasSuffix("/") ? c : c + "/")
                prefixes.append(p.hasSuffix("/") ? p : p + "/") // records of older logs keep the path as typed
            }
        }
        var removed = Set(plan.removals)
        func remove(_ path: String) {
            if !movedFrom.contains(path), removed.insert(path).inserted { plan.removals.append(path) }
        }
        if !prefixes.isEmpty {
            for d in view.documents where prefixes.contains(where: { d.path.hasPrefix($0) }) {
                if runContent[d.path] == nil && runContent[canonical(d.path)] == nil { remove(d.path) }
            }
        }
        for m in missing {
            if view.document(path: m.path) != nil { remove(m.path) }
            else if view.document(path: canonical(m.path)) != nil { remove(canonical(m.path)) }
            else { plan.failures.append(m.description) }
        }
        return plan
    }
}
