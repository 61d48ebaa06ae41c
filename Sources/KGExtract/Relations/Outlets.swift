/// News outlets standing as the source of a report are no party to a deal, a round, a rivalry or an
/// acquisition (`据彭博社报道，A 与 B 合作`, `Bloomberg said A signed a deal with B`,
/// `TechCrunch first reported the round`). They stay entities (a reporter `works_at` one), and an
/// outlet that is the subject of its own news (`某媒体完成融资`) is a party like any company; only the
/// trade rules (`partnership`, `investment`, `rivals`, `acquisition`) leave out an outlet in source position.
enum Outlets {
    /// before an outlet in source position: 据 / 援引 / according to / per
    static let sourceBefore: [[UInt32]] = ["据", "援引", "according to", "per", "told"].map { Array(scalarsOf: $0) }
    /// after an outlet in source position: 报道 / 称 / 获悉 / said / reported / first reported / learned
    static let sourceAfter: [[UInt32]] = ["报道", "称", "获悉", "独家获悉", "了解到", "消息", "讯", "said", "says", "reported", "reports",
                                          "first reported", "earlier reported", "previously reported", "has learned", "learned", "wrote",
                                          "notes", "noted", "cited", "citing"].map { Array(scalarsOf: $0) }
    /// Names of outlets as written (lowercased, spaces removed): the lexicon's media and their
    /// Chinese names, and common wires and business titles.
    static let names: Set<String> = [
        "reuters", "路透社", "路透", "bloomberg", "彭博", "彭博社", "彭博新闻社", "techcrunch", "theinformation", "cnbc",
        "financialtimes", "金融时报", "《金融时报》", "thewallstreetjournal", "wallstreetjournal", "wsj", "华尔街日报", "《华尔街日报》",
        "thenewyorktimes", "newyorktimes", "纽约时报", "《纽约时报》", "theverge", "wired", "《连线》", "axios", "semafor",
        "businessinsider", "forbes", "福布斯", "fortune", "《财富》", "time", "《时代》", "venturebeat", "associatedpress", "ap", "afp",
        "法新社", "美联社", "日经", "日经新闻", "nikkei", "南华早报", "scmp", "theeconomist", "经济学人",
        "36氪", "虎嗅", "晚点", "晚点latepost", "latepost", "财新", "财新网", "界面", "界面新闻", "第一财经", "21世纪经济报道", "新浪科技",
        "腾讯科技", "网易科技", "量子位", "机器之心", "新智元", "极客公园", "it之家", "钛媒体", "雷锋网", "品玩", "智东西", "甲子光年",
        "新华社", "人民日报", "央视", "证券时报", "上海证券报", "中国证券报", "经济观察报", "每日经济新闻", "澎湃新闻", "科创板日报",
        "财联社", "datayes", "digitimes", "经济日报", "工商时报", "数位时代", "明报", "信报", "香港经济日报",
    ]

    /// `names` as scalars (spaces removed), and the scalars they start with.
    static let nameScalars: Set<[UInt32]> = Set(names.map { Array(scalarsOf: $0) })
    static let firsts: Set<UInt32> = Set(nameScalars.compactMap(\.first))

    /// The entities among `companies` that are outlets: a mention found as one (`outlet` rule) or
    /// named as one. Cost, once per document: one set probe per company mention, and a short
    /// scalar array only for a mention starting like an outlet's name.
    static func entities(_ mentions: [Mention], lower: [UInt32]) -> Set<Int> {
        var out = Set<Int>()
        var key: [UInt32] = []
        for m in mentions where m.type == .company && m.entity >= 0 && !out.contains(m.entity) {
            if m.rule == "outlet" { out.insert(m.entity); continue }
            guard m.end - m.start <= 24, m.start < lower.count, firsts.contains(lower[m.start]) else { continue }
            key.removeAll(keepingCapacity: true)
            for i in m.start..<m.end where lower[i] != 0x20 { key.append(lower[i]) }
            if nameScalars.contains(key) { out.insert(m.entity) }
        }
        return out
    }
}
