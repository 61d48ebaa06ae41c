import KGCore

/// Which entity before a figure owns it (kept switchable to compare on the seeds).
enum FigureSubjectPolicy {
    static let firstInClause = true
    static let sentenceTopic = false
}

/// Metric names of figures by a cue word in their sentence.
enum FigureMetrics {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }
    /// metric names by a cue in the sentence
    static let metrics: [([UInt32], String)] = [
        ("营收", "revenue"), ("收入", "revenue"), ("销售额", "revenue"), ("revenue", "revenue"), ("估值", "valuation"),
        ("valuation", "valuation"), ("市值", "market cap"), ("融资", "funding"), ("筹集", "funding"), ("资金", "funding"),
        ("funding", "funding"), ("投", "investment"), ("员工", "employees"), ("准确率", "accuracy"), ("成本", "cost"),
        ("费用", "cost"), ("预算", "budget"), ("得分", "score"), ("swe-bench", "score"), ("岁", "age"), ("参数", "parameters"),
        ("增长", "growth"),
    ].map { (u($0.0), $0.1) }
}

extension RelationRules {
    /// has_figure: a figure belongs to the nearest entity before it in the
    /// sentence (or to the document's main company when "we" speak).
    func figures(sentence s: Range<Int>, items: [Item], out: inout [RelationDraft]) {
        let weRefs = find(Cues.we, in: s)
        var sentenceMetric: String?
        for f in items where f.type == .figure {
            let unit = figureUnits[f.entity] ?? ""
            let money = unit == "USD" || unit == "CNY" || unit == "EUR" || unit == "percent" || unit == "x"
            let age = ageFigures.contains(f.entity)
            // persons own ages, durations and counts; companies and models own money and shares
            func fits(_ x: Item) -> Bool {
                if age { return x.type == .person }
                if x.type == .person { return !money && !["month", "day", "week", "hour", "minute"].contains(unit) }
                return true
            }
            let cl = clause(f.start, s)
            let before = items.filter { $0.type != .figure && $0.end <= f.start && fits($0) }
            let chosen: Item? = FigureSubjectPolicy.firstInClause
                ? (before.first { $0.start >= cl.lowerBound } ?? (FigureSubjectPolicy.sentenceTopic ? before.first : before.last))
                : before.last
            var subject = chosen?.entity
            if subject == nil {
                if weRefs.contains(where: { $0.1 <= f.start }) && !age { subject = mainCompany }
                else if age && contains(Cues.me, s.lowerBound..<f.start) { subject = mainPerson } // 我今年 25 岁
            }
            guard let subj = subject else { continue }
            let before0 = chosen
            if sentenceMetric == nil {
                sentenceMetric = "amount"
                search: for (w, m) in FigureMetrics.metrics {
                    var i = s.lowerBound
                    while i + w.count <= s.upperBound {
                        if lower[i] == w[0] && FigureParser.hasPrefix(lower, i, w) { sentenceMetric = m; break search }
                        i += 1
                    }
                }
            }
            // 岁 in the sentence names the metric of the age figures only, not of
            // every other figure beside them (今年 40 岁的他 … 35 万块 GPU).
            let metric = age ? "age" : (sentenceMetric == "age" ? "amount" : sentenceMetric!)
            out.append(RelationDraft(subject: subj, predicate: "has_figure", object: f.entity, metric: metric, sentence: s,
                                     rule: before0 != nil ? "figure-subject" : "figure-speaker", confidence: before0 != nil ? 0.5 : 0.4))
        }
    }
}
