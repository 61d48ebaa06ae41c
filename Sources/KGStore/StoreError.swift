import Foundation
import KGCore

/// Everything the store refuses, with the message the user sees.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// A read-only open of a directory with no log.
    case noGraph(path: String)
    /// The file does not start with the kg log header (LOG-2).
    case notALog(path: String)
    /// The header's version is not one this build reads (LOG-3).
    case unsupportedVersion(path: String, version: UInt32)
    /// A damaged record that is not a torn tail (LOG-7, LOG-8).
    case corrupt(path: String, offset: Int, tx: TxID, reason: String)
    /// Another process holds the writer lock (LOCK-2).
    case locked(pid: Int32)
    /// A write or read failed; for writes, the log was cut back to its last good length.
    case io(String)
    /// A draft the store will not commit (unknown entity, bad merge, …): nothing was written.
    case invalid(String)
    /// A read-only store was asked to commit.
    case readOnly

    public var description: String {
        switch self {
        case .noGraph(let p): return "no graph at \(p)"
        case .notALog(let p): return "\(p) is not a kg log (wrong magic)"
        case .unsupportedVersion(let p, let v): return "\(p) is not a kg log this version reads (format version \(v), expected \(LogFormat.version))"
        case .corrupt(let p, let o, let t, let r): return "\(p): damaged record at byte offset \(o) (transaction \(t)): \(r)"
        case .locked(let pid): return pid > 0 ? "graph is locked by process \(pid)" : "graph is locked by another writer"
        case .io(let m): return m
        case .invalid(let m): return m
        case .readOnly: return "the graph was opened read-only"
        }
    }
}
