import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What a column can hold: fixed-width values whose in-memory bytes are their
/// little-endian encoding on this platform, so a mapped section is the column.
/// `bits64` widens an element to the 64 bits a packed snapshot chunk computes
/// in (FORMAT.md SNAP-9): signed integers sign-extended, a double its bit pattern.
protocol ColumnElement: BitwiseCopyable, Equatable, Sendable {
    var bits64: UInt64 { get }
    init(bits64: UInt64)
    /// The widened -1 for signed ids (a list's end: packing stores it as an exception), nil for others.
    static var minusOneBits: UInt64? { get }
    /// Whether values tend to follow their index (ids, links): packing also tries values relative to it.
    static var indexLike: Bool { get }
}
extension UInt8: ColumnElement {
    @inline(__always) var bits64: UInt64 { UInt64(self) }
    @inline(__always) init(bits64: UInt64) { self.init(truncatingIfNeeded: bits64) }
    static var minusOneBits: UInt64? { nil }
    static var indexLike: Bool { false }
}
extension Int32: ColumnElement {
    @inline(__always) var bits64: UInt64 { UInt64(bitPattern: Int64(self)) }
    @inline(__always) init(bits64: UInt64) { self.init(truncatingIfNeeded: bits64) }
    static var minusOneBits: UInt64? { UInt64.max }
    static var indexLike: Bool { true }
}
extension Int: ColumnElement {
    @inline(__always) var bits64: UInt64 { UInt64(bitPattern: Int64(self)) }
    @inline(__always) init(bits64: UInt64) { self.init(truncatingIfNeeded: Int64(bitPattern: bits64)) }
    static var minusOneBits: UInt64? { UInt64.max }
    static var indexLike: Bool { true }
}
extension UInt64: ColumnElement {
    @inline(__always) var bits64: UInt64 { self }
    @inline(__always) init(bits64: UInt64) { self = bits64 }
    static var minusOneBits: UInt64? { nil }
    static var indexLike: Bool { false }
}
extension Double: ColumnElement {
    @inline(__always) var bits64: UInt64 { bitPattern }
    @inline(__always) init(bits64: UInt64) { self.init(bitPattern: bits64) }
    static var minusOneBits: UInt64? { nil }
    static var indexLike: Bool { false }
}

/// Elements per chunk: the unit of copy-on-write and of lazy checking (FORMAT.md SNAP-7).
let columnChunkShift = 16
let columnChunkSize = 1 << columnChunkShift
let columnChunkMask = columnChunkSize - 1

/// See `Column.token`.
final class ColumnToken: @unchecked Sendable {}

/// One chunk's elements owned by this process (allocated, freed on deinit).
final class ChunkBuffer<T: ColumnElement>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    let capacity: Int
    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }
    deinit { base.deallocate() }
}

/// A column of `GraphState`: the array API it uses (subscript get and set,
/// append, count, iteration) over chunks of 64 Ki elements, each either a
/// read-only page range of a mapped snapshot or a buffer this process owns.
///
/// Costs: a read is O(1) (one extra indirection through the chunk table, plus,
/// for a mapped chunk, one atomic load of its checked flag; the first read of a
/// mapped chunk checks it, O(chunk)). A write is O(1) when its chunk is owned
/// and not shared with another copy of the column; otherwise it copies that one
/// chunk first (O(chunk), never the column): that is how value semantics hold
/// (a `GraphView` taken before a commit keeps the old chunk) and how a mapped
/// snapshot is never written through (its pages are mapped `PROT_READ`).
/// `append` is amortised O(1). Copying a column is O(chunks).
struct Column<T: ColumnElement>: @unchecked Sendable {
    /// Chunk c's first element, or `Column.mappedMark` while chunk c is the
    /// mapped one (its elements are `mapped.pointer(c)`, never written through).
    private var pointers: [UnsafeMutablePointer<T>] = []
    /// Chunk c's owner, nil while it is the mapped chunk.
    private var owners: [ChunkBuffer<T>?] = []
    private(set) var count = 0
    /// The mapped chunks' check state, nil for a column built in memory.
    private let mapped: MappedChunks<T>?
    /// Chunks 0 ..< this came from the mapping (their reads go through `mapped`'s check).
    private let mappedChunkCount: Int
    /// Shared by every copy of this column value (a struct copy retains it): while
    /// it is uniquely referenced no other copy exists, so every owned chunk is this
    /// copy's alone and a write needs no per-chunk uniqueness check (the fast path
    /// of `subscript set` and `append`; replay writes millions of elements).
    private var token = ColumnToken()

    init() { mapped = nil; mappedChunkCount = 0 }

    init(repeating value: T, count n: Int) {
        self.init()
        reserveAndFill(value, n)
    }

    /// O(n): whole chunks are copied when `s` is contiguous.
    init<S: Sequence>(_ s: S) where S.Element == T {
        self.init()
        let done: Void? = s.withContiguousStorageIfAvailable { b in
            var first = 0
            while first < b.count {
                let n = Swift.min(columnChunkSize, b.count - first)
                let buffer = ChunkBuffer<T>(capacity: b.count <= 16 ? 16 : (b.count > columnChunkSize ? columnChunkSize : b.count))
                buffer.base.update(from: b.baseAddress! + first, count: n)
                owners.append(buffer)
                pointers.append(buffer.base)
                first += n
            }
            count = b.count
        }
        if done == nil { for x in s { append(x) } }
    }

    /// A column over `mapped`'s elements: O(chunks), nothing is read.
    init(mapped m: MappedChunks<T>) {
        mapped = m
        let chunks = (m.count + columnChunkMask) >> columnChunkShift
        mappedChunkCount = chunks
        count = m.count
        pointers = [UnsafeMutablePointer<T>](repeating: Column.mappedMark, count: chunks)
        owners = [ChunkBuffer<T>?](repeating: nil, count: chunks)
    }

    /// Marks a chunk still read from the mapping (never dereferenced).
    private static var mappedMark: UnsafeMutablePointer<T> { UnsafeMutablePointer(bitPattern: 64)! }

    var isEmpty: Bool { count == 0 }

    /// Chunk `c`'s elements for reading: a mapped chunk is checked (and, when
    /// packed, decoded) on its first read, and reads as its fallback when it fails.
    @inline(__always)
    private func start(_ c: Int) -> UnsafePointer<T> {
        let p = pointers[c]
        if p == Column.mappedMark { return mapped.unsafelyUnwrapped.pointer(c) }
        return UnsafePointer(p)
    }

    subscript(i: Int) -> T {
        @inline(__always) get {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "Column index out of range")
            return start(i &>> columnChunkShift)[i & columnChunkMask]
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "Column index out of range")
            let c = i &>> columnChunkShift
            if isKnownUniquelyReferenced(&token) {
                let p = pointers[c]
                if p != Column.mappedMark { p[i & columnChunkMask] = newValue; return }
            }
            // An owned chunk always has room for its elements: only a shared or mapped one is copied.
            if !isKnownUniquelyReferenced(&owners[c]) { makeOwned(c, capacity: 0) }
            pointers[c][i & columnChunkMask] = newValue
        }
    }

    /// Elements in chunk `c`.
    private func elements(inChunk c: Int) -> Int { Swift.min(columnChunkSize, count - (c << columnChunkShift)) }

    /// Makes chunk `c` owned by this copy alone with room for at least `capacity`
    /// elements, copying it when it is mapped or shared (a mapped chunk that
    /// fails its check is copied as its fallback value).
    private mutating func makeOwned(_ c: Int, capacity: Int) {
        if isKnownUniquelyReferenced(&owners[c]), owners[c]!.capacity >= capacity { return }
        let n = elements(inChunk: c)
        let old = owners[c]?.capacity ?? 0
        let want = Swift.max(capacity, c + 1 < pointers.count ? columnChunkSize : Swift.max(old, n))
        let buffer = ChunkBuffer<T>(capacity: Swift.min(columnChunkSize, Swift.max(16, want)))
        buffer.base.update(from: start(c), count: n)
        owners[c] = buffer
        pointers[c] = buffer.base
    }

    @inline(__always)
    mutating func append(_ x: T) {
        let c = count &>> columnChunkShift, j = count & columnChunkMask
        if j != 0 && isKnownUniquelyReferenced(&token) && pointers[c] != Column.mappedMark
            && owners[c].unsafelyUnwrapped.capacity > j {
            pointers[c][j] = x
            count += 1
            return
        }
        appendSlow(x)
    }

    /// `append` when the last chunk is full, shared, mapped or out of room.
    @inline(never)
    private mutating func appendSlow(_ x: T) {
        let c = count &>> columnChunkShift, j = count & columnChunkMask
        if j == 0 {
            let buffer = ChunkBuffer<T>(capacity: c == 0 ? 16 : columnChunkSize)
            owners.append(buffer)
            pointers.append(buffer.base)
        } else if !isKnownUniquelyReferenced(&owners[c]) || owners[c]!.capacity <= j {
            makeOwned(c, capacity: Swift.min(columnChunkSize, Swift.max(16, (owners[c]?.capacity ?? j) * 2, j + 1)))
        }
        pointers[c][j] = x
        count += 1
    }

    mutating func append<S: Sequence>(contentsOf s: S) where S.Element == T {
        for x in s { append(x) }
    }

    private mutating func reserveAndFill(_ value: T, _ n: Int) {
        for _ in 0..<n { append(value) }
    }

    mutating func removeLast() -> T {
        let x = self[count - 1]
        count -= 1
        if count & columnChunkMask == 0 {
            owners.removeLast()
            pointers.removeLast()
        }
        return x
    }

    mutating func removeAll() { self = Column() }

    mutating func reserveCapacity(_ n: Int) {}

    /// Calls `body` with each chunk's elements in order (and the index of the
    /// chunk's first element): the hot-loop form of iteration, one check per
    /// mapped chunk. A chunk failing its check is passed as its fallback value.
    func forEachChunk(_ body: (UnsafeBufferPointer<T>, Int) throws -> Void) rethrows {
        for c in 0..<pointers.count {
            try withChunk(c) { try body($0, c << columnChunkShift) }
        }
    }

    /// Chunks in the column: chunk `c` holds elements `c << 16 ..< min(count, (c + 1) << 16)`,
    /// the same ranges in every column, so columns of one length can be walked side by side.
    var chunkCount: Int { pointers.count }

    /// Calls `body` with chunk `c`'s elements (its fallback value when the chunk
    /// fails its check): O(1), plus the chunk's first check when it is mapped.
    func withChunk<R>(_ c: Int, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(c >= 0 && c < pointers.count, "Column chunk out of range")
        return try body(UnsafeBufferPointer(start: start(c), count: elements(inChunk: c)))
    }

    /// The elements as an array (O(count)).
    var array: [T] {
        var out: [T] = []
        out.reserveCapacity(count)
        forEachChunk { b, _ in out.append(contentsOf: b) }
        return out
    }

    /// Checks every mapped chunk now (what `kg verify` and a checkpoint do); O(column).
    func checkAllChunks() {
        guard let m = mapped else { return }
        for c in 0..<mappedChunkCount { _ = m.isGood(c) }
    }

    /// Whether chunk `c` is still the mapped chunk (tests).
    func isMapped(chunk c: Int) -> Bool { c < mappedChunkCount && owners[c] == nil }

    /// The structure's invariants (tests): the chunk tables agree with the count,
    /// every chunk but the last is full, an owned chunk has room for its
    /// elements, and a mapped chunk points into the mapping at its place.
    func _checkInvariants() {
        let chunks = (count + columnChunkMask) >> columnChunkShift
        precondition(pointers.count == chunks && owners.count == chunks, "chunk tables do not match the count")
        for c in 0..<chunks {
            if let o = owners[c] {
                precondition(o.base == pointers[c], "owned chunk \(c) pointer")
                precondition(o.capacity >= elements(inChunk: c), "owned chunk \(c) too small")
                precondition(c == chunks - 1 || o.capacity == columnChunkSize, "owned chunk \(c) not full size")
            } else {
                guard let m = mapped, c < mappedChunkCount else { preconditionFailure("chunk \(c) has no owner and no mapping") }
                precondition(pointers[c] == Column.mappedMark, "mapped chunk \(c) has a pointer")
                precondition(count <= m.count || c < chunks - 1 || elements(inChunk: c) <= m.count - (c << columnChunkShift),
                             "mapped chunk \(c) holds more than the mapping")
            }
        }
    }
}

extension Column: RandomAccessCollection, MutableCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }
    func index(after i: Int) -> Int { i + 1 }
    func index(before i: Int) -> Int { i - 1 }
}

extension Column: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: T...) { self.init(elements) }
}

extension Column: Equatable {
    static func == (a: Column, b: Column) -> Bool { a.count == b.count && a.elementsEqual(b) }
}

/// The mapped elements of one snapshot section and the state of their lazy
/// checks (FORMAT.md SNAP-7, SNAP-9): per chunk, 0 not checked yet, 1 good, 2
/// damaged. A chunk is good when its CRC-32C matches the directory's table, a
/// packed chunk decodes (SNAP-9), and every element passes the section's rule.
/// The first read of a chunk checks it (O(chunk), once per chunk per process)
/// and, when it is packed, decodes it into a buffer this object owns; later
/// reads cost one atomic load. A raw chunk is read in place from the mapping.
/// A chunk that fails reads as a buffer of `fallback`. Checks run under a lock,
/// so two threads reading a new chunk at once agree and decode it once.
final class MappedChunks<T: ColumnElement>: @unchecked Sendable {
    let mapping: SnapshotMapping
    let name: String
    /// The first element of a raw section (chunk c at `base + c << 16`); nil for a packed one.
    let rawBase: UnsafePointer<T>?
    let count: Int
    let crcs: [UInt32]
    /// A packed section's chunks: bytes `chunkStarts[c] ..< chunkStarts[c] + chunkLengths[c]` of `packedBase`.
    private let packedBase: UnsafeRawPointer?
    private let chunkStarts: [Int]
    private let chunkLengths: [Int]
    /// Returns nil when `elements` (the chunk starting at element `first`) pass, else why not.
    let rule: @Sendable (UnsafeBufferPointer<T>, Int) -> String?
    /// What a read of a damaged chunk returns: a value every reader accepts (-1 ends a list).
    let fallback: T
    private let state: UnsafeMutablePointer<Atomic<UInt8>>
    /// Chunk c's elements once checked (in the mapping, a decoded buffer, or a fallback buffer).
    private let elements: UnsafeMutablePointer<UnsafePointer<T>?>
    /// Buffers this object allocated (decoded or fallback chunks), freed on deinit.
    private let allocated = Mutex<[UnsafeMutablePointer<T>]>([])

    /// A raw section: chunk c is the `1 << 16` elements at `base + (c << 16)`.
    init(mapping: SnapshotMapping, name: String, base: UnsafePointer<T>, count: Int, crcs: [UInt32], fallback: T,
         rule: @escaping @Sendable (UnsafeBufferPointer<T>, Int) -> String?) {
        self.mapping = mapping
        self.name = name
        rawBase = base
        packedBase = nil
        chunkStarts = []
        chunkLengths = []
        self.count = count
        self.crcs = crcs
        self.fallback = fallback
        self.rule = rule
        (state, elements) = MappedChunks.tables(crcs.count)
    }

    /// A packed section (SNAP-9): chunk c is `lengths[c]` bytes at `section + starts[c]`.
    init(mapping: SnapshotMapping, name: String, section: UnsafeRawPointer, starts: [Int], lengths: [Int], count: Int,
         crcs: [UInt32], fallback: T, rule: @escaping @Sendable (UnsafeBufferPointer<T>, Int) -> String?) {
        self.mapping = mapping
        self.name = name
        rawBase = nil
        packedBase = section
        chunkStarts = starts
        chunkLengths = lengths
        self.count = count
        self.crcs = crcs
        self.fallback = fallback
        self.rule = rule
        (state, elements) = MappedChunks.tables(crcs.count)
    }

    private static func tables(_ n: Int) -> (UnsafeMutablePointer<Atomic<UInt8>>, UnsafeMutablePointer<UnsafePointer<T>?>) {
        let state = UnsafeMutablePointer<Atomic<UInt8>>.allocate(capacity: Swift.max(1, n))
        for c in 0..<n { (state + c).initialize(to: Atomic<UInt8>(0)) }
        let elements = UnsafeMutablePointer<UnsafePointer<T>?>.allocate(capacity: Swift.max(1, n))
        elements.initialize(repeating: nil, count: Swift.max(1, n))
        return (state, elements)
    }

    deinit {
        state.deinitialize(count: crcs.count)
        state.deallocate()
        elements.deallocate()
        allocated.withLock { for p in $0 { p.deallocate() } }
    }

    /// Whether chunk `c` passed its check (checking it on the first call).
    @inline(__always)
    func isGood(_ c: Int) -> Bool {
        let s = state[c].load(ordering: .acquiring)
        if s == 1 { return true }
        if s == 2 { return false }
        return check(c) == 1
    }

    /// Chunk `c`'s elements (its fallback buffer when it failed): O(1) after the first call.
    @inline(__always)
    func pointer(_ c: Int) -> UnsafePointer<T> {
        if state[c].load(ordering: .acquiring) == 0 { _ = check(c) }
        return elements[c].unsafelyUnwrapped
    }

    @inline(never)
    private func check(_ c: Int) -> UInt8 {
        allocated.withLock { buffers -> UInt8 in
            let s = state[c].load(ordering: .acquiring)
            if s != 0 { return s }
            let first = c << columnChunkShift
            let n = Swift.min(columnChunkSize, count - first)
            var problem: String?
            var result: UnsafePointer<T>?
            if let base = rawBase {
                let chunk = UnsafeBufferPointer(start: base + first, count: n)
                if CRC32C.checksum(UnsafeRawBufferPointer(chunk)) != crcs[c] { problem = "checksum mismatch" } else { result = base + first }
            } else {
                let bytes = UnsafeRawBufferPointer(start: packedBase! + chunkStarts[c], count: chunkLengths[c])
                if CRC32C.checksum(bytes) != crcs[c] {
                    problem = "checksum mismatch"
                } else if ChunkPacking.isRaw(bytes, count: n, as: T.self) {
                    result = (bytes.baseAddress! + ChunkPacking.headerSize).assumingMemoryBound(to: T.self)
                } else {
                    let out = UnsafeMutablePointer<T>.allocate(capacity: n)
                    buffers.append(out)
                    problem = ChunkPacking.decode(bytes, first: first, into: out, count: n)
                    result = UnsafePointer(out)
                }
            }
            if problem == nil { problem = rule(UnsafeBufferPointer(start: result!, count: n), first) }
            if let problem {
                mapping.recordDamage("\(name) chunk \(c) (elements \(first)..<\(first + n)): \(problem)")
                let out = UnsafeMutablePointer<T>.allocate(capacity: n)
                out.initialize(repeating: fallback, count: n)
                buffers.append(out)
                elements[c] = UnsafePointer(out)
                state[c].store(2, ordering: .releasing)
                return 2
            }
            elements[c] = result
            state[c].store(1, ordering: .releasing)
            return 1
        }
    }
}

/// A snapshot file mapped read-only (`PROT_READ`, `MAP_PRIVATE`): no write
/// through it can reach the file (a stray one would fault). It lives as long
/// as any column over it, and remembers the first damaged chunk a read found.
final class SnapshotMapping: Sendable {
    let path: String
    nonisolated(unsafe) let base: UnsafeRawPointer
    let length: Int
    private let firstDamage = Mutex<String?>(nil)
    private let damagedFlag = Atomic<Bool>(false)

    /// Maps `path` whole; nil (with errno set) when it cannot.
    init?(path: String) {
        let fd = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { Glibc.close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_size > 0 else { return nil }
        let size = Int(st.st_size)
        guard let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else { return nil }
        self.path = path
        base = UnsafeRawPointer(p)
        length = size
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: length) }

    func recordDamage(_ what: String) {
        let first = firstDamage.withLock { d -> Bool in
            if d == nil { d = what; return true }
            return false
        }
        damagedFlag.store(true, ordering: .releasing)
        if first { SnapshotDamageLedger.found("\(path): snapshot damaged at \(what)") }
    }

    /// The first damage a read found, nil while none.
    var damage: String? {
        guard damagedFlag.load(ordering: .acquiring) else { return nil }
        return firstDamage.withLock { $0 }
    }
}

/// Process-wide account of damaged snapshot chunks that reads met (SNAP-8): each
/// mapping's first damage, and how many a store handled by reopening from the log.
/// A command that ends with damage unhandled printed what it read through a damaged
/// chunk (a fallback value), so `kg` reports it and fails (KGCommandLine.run).
public enum SnapshotDamageLedger {
    private static let state = Mutex<(found: [String], handled: Int)>(([], 0))

    static func found(_ what: String) { state.withLock { $0.found.append(what) } }
    static func handled() { state.withLock { $0.handled += 1 } }

    /// A point to compare with later (`unhandled(since:)`): the damage found and handled so far.
    public static func mark() -> (found: Int, handled: Int) {
        state.withLock { ($0.found.count, $0.handled) }
    }

    /// The last damage found after `mark` that no reopen after `mark` has handled, nil when none.
    public static func unhandled(since mark: (found: Int, handled: Int)) -> String? {
        state.withLock { s in
            s.found.count - mark.found > s.handled - mark.handled ? s.found.last : nil
        }
    }
}
