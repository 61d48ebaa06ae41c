/// How a column chunk is stored in a version 5 snapshot (FORMAT.md §6.5,
/// SNAP-9): frame of reference with the narrowest byte width that fits, values
/// optionally relative to their index, and a few exceptions stored whole.
///
/// | offset | size | field |
/// |---:|---:|---|
/// | 0 | 8 | base, u64 (the element widened to 64 bits, `ColumnElement.bits64`) |
/// | 8 | 1 | width w of a packed value: 0, 1, 2, 3, 4 or 8 |
/// | 9 | 1 | 1 when value i is relative to its element index, else 0 |
/// | 10 | 2 | reserved, 0 |
/// | 12 | 4 | exception count k |
/// | 16 | n × w | packed values (w bytes little-endian each) |
/// | … | 2 × k | exception positions inside the chunk, u16, strictly increasing |
/// | … | k × size | exception values (the element's bytes) |
///
/// Element i (index `first + i` in the column) is `base + packed[i] (+ first + i)`
/// truncated to the element; an exception replaces it. A chunk whose width is
/// the element's size, with base 0, not relative and no exception, is the
/// elements themselves: readers use it in place, without a copy.
enum ChunkPacking {
    static let headerSize = 16
    static let widths = [0, 1, 2, 3, 4, 8]

    /// Bytes a width needs for an unsigned spread.
    @inline(__always)
    static func width(for spread: UInt64) -> Int {
        if spread == 0 { return 0 }
        if spread < 1 << 8 { return 1 }
        if spread < 1 << 16 { return 2 }
        if spread < 1 << 24 { return 3 }
        if spread < 1 << 32 { return 4 }
        return 8
    }

    /// The candidate encodings of one chunk and their sizes; cost O(n) per candidate.
    private struct Plan {
        var base: UInt64 = 0
        var width: Int
        var relative: Bool = false
        /// Values not packed: only those equal to `exceptValue` (when set), or every value but `base` (`allExcept`).
        var exceptValue: UInt64?
        var onlyBase = false
        var exceptions = 0
        func size(_ n: Int, _ elementSize: Int) -> Int { ChunkPacking.headerSize + n * width + exceptions * (2 + elementSize) }
    }

    /// Encodes `b` (elements `first ..< first + b.count` of a column) into `out`
    /// (appended). Tries: all values packed (absolute and relative to the index),
    /// the same with the value -1 (a list's end) as exceptions, and one repeated
    /// value with everything else as exceptions; keeps the smallest, or the raw
    /// elements when nothing is smaller. O(n).
    static func encode<T: ColumnElement>(_ b: UnsafeBufferPointer<T>, first: Int, into out: inout [UInt8]) {
        let n = b.count, size = MemoryLayout<T>.size
        let minusOne = T.minusOneBits
        var best = Plan(width: size)
        var bestSize = best.size(n, size)
        let tryRelative = T.indexLike
        for relative in tryRelative ? [false, true] : [false] {
            // One pass: spread of all values, spread of the values that are not -1, a majority candidate.
            var lo = Int64.max, hi = Int64.min, lo2 = Int64.max, hi2 = Int64.min, minusOnes = 0
            var major: UInt64 = 0, votes = 0
            for k in 0..<n {
                let v = b[k].bits64
                if v == minusOne && minusOne != nil { minusOnes += 1 } else {
                    let d = Int64(bitPattern: relative ? v &- UInt64(first + k) : v)
                    lo2 = Swift.min(lo2, d); hi2 = Swift.max(hi2, d)
                }
                let d = Int64(bitPattern: relative ? v &- UInt64(first + k) : v)
                lo = Swift.min(lo, d); hi = Swift.max(hi, d)
                if votes == 0 { major = UInt64(bitPattern: d); votes = 1 } else if UInt64(bitPattern: d) == major { votes += 1 } else { votes -= 1 }
            }
            guard n > 0 else { break }
            var all = Plan(base: UInt64(bitPattern: lo), width: width(for: UInt64(bitPattern: hi) &- UInt64(bitPattern: lo)), relative: relative)
            if all.width > size { all.width = 8 }
            if all.size(n, size) < bestSize { best = all; bestSize = all.size(n, size) }
            if minusOnes > 0 && minusOnes < n {
                var p = Plan(base: UInt64(bitPattern: lo2), width: width(for: UInt64(bitPattern: hi2) &- UInt64(bitPattern: lo2)), relative: relative)
                p.exceptValue = minusOne
                p.exceptions = minusOnes
                if p.size(n, size) < bestSize { best = p; bestSize = p.size(n, size) }
            }
            var same = 0
            for k in 0..<n {
                let v = b[k].bits64
                if (relative ? v &- UInt64(first + k) : v) == major { same += 1 }
            }
            let p = Plan(base: major, width: 0, relative: relative, onlyBase: true, exceptions: n - same)
            if p.size(n, size) < bestSize { best = p; bestSize = p.size(n, size) }
        }
        if best.width >= size && best.exceptions == 0 || bestSize >= headerSize + n * size {
            best = Plan(width: size) // raw: used in place
        }
        write(b, first: first, best, into: &out)
    }

    private static func write<T: ColumnElement>(_ b: UnsafeBufferPointer<T>, first: Int, _ p: Plan, into out: inout [UInt8]) {
        let n = b.count, size = MemoryLayout<T>.size
        let start = out.count
        func put(_ v: UInt64, _ w: Int) { var x = v; for _ in 0..<w { out.append(UInt8(truncatingIfNeeded: x)); x >>= 8 } }
        put(p.base, 8)
        out.append(UInt8(p.width)); out.append(p.relative ? 1 : 0); put(0, 2)
        put(UInt64(p.exceptions), 4)
        if p.width == size && p.exceptions == 0 && p.base == 0 && !p.relative {
            b.withMemoryRebound(to: UInt8.self) { out.append(contentsOf: UnsafeRawBufferPointer($0)) }
            return
        }
        var positions: [UInt16] = []
        positions.reserveCapacity(p.exceptions)
        for k in 0..<n {
            let v = b[k].bits64
            let d = p.relative ? v &- UInt64(first + k) : v
            let isException = p.onlyBase ? d != p.base : (p.exceptValue != nil && v == p.exceptValue!)
            if isException { positions.append(UInt16(k)); put(0, p.width) } else { put(d &- p.base, p.width) }
        }
        precondition(positions.count == p.exceptions, "chunk exceptions miscounted")
        for k in positions { put(UInt64(k), 2) }
        for k in positions { withUnsafeBytes(of: b[Int(k)]) { out.append(contentsOf: $0) } }
        precondition(out.count - start == p.size(n, size))
    }

    /// Whether the chunk at `bytes` is stored raw (usable in place), given its
    /// element count; nil when the header does not fit.
    static func isRaw<T: ColumnElement>(_ bytes: UnsafeRawBufferPointer, count n: Int, as: T.Type) -> Bool {
        let size = MemoryLayout<T>.size
        guard bytes.count == headerSize + n * size else { return false }
        return bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == 0 && Int(bytes[8]) == size && bytes[9] == 0
            && bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == 0
    }

    /// Decodes the chunk at `bytes` (its CRC already checked) into `out` (n
    /// elements, index of the first `first`); why not when its header, length or
    /// exception positions are wrong (SNAP-9). O(n).
    static func decode<T: ColumnElement>(_ bytes: UnsafeRawBufferPointer, first: Int, into out: UnsafeMutablePointer<T>, count n: Int) -> String? {
        let size = MemoryLayout<T>.size
        guard bytes.count >= headerSize else { return "chunk shorter than its header" }
        let base = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let w = Int(bytes[8]), relative = bytes[9]
        let k = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
        guard widths.contains(w), relative <= 1, bytes[10] == 0, bytes[11] == 0 else { return "chunk header does not decode" }
        guard k <= n, bytes.count == headerSize + n * w + k * (2 + size) else {
            return "chunk length \(bytes.count) does not match \(n) values of \(w) bytes and \(k) exceptions"
        }
        let p = bytes.baseAddress! + headerSize
        let rel: UInt64 = relative == 1 ? 1 : 0
        switch w {
        case 0:
            for i in 0..<n { out[i] = T(bits64: base &+ rel &* UInt64(first + i)) }
        case 1:
            for i in 0..<n { out[i] = T(bits64: base &+ UInt64(p.load(fromByteOffset: i, as: UInt8.self)) &+ rel &* UInt64(first + i)) }
        case 2:
            for i in 0..<n { out[i] = T(bits64: base &+ UInt64(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) &+ rel &* UInt64(first + i)) }
        case 3:
            for i in 0..<n {
                let q = p + 3 * i
                let u = UInt64(q.load(as: UInt8.self)) | UInt64(q.load(fromByteOffset: 1, as: UInt8.self)) << 8 | UInt64(q.load(fromByteOffset: 2, as: UInt8.self)) << 16
                out[i] = T(bits64: base &+ u &+ rel &* UInt64(first + i))
            }
        case 4:
            for i in 0..<n { out[i] = T(bits64: base &+ UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) &+ rel &* UInt64(first + i)) }
        default:
            for i in 0..<n { out[i] = T(bits64: base &+ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) &+ rel &* UInt64(first + i)) }
        }
        let positions = p + n * w, values = positions + 2 * k
        var previous = -1
        for j in 0..<k {
            let at = Int(UInt16(littleEndian: positions.loadUnaligned(fromByteOffset: 2 * j, as: UInt16.self)))
            guard at > previous, at < n else { return "exception positions out of order or beyond the chunk" }
            previous = at
            (out + at).withMemoryRebound(to: UInt8.self, capacity: size) { UnsafeMutableRawPointer($0).copyMemory(from: values + size * j, byteCount: size) }
        }
        return nil
    }
}
