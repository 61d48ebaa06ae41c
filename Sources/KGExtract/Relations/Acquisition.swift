/// `acquired` from an acquisition verb: `X 收购 Y`, `X 拟以 N 收购 Y 55% 股权`, `X 并购 Y`,
/// `X acquired / agreed to acquire / will buy / takes over Y`, passive `Y 被 X 收购`,
/// `Y was acquired by X`, nouns `X's acquisition of Y`, `X 对 Y 的收购`. A plan counts
/// (the guidelines say so); a rumour does not. With no acquirer in the sentence it
/// is the sentence's topic (`公司拟收购 Y`).
enum AcquisitionCues {
    static let verbs = CueList(["拟收购", "收购了", "收购", "并购了", "并购", "买下了", "买下", "控股", "acquisition of", "acquired", "acquires",
                                "acquire", "acquiring", "to buy", "will buy", "bought", "buys", "takes over", "take over", "took over",
                                "takeover of"], wholeWords: true)
    static let passive = CueList(["被"])
    /// `对 Y 的收购`
    static let toward = CueList(["对"])
    /// a description of the acquired company before its name: GPU 初创企业 X / chip startup X
    static let classNouns: [String] = ["公司", "企业", "厂商", "初创", "厂", "实验室", "研究院", "startup", "company", "rival", "maker", "developer", "firm", "lab", "名为"]
    /// a rumour or a denial: no acquisition
    static let rumour = CueList(["传闻", "据传", "传言", "rumor", "rumour", "reportedly", "in talks", "否认", "denied", "considering",
                                 // a reported intent: X 有意收购 Y / is interested in buying / intends to (`Y 被 X 收购的消息传出` is news, not a rumour)
                                 "有意", "意向", "消息称", "interested in", "intends to", "explored", "weighing"])
    /// buying a majority stake: `以 N 取得 Y 55% 股权` / `取得 Y 的控股权` — an acquisition only when the
    /// stake is a majority (over 50%) or control is named
    static let stake = CueList(["取得了", "取得", "购得"])
    /// a controlling stake named in words: 控股权 / 全部股权 / 多数股权
    static let control: [String] = ["控股权", "全部股权", "多数股权", "全部股份", "控制权"]
    /// the relative pronouns opening `X, which Y acquired`, as scalars (compared before any gap is built)
    static let relativeOpeners: [[UInt32]] = ["which", "that", "whom"].map { Array(scalarsOf: $0) }
    /// `agreed to pay $1 billion for startup Y`: a price paid for a company
    static let pay = CueList(["agreed to pay", "to pay", "will pay", "paid", "pays", "is paying"], wholeWords: true)
    /// between the verb and the acquired company: 了 / the / 一家名为 …
    static let leads: Set<String> = ["", "了", "the", "startup", "rival", "芯片设计公司", "公司"]
}

extension RelationRules {
    func acquisition(_ f: Frame, _ out: inout Emitter) {
        guard !f.companies.isEmpty else { return }
        let s = f.range
        for (a, b) in find(AcquisitionCues.verbs, in: s) {
            let cl = clause(a, s)
            guard !contains(AcquisitionCues.rumour, cl) else { continue }
            // passive: Y 被 X 收购
            if let (pa, pb) = find(AcquisitionCues.passive, in: max(s.lowerBound, a - 16)..<a).last,
               let x = f.companies.first(where: { $0.start >= pb && $0.end <= a }), let y = f.companies.last(where: { $0.end <= pa }) {
                out.add(x.entity, "acquired", y.entity, "acquire-passive", 0.75)
                continue
            }
            // Y was acquired by X
            if gap(b, min(s.upperBound, b + 4)).hasPrefix("by"), let x = listAfter(f.companies, b, in: s, lead: { $0 == "by" }).first,
               let y = f.companies.last(where: { $0.end <= a }) {
                out.add(x.entity, "acquired", y.entity, "acquire-passive", 0.75)
                continue
            }
            // X (完成了)对 (服务器厂商) Y 的收购
            if gap(max(s.lowerBound, a - 1), a) == "的", let y = f.companies.last(where: { $0.end <= a - 1 && $0.start >= cl.lowerBound }),
               let (da, de) = find(AcquisitionCues.toward, in: max(cl.lowerBound, y.start - 10)..<y.start).last,
               gap(de, y.start).isEmpty || (gap(de, y.start).count <= 8 && AcquisitionCues.classNouns.contains { gap(de, y.start).hasSuffix($0) }),
               let x = f.companies.last(where: { $0.end <= da && $0.start >= cl.lowerBound })?.entity ?? f.topic(before: da, excluding: [y.entity]) {
                out.add(x, "acquired", y.entity, "acquire-noun", 0.75)
                continue
            }
            // `X, which Y acquired in 2014` / `Y 收购的 X`: a relative clause about X with Y as the acquirer
            if AcquisitionCues.relativeOpeners.contains(where: { startsWithSkippingSpaces($0, at: cl.lowerBound, before: a) }),
               let y = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound }), isFiller(gap(y.end, a), extra: ["has", "had", "已", "已经"]),
               ["which", "that", "whom"].contains(gap(cl.lowerBound, y.start)), let x = antecedent(f, clauseStart: cl.lowerBound), x != y.entity,
               !f.companies.contains(where: { $0.start >= b && $0.end <= cl.upperBound }) {
                out.add(y.entity, "acquired", x, "acquire-relative", 0.7)
                continue
            }
            let targets = listAfter(f.companies, b, in: s, lead: { g in
                AcquisitionCues.leads.contains(g) || (g.count <= 14 && g.hasPrefix("以"))
                    || (g.count <= 14 && AcquisitionCues.classNouns.contains { g.hasSuffix($0) })
            })
            guard !targets.isEmpty else { continue }
            // the acquirer: the company right before (X's acquisition of / X 收购), else the sentence's subject, else its topic
            let ids = Set(targets.map(\.entity))
            let acquirer = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound && !ids.contains($0.entity) })?.entity
                ?? antecedent(f, clauseStart: cl.lowerBound)
                ?? f.topic(before: a, excluding: ids)
            // we acquired Y: the speaker's company
            if acquirer == nil || f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound }) == nil,
               let (_, we) = find(Cues.we, in: cl.lowerBound..<a).last, a - we <= 6 {
                let fallback = acquirer
                for y in targets { out.add(RelationRules.speaker, "acquired", y.entity, "acquire-verb", 0.75, fallback: fallback) }
                continue
            }
            guard let x = acquirer else { continue }
            for y in targets { out.add(x, "acquired", y.entity, "acquire-verb", 0.75) }
        }
        majorityStake(f, &out)
        paidFor(f, &out)
    }

    /// `X 以 N 取得 Y 55% 股权` / `X 取得 Y 的控股权`: buying a majority stake (over 50%) or control is an
    /// acquisition; a minority stake is not. The buyer is the clause's company before the verb, else the topic.
    /// Cost: one cue look-up per sentence, a few short gaps per hit.
    func majorityStake(_ f: Frame, _ out: inout Emitter) {
        let s = f.range
        for (a, b) in find(AcquisitionCues.stake, in: s) {
            let cl = clause(a, s)
            guard f.companies.contains(where: { $0.start >= b && $0.start - b <= 14 }), !contains(AcquisitionCues.rumour, s),
                  let y = listAfter(f.companies, b, in: s, lead: { g in
                AcquisitionCues.leads.contains(g) || (g.count <= 10 && AcquisitionCues.classNouns.contains { g.hasSuffix($0) })
            }).first, y.end <= cl.upperBound else { continue }
            let rest = gap(y.end, cl.upperBound)
            var majority = AcquisitionCues.control.contains { rest.hasPrefix($0) || rest.hasPrefix("的" + $0) }
            if !majority, let share = f.items.first(where: { $0.type == .figure && $0.start >= y.end && $0.start - y.end <= 3 && $0.end <= cl.upperBound }),
               let p = percentValue(share.start..<share.end), p > 50, p <= 100 {
                let after = gap(share.end, cl.upperBound)
                majority = ["股权", "股份", "的股权", "的股份"].contains { after.hasPrefix($0) }
            }
            guard majority, let x = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound && $0.entity != y.entity })?.entity
                    ?? f.topic(before: a, excluding: [y.entity]) else { continue }
            out.add(x, "acquired", y.entity, "acquire-stake", 0.7)
        }
    }

    /// `X agreed to pay about $1 billion for database startup Y`: a price paid for a company names an
    /// acquisition. An amount must stand between the verb and `for`, and Y must follow `for` (a kind noun
    /// allowed) without a possessive (`paid $N for Y's chips` is a purchase of goods).
    func paidFor(_ f: Frame, _ out: inout Emitter) {
        let s = f.range
        for (a, b) in find(AcquisitionCues.pay, in: s) {
            guard !contains(AcquisitionCues.rumour, s),
                  let amount = f.items.first(where: { $0.type == .figure && $0.start >= b && $0.start - b <= 12 }),
                  let y = f.companies.first(where: { $0.start >= amount.end && $0.start - amount.end <= 40 }) else { continue }
            let between = gap(amount.end, y.start)
            guard between == "for" || (between.hasPrefix("for") && between.count <= 24
                    && AcquisitionCues.classNouns.contains { between.hasSuffix($0) }) else { continue }
            let after = gap(y.end, min(s.upperBound, y.end + 2))
            guard !after.hasPrefix("'"), !after.hasPrefix("’") else { continue }
            let cl = clause(a, s)
            guard let x = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound })?.entity
                    ?? antecedent(f, clauseStart: cl.lowerBound) ?? f.topic(before: a, excluding: [y.entity]) else { continue }
            out.add(x, "acquired", y.entity, "acquire-paid-for", 0.65)
        }
    }
}
