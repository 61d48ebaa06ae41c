/// Sentence boundaries on normalised text: Chinese and English sentence
/// punctuation and line breaks. Returned as half-open ranges.
enum Sentences {
    static func split(_ t: [UInt32]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        let n = t.count
        var i = 0
        while i < n {
            let c = t[i]
            var cut = false
            switch c {
            case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x0A, 0xFF1B, 0x3B:
                cut = true
            case 0x2E:
                // '.' ends an English sentence when a space or the line end follows it, also
                // after a digit (`…in 2022. Then`): a decimal point has a digit after it, not a
                // space. Not after a lone capital (`J. Smith`, `U.S.`) nor after list numbering
                // at a line start (`1. `).
                if (i + 1 >= n || t[i + 1] == 0x20 || t[i + 1] == 0x0A) && i > 0
                    && !(isASCIIUpper(t[i - 1]) && (i == 1 || t[i - 2] == 0x20 || t[i - 2] == 0x2E || t[i - 2] == 0x0A))
                    && !isListNumber(t, i) { cut = true }
            default:
                break
            }
            if cut {
                // keep closing quotes with the sentence
                var e = i + 1
                while e < n && (t[e] == 0x201D || t[e] == 0x300D || t[e] == 0x22 || t[e] == 0x300F) { e += 1 }
                if e > start { out.append(start..<e) }
                start = e
                i = e
                continue
            }
            i += 1
        }
        if start < n { out.append(start..<n) }
        return out
    }

    /// `1.` or `12.` alone at the start of a line: list numbering, not a sentence end.
    static func isListNumber(_ t: [UInt32], _ dot: Int) -> Bool {
        var j = dot
        while j > 0 && isASCIIDigit(t[j - 1]) { j -= 1 }
        guard j < dot, dot - j <= 2 else { return false }
        return j == 0 || t[j - 1] == 0x0A
    }
}
