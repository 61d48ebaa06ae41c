import Foundation
import Synchronization

/// A snapshot being written on a background thread (SNAP-10): the job (a
/// copy-on-write copy of the graph at one transaction), and how writing it ended.
final class CheckpointTask: Sendable {
    let job: SnapshotJob
    let done = DispatchGroup()
    let result = Mutex<Result<Int, Error>?>(nil)
    init(job: SnapshotJob) { self.job = job }
}

extension GraphStore {
    /// Starts writing a snapshot of the graph as it is now on a background
    /// thread and returns at once (SNAP-10); commits go on meanwhile. Returns
    /// false when one is already running (or there is nothing to write).
    ///
    /// Cost on this thread: copying the state (O(chunks)) and the transactions
    /// section (O(transactions)). The background thread reads only its copy:
    /// a commit that writes a chunk the copy shares copies that chunk first, so
    /// the commit pays O(chunk) per chunk it touches while the job runs. When
    /// the file is complete it is renamed into place (SNAP-3); a crash before
    /// that leaves the previous snapshot, and the log holds every commit.
    @discardableResult
    public func startCheckpoint() -> Bool {
        guard mode == .write, state.tx > 0 else { return false }
        pollCheckpoint()
        guard runningCheckpoint == nil else { return false }
        if state.mapping?.damage != nil { return false }
        let task = CheckpointTask(job: snapshotJob())
        let (io, directory) = (self.io, self.directory)
        runningCheckpoint = task
        DispatchQueue.global(qos: .utility).async(group: task.done) {
            let r = Result { try GraphStore.writeSnapshot(task.job, io: io, directory: directory) }
            task.result.withLock { $0 = r }
        }
        return true
    }

    /// Whether a background checkpoint is still being written.
    public var checkpointInProgress: Bool {
        guard let task = runningCheckpoint else { return false }
        return task.result.withLock { $0 == nil }
    }

    /// Waits for the background checkpoint, if any, and returns the size of the
    /// snapshot it wrote (nil when none was running); throws what made it fail
    /// (the previous snapshot and the log are then as they were).
    @discardableResult
    public func finishCheckpoint() throws -> Int? {
        guard let task = runningCheckpoint else { return nil }
        task.done.wait()
        runningCheckpoint = nil
        let r = task.result.withLock { $0 }!
        let length = try r.get()
        snapshotTx = task.job.tx
        snapshotLogOffset = task.job.recordEnd
        return length
    }

    /// Takes in a finished background checkpoint without waiting; a failure is
    /// said on standard error (the log is intact, SNAP-4).
    func pollCheckpoint() {
        guard let task = runningCheckpoint, task.result.withLock({ $0 != nil }) else { return }
        do { try finishCheckpoint() } catch {
            FileHandle.standardError.write(Data("kg: a background snapshot of \(directory.path) failed: \(error) (the log is intact)\n".utf8))
        }
    }

    /// After a commit: starts a background checkpoint once `backgroundCheckpointBytes`
    /// of log lie past the last snapshot (SNAP-10). O(1) unless it starts one.
    func checkpointInBackgroundIfDue() {
        pollCheckpoint()
        guard runningCheckpoint == nil,
              logSize - max(snapshotLogOffset, LogFormat.headerSize) >= backgroundCheckpointBytes else { return }
        startCheckpoint()
    }
}
