import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The controlling terminal in raw mode, and the promise to give it back: the
/// saved settings are restored on normal exit (atexit), on errors (callers
/// restore before printing) and on SIGTERM/SIGHUP (a signal source restores
/// then exits). SIGINT is routed to `onInterrupt` so Ctrl-C during a query
/// cancels it instead of killing the process.
public final class Terminal {
    public let input: Int32
    public let output: Int32

    /// Settings to restore, shared with the exit and signal paths, which cannot
    /// reach an instance. Only one terminal is ever in raw mode per process.
    nonisolated(unsafe) static var saved: (fd: Int32, settings: termios)?
    nonisolated(unsafe) static var signalSources: [DispatchSourceSignal] = []
    nonisolated(unsafe) static var interruptHandler: (() -> Void)?
    nonisolated(unsafe) static var atexitInstalled = false

    public init(input: Int32 = 0, output: Int32 = 1) {
        self.input = input
        self.output = output
    }

    public var isInteractive: Bool { isatty(input) != 0 && isatty(output) != 0 }

    /// Columns of the terminal (80 when it cannot say).
    public var columns: Int {
        var size = winsize()
        if ioctl(output, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// Raw mode: bytes as typed, no echo, no line buffering, no signals from
    /// keys (Ctrl-C arrives as byte 3). Output processing stays on so `\n` still
    /// moves to the start of the next line.
    public func enableRaw() throws {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw CommandError("cannot read terminal settings: \(String(cString: strerror(errno)))") }
        if Terminal.saved == nil { Terminal.saved = (input, original) }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { throw CommandError("cannot set terminal to raw mode: \(String(cString: strerror(errno)))") }
        if !Terminal.atexitInstalled {
            Terminal.atexitInstalled = true
            atexit { Terminal.restoreSaved() }
        }
    }

    /// Back to the settings from before `enableRaw`.
    public func restore() { Terminal.restoreSaved() }

    static func restoreSaved() {
        guard var saved = Terminal.saved else { return }
        _ = tcsetattr(saved.fd, TCSANOW, &saved.settings)
    }

    /// SIGINT calls `onInterrupt` (on a dispatch queue, never inside the signal
    /// handler); SIGTERM and SIGHUP restore the terminal and exit 128+signal.
    public static func installSignalHandlers(onInterrupt: @escaping () -> Void) {
        interruptHandler = onInterrupt
        guard signalSources.isEmpty else { return }
        let queue = DispatchQueue(label: "kg.signals")
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler {
                if sig == SIGINT {
                    Terminal.interruptHandler?()
                } else {
                    restoreSaved()
                    _exit(128 + sig)
                }
            }
            source.resume()
            signalSources.append(source)
        }
    }

    /// Writes all of `text` to the output descriptor.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    /// One byte, or nil at end of input; waits at most `timeoutMs` when given.
    public func readByte(timeoutMs: Int32? = nil) -> UInt8? {
        if let timeoutMs {
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, timeoutMs) <= 0 { return nil }
        }
        var byte: UInt8 = 0
        while true {
            let n = read(input, &byte, 1)
            if n == 1 { return byte }
            if n < 0 && errno == EINTR { continue }
            return nil
        }
    }
}
