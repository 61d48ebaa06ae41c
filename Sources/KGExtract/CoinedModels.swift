/// Model names no family table lists, read by their shape: a Chinese stem
/// with a version or tier (`某某-R2`, `某某-3 Mini`, `某某Pro 2`, `某某VLA-1-Lite`,
/// `某某大模型`) and a capitalised Latin word with a version (`Kestrel-2`,
/// `Breeze-7B`; `Kestrel 3` only in a sentence about models). The name is kept
/// whole: every version, size and tier part after the stem belongs to it.
enum CoinedModels {
    typealias T = ChineseNameTables

    /// Tier words glued to a Chinese stem or written after a version.
    static let tiers: Set<String> = ["pro", "lite", "turbo", "max", "mini", "flash", "nano", "ultra", "plus", "air",
                                     "base", "instruct", "chat", "distill", "coder", "vision", "omni", "preview", "edge"]
    /// Stems that make a generic phrase with `大模型` or a version (`国产大模型`, `千亿大模型`).
    static let genericModelStems = WordList(["国产", "千亿", "万亿", "百亿", "模态", "垂直", "行业", "基座", "推理", "端侧",
                                             "中文", "自研", "旗舰", "开源", "闭源", "通用", "海外", "国外", "国内", "主流",
                                             "头部", "这款", "该款", "一款", "多款", "新款", "各家", "自家", "语言", "视觉",
                                             "专用", "商用", "领先", "顶尖", "前沿", "最新", "最强", "首个", "第一"])

    /// A Latin token of letters, digits and dots starting at `i`; its end.
    static func token(_ t: [UInt32], _ i: Int) -> Int {
        var j = i
        while j < t.count && (isLatinAlnum(t[j]) || (t[j] == 0x2E && j + 1 < t.count && isASCIIDigit(t[j + 1]) && j > i)) { j += 1 }
        return j
    }

    static func isTier(_ t: [UInt32], _ a: Int, _ b: Int) -> Bool { tiers.contains(stringOf(t[a..<b]).lowercased()) }
    static func hasDigit(_ t: [UInt32], _ a: Int, _ b: Int) -> Bool { t[a..<b].contains(where: isASCIIDigit) }
    /// `VLA`, `R`: two to five capitals.
    static func isAcronym(_ t: [UInt32], _ a: Int, _ b: Int) -> Bool {
        b - a >= 2 && b - a <= 5 && t[a..<b].allSatisfy(isASCIIUpper)
    }

    /// The version, size and tier parts after a stem ending at `p`: `-R2-Distill-14B`,
    /// `-3 Mini`, `Pro 2`, `VLA-1-Lite`. Returns the end, or nil when nothing fits.
    static func suffix(_ t: [UInt32], _ p: Int, glued: Bool) -> Int? {
        let n = t.count
        var e = p
        if glued {
            // `某某Pro`, `某某VLA-1`: a tier word, or capitals followed by `-version`
            let w = token(t, p)
            guard w > p else { return nil }
            if isTier(t, p, w) && (w >= n || !isLatinLetter(t[w])) {
                e = w
            } else if isAcronym(t, p, w), w + 1 < n, t[w] == 0x2D, isASCIIDigit(t[w + 1]) {
                e = token(t, w + 1)
            } else {
                // a bare number or chip name glued to Chinese (`增长30`, `采购H100`) is not a model
                return nil
            }
        } else {
            guard p + 1 < n, t[p] == 0x2D, isLatinAlnum(t[p + 1]) else { return nil }
            let w = token(t, p + 1)
            guard hasDigit(t, p + 1, w) || isTier(t, p + 1, w) else { return nil }
            e = w
        }
        // more parts after `-`: `-Distill-14B`, `-1-Lite`
        while e + 1 < n && t[e] == 0x2D && isLatinAlnum(t[e + 1]) {
            let w = token(t, e + 1)
            guard hasDigit(t, e + 1, w) || isTier(t, e + 1, w) else { break }
            e = w
        }
        // a tier or a version after a space: `-3 Mini`, `Pro 2`
        if e + 1 < n && t[e] == 0x20 && isLatinAlnum(t[e + 1]) {
            let w = token(t, e + 1)
            if w >= n || !isLatinAlnum(t[w]) {
                if isTier(t, e + 1, w) || (w - e - 1 <= 3 && t[(e + 1)..<w].allSatisfy { isASCIIDigit($0) || $0 == 0x2E }) { e = w }
            }
        }
        if e < n && isLatinAlnum(t[e]) { return nil }
        return e
    }

    /// Chinese-stem model names in the whole text, left to right.
    /// Cost: one comparison per scalar; more only after a Han scalar
    /// followed by `-`, a Latin letter or `大模型`.
    static func chinese(_ t: [UInt32], _ lower: [UInt32], at positions: [Int]? = nil) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        var next = 2
        for p in positions ?? Array(t.indices) where p >= next {
            guard t[p] == 0x2D || isLatinAlnum(t[p]), isHan(t[p - 1]), isHan(t[p - 2]) else { continue }
            var end: Int?
            // (`某某大模型` alone is too often a generic phrase, `国产大模型`, to be read here)
            if t[p] != 0x2D && ModelNames.scan(t, lower, at: p) != nil {
                continue // `挑战GPT-4o`: a known family after Chinese text
            } else {
                end = suffix(t, p, glued: t[p] != 0x2D)
            }
            guard let e = end else { continue }
            var s = p - 2
            let stops = T.stemStops
            if stops.contains(t[s]) || T.stemStops.contains(t[s + 1]) || genericModelStems.contains(t, s, p)
                || T.genericStems.contains(t, s, p) { continue }
            if s >= 1, isHan(t[s - 1]), !T.stemStops.contains(t[s - 1]), ChineseNames.isHardBoundary(t, before: s - 1) {
                s -= 1
            }
            if let last = out.last, last.end > s { continue }
            out.append((s, e))
            next = e
        }
        return out
    }
}
