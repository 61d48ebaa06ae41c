#if canImport(Glibc)
import Glibc
#endif

/// Append-only text storage without deduplication, for evidence sentences:
/// most are distinct, so hashing them to share copies would cost more than
/// it saves. Text i is `arena[starts[i] ..< starts[i + 1]]`. Both parts may
/// be mapped from a snapshot (`ByteArena`, `Column`).
struct TextArena: Sendable {
    var arena = ByteArena()
    var starts: Column<Int> = [0]

    var count: Int { starts.count - 1 }

    mutating func append(_ b: UnsafeRawBufferPointer) -> Int32 {
        arena.append(contentsOf: b)
        starts.append(arena.count)
        return Int32(count - 1)
    }

    /// O(length). A text whose bytes cannot be read (a damaged snapshot chunk) equals nothing.
    func equals(_ id: Int32, _ b: UnsafeRawBufferPointer) -> Bool {
        guard id >= 0, Int(id) < count else { return false }
        let s = starts[Int(id)], e = starts[Int(id) + 1]
        guard e - s == b.count else { return false }
        return arena.withBytes(s, e) { a in b.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, b.count) == 0 } ?? false
    }

    /// O(length); "" for a text a damaged snapshot chunk hides.
    subscript(id: Int32) -> String {
        guard id >= 0, Int(id) < count else { return "" }
        return arena.withBytes(starts[Int(id)], starts[Int(id) + 1]) { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
