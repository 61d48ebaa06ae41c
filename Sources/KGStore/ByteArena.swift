#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a string table or the sentence arena: a read-only mapped base
/// (the snapshot's section, checked lazily per 64 KiB chunk by CRC-32C) and an
/// owned tail for what was appended since. A string never straddles the two:
/// the base holds exactly the strings the snapshot had, whole.
///
/// The tail is a list of segments of at most 1 MiB: every segment but the last
/// is full and never written again, so a copy of the arena (a `GraphView`, a
/// background checkpoint's copy, SNAP-10) shares them, and an append after a
/// copy copies the last segment only (at most 1 MiB), never the whole tail.
///
/// Costs: `withBytes` O(1) plus, the first time a mapped chunk is read, its
/// checksum (O(chunk)); a string straddling two tail segments is copied into a
/// temporary first (one string per MiB at most). `append` amortised O(bytes).
/// Copying is O(segments).
struct ByteArena: @unchecked Sendable {
    private let base: MappedChunks<UInt8>?
    private var segments: [ArenaSegment] = []
    private var tailCount = 0

    init() { base = nil }
    init(mapped: MappedChunks<UInt8>) { base = mapped }

    private var baseCount: Int { base?.count ?? 0 }
    var count: Int { baseCount + tailCount }

    mutating func append(contentsOf b: UnsafeRawBufferPointer) {
        var at = 0
        while at < b.count {
            let j = tailCount & arenaSegmentMask
            if j == 0 && tailCount >> arenaSegmentShift == segments.count {
                segments.append(ArenaSegment(capacity: Swift.min(arenaSegmentSize, Swift.max(256, b.count - at))))
            }
            let s = segments.count - 1
            let n = Swift.min(b.count - at, arenaSegmentSize - j)
            if !isKnownUniquelyReferenced(&segments[s]) || segments[s].capacity < j + n {
                // Shared with a copy, or out of room: a new last segment (doubling up to 1 MiB) with its bytes.
                let bigger = ArenaSegment(capacity: Swift.min(arenaSegmentSize, Swift.max(j + n, segments[s].capacity * 2)))
                bigger.bytes.copyMemory(from: segments[s].bytes, byteCount: j)
                segments[s] = bigger
            }
            (segments[s].bytes + j).copyMemory(from: b.baseAddress! + at, byteCount: n)
            tailCount += n
            at += n
        }
    }

    /// Calls `body` with bytes `s ..< e`; nil when the range is not inside the
    /// arena, straddles the mapped base and the tail, or covers a damaged chunk.
    @inline(__always)
    func withBytes<R>(_ s: Int, _ e: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard s >= 0, s <= e else { return nil }
        let b = baseCount
        if e <= b, let m = base {
            if s == e { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            var c = s >> columnChunkShift
            let last = (e - 1) >> columnChunkShift
            while c <= last {
                if !m.isGood(c) { return nil }
                c += 1
            }
            return body(UnsafeRawBufferPointer(start: UnsafeRawPointer(m.rawBase! + s), count: e - s))
        }
        guard s >= b, e - b <= tailCount else { return nil }
        let ts = s - b, te = e - b
        if ts == te { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let first = ts >> arenaSegmentShift
        if (te - 1) >> arenaSegmentShift == first {
            return body(UnsafeRawBufferPointer(start: segments[first].bytes + (ts & arenaSegmentMask), count: te - ts))
        }
        var joined = [UInt8](repeating: 0, count: te - ts)
        joined.withUnsafeMutableBytes { out in
            var at = ts
            while at < te {
                let n = Swift.min(te - at, arenaSegmentSize - (at & arenaSegmentMask))
                (out.baseAddress! + (at - ts)).copyMemory(from: segments[at >> arenaSegmentShift].bytes + (at & arenaSegmentMask), byteCount: n)
                at += n
            }
        }
        return joined.withUnsafeBytes { body($0) }
    }

    /// Calls `body` with each part in order: the mapped base's chunks, then the tail (writing a snapshot).
    func forEachPart(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if let m = base {
            var c = 0
            while c << columnChunkShift < m.count {
                let first = c << columnChunkShift, n = min(columnChunkSize, m.count - first)
                if m.isGood(c) {
                    try body(UnsafeRawBufferPointer(start: UnsafeRawPointer(m.rawBase! + first), count: n))
                } else {
                    try [UInt8](repeating: 0, count: n).withUnsafeBytes(body)
                }
                c += 1
            }
        }
        for (k, segment) in segments.enumerated() {
            try body(UnsafeRawBufferPointer(start: segment.bytes, count: Swift.min(arenaSegmentSize, tailCount - (k << arenaSegmentShift))))
        }
    }

    func checkAllChunks() {
        guard let m = base else { return }
        var c = 0
        while c << columnChunkShift < m.count { _ = m.isGood(c); c += 1 }
    }

    /// The bytes as an array, O(count) (tests and crafted snapshots).
    var array: [UInt8] {
        var out: [UInt8] = []
        forEachPart { out.append(contentsOf: $0) }
        return out
    }

    /// Sets byte `i` (tests crafting damage; the arena is rebuilt in memory, O(count)).
    mutating func set(_ i: Int, _ v: UInt8) {
        var all = array
        all[i] = v
        self = ByteArena()
        all.withUnsafeBytes { append(contentsOf: $0) }
    }
}

let arenaSegmentShift = 20
let arenaSegmentSize = 1 << arenaSegmentShift
let arenaSegmentMask = arenaSegmentSize - 1

/// One segment of a `ByteArena`'s tail (freed on deinit).
final class ArenaSegment: @unchecked Sendable {
    let bytes: UnsafeMutableRawPointer
    let capacity: Int
    init(capacity: Int) {
        bytes = .allocate(byteCount: capacity, alignment: 8)
        self.capacity = capacity
    }
    deinit { bytes.deallocate() }
}
