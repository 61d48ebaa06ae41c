#if canImport(Glibc)
import Glibc
#endif

/// Append-only text storage without deduplication, for evidence sentences:
/// most are distinct, so hashing them to share copies would cost more than
/// it saves. Text i is `arena[starts[i] ..< starts[i + 1]]`.
struct TextArena {
    var arena: [UInt8] = []
    var starts: [Int] = [0]

    var count: Int { starts.count - 1 }

    mutating func append(_ b: UnsafeRawBufferPointer) -> Int32 {
        arena.append(contentsOf: b)
        starts.append(arena.count)
        return Int32(count - 1)
    }

    func equals(_ id: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
        let s = starts[Int(id)], e = starts[Int(id) + 1]
        guard e - s == b.count else { return false }
        if b.count == 0 { return true }
        return arena.withUnsafeBytes { memcmp($0.baseAddress! + s, b.baseAddress!, b.count) == 0 }
    }

    subscript(id: Int32) -> String {
        let s = starts[Int(id)], e = starts[Int(id) + 1]
        return arena.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[s..<e]), as: UTF8.self) }
    }
}
