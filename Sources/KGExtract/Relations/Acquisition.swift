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
    static let rumour = CueList(["传闻", "据传", "传言", "rumor", "rumour", "reportedly", "in talks", "否认", "denied", "considering"])
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
    }
}
