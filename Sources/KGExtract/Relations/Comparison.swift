/// `outperforms` (model → model) from a comparison, in the claim's direction:
/// forward `A 超越了 B、C 和 D` (one relation per object), `A 优于 / 高于 / 领先 B`,
/// `A beats / tops / edges out / is ahead of B`, `A 比 B 更强`; reverse
/// `A 略逊于 / 不及 / 落后于 B`, `A trails / falls short of B`, `A 与 B 仍有差距`
/// (B is the subject). A negated claim (`没有超过`, `did not beat`) and
/// closeness (`接近`, `逼近`, `持平`) are not outperforms.
enum ComparisonCues {
    /// the subject beats the object
    static let forward = CueList(["超越了", "超越", "超过了", "超过", "胜过", "优于", "好于", "强于", "高于", "略高于", "领先于", "领先", "击败了",
                                  "击败", "打败", "力压", "压过", "outperforms", "outperformed", "outperform", "beats", "beat", "beating",
                                  "surpasses", "surpassed", "surpass", "tops", "topped", "edges out", "edged out", "ahead of",
                                  "better than", "stronger than", "exceeds", "exceeded", "higher than", "leads", "outscored", "outscores", "outranks", "outranked", "scored higher than", "领先于",
                                  "胜于", "强过"], wholeWords: true)
    /// the object beats the subject
    static let reverse = CueList(["略逊于", "逊于", "逊色于", "不及", "不如", "落后于", "弱于", "低于", "略低于", "trails", "trailed", "trail",
                                  "falls short of", "fell short of", "behind", "lags", "lagged", "worse than", "weaker than", "lower than"],
                                 wholeWords: true)
    /// closeness (`接近 B`, `媲美 B`, `matches B`): no outperforms, and B is no subject of a later verb
    static let closeTo = CueList(["接近", "逼近", "媲美", "比肩", "持平", "追平", "matches", "matched", "on par with", "close to", "rivals"], wholeWords: true)
    /// `A 与 B 仍有差距`: B is ahead
    static let gapToward = CueList(["仍有明显差距", "仍有差距", "还有差距", "存在差距", "有明显差距", "仍有一定差距", "差距明显"])
    /// `A 比 B 更…`
    static let than = CueList(["比"])
    static let better = CueList(["更", "强", "好", "高", "领先"])
    /// a negation before the verb cancels the claim
    static let negation = CueList(["没有", "没", "未能", "未", "并未", "尚未", "不能", "无法", "not ", "n't", "never", "failed to", "yet to"])
    /// between the verb and its object: 了 / the / 同级别的
    /// a sentence setting two models' scores side by side: `A scored 81%, ahead of B, while C reached 74%`,
    /// `A 得分 81%，而 C 只有 74%` — the higher score outperforms the lower (with one of these words only)
    static let scoreContrast = CueList(["while", "whereas", "compared with", "compared to", "versus", "ahead of", "而", "相比", "相较", "对比", "只有", "仅有"], wholeWords: true)
    /// what may stand between a model and its score: `scored`, `reached`, `得分`, `为`
    static let scoreGapLimit = 60
    static let leads: Set<String> = ["", "了", "the", "对手", "同类", "了同类", "both", "either", "all", "也", "最初", "最初的", "此前的", "之前的",
                                      "上一代", "上一代的", "开源的", "闭源的", "原版", "同级别的"]
    /// the longest modifier ending in 的 before the object (`超过了同等规模的 B`, `优于主流的 B`), scalars
    static let modifierReach = 6

    /// Whether g may stand between a comparison verb and its object: a lead word, or a short
    /// modifier ending in 的 with no clause break or number in it.
    static func isLead(_ g: String) -> Bool {
        if leads.contains(g) { return true }
        let u = g.unicodeScalars
        let body = u.dropFirst(u.first == "了" ? 1 : 0)
        guard body.count >= 2, body.last == "的", body.allSatisfy({ isHan($0.value) && $0 != "，" }) else { return false }
        if body.count <= modifierReach { return true }
        // `胜过某某创新基地推出的 M`: a maker the recogniser did not name, then a release verb
        return body.count <= makerModifierReach && makerMarks.contains { g.hasSuffix($0) }
    }
    /// release verbs closing a maker phrase before the object (`超越某机构主导开发的 M`)
    static let makerMarks = ["推出的", "发布的", "开发的", "研发的", "训练的", "开源的"]
    /// the longest such maker phrase, in scalars
    static let makerModifierReach = 14
}

extension RelationRules {
    func comparison(_ f: Frame, _ out: inout Emitter) {
        guard !f.models.isEmpty else { return }
        let s = f.range
        // models that are the object of a comparison (after a verb, after 与 / 比 / than) are no subjects
        var objectStarts = Set<Int>()
        for cues in [ComparisonCues.forward, ComparisonCues.reverse, ComparisonCues.closeTo] {
            for (_, b) in find(cues, in: s) {
                for m in listAfter(f.models, b, in: s, lead: ComparisonCues.isLead, possessors: f.companies) { objectStarts.insert(m.start) }
            }
        }
        let subjectModels = subjectCompanies(f.models, s).filter { !objectStarts.contains($0.start) }
        func subjects(before p: Int) -> [Item] {
            let cl = clause(p, s)
            let adjacent = listBefore(f.models, p, in: cl, extra: ["均", "都", "还", "也", "明显", "大幅", "全面", "略微", "小幅", "显著", "已经", "甚至",
                                                                  "clearly", "narrowly", "easily", "also", "still", "now", "is", "was", "are", "just"])
            if !adjacent.isEmpty { return adjacent }
            // `… and it edges out M` / `the model outperforms M`: the pronoun stands for the model named last
            // before it (in the sentence, else before the sentence), leaving out compared objects
            if contains(Cues.thisModel, cl.lowerBound..<p), !f.models.contains(where: { $0.end <= p && $0.start >= cl.lowerBound }) {
                // a sentence that opened with `It` / `它` keeps speaking of the model before it
                let opened = contains(Cues.thisModel, s.lowerBound..<min(s.upperBound, s.lowerBound + 4))
                if !opened, let m = f.models.last(where: { $0.end <= cl.lowerBound && !objectStarts.contains($0.start) }) { return [m] }
                if let prev = pronounModel(f) { return [Item(start: p, end: p, type: .model, entity: prev)] }
            }
            // `…, which trails B`: the model the relative clause hangs on, right before it
            if ["which", "that"].contains(where: { gap(cl.lowerBound, p).hasPrefix($0) }), !f.models.contains(where: { $0.end <= p && $0.start >= cl.lowerBound }) {
                if let m = f.models.last(where: { $0.end <= cl.lowerBound }), cl.lowerBound - m.end <= 2 { return [m] }
                if let m = subjectModels.first(where: { $0.end <= cl.lowerBound && !objectStarts.contains($0.start) }) { return [m] }
                if contains(Cues.thisModel, s.lowerBound..<cl.lowerBound), let prev = modelTopic ?? f.previousModel {
                    return [Item(start: p, end: p, type: .model, entity: prev)]
                }
                return []
            }
            if let m = subjectModels.first(where: { $0.end <= p && $0.start >= cl.lowerBound }) { return [m] }
            if let m = subjectModels.first(where: { $0.end <= p }) { return [m] }
            if let prev = pronounModel(f), contains(Cues.thisModel, s.lowerBound..<p) {
                return [Item(start: p, end: p, type: .model, entity: prev)]
            }
            return []
        }
        func negated(_ a: Int) -> Bool { contains(ComparisonCues.negation, max(clause(a, s).lowerBound, a - 6)..<a) }
        for (cues, reverse) in [(ComparisonCues.forward, false), (ComparisonCues.reverse, true)] {
            for (a, b) in find(cues, in: s) where !negated(a) {
                var objects = listAfter(f.models, b, in: s, lead: ComparisonCues.isLead, possessors: f.companies)
                guard !objects.isEmpty else { continue }
                // `高于 A 的 79.8% 和 B 的 79.6%`: every model of the clause after the verb
                let cl = titleClause(b, s)
                // (up to the next comparison verb of the clause: `trails B …, and edges out C` gives C to the second verb)
                let nextVerb = (find(ComparisonCues.forward, in: objects.last!.end..<cl.upperBound).first?.0)
                    .map { min($0, find(ComparisonCues.reverse, in: objects.last!.end..<cl.upperBound).first?.0 ?? $0) }
                    ?? find(ComparisonCues.reverse, in: objects.last!.end..<cl.upperBound).first?.0 ?? cl.upperBound
                for m in f.models where m.start >= objects.last!.end && m.end <= nextVerb && !objects.contains(where: { $0.entity == m.entity }) {
                    objects.append(m)
                }
                let ids = Set(objects.map(\.entity))
                for x in subjects(before: a) where !ids.contains(x.entity) {
                    for y in objects {
                        if reverse { out.add(y.entity, "outperforms", x.entity, "trails", 0.7) }
                        else { out.add(x.entity, "outperforms", y.entity, "beats", 0.7) }
                    }
                }
            }
        }
        // A 与 B 仍有差距: B outperforms A
        for (a, _) in find(ComparisonCues.gapToward, in: s) {
            let cl = clause(a, s)
            let inClause = f.models.filter { $0.start >= cl.lowerBound && $0.end <= a }
            guard let x = inClause.first, let y = inClause.last, x.entity != y.entity,
                  ["与", "和", "跟", "同", "相比", "比"].contains(where: { gapWithoutPossessor(x.end, y.start, f.companies).hasSuffix($0) }) else { continue }
            out.add(y.entity, "outperforms", x.entity, "gap-behind", 0.65)
        }
        scoreContrast(f, &out)
        // A 比 B 更强
        for (a, b) in find(ComparisonCues.than, in: s) where !negated(a) {
            guard let y = listAfter(f.models, b, in: s, lead: ComparisonCues.isLead, possessors: f.companies).first,
                  contains(ComparisonCues.better, y.end..<min(s.upperBound, y.end + 8)) else { continue }
            for x in subjects(before: a) where x.entity != y.entity { out.add(x.entity, "outperforms", y.entity, "comparative", 0.65) }
        }
    }
}

extension RelationRules {
    /// The model `it` / `该模型` stands for: the model named last, unless the last sentence compared it with
    /// another — then the subject of that sentence (`A beats B. It also…`: A).
    func pronounModel(_ f: Frame) -> Int? {
        if let p = f.previousModel, lastCompared.contains(p), let t = modelTopic, t != p { return t }
        return f.previousModel
    }

    /// `A scored 81%, ahead of B, while C reached 74%`: each model followed (in its clause, before the next
    /// model) by a percentage is paired with it; with a contrast word in the sentence, the model with the
    /// higher score outperforms each one with a lower score. Cost: one pass over the sentence's mentions.
    func scoreContrast(_ f: Frame, _ out: inout Emitter) {
        guard f.models.count >= 2, contains(ComparisonCues.scoreContrast, f.range) else { return }
        let ordered = f.items.sorted { $0.start < $1.start }
        var scored: [(model: Int, value: Double, at: Int)] = []
        // `compared with 80% for B and 71% for C`: a score written before its model, joined by `for` / `by`
        var taken = Set<Int>()
        for (k, x) in ordered.enumerated() where x.type == .figure && k + 1 < ordered.count {
            let m = ordered[k + 1]
            guard m.type == .model, m.start - x.end <= 8, let p = percentValue(x.start..<x.end),
                  FigureCues.scoreFor.contains(gap(x.end, m.start)), !scored.contains(where: { $0.model == m.entity }) else { continue }
            scored.append((m.entity, p, m.start))
            taken.insert(x.start)
        }
        for (k, m) in ordered.enumerated() where m.type == .model {
            // the first percentage after the model in its clause, before the next model (`M has 34B parameters and scored 77%`)
            let cl = clause(m.end, f.range)
            var v: Double?
            for x in ordered[(k + 1)...] {
                if x.type == .model || x.start >= cl.upperBound || x.start - m.end > ComparisonCues.scoreGapLimit { break }
                if x.type == .figure && taken.contains(x.start) { break }   // another model's score (`80% for B`)
                if x.type == .figure, let p = percentValue(x.start..<x.end) { v = p; break }
            }
            guard let value = v, !scored.contains(where: { $0.model == m.entity }) else { continue }
            scored.append((m.entity, value, m.start))
        }
        guard scored.count >= 2 else { return }
        // the claim is the first scored model's (`A 88%, compared with 80% for B and 71% for C`): B over C is not stated
        scored.sort { $0.at < $1.at }
        let a = scored[0]
        for b in scored.dropFirst() where a.value > b.value {
            out.add(a.model, "outperforms", b.model, "higher-score", 0.6)
        }
    }

    /// The number of a percentage written with digits (`81%`, `74.5 %`), else nil.
    func percentValue(_ r: Range<Int>) -> Double? {
        var digits = ""
        var sawPercent = false
        for i in r {
            let c = lower[i]
            if (c >= 0x30 && c <= 0x39) || c == 0x2E { digits.unicodeScalars.append(Unicode.Scalar(c)!) }
            else if c == 0x25 || c == 0xFF05 { sawPercent = true }
        }
        return sawPercent ? Double(digits) : nil
    }
}
