import Foundation
import KGCore
import KGExtract

/// Extraction on worker threads feeding one consumer in input order.
///
/// Workers take the next file index, read, hash and extract it, and park the
/// result in its slot; `next()` hands the slots back in order. Workers stay at
/// most `window` documents ahead of the consumer, so memory holds a window of
/// extractions, not the whole run. Cost per document: one read, one SHA-256,
/// one extraction, on whichever core is free.
///
/// @unchecked Sendable: the worker threads share it. `paths`, `extractor` and
/// `window` are immutable after init; every mutable field (`slots`, `claimed`,
/// `consumed`, `stopped`, `running`) is touched only while holding `condition`
/// (an NSCondition, which a Mutex cannot replace: workers and the consumer wait on it).
final class ExtractionPipeline: @unchecked Sendable {
    /// One extracted document (or why it was not).
    struct Item {
        var index: Int
        var outcome: Result<(extraction: Extraction, sha: String, size: Int), IngestProblem>
    }

    private let paths: [String]
    private let extractor: Extractor
    private let window: Int
    private let condition = NSCondition()
    private var slots: [Int: Item] = [:]
    private var claimed = 0
    private var consumed = 0
    private var stopped = false
    private var running = 0

    init(paths: [String], extractor: Extractor, threads: Int = ProcessInfo.processInfo.activeProcessorCount, window: Int = 256) {
        self.paths = paths
        self.extractor = extractor
        self.window = max(window, threads * 4)
        running = paths.isEmpty ? 0 : max(1, threads)
        for _ in 0..<running {
            let t = Thread { [self] in work() }
            t.name = "kg.extract"
            t.stackSize = 8 << 20
            t.start()
        }
    }

    deinit { stop() }

    private func work() {
        while true {
            condition.lock()
            while !stopped && claimed < paths.count && claimed >= consumed + window { condition.wait() }
            if stopped || claimed >= paths.count {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let i = claimed
            claimed += 1
            condition.unlock()
            let item = Item(index: i, outcome: extract(paths[i]))
            condition.lock()
            slots[i] = item
            condition.broadcast()
            condition.unlock()
        }
    }

    private func extract(_ path: String) -> Result<(extraction: Extraction, sha: String, size: Int), IngestProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(IngestProblem(path: path, reason: "cannot read file"))
        }
        let sha = SHA256.hex(data)
        switch DocumentReader.decode(data, path: path) {
        case .failure(let s): return .failure(IngestProblem(path: s.path, reason: s.reason))
        case .success(let doc):
            let x = extractor.extract(text: doc.text, document: (path as NSString).lastPathComponent, warnings: doc.warnings)
            return .success((x, sha, data.count))
        }
    }

    /// The next document in input order, waiting for it; nil when all were handed out or after `stop`.
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && consumed < paths.count && slots[consumed] == nil { condition.wait() }
        return takeLocked()
    }

    /// The next document if it is already extracted, without waiting.
    func nextIfReady() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        return takeLocked()
    }

    private func takeLocked() -> Item? {
        guard !stopped, consumed < paths.count, let item = slots.removeValue(forKey: consumed) else { return nil }
        consumed += 1
        condition.broadcast()
        return item
    }

    /// Stops the workers after the documents they are extracting now; waits for them.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }
}
