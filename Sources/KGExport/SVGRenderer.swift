import Foundation

/// SVG through Graphviz's `dot`, which kg does not require: when it is not
/// installed the error says how to get it.
public enum SVGRenderer {
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String {
            "Graphviz 'dot' was not found in PATH; install it (apt-get install graphviz, brew install graphviz) or export --format dot"
        }
    }

    public struct Failed: Error, CustomStringConvertible {
        public var status: Int32
        public var message: String
        public var description: String { "dot exited with status \(status): \(message)" }
    }

    /// The `dot` executable on PATH, if any.
    public static func dotExecutable() -> URL? { executable(named: "dot") }

    /// `name` found in a directory of PATH, if any.
    public static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs `dot -Tsvg` (or another `-T` format) over DOT text.
    public static func render(dot source: String, format: String = "svg") throws -> Data {
        guard let dot = dotExecutable() else { throw Unavailable() }
        // Input and errors go through temporary files, so only one pipe is read
        // and a large graph cannot deadlock on full pipe buffers.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kg-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let inputURL = tmp.appendingPathComponent("graph.dot"), errorURL = tmp.appendingPathComponent("stderr")
        try Data(source.utf8).write(to: inputURL)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = dot
        process.arguments = ["-T\(format)", inputURL.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errorData = (try? Data(contentsOf: errorURL)) ?? Data()
        guard process.terminationStatus == 0 else {
            throw Failed(status: process.terminationStatus,
                         message: String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return data
    }
}

/// Whether fontconfig knows a font with Chinese glyphs: Graphviz draws labels
/// it has no glyphs for as boxes, and says nothing.
public enum CJKFontCheck {
    public static let installHint = "install one: apt-get install fonts-noto-cjk (Debian/Ubuntu), dnf install google-noto-sans-cjk-fonts (Fedora), brew install --cask font-noto-sans-cjk (macOS)"

    /// A warning to print before drawing, or nil when a CJK font is installed.
    /// Runs `fc-list :lang=zh family` once (a few milliseconds).
    public static func warning() -> String? {
        guard let fcList = SVGRenderer.executable(named: "fc-list") else {
            return "warning: cannot check for a CJK font (fontconfig's fc-list is not in PATH); Chinese labels may render as boxes; " + installHint
        }
        let process = Process()
        process.executableURL = fcList
        process.arguments = [":lang=zh", "family"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let found = String(decoding: data, as: UTF8.self).contains { !$0.isWhitespace }
        return found ? nil : "warning: fontconfig has no CJK font (fc-list :lang=zh is empty): Chinese labels will render as boxes; " + installHint
    }
}
