/// `outperforms` along a series: a sentence that lists models in release order
/// (`先发布了 A，然后是 B，再到 C`, `A, then B, then C`) followed, in the same or the
/// next sentence, by a claim that each is better than the one before
/// (`每一个都比上一个更强`, `一代比一代强`, `each one better than the last`):
/// each model outperforms the one listed right before it.
enum SuccessionCues {
    /// each one of a series against the one before it: 比上一个 / 比上一代 / 比前一代 / 一代比一代 / 一个比一个 /
    /// better than the last / than the previous one / than its predecessor
    static let list = CueList(["比上一个", "比上一代", "比前一个", "比前一代", "比上一款", "一代比一代", "一个比一个", "一款比一款",
                               "than the last one", "than the last", "than the previous one", "than the previous", "than its predecessor",
                               "over the previous one", "over the last one", "over its predecessor"])
    /// the claim is an improvement: 更 / 提升 / 强 / 好 / 进步 / better / improv / stronger
    static let better = CueList(["更", "提升", "提高", "进步", "强", "好", "better", "improv", "stronger", "gain", "smarter"])
    /// … unless it says worse: 差 / 弱 / 逊 / 退步 / worse / weaker
    static let worse = CueList(["差", "弱", "逊", "退步", "下降", "worse", "weaker", "regress", "not ", "没有", "并不", "不"])
    /// a second name for the model just listed, not a new one of the series: 就叫它 B / 也就是 B / 又称 B / call it B / aka B
    /// (`称之为 B 的模型` names a new model and is not here)
    static let rename: [String] = ["叫它", "称它为", "也就是", "即", "又称", "callit", "callingit", "aka", "i.e."]
    /// how far into the next sentence the claim may stand (scalars)
    static let reach = 80
}

extension RelationRules {
    func succession(_ f: Frame, _ out: inout Emitter) {
        guard f.models.count >= 2 else { return }
        // the claim: after the last model, in this sentence or the next
        var end = f.range.upperBound
        var stops = 0
        while end < lower.count && end - f.range.upperBound < SuccessionCues.reach {
            let c = lower[end]
            if c == 0x3002 || c == 0x2E || c == 0xFF01 || c == 0x21 || c == 0xFF1F || c == 0x3F { stops += 1; if stops == 1 && end > f.range.upperBound + 1 { break } }
            end += 1
        }
        // no series cue anywhere from the sentence start to `end`: none after the last model either (most sentences stop here)
        guard !find(SuccessionCues.list, in: f.range.lowerBound..<end).isEmpty else { return }
        // the series: the models in text order, a name repeated right after itself (an alias) counted once
        var series: [Item] = []
        for m in f.models.sorted(by: { $0.start < $1.start }) where series.last?.entity != m.entity {
            if let p = series.last {
                let g = gap(p.end, m.start)
                if g.count <= 20, SuccessionCues.rename.contains(where: { w in g.hasSuffix(w) || g.hasSuffix(w + "的") }) { continue }
            }
            series.append(m)
        }
        guard series.count >= 2, Set(series.map(\.entity)).count == series.count else { return }
        let tail = series.last!.end..<end
        guard let (a, b) = find(SuccessionCues.list, in: tail).first else { return }
        // the comparative stands after the cue (`比上一代更强`) or before it (`better than the last`)
        let around = max(tail.lowerBound, a - 16)..<min(end, b + 12)
        guard contains(SuccessionCues.better, around), !contains(SuccessionCues.worse, around) else { return }
        for k in 1..<series.count { out.add(series[k].entity, "outperforms", series[k - 1].entity, "succession", 0.6) }
    }
}
