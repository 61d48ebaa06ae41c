import Foundation
import KGCore

/// A document's text prepared for matching: NFKC-folded, pinyin annotations
/// dropped, traditional characters folded to simplified, whitespace runs
/// collapsed. `origin[i]` is the scalar offset in the ORIGINAL text of
/// normalised scalar `i`, so every span reported points into the original.
public struct NormalizedText: Sendable {
    /// The original text's scalars (for evidence and surface forms).
    public var original: [UInt32]
    /// The normalised scalars (case kept).
    public var text: [UInt32]
    /// `text` with ASCII letters lowercased (lexicon keys are lowercase).
    public var lower: [UInt32]
    /// Original offset of each normalised scalar.
    public var origin: [Int32]
    /// Scalars inside URLs, e-mail addresses and markdown image/link targets:
    /// not prose, never part of a mention.
    public var blocked: [Bool]

    public var count: Int { text.count }

    /// The original text behind normalised range `start..<end`.
    public func originalSpan(_ start: Int, _ end: Int) -> KGCore.Span {
        guard start < end, end <= origin.count else {
            let o = start < origin.count ? Int(origin[start]) : original.count
            return Span(start: o, end: o)
        }
        return Span(start: Int(origin[start]), end: Int(origin[end - 1]) + 1)
    }

    /// The original surface form behind normalised range `start..<end`.
    public func surface(_ start: Int, _ end: Int) -> String {
        let span = originalSpan(start, end)
        return stringOf(original[span.start..<span.end])
    }
}

public enum Normalizer {
    /// NFKC of single scalars whose compatibility form differs (full-width
    /// forms, ideographic space, ligatures…; `CompatibilityForms`), built once.
    /// `compatibilityIndex[c]` is 0 when NFKC leaves BMP scalar `c` alone, else
    /// 1 + its index in `compatibilityForms` (a flat table: one load per scalar).
    static let compatibilityTable: (index: [Int32], forms: [[UInt32]]) = {
        var index = [Int32](repeating: 0, count: 0x10000)
        var forms: [[UInt32]] = []
        for (c, out) in compatibility where c < 0x10000 {
            forms.append(out)
            index[Int(c)] = Int32(forms.count)
        }
        return (index, forms)
    }()

    static let compatibility: [UInt32: [UInt32]] = CompatibilityForms.map()

    /// Lowercase Latin letters with pinyin tone marks.
    static func isPinyinLetter(_ c: UInt32) -> Bool {
        if isASCIILower(c) { return true }
        switch c {
        case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC,
             0x101, 0x113, 0x11B, 0x12B, 0x14D, 0x16B, 0x1CE, 0x1D0, 0x1D2, 0x1D4,
             0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x144, 0x148, 0x1F9, 0x1E3F:
            return true
        default:
            return false
        }
    }

    public static func normalize(_ string: String) -> NormalizedText {
        normalize(scalars: decodeScalars(string))
    }

    /// Cost: one pass over the scalars writing into buffers sized once (an
    /// upper bound counted by a first, cheaper pass over the compatibility
    /// table), so the loop does no array growth or uniqueness checks per scalar.
    public static func normalize(scalars original: [UInt32]) -> NormalizedText {
        let (compatIndex, compatForms) = compatibilityTable
        // the fold table read once here, not through its lazy global at every Han scalar
        let t2s = TraditionalToSimplified.table, t2sBase = TraditionalToSimplified.base, t2sLimit = TraditionalToSimplified.limit
        let n = original.count
        // every scalar yields at most one output scalar, except a compatibility form (its length)
        var bound = n
        for c in original where c >= 0xA0 && c < 0x10000 {
            let k = Int(compatIndex[Int(c)])
            if k != 0 { bound += max(0, compatForms[k - 1].count - 1) }
        }

        @inline(__always) func mapped(_ c: UInt32) -> UInt32 {
            if c >= 0xFF01 && c <= 0xFF5E { return c - 0xFEE0 }
            return c
        }

        var origin: [Int32] = []
        let text = [UInt32](unsafeUninitializedCapacity: bound) { tb, textCount in
            origin = [Int32](unsafeUninitializedCapacity: bound) { ob, originCount in
                original.withUnsafeBufferPointer { src in
                    var k = 0 // scalars written
                    @inline(__always) func put(_ c: UInt32, _ o: Int) {
                        precondition(k < bound, "Normalizer: output bound exceeded")
                        tb[k] = c
                        ob[k] = Int32(o)
                        k += 1
                    }
                    var i = 0
                    while i < n {
                        let raw = src[i]
                        // fast path for the common scalars, CJK ideographs and printable ASCII
                        // but `(`: none of the checks below applies to them but the fold
                        if raw >= 0x4E00 && raw <= 0x9FFF {
                            put(raw >= t2sBase && raw < t2sLimit ? t2s[Int(raw - t2sBase)] : raw, i)
                            i += 1
                            continue
                        }
                        if raw > 0x20 && raw < 0x7F && raw != 0x28 { put(raw, i); i += 1; continue }
                        if raw == 0xFEFF || raw == 0x0D || raw == 0x200B { i += 1; continue }
                        // A pinyin annotation right after a Chinese character: `責(zé)`.
                        if (raw == 0x28 || raw == 0xFF08) && k > 0 && isHan(tb[k - 1]) {
                            var j = i + 1
                            while j < n && j - i <= 8 && isPinyinLetter(src[j]) { j += 1 }
                            if j < n && j - i >= 2 && j - i <= 8 && (src[j] == 0x29 || src[j] == 0xFF09) {
                                i = j + 1
                                continue
                            }
                        }
                        var c = mapped(raw)
                        if isSpace(c) {
                            if k > 0 && (tb[k - 1] == 0x20 || tb[k - 1] == 0x0A) { i += 1; continue }
                            put(0x20, i)
                            i += 1
                            continue
                        }
                        if isNewline(c) {
                            if k > 0 && tb[k - 1] == 0x20 { k -= 1 }
                            if c == 0x0A && joinsWrappedLine(UnsafeBufferPointer(rebasing: tb[0..<k]), src, next: i + 1) {
                                // a hard-wrapped line inside a sentence reads as a space
                                put(0x20, i)
                                i += 1
                                continue
                            }
                            put(0x0A, i)
                            i += 1
                            continue
                        }
                        if isNameDot(c) && c != 0xB7 {
                            c = 0xB7 // every name dot reads as · (達里奧・阿莫迪 = 达里奥·阿莫迪)
                        } else if isHan(c) {
                            if c >= t2sBase && c < t2sLimit { c = t2s[Int(c - t2sBase)] }
                        } else if c >= 0xA0 && c < 0x10000 && compatIndex[Int(c)] != 0 {
                            for o in compatForms[Int(compatIndex[Int(c)]) - 1] { put(isSpace(o) ? 0x20 : o, i) }
                            i += 1
                            continue
                        }
                        put(c, i)
                        i += 1
                    }
                    originCount = k
                    textCount = k
                }
            }
        }
        precondition(text.count == origin.count && text.count <= bound)
        let lower = text.map(asciiLower)
        let blocked = markNonProse(lower)
        return NormalizedText(original: original, text: text, lower: lower, origin: origin, blocked: blocked)
    }

    /// Whether a single line break continues the sentence: the line so far is
    /// long (wrapped prose, not a heading or a menu), does not end with
    /// sentence punctuation, and the next line starts with text right away.
    static func joinsWrappedLine(_ text: UnsafeBufferPointer<UInt32>, _ original: UnsafeBufferPointer<UInt32>, next: Int) -> Bool {
        guard let last = text.last, last != 0x0A, next < original.count else { return false }
        let following = original[next]
        if following == 0x0A || following == 0x0D || isSpace(following) || following == 0x2A || following == 0x23
            || following == 0x2D || following == 0x3E || following == 0x7C || isBullet(following) { return false }
        switch last {
        case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x3B, 0xFF1B, 0x3A, 0xFF1A, 0x201D, 0x300D, 0x22, 0x2E, 0x29, 0xFF09, 0x7C:
            return false
        default:
            break
        }
        var k = text.count - 1
        var len = 0
        while k >= 0 && text[k] != 0x0A { k -= 1; len += 1 }
        return len >= 20
    }

    /// A list bullet opening a line (`· 标题`, `• item`, `● 要点`): the line is a list item, never the
    /// rest of a wrapped sentence (a list of headlines must not read as one sentence).
    static func isBullet(_ c: UInt32) -> Bool {
        c == 0xB7 || c == 0x2022 || c == 0x25CF || c == 0x25A0 || c == 0x25C6 || c == 0x30FB || c == 0x2027 || c == 0x25AA || c == 0x2023
    }

    /// URLs, e-mail addresses, and markdown image/link targets.
    static func markNonProse(_ t: [UInt32]) -> [Bool] {
        var blocked = [Bool](repeating: false, count: t.count)
        let n = t.count
        func startsWith(_ i: Int, _ p: [UInt32]) -> Bool {
            guard i + p.count <= n else { return false }
            for k in 0..<p.count where t[i + k] != p[k] { return false }
            return true
        }
        let http: [UInt32] = Array(scalarsOf: "http")
        let www: [UInt32] = Array(scalarsOf: "www.")
        func urlChar(_ c: UInt32) -> Bool { c > 0x20 && c < 0x7F && c != 0x29 && c != 0x5D && c != 0x22 }
        var i = 0
        while i < n {
            let c = t[i]
            if (c == 0x68 && startsWith(i, http) && (i == 0 || !isLatinAlnum(t[i - 1])))
                || (c == 0x77 && startsWith(i, www)) {
                var j = i
                while j < n && urlChar(t[j]) { j += 1 }
                if j - i > 6 { for k in i..<j { blocked[k] = true } }
                i = j
                continue
            }
            if c == 0x40 { // e-mail: the token around '@'
                var a = i, b = i + 1
                while a > 0 && (isLatinAlnum(t[a - 1]) || t[a - 1] == 0x2E || t[a - 1] == 0x5F || t[a - 1] == 0x2D) { a -= 1 }
                while b < n && (isLatinAlnum(t[b]) || t[b] == 0x2E || t[b] == 0x5F || t[b] == 0x2D) { b += 1 }
                if a < i && b > i + 1 { for k in a..<b { blocked[k] = true } }
                i = b
                continue
            }
            // markdown: ](target)  and  ![alt](target)
            if c == 0x5D && i + 1 < n && t[i + 1] == 0x28 {
                var j = i + 2
                while j < n && t[j] != 0x29 && t[j] != 0x0A { j += 1 }
                for k in i..<min(j + 1, n) { blocked[k] = true }
                // an image's alt text is not prose either
                var a = i - 1
                while a >= 0 && t[a] != 0x5B && t[a] != 0x0A { a -= 1 }
                if a >= 1 && t[a] == 0x5B && t[a - 1] == 0x21 {
                    for k in (a - 1)..<i { blocked[k] = true }
                }
                i = j + 1
                continue
            }
            i += 1
        }
        return blocked
    }
}
