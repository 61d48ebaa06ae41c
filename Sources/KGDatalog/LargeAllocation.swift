#if canImport(Glibc)
import Glibc
#endif

/// Allocation of the engine's big arrays (set slots, index tables and chains,
/// rows). These are read at random, and with 4 KB pages nearly every such read of
/// a table of many megabytes also misses the TLB (a page walk on top of the cache
/// miss). For an allocation of 4 MB or more, the kernel is asked for 2 MB pages on
/// its 2 MB-aligned interior (`madvise(MADV_HUGEPAGE)`, which transparent huge
/// pages honour in their default "madvise" mode), before the memory is first
/// touched. A hint only: where the system has no such pages nothing changes, and
/// the memory is allocated and freed as any other (`deallocate()`).
enum LargeAllocation {
    static let threshold = 4 << 20

    @inline(__always)
    static func allocate<T>(_ type: T.Type, capacity: Int) -> UnsafeMutablePointer<T> {
        precondition(capacity >= 0, "negative capacity")
        let p = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        let bytes = capacity &* MemoryLayout<T>.stride
        if bytes >= threshold { adviseHugePages(UnsafeMutableRawPointer(p), bytes) }
        return p
    }

    static func adviseHugePages(_ p: UnsafeMutableRawPointer, _ bytes: Int) {
        #if os(Linux)
        let huge = 2 << 20
        let start = (Int(bitPattern: p) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: p) + bytes) & ~(huge - 1)
        if end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(aligned, end - start, 14 /* MADV_HUGEPAGE */)
        }
        #endif
    }
}
