/// The currency of a bare 元 in one document. Taiwanese and Hong Kong news
/// write their own dollar as 元 once the text has named it (`營收 2,486 億元`
/// after `新台幣 150 億元`), so a document that names the New Taiwan or Hong
/// Kong dollar and never 人民币 reads 元 as that dollar. Everywhere else 元 is
/// the yuan. Cost: one scan of the document, only when it has a yuan figure.
enum FigureCurrency {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }

    /// Words that name a currency written as 元, and the currency.
    static let namedDollars: [([UInt32], String)] = [
        ("新台币", "TWD"), ("台币", "TWD"), ("nt$", "TWD"), ("港元", "HKD"), ("港币", "HKD"), ("hk$", "HKD"),
        ("人民币", "CNY"), ("rmb", "CNY"),
    ].map { (u($0.0), $0.1) }

    /// The currency a bare 元 stands for in this lowercased text: TWD or HKD
    /// when that is the only one named, else CNY.
    static func localYuan(_ lower: [UInt32]) -> String {
        var seen = Set<String>()
        var i = 0
        while i < lower.count {
            let c = lower[i]
            if c == 0x65B0 || c == 0x53F0 || c == 0x6E2F || c == 0x4EBA || c == 0x6E || c == 0x68 || c == 0x72 { // 新 台 港 人 n h r
                for (w, code) in namedDollars where FigureParser.hasPrefix(lower, i, w) { seen.insert(code); break }
            }
            i += 1
        }
        if seen.contains("CNY") { return "CNY" }
        if seen == ["TWD"] { return "TWD" }
        if seen == ["HKD"] { return "HKD" }
        return "CNY"
    }

    /// Rewrites the unit of figures written with a bare 元 (no currency word
    /// before or after it) to the document's own dollar.
    static func apply(_ nt: NormalizedText, _ mentions: inout [Mention]) {
        let yuan = FigureParser.yuan
        let bare = mentions.indices.filter { k in
            let m = mentions[k]
            guard m.type == .figure, m.figure?.unit == "CNY", m.end > 0, nt.lower[m.end - 1] == yuan else { return false }
            // 人民币 5 亿元 names the yuan
            return !FigureParser.currencyBefore.contains { w in (m.start..<m.end).contains { FigureParser.hasPrefix(nt.lower, $0, w.0) } }
        }
        guard !bare.isEmpty else { return }
        let local = localYuan(nt.lower)
        guard local != "CNY" else { return }
        for k in bare { mentions[k].figure?.unit = local }
    }
}

/// Bare large amounts (`十几亿`, `上百亿`, `30 億`): money only when the text
/// states it. A bare amount takes the currency of a money figure in the same
/// or the previous sentence (`从 1 亿美元涨到 10 亿`), or, after a money word in its clause
/// (成本, 估值, 融资, revenue…), the currency the document writes most; with
/// neither it is not a figure (`3 亿` alone says nothing of what is counted).
enum BareAmounts {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }

    /// Words that make the amount after them a sum of money, in any currency.
    static let moneyWords: [[UInt32]] = [
        "成本", "花费", "花了", "投入", "融资", "估值", "营收", "收入", "资金", "预算", "市值", "价值", "利润", "亏损", "开支",
        "支出", "投资", "筹集", "薪", "价格", "售价", "金额", "合同", "订单", "cost", "revenue", "valuation", "funding",
        "raised", "worth", "spend", "price",
    ].map(u)

    /// Where the sentence around `p` starts and ends.
    static func sentence(_ t: [UInt32], _ p: Int) -> Range<Int> {
        func stop(_ c: UInt32) -> Bool { c == 0x3002 || c == 0x0A || c == 0xFF01 || c == 0xFF1F || c == 0x21 || c == 0x3F }
        var a = p, b = p
        while a > 0 && !stop(t[a - 1]) { a -= 1 }
        while b < t.count && !stop(t[b]) { b += 1 }
        return a..<b
    }

    /// Whether a money word stands in the clause before `p` (at most 16 scalars back).
    static func moneyWordBefore(_ t: [UInt32], _ p: Int) -> Bool {
        var a = p
        let limit = max(0, p - 16)
        while a > limit {
            let c = t[a - 1]
            if c == 0xFF0C || c == 0x2C || c == 0x3002 || c == 0xFF1B || c == 0x3B || c == 0x0A { break }
            a -= 1
        }
        for w in moneyWords {
            var q = a
            while q + w.count <= p { if FigureParser.hasPrefix(t, q, w) { return true }; q += 1 }
        }
        return false
    }

    /// Gives each bare amount a currency or drops it. Cost: linear in the
    /// mentions, plus one short scan per bare amount.
    static func resolve(_ nt: NormalizedText, _ mentions: inout [Mention]) {
        guard mentions.contains(where: { $0.figure?.unit == FigureParser.unresolvedUnit }) else { return }
        var counts: [String: Int] = [:]
        for m in mentions where m.type == .figure {
            if let unit = m.figure?.unit, FigureParser.isMoney(unit) { counts[unit, default: 0] += 1 }
        }
        let documentCurrency = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        var drop = Set<Int>()
        for k in mentions.indices where mentions[k].figure?.unit == FigureParser.unresolvedUnit {
            let m = mentions[k]
            var s = sentence(nt.lower, m.start)
            // a series of amounts may run over two sentences (`从 0 涨到 1 亿美元，再到 10 亿。今年已超过 40 亿`)
            if s.lowerBound > 0 { s = sentence(nt.lower, s.lowerBound - 1).lowerBound..<s.upperBound }
            // the nearest money figure of the same or the previous sentence
            var nearest: (Int, String)?
            // (by index: reading a mention's fields in place copies no mention)
            for oi in mentions.indices where mentions[oi].type == .figure && mentions[oi].start >= s.lowerBound && mentions[oi].end <= s.upperBound {
                guard let unit = mentions[oi].figure?.unit, FigureParser.isMoney(unit) else { continue }
                let d = abs(mentions[oi].start - m.start)
                if nearest == nil || d < nearest!.0 { nearest = (d, unit) }
            }
            let core = m.coreStart >= 0 ? m.coreStart : m.start
            if let (_, unit) = nearest {
                mentions[k].figure?.unit = unit
            } else if moneyWordBefore(nt.lower, core), let unit = documentCurrency {
                mentions[k].figure?.unit = unit
            } else {
                drop.insert(k)
            }
        }
        if !drop.isEmpty { mentions = mentions.indices.filter { !drop.contains($0) }.map { mentions[$0] } }
    }
}
