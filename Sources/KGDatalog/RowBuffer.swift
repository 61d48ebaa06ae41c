#if canImport(Glibc)
import Glibc
#endif

/// The growable blocks of Int32 behind a relation's rows and an index's chains.
///
/// A block below `LargeAllocation.threshold` (4 MB) is `malloc`'d and grown with
/// `realloc`. A bigger one is its own anonymous mapping, 2 MB aligned and a whole
/// number of 2 MB long, advised for huge pages as a whole, and grown with `mremap`,
/// which moves its page tables (2 MB at a time) instead of copying its bytes: growing
/// a relation of gigabytes neither copies it nor holds the old and the new block at once.
///
/// Why not `realloc` for big blocks too: glibc's `realloc` of a block it mapped tries
/// `mremap`, but the huge-page advice given to the block's 2 MB aligned interior split
/// the mapping into three, `mremap` refuses a range over several mappings, and glibc
/// falls back to allocate, copy, free. Measured on the CRDT trace: `skipBlank`'s rows
/// (2.1 GB growing to 4.3 GB of capacity) were copied, a transient of 2.1 GB that made
/// the process's peak (5.64 GB against 3.76 GB just before and after).
///
/// The caller passes the block's size (in Int32 values) to `resize` and `free`: the size
/// says which of the two kinds it is. Cost: `resize` of a mapped block is O(pages)
/// of page-table moves and no copy; crossing the threshold copies the small block once.
enum RowBuffer {
    static let huge = 2 << 20

    /// Whether a block of `count` values is a mapping of its own (else `malloc`'d).
    @inline(__always) static func isMapped(_ count: Int) -> Bool { count * 4 >= LargeAllocation.threshold }

    /// The mapping's length for `count` values: whole 2 MB pages.
    @inline(__always) static func mappedLength(_ count: Int) -> Int { (count * 4 + huge - 1) & ~(huge - 1) }

    static func allocate(_ count: Int) -> UnsafeMutablePointer<Int32> {
        precondition(count > 0 && count <= Int.max / 8, "row buffer of \(count) values")
        if isMapped(count) { return map(mappedLength(count)).bindMemory(to: Int32.self, capacity: count) }
        guard let p = malloc(count * 4) else { fatalError("out of memory: \(count * 4) bytes for rows") }
        return p.bindMemory(to: Int32.self, capacity: count)
    }

    /// The block of `old` values at `rows`, made `new` values long; the first
    /// `min(old, new)` values are kept. `rows` is no longer valid after it.
    static func resize(_ rows: UnsafeMutablePointer<Int32>, from old: Int, to new: Int) -> UnsafeMutablePointer<Int32> {
        precondition(old > 0 && new > 0 && new <= Int.max / 8, "row buffer resized from \(old) to \(new) values")
        switch (isMapped(old), isMapped(new)) {
        case (false, false):
            guard let p = realloc(UnsafeMutableRawPointer(rows), new * 4) else { fatalError("out of memory: \(new * 4) bytes for rows") }
            return p.bindMemory(to: Int32.self, capacity: new)
        case (true, true):
            let oldLength = mappedLength(old), newLength = mappedLength(new)
            if oldLength == newLength { return rows }
            if let moved = remap(UnsafeMutableRawPointer(rows), oldLength, newLength) {
                LargeAllocation.adviseHugePages(moved, newLength)
                return moved.bindMemory(to: Int32.self, capacity: new)
            }
            fallthrough  // no mremap: copy
        default:
            let fresh = allocate(new)
            fresh.update(from: rows, count: min(old, new))
            free(rows, count: old)
            return fresh
        }
    }

    static func free(_ rows: UnsafeMutablePointer<Int32>, count: Int) {
        if isMapped(count) {
            munmap(UnsafeMutableRawPointer(rows), mappedLength(count))
        } else {
            Glibc.free(UnsafeMutableRawPointer(rows))
        }
    }

    /// A fresh anonymous mapping of `length` bytes (a multiple of 2 MB), 2 MB aligned:
    /// `length` + 2 MB are mapped and the unaligned ends unmapped, so that huge pages
    /// cover all of it and `mremap` can move them whole.
    private static func map(_ length: Int) -> UnsafeMutableRawPointer {
        guard let raw = mmap(nil, length + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              raw != MAP_FAILED else { fatalError("out of memory: \(length) bytes for rows") }
        let start = (Int(bitPattern: raw) + huge - 1) & ~(huge - 1)
        let head = start - Int(bitPattern: raw)
        if head > 0 { munmap(raw, head) }
        let tail = huge - head
        let p = UnsafeMutableRawPointer(bitPattern: start)!
        if tail > 0 { munmap(p + length, tail) }
        LargeAllocation.adviseHugePages(p, length)
        return p
    }

    /// `mremap(p, old, new, MREMAP_MAYMOVE)`, or nil when it failed or is not there.
    /// mremap is variadic in C (a fifth argument, used only with MREMAP_FIXED), so Swift
    /// does not import it; it is called through a four-argument pointer found by `dlsym`.
    /// On the x86-64 and AArch64 Linux calling conventions the four fixed arguments travel
    /// in the same registers either way, and without MREMAP_FIXED the callee reads no other.
    private static func remap(_ p: UnsafeMutableRawPointer, _ old: Int, _ new: Int) -> UnsafeMutableRawPointer? {
        guard let function = mremapFunction else { return nil }
        let moved = function(p, old, new, 1 /* MREMAP_MAYMOVE */)
        guard let moved, Int(bitPattern: moved) != -1 else { return nil }
        return moved
    }

    private typealias MremapFunction = @convention(c) (UnsafeMutableRawPointer?, Int, Int, Int32) -> UnsafeMutableRawPointer?

    private static let mremapFunction: MremapFunction? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "mremap") else { return nil }  // nil: RTLD_DEFAULT
        return unsafeBitCast(symbol, to: MremapFunction.self)
        #else
        return nil
        #endif
    }()
}
