import Foundation

/// Command history kept across sessions. Every entry is appended to the file
/// the moment it is added (open, write, close), so a crash loses nothing.
/// One entry per line; a multi-line clause is stored joined by spaces.
public struct History {
    public private(set) var entries: [String] = []
    public let file: URL?
    public var limit = 1000

    public init(file: URL?) {
        self.file = file
        if let file, let data = try? Data(contentsOf: file) {
            entries = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).suffix(limit).map { $0 }
        }
    }

    /// `.history` in the graph directory when it exists, else `~/.kg_history`.
    public static func defaultFile(graph: URL) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: graph.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return graph.appendingPathComponent(".history")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".kg_history")
    }

    public mutating func add(_ line: String) {
        let entry = line.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !entry.isEmpty, entry != entries.last else { return }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        guard let file else { return }
        let bytes = Data((entry + "\n").utf8)
        if let handle = try? FileHandle(forWritingTo: file) {
            handle.seekToEndOfFile()
            handle.write(bytes)
            try? handle.close()
        } else {
            try? bytes.write(to: file)
        }
    }

    /// The newest entry before `index` that contains `query`.
    public func search(_ query: String, before index: Int) -> Int? {
        var i = min(index, entries.count) - 1
        while i >= 0 {
            if query.isEmpty || entries[i].contains(query) { return i }
            i -= 1
        }
        return nil
    }
}
