import Foundation
import KGCore

extension GraphStore {
    /// Starts `state` from the snapshot when it is intact and matches the log (not written yet).
    func loadSnapshot(matching scan: LogScanner, bytes: [UInt8]) {}

    static func snapshotNote(_ directory: URL, scan: LogScanner, io: FileIO) -> String? { nil }
}
