import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The built `kg` executable, next to the test bundle or under `.build/debug`.
func kgExecutable() throws -> URL {
    var candidates = [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kg"),
                      Bundle.main.bundleURL.appendingPathComponent("kg")]
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent(".build/debug/kg"))
        dir = dir.deletingLastPathComponent()
    }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw XCTSkip("kg executable not built")
    }
    return found
}

/// A child process on a pseudo-terminal: what a person at a terminal sees and
/// types, for driving the REPL end to end.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    let process = Process()
    /// Everything the child wrote, decoded as UTF-8.
    private(set) var screen = ""
    private var bytes: [UInt8] = []

    /// With `controllingTerminal`, the child runs under `setsid --ctty --wait`
    /// so the pty is its controlling terminal and Ctrl-C raises SIGINT in it,
    /// as at a real terminal (Process alone gives the child no controlling tty).
    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:], columns: UInt16 = 80,
         controllingTerminal: Bool = false) throws {
        var m: Int32 = 0, s: Int32 = 0
        var size = winsize(ws_row: 24, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&m, &s, nil, nil, &size) == 0 else { throw NSError(domain: "openpty", code: Int(errno)) }
        master = m
        slave = s
        if controllingTerminal {
            let setsid = URL(fileURLWithPath: "/usr/bin/setsid")
            guard FileManager.default.isExecutableFile(atPath: setsid.path) else {
                close(m); close(s)
                throw XCTSkip("setsid (util-linux) is needed to give the child a controlling terminal")
            }
            process.executableURL = setsid
            process.arguments = ["--ctty", "--wait", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let handle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
        close(slave)
    }

    /// The slave side's settings (what the child leaves behind when it exits).
    var settings: termios {
        var t = termios()
        tcgetattr(slave, &t)
        return t
    }

    func send(_ text: String) {
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads whatever is available for up to `timeout` seconds or until
    /// `predicate` holds on the output after `from`.
    @discardableResult
    func wait(timeout: TimeInterval = 10, from: Int = 0, until predicate: (Substring) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(Substring(output(from: from))) { return true }
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, 50) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let n = read(master, &buffer, buffer.count)
                if n > 0 {
                    bytes += buffer[..<n]
                    screen = String(decoding: bytes, as: UTF8.self)
                }
            }
        }
        return predicate(Substring(output(from: from)))
    }

    /// The output written since byte offset `from`.
    func output(from: Int) -> String { String(decoding: bytes[min(from, bytes.count)...], as: UTF8.self) }

    func waitFor(_ text: String, after mark: Int = 0, timeout: TimeInterval = 10) -> Bool {
        wait(timeout: timeout, from: mark) { $0.contains(text) }
    }

    /// Waits for a fresh prompt: a line break, then `prompt` after it (the
    /// editor redraws the current prompt on every key, so that alone is not enough).
    func waitForPrompt(after mark: Int, _ prompt: String = "kg> ", timeout: TimeInterval = 10) -> Bool {
        wait(timeout: timeout, from: mark) { text in
            // By scalars: "\r\n" is one Character, which firstIndex(of: "\n") would miss.
            guard let newline = text.unicodeScalars.firstIndex(of: "\n") else { return false }
            return String(text.unicodeScalars[newline...]).contains(prompt)
        }
    }

    /// Where the output ends now, to look only at what comes next.
    var mark: Int { bytes.count }

    func waitForExit(timeout: TimeInterval = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            wait(timeout: 0.05) { _ in false }
        }
        return process.isRunning ? nil : process.terminationStatus
    }
}
