import Foundation

/// A per-character traditional → simplified table over the CJK block, built
/// once from ICU's "Traditional-Simplified" transform. Whole-text ICU
/// transforms run at ~3 MB/s; a table lookup per scalar is free by comparison.
enum TraditionalToSimplified {
    static let base: UInt32 = 0x4E00
    static let limit: UInt32 = 0xA000

    /// `table[c - base]` is the simplified form of `c` (itself when unchanged).
    static let table: [UInt32] = build()

    @inline(__always) static func fold(_ c: UInt32) -> UInt32 {
        guard c >= base && c < limit else { return c }
        return table[Int(c - base)]
    }

    private static func build() -> [UInt32] {
        var out = [UInt32](repeating: 0, count: Int(limit - base))
        // Transform in chunks: one ICU call per chunk, characters separated by
        // newlines so a change in one cannot merge with its neighbours.
        let transform = StringTransform("Traditional-Simplified")
        var c = base
        while c < limit {
            let end = Swift.min(c + 2048, limit)
            var view = String.UnicodeScalarView()
            for x in c..<end {
                view.append(Unicode.Scalar(x)!)
                view.append("\n")
            }
            let converted = String(view).applyingTransform(transform, reverse: false) ?? String(view)
            let lines = converted.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count >= Int(end - c) {
                for (k, line) in lines.prefix(Int(end - c)).enumerated() {
                    let scalars = line.unicodeScalars
                    let orig = c + UInt32(k)
                    out[Int(orig - base)] = scalars.count == 1 ? scalars.first!.value : orig
                }
            } else {
                for x in c..<end { out[Int(x - base)] = x }
            }
            c = end
        }
        return out
    }
}
