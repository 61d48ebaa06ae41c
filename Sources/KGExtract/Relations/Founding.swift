/// `founder_of` from a founding verb: `P (和 Q) 创办了 X`, `P founded X`,
/// `X 由 P 和 Q (于 2015 年)共同创立`, `X was co-founded (in 2022) by A and B`,
/// `X, founded by A,`. Every person of the list is a founder; with no
/// company in the clause the company is the sentence's topic.
enum FoundingCues {
    /// founding verbs: 创立 / 创办 / 创建 / 联合创立 / 牵头创办 / founded / co-founded / started
    static let verbs = CueList(["联合创立", "共同创立", "共同创办", "联合创办", "牵头创办", "一手创办", "创立", "创办", "创建",
                                "co-founded", "cofounded", "founded", "started"], wholeWords: true)
    /// a list of founders: 创始团队包括 A、B 和 C / co-founders include A and B
    static let team = CueList(["创始团队包括", "创始团队有", "创始成员包括", "创始人包括", "联合创始人包括", "创始人有", "co-founders include",
                               "co-founders included", "founders include", "founders included", "founding team included", "founding team includes"])
    /// 由 … 创立 / by …
    static let by = CueList(["由"])
    /// `by A, a former X engineer, and B`: an apposition after a founder, then the joiner before the next one
    static let appositionJoiners: [String] = [",and", "，和", "，以及", ",andby"]
    /// the longest apposition skipped between two founders (scalars, spaces left out)
    static let appositionReach = 60
    /// what may stand between a founding verb and its company: 了 / the
    static let leads: Set<String> = ["", "了", "the", "了新公司", "了公司",
                                     // `P 创办的 X`: the company the relative clause describes
                                     "的"]
    /// between a list of founders and the verb: `P 和 Q 于 2015 年共同创立` (a time phrase is allowed)
    static let extraFillers = ["于", "在", "年", "月", "in", "together"]
}

extension RelationRules {
    func founding(_ f: Frame, _ out: inout Emitter) {
        guard !f.persons.isEmpty else { return }
        let s = f.range
        for (a, b) in find(FoundingCues.team, in: s) {
            let founders = listAfter(f.persons, b, in: s, lead: { $0.isEmpty })
            let cl = titleClause(a, s)
            guard !founders.isEmpty, let c = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound })?.entity ?? f.topic(before: a) else { continue }
            for p in founders { out.add(p.entity, "founder_of", c, "founding-team", 0.75) }
        }
        for (a, b) in find(FoundingCues.verbs, in: s) {
            let cl = titleClause(a, s)
            // X was co-founded in 2022 by A and B / X, founded by A
            if let byAt = (b..<min(cl.upperBound, b + 16)).first(where: { FigureParser.hasPrefix(lower, $0, Array(" by ".unicodeScalars.map { $0.value })) }) {
                var founders = listAfter(f.persons, byAt + 4, in: s, lead: { $0.isEmpty })
                guard !founders.isEmpty else { continue }
                founders += appositiveFounders(f, after: founders.last!)
                let company = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound - 2 })?.entity
                    ?? f.companies.last(where: { $0.end <= a })?.entity ?? f.topic(before: a)
                guard let c = company else { continue }
                for p in founders { out.add(p.entity, "founder_of", c, "founded-by", 0.75) }
                continue
            }
            // X 由 P 和 Q 共同创立
            if let (ba, be) = find(FoundingCues.by, in: max(s.lowerBound, a - 90)..<a).last {
                let founders = f.persons.filter { $0.start >= be && $0.end <= a }
                guard !founders.isEmpty else { continue }
                // 由 A 和 B 联合创立的 X: the company the relative clause describes, else the one before 由, else the topic
                let company = listAfter(f.companies, b, in: s, lead: { $0 == "的" }).first?.entity
                    ?? f.companies.last(where: { $0.end <= ba })?.entity ?? f.topic(before: a)
                guard let c = company else { continue }
                for p in founders { out.add(p.entity, "founder_of", c, "founded-by", 0.75) }
                continue
            }
            // P (和 Q) 创办了 X / P co-founded the company (in 2021) with Q
            var targets = listAfter(f.companies, b, in: s, lead: { FoundingCues.leads.contains($0) })
            if targets.isEmpty, ["thecompany", "thestartup", "了公司", "公司", "该公司"].contains(where: { gap(b, min(s.upperBound, b + 12)).hasPrefix($0) }),
               let t = f.topic(before: a) {
                targets = [Item(start: b, end: b, type: .company, entity: t)]
            }
            guard !targets.isEmpty else { continue }
            var founders = listBefore(f.persons, a, in: cl, extra: FoundingCues.extraFillers + digitWords)
            // 与 Q 共同创立 / co-founded … with Q: Q and the sentence's subject
            if let q = founders.first, ["与", "和", "跟", "同"].contains(where: { gap(cl.lowerBound, q.start).hasSuffix($0) }),
               let p = subjectPerson(f, before: q.start) { founders.append(Item(start: 0, end: 0, type: .person, entity: p)) }
            // `P co-founded X with Q and R`: the partners after `with` are founders beside the subject, who is
            // found like any subject (`P, a former Y researcher, co-founded …`: the person before the apposition)
            var partners: [Item] = []
            if let w = (b..<min(cl.upperBound, b + 30)).first(where: { FigureParser.hasPrefix(lower, $0, Array(" with ".unicodeScalars.map { $0.value })) }) {
                partners = listAfter(f.persons, w + 6, in: s, lead: { $0.isEmpty })
            }
            if founders.isEmpty, let p = f.persons.last(where: { $0.end <= a && $0.start >= cl.lowerBound }) { founders = [p] }
            if founders.isEmpty, let p = subjectPerson(f, before: a) { founders = [Item(start: a, end: a, type: .person, entity: p)] }
            founders += partners
            for p in founders { for c in targets { out.add(p.entity, "founder_of", c.entity, "founded-verb", 0.75) } }
        }
    }

    /// The founders after `last` across appositions: `A, a former X researcher, and B, who …` gives B.
    /// Each next person must follow a comma-led apposition ending in `, and`. Cost: one gap per person after `last`.
    func appositiveFounders(_ f: Frame, after last: Item) -> [Item] {
        var out: [Item] = []
        var prev = last
        for p in f.persons where p.start > prev.end {
            let g = gap(prev.end, p.start)
            guard g.count <= FoundingCues.appositionReach, g.hasPrefix(",") || g.hasPrefix("，"),
                  FoundingCues.appositionJoiners.contains(where: { g.hasSuffix($0) }), g.count > 4 else { break }
            out.append(p)
            prev = p
        }
        return out
    }

    /// Digits, so a year may stand in a filler gap (`于 2015 年`).
    var digitWords: [String] { ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] }
}
