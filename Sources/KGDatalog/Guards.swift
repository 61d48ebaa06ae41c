import Foundation
import Synchronization

/// Limits on one evaluation: a tuple budget, a time budget, and a cancel flag
/// another thread may set (the REPL's Ctrl-C). The join loop asks
/// `shouldStop()` every few thousand rows and `countTuple()` per new tuple.
public final class Guards: @unchecked Sendable {
    public enum Reason: Equatable, Sendable, CustomStringConvertible {
        case tupleLimit(Int), timeout(Double), cancelled
        public var description: String {
            switch self {
            case .tupleLimit(let n): return "stopped after deriving \(n) tuples (the tuple limit; raise it with --max-tuples)"
            case .timeout(let s): return "stopped after \(s) s (the time limit; raise it with --timeout)"
            case .cancelled: return "cancelled"
            }
        }
    }

    private let cancelFlag = Atomic<Bool>(false)
    var maxTuples: Int
    var timeLimit: Double?
    private var deadline: UInt64 = .max
    private var derived = 0
    private(set) var reason: Reason?

    init(maxTuples: Int, timeLimit: Double?) {
        self.maxTuples = maxTuples
        self.timeLimit = timeLimit
    }

    /// Starts an evaluation's budgets. The cancel flag is left as it is: a
    /// Ctrl-C that lands after Enter but before evaluation starts must still
    /// cancel it, so only `resetCancel()` (the REPL, before reading a line) clears it.
    func start() {
        derived = 0
        reason = nil
        deadline = Guards.deadline(after: timeLimit, from: DispatchTime.now().uptimeNanoseconds)
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

    public func cancel() { cancelFlag.store(true, ordering: .relaxed) }

    public func resetCancel() { cancelFlag.store(false, ordering: .relaxed) }

    /// Counts one derived tuple; true when the budget is spent.
    @inline(__always) func countTuple() -> Bool {
        derived += 1
        if derived > maxTuples { reason = .tupleLimit(maxTuples); return true }
        return false
    }

    func shouldStop() -> Bool {
        if reason != nil { return true }
        if cancelFlag.load(ordering: .relaxed) { reason = .cancelled; return true }
        if deadline != .max && DispatchTime.now().uptimeNanoseconds > deadline { reason = .timeout(timeLimit ?? 0); return true }
        return false
    }
}
