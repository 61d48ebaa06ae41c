import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The progress of long work on standard error: documents done / total, MB,
/// documents/s, MB/s, elapsed and ETA.
///
/// On a terminal one line is redrawn in place (at most 10 times a second,
/// cut to the terminal's width); otherwise a plain line is printed every
/// `interval` seconds, for CI logs and nohup. `quiet` prints nothing.
///
/// @unchecked Sendable: the reader threads report through `advance`; every
/// mutable field is read and written only while holding `lock` (an NSLock, kept
/// rather than a Mutex because the drawing code runs under it across several
/// methods), and `mode`, `interval` and `started` are immutable after init.
final class IngestProgress: @unchecked Sendable {
    enum Mode { case terminal, lines, quiet }

    let mode: Mode
    let interval: Double
    private let started = Date()
    private var phase = ""
    private var total = 0, totalBytes = 0
    private(set) var done = 0, doneBytes = 0
    private var phaseStarted = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    init(quiet: Bool, interval: Double = 10) {
        mode = quiet ? .quiet : (isatty(2) != 0 ? .terminal : .lines)
        self.interval = interval
    }

    /// Starts a phase (`reading`; "" for the main one) of `total` items and `bytes` bytes.
    func begin(_ phase: String, total: Int, bytes: Int, announce: Bool = true) {
        lock.lock(); defer { lock.unlock() }
        self.phase = phase
        self.total = total
        totalBytes = bytes
        done = 0
        doneBytes = 0
        phaseStarted = Date()
        lastDraw = Date()
        if mode == .lines && announce && total > 0 { emitLine(plain: true) }
        if mode == .terminal { lastDraw = .distantPast }
    }

    /// `count` more items of `bytes` bytes are done.
    func advance(_ count: Int, bytes: Int) {
        lock.lock(); defer { lock.unlock() }
        done += count
        doneBytes += bytes
        let now = Date()
        switch mode {
        case .quiet: return
        case .terminal:
            if now.timeIntervalSince(lastDraw) >= 0.1 || done == total { lastDraw = now; emitLine(plain: false) }
        case .lines:
            if now.timeIntervalSince(lastDraw) >= interval { lastDraw = now; emitLine(plain: true) }
        }
    }

    /// The progress line as it reads now.
    var line: String {
        let elapsed = Date().timeIntervalSince(phaseStarted)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let mbRate = elapsed > 0 ? Double(doneBytes) / 1e6 / elapsed : 0
        // Short enough for 80 columns at 100,000 documents: the main phase has no prefix.
        var s = (phase.isEmpty ? "" : phase + " ") + "\(done)/\(total) " + (phase.isEmpty ? "docs, " : "files, ")
        s += totalBytes > 0 ? String(format: "%.1f/%.1f MB", Double(doneBytes) / 1e6, Double(totalBytes) / 1e6)
                            : String(format: "%.1f MB", Double(doneBytes) / 1e6)
        s += String(format: rate >= 10 ? ", %.0f %@/s" : ", %.1f %@/s", rate, phase.isEmpty ? "docs" : "files")
        s += String(format: ", %.2f MB/s, elapsed %@", mbRate, Self.clock(Date().timeIntervalSince(started)))
        if done < total {
            s += ", ETA " + (rate > 0 ? Self.clock(Double(total - done) / rate) : "?")
        }
        return s
    }

    private func emitLine(plain: Bool) {
        if plain {
            write("kg ingest: " + line + "\n")
        } else {
            var text = line
            let width = Terminal(input: 2, output: 2).columns - 1
            if text.count > width { text = String(text.prefix(max(0, width))) }
            write("\r\u{1B}[K" + text)
            drawn = true
        }
    }

    /// Clears the redrawn line so a message can take its place (terminal only).
    func clear() {
        lock.lock(); defer { lock.unlock() }
        if mode == .terminal && drawn { write("\r\u{1B}[K"); drawn = false }
    }

    /// A message on its own line, the progress line redrawn after it.
    func message(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if mode == .terminal && drawn { write("\r\u{1B}[K") }
        write(text + "\n")
        if mode == .terminal && drawn { emitLine(plain: false) }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
