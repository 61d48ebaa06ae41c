import Foundation
import Synchronization

/// Limits on one run of a source text: a tuple budget, a memory budget, a time
/// budget, and a cancel flag another thread may set (the REPL's Ctrl-C). The
/// join loop asks `shouldStop()` every few thousand rows and `countTuple()` per
/// new tuple; the session asks `shouldStop()` between statements and while it
/// copies answers out, so the time limit and a cancel reach parsing, planning,
/// evaluation and output alike.
///
/// Not Sendable: every field but the cancel flag belongs to the thread running
/// the session. Another thread cancels through `cancelHandle`, which shares
/// only the atomic flag.
public final class Guards {
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case tupleLimit(Int), memoryLimit(Int), timeout(Double), cancelled
        public var description: String {
            switch self {
            case .tupleLimit(let n): return "stopped after deriving \(n) tuples (the tuple limit; raise it with --max-tuples)"
            case .memoryLimit(let b):
                return "stopped at the memory budget of \(Guards.describeBytes(b)) (raise it with --max-memory)"
            case .timeout(let s): return "stopped after \(s) s (the time limit; raise it with --timeout)"
            case .cancelled: return "cancelled"
            }
        }
    }

    private let cancelFlag = CancelFlag()
    var maxTuples: Int
    var timeLimit: Double?
    /// Bytes the relations and indexes may hold, counting the room their next growth needs.
    var maxMemory: Int
    /// The engine's figures: bytes held, and the largest single structure (whose next
    /// doubling briefly needs twice its size more).
    var memoryFigures: () -> (total: Int, largest: Int) = { (0, 0) }
    /// Largest total seen at a check since `startClock`.
    private(set) var peakMemory = 0
    private var deadline: UInt64 = .max
    private var derived = 0
    private(set) var reason: Reason?

    init(maxTuples: Int, timeLimit: Double?, maxMemory: Int = Guards.defaultMaxMemory) {
        self.maxTuples = maxTuples
        self.timeLimit = timeLimit
        self.maxMemory = maxMemory
    }

    /// A quarter of physical memory: a runaway query stops long before the
    /// machine swaps, and leaves room for the answers' copy and other programs.
    public static var defaultMaxMemory: Int { Int(clamping: ProcessInfo.processInfo.physicalMemory / 4) }

    /// "1.5 GB", "300 MB".
    static func describeBytes(_ b: Int) -> String {
        if b >= 1 << 30 { return String(format: "%.1f GB", Double(b) / Double(1 << 30)) }
        return "\(b >> 20) MB"
    }

    /// Starts the clock for a whole run (parse, plan, evaluate, output). The
    /// cancel flag is left as it is: a Ctrl-C that lands after Enter but before the
    /// run starts must still cancel it, so only `resetCancel()` (the REPL, before
    /// reading a line) clears it.
    func startClock() {
        reason = nil
        peakMemory = 0
        deadline = Guards.deadline(after: timeLimit, from: DispatchTime.now().uptimeNanoseconds)
    }

    /// Starts one query's evaluation budgets (the clock keeps running).
    func start() {
        derived = 0
        if case .memoryLimit = reason { reason = nil }
        if case .tupleLimit = reason { reason = nil }
    }

    /// Longest time limit honoured (about 31 years); longer ones, infinity and NaN mean no limit.
    static let longestTimeLimit = 1e9

    /// `now + seconds` in nanoseconds, checked: a limit that is not a finite number of
    /// seconds below `longestTimeLimit` means no deadline; a negative one means now.
    static func deadline(after seconds: Double?, from now: UInt64) -> UInt64 {
        guard let t = seconds, t.isFinite, t < longestTimeLimit else { return .max }
        let (sum, overflow) = now.addingReportingOverflow(UInt64(max(0, t) * 1e9))
        return overflow ? .max : sum
    }

    public func cancel() { cancelFlag.cancel() }

    public func resetCancel() { cancelFlag.reset() }

    /// The cancel flag alone, to hand to another thread (a Ctrl-C watcher).
    public var cancelHandle: CancelHandle { CancelHandle(flag: cancelFlag) }

    /// Counts one derived tuple; true when a budget is spent. The memory figures
    /// are looked at every 4,096 new tuples (they cost a pass over the relations).
    @inline(__always) func countTuple() -> Bool {
        derived += 1
        if derived > maxTuples { reason = .tupleLimit(maxTuples); return true }
        if derived & 0xFFF == 0 && memoryExceeded() { return true }
        return false
    }

    /// Whether the held bytes plus the room the largest structure's next doubling needs pass the budget.
    func memoryExceeded() -> Bool {
        let m = memoryFigures()
        peakMemory = max(peakMemory, m.total)
        if m.total &+ 2 &* m.largest > maxMemory {
            reason = .memoryLimit(maxMemory)
            return true
        }
        return false
    }

    func shouldStop() -> Bool {
        if reason != nil { return true }
        if cancelFlag.isSet { reason = .cancelled; return true }
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { reason = .timeout(timeLimit ?? 0); return true }
        return memoryExceeded()
    }

    /// Cancel or time limit only (for phases that allocate nothing the budget counts).
    func outOfTime() -> Bool {
        if case .timeout = reason { return true }
        if case .cancelled = reason { return true }
        if cancelFlag.isSet { reason = .cancelled; return true }
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { reason = .timeout(timeLimit ?? 0); return true }
        return false
    }
}

/// A cancel request shared between threads: one atomic Bool (relaxed: it
/// orders nothing else; the evaluation only polls it).
final class CancelFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func cancel() { value.store(true, ordering: .relaxed) }
    func reset() { value.store(false, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// What another thread may do to a running session: cancel it. Sendable, unlike
/// the session and its `Guards`.
public struct CancelHandle: Sendable {
    let flag: CancelFlag
    /// Stops the evaluation in progress, or the next one if none is running.
    public func cancel() { flag.cancel() }
}
