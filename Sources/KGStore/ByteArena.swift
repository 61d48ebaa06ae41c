#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a string table or the sentence arena: a read-only mapped base
/// (the snapshot's section, checked lazily per 64 KiB chunk by CRC-32C) and an
/// owned tail for what was appended since. A string never straddles the two:
/// the base holds exactly the strings the snapshot had, whole.
///
/// Costs: `withBytes` O(1) plus, the first time a mapped chunk is read, its
/// checksum (O(chunk)); `append` amortised O(bytes). Copying is O(1) (the tail
/// is a copy-on-write array).
struct ByteArena: @unchecked Sendable {
    private let base: MappedChunks<UInt8>?
    private var tail: [UInt8] = []

    init() { base = nil }
    init(mapped: MappedChunks<UInt8>) { base = mapped }

    private var baseCount: Int { base?.count ?? 0 }
    var count: Int { baseCount + tail.count }

    mutating func append(contentsOf b: UnsafeRawBufferPointer) { tail.append(contentsOf: b) }

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
        guard s >= b, e - b <= tail.count else { return nil }
        return tail.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[(s - b)..<(e - b)])) }
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
        try tail.withUnsafeBytes(body)
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

    /// Sets byte `i` (tests crafting damage; a mapped base is first copied whole into the tail).
    mutating func set(_ i: Int, _ v: UInt8) {
        if base != nil {
            var all = array
            all[i] = v
            self = ByteArena()
            tail = all
        } else {
            tail[i] = v
        }
    }
}
