import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The controlling terminal in raw mode, and the promise to give it back: the
/// saved settings are restored on normal exit (atexit), on errors (callers
/// restore before printing) and on SIGTERM/SIGHUP (a signal source restores
/// then exits). SIGINT is routed to `onInterrupt` so Ctrl-C during a query
/// cancels it instead of killing the process.
public final class Terminal {
    public let input: Int32
    public let output: Int32

    /// The descriptor and settings to restore, shared with the exit and signal
    /// paths, which cannot reach an instance. Only one terminal is ever in raw
    /// mode per process, so they are saved once.
    struct SavedSettings { var fd: Int32; var settings: termios }

    // What the signal handlers read, async-signal-safe: two atomics (lock-free
    // loads, no allocation) and a C struct that is written once before its
    // address is published (releasing store; the handlers load acquiring).
    // `installSignalHandlers` and `enableRaw` touch these statics before any
    // handler is installed, so a handler never runs their lazy initialization.

    /// Address of the `SavedSettings` (allocated once, never freed), 0 until `enableRaw` saves them.
    static let savedAddress = Atomic<Int>(0)
    /// The write end of the self-pipe SIGINT writes a byte to (-1 until installed).
    static let interruptWriteFD = Atomic<Int32>(-1)
    static let atexitInstalled = Atomic<Bool>(false)

    /// What SIGINT calls, on the watcher thread (not in the handler), so it may lock.
    private static let interruptClosure = Mutex<(@Sendable () -> Void)?>(nil)
    static var interruptHandler: (@Sendable () -> Void)? {
        get { interruptClosure.withLock { $0 } }
        set { interruptClosure.withLock { $0 = newValue } }
    }

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
        if Terminal.savedAddress.load(ordering: .acquiring) == 0 {
            let saved = UnsafeMutablePointer<SavedSettings>.allocate(capacity: 1)
            saved.initialize(to: SavedSettings(fd: input, settings: original))
            Terminal.savedAddress.store(Int(bitPattern: saved), ordering: .releasing)
        }
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
        if !Terminal.atexitInstalled.exchange(true, ordering: .relaxed) {
            atexit { Terminal.restoreSaved() }
        }
    }

    /// Back to the settings from before `enableRaw`.
    public func restore() { Terminal.restoreSaved() }

    /// Async-signal-safe (the SIGTERM/SIGHUP handlers call it): an atomic load and tcsetattr.
    static func restoreSaved() {
        guard let saved = UnsafeMutablePointer<SavedSettings>(bitPattern: Terminal.savedAddress.load(ordering: .acquiring)) else { return }
        _ = tcsetattr(saved.pointee.fd, TCSANOW, &saved.pointee.settings)
    }

    /// SIGINT calls `onInterrupt` on a watcher thread (the signal handler only
    /// writes a byte to a pipe, which is async-signal-safe); SIGTERM and SIGHUP
    /// restore the terminal and exit 128+signal from the handler itself
    /// (tcsetattr and _exit are async-signal-safe). Plain handlers rather than
    /// dispatch sources: those are armed asynchronously, and a signal arriving
    /// before that would be lost.
    public static func installSignalHandlers(onInterrupt: @escaping @Sendable () -> Void) {
        interruptHandler = onInterrupt
        _ = savedAddress.load(ordering: .relaxed) // initialized before a handler can read it
        guard interruptWriteFD.load(ordering: .acquiring) < 0 else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        guard interruptWriteFD.compareExchange(expected: -1, desired: fds[1], ordering: .acquiringAndReleasing).exchanged else {
            Glibc.close(fds[0]); Glibc.close(fds[1])
            return
        }
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
            // Only async-signal-safe work: an atomic load and write(2), errno kept for the interrupted code.
            let savedErrno = errno
            var byte: UInt8 = 3
            _ = Glibc.write(Terminal.interruptWriteFD.load(ordering: .acquiring), &byte, 1)
            errno = savedErrno
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
