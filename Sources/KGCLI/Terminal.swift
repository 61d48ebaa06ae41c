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
    /// moves to the start of the next line. With `signals`, Ctrl-C raises
    /// SIGINT instead (used while a command runs): input stays non-canonical
    /// and unechoed, so keys typed ahead reach the next prompt intact — in
    /// canonical mode the line discipline would echo them and turn a Ctrl-D
    /// into its own end-of-file marker.
    public func enableRaw(signals: Bool = false) throws {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw CommandError("cannot read terminal settings: \(String(cString: strerror(errno)))") }
        if Terminal.saved == nil { Terminal.saved = (input, original) }
        var raw = original
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        if signals { raw.c_lflag |= tcflag_t(ISIG) }
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

    /// The self-pipe SIGINT writes to; a watcher thread reads it and calls the handler.
    nonisolated(unsafe) static var interruptPipe: [Int32] = [-1, -1]

    /// SIGINT calls `onInterrupt` on a watcher thread (the signal handler only
    /// writes a byte to a pipe, which is async-signal-safe); SIGTERM and SIGHUP
    /// restore the terminal and exit 128+signal from the handler itself
    /// (tcsetattr and _exit are async-signal-safe). Plain handlers rather than
    /// dispatch sources: those are armed asynchronously, and a signal arriving
    /// before that would be lost.
    public static func installSignalHandlers(onInterrupt: @escaping () -> Void) {
        interruptHandler = onInterrupt
        guard interruptPipe[0] < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        interruptPipe = fds
        let readEnd = fds[0]
        let watcher = Thread {
            var byte: UInt8 = 0
            while true {
                let n = read(readEnd, &byte, 1)
                if n == 1 { Terminal.interruptHandler?() } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
        watcher.name = "kg.sigint"
        watcher.start()
        signal(SIGINT) { _ in
            var byte: UInt8 = 3
            _ = Glibc.write(Terminal.interruptPipe[1], &byte, 1)
        }
        for sig in [SIGTERM, SIGHUP] {
            signal(sig) { sig in
                Terminal.restoreSaved()
                _exit(128 + sig)
            }
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
