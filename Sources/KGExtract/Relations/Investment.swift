/// `invested_in` from funding phrasing. Every investor of a list gets its own
/// relation to the company that raised, never to a co-investor:
/// the investors stand before the cue (`由 A 领投`, `A、B 跟投`, `老股东 A 追加投资`,
/// `A led the round`), after it (`led by A`, `with participation from A, B and C`,
/// `investors include A and B`, `投资方包括 A、B`, `获得 A、B 等机构的投资`), and the
/// target is the company named right after a forward verb (`A 投资了 X`, `A invested in X`,
/// `A 向 X 投资`), else the company that raised: the sentence's subject that is not an
/// investor, else the company the previous sentence was about.
enum InvestmentCues {
    /// investors named before: lead, co-lead, follow-on, existing investor adding, exclusive, strategic
    /// (领投 / 联合领投 / 跟投 / 参投 / 追加投资 / 独家投资 / 战略投资 / 注资 / 投资了 / led the round / participated)
    static let before = CueList(["联合领投", "共同领投", "领投", "跟投", "参投", "参与投资", "参与了本轮", "追加投资", "追加了投资", "追加了", "追加",
                                 "加注", "独家投资", "战略投资", "投资了", "投资的", "注资", "入股", "投资", "出资",
                                 "led the round", "co-led the round", "led the financing", "led the deal", "co-led", "led", "participated",
                                 "joined the round", "took part", "also joined", "also participated",
                                 // `with A, B and C also investing`, `A and B came in too`
                                 "also investing", "investing", "also participating", "came in", "also came in", "chipped in", "跟进", "跟進", "认购了", "认购", "投了", "参与了", "参与",
                                 // `A 亦参与本轮投资` / `A 参与了这轮融资`: the round of the sentence, its raiser the target
                                 "参与本轮投资", "参与本轮融资", "参与此轮投资", "参与此轮融资", "参与这轮融资", "参与这轮投资", "参与了这轮融资",
                                 "参与了此轮融资", "参与本轮的投资", "参与本轮认购", "participated in", "invested in", "invested", "invests in", "invest in", "invest", "invests", "backed", "backs", "put money into",
                                 // `A, B and C also put money in` / `A also put in money`
                                 "put money in", "also put money in", "put in money"], wholeWords: true)
    /// investors named after: led by / backed by / with participation from / investors include / 投资方包括 / 获得 … 的投资
    static let after = CueList(["co-led by", "led by", "backed by", "funded by", "participation from", "participation by",
                                "investors including", "investors include", "investors included", "backers including", "backers include",
                                "from investors including", "from investors such as", "raised from", "funding from", "investment from",
                                "投资方包括", "投资方为", "投资方是", "投资者包括", "投资人包括", "投资机构包括", "股东包括", "股东为", "股东有", "现有股东", "老股东", "existing investors",
                                "existing investor", "existing backers", "existing backer", "existing shareholders", "资金主要来自", "资金来自", "资金来源于", "funding came from", "获得了", "获得", "拿到了", "拿到", "获", "引入", "获得过"], wholeWords: true)
    /// second characters that make `获` another word (`获悉` learned, `获奖`, `获批`, `获准`, `获评`, `获胜`)
    static let notFunding获: Set<UInt32> = Set("悉奖批准评胜选".unicodeScalars.map(\.value))
    /// a description of an investor before its name: 投资机构 X / 基金 X / venture firm X
    static let investorKinds: [String] = ["机构", "基金", "资本", "公司", "firm", "fund"]
    /// after a `获得 / 拿到` list, a funding noun must close the clause for the list to be investors
    static let fundingNouns = CueList(["投资", "融资", "注资", "领投", "战略投资"])
    /// between a forward verb and its target: `投资了 X`, `invested in X`, `向 X 投资`
    static let targetLeads: Set<String> = ["", "了", "in", "into", "the"]
    /// a company being invested in stands after 向 / 对 / in before the verb (`A 向 X 投资`)
    static let toward: Set<String> = ["向", "对", "在"]
    /// forward verbs (their object, when a company follows, is the target)
    static let forward: Set<String> = ["投资了", "投资的", "注资", "入股", "投资", "invested in", "invests in", "backed", "backs",
                                       "战略投资", "put money into", "invested", "出资", "invest", "invests", "invest in", "参与了", "参与", "participated in", "认购", "认购了", "投了"]
    /// the end of the words between a lead cue and the round's company: `led a $50 million round in X`
    static let roundIn: [String] = ["roundin", "roundof", "financingin", "fundingin", "investmentin", "roundfor"]
    /// `从 X 拿了 / 获得`, `raised … from X`
    static let from = CueList(["从", " from "])
    static let took = CueList(["拿了", "拿到", "拿", "获得", "融了", "融资", "筹集", "筹得", "得到"])
    static let raisedBefore = CueList(["raised", "raises", "secured", "received", "took in", "closed"])
    /// two-character words that may stand right before an investor cue without being a name
    static let functionPairs: Set<String> = ["本轮", "此次", "公司", "目前", "此前", "主要", "其他", "其中", "同时", "并且", "以及", "已经", "包括",
                                             "分别", "这次", "该轮", "上轮", "前轮", "融资", "投资", "完成", "宣布", "获得", "表示", "透露"]
    /// a pronoun for the investor: 他们 / 它 / 其 / they / it
    static let pronoun = CueList(["他们", "它们", "它", "其", "they ", "it "])
    /// investor nouns: `A 是 X 的投资者`, `A, an investor in X`, `X 的投资方包括 A`, `X's backers`
    static let nouns = CueList(["投资者", "投资方", "投资人", "支持者", "股东", "出资方", "investors", "investor", "backers", "backer",
                                "shareholders", "shareholder"], wholeWords: true)
    /// a rank before an investor noun after a possessive: `X's largest investor`, `X 最大的外部投资者`
    static let rankAdjectives: [String] = ["largest", "biggest", "earliest", "largestoutside", "largestsingle", "leading", "main", "early",
                                           "最大的", "最早的", "第一大", "最大外部", "最大的外部", "重要"]
    /// adverbs between an investor list and its verb, and the 由 that opens it
    static let fillers = ["由", "继续", "本轮", "此次", "再度", "均", "都", "又", "分别", "合计", "共同", "追加", "也", "以个人身份",
                          "作为", "老股东", "超额", "持续", "既有股东", "现有股东", "existing", "investor", "investors", "backer", "backers", "also", "all"]
    /// verbs an amount clause may leave out when it repeats them: `A 投了 30 亿，B 80 亿` / `A invested $1B, B $2B`
    static let ellipsisVerbs: Set<String> = ["投了", "投资了", "注资", "invested"]
    /// talks and rumours of a round (`正在洽谈新一轮融资`, `传闻 X 将领投`, `is in talks to raise`):
    /// a sentence with one states no investment (a plan or a rumour is not a round). Naming a source
    /// (`据知情人士透露`, `people familiar with the matter said`, `reportedly`) is not one: news reports
    /// closed rounds that way too, so sourcing alone keeps the round.
    static let rumour = CueList(["洽谈", "谈判", "磋商", "传闻", "传言", "据传", "否认", "in talks", "talks with",
                                 "talks to", "rumor", "rumour", "denied", "is seeking",
                                 "are seeking", "寻求", "计划融资", "拟融资"])
    /// words that show a sentence is about funding (a bare `投资` / `led` / `backed` needs one)
    static let context = CueList(["融资", "轮", "投资", "领投", "跟投", "估值", "round", "funding", "raise", "series", "seed", "invest",
                                  "backed", "backer", "investor", "stake", "股东", "股权", "入股", "注资", "注册资本", "股份"])
}

extension RelationRules {
    /// Investors found at one cue, and the targets the cue names itself (empty: the raiser).
    private struct Round { var investors: [Item]; var targets: [Item]; var cue: Int; var rule: String }

    func investment(_ f: Frame, _ out: inout Emitter) {
        guard !f.companies.isEmpty else { return }
        let s = f.range
        guard !contains(InvestmentCues.rumour, s) else { return }
        let investors = (f.companies + f.persons).sorted { $0.start < $1.start }   // a person may invest (angel investor)
        let funding = contains(InvestmentCues.context, s)
        var rounds: [Round] = []
        for (a, b) in find(InvestmentCues.before, in: s) {
            let word = stringOf(lower[a..<b])
            guard funding || word.hasPrefix("invest") || word.unicodeScalars.contains("投") else { continue }
            if word == "led" && gap(b, min(s.upperBound, b + 4)).hasPrefix("by") { continue }
            let cl = clause(a, s)
            var list = listBefore(investors, a, in: titleClause(a, s), extra: InvestmentCues.fillers)
            // 他们投资的 X / they invested in X: the pronoun stands for the sentence's subject company
            if list.isEmpty, InvestmentCues.forward.contains(word), let (pa, _) = find(InvestmentCues.pronoun, in: max(s.lowerBound, a - 4)..<a).last,
               let x = f.subjects.first(where: { $0.end <= pa }) { list = [x] }
            // X 斥资 N 入股 Y / the company will invest N in Y: the clause's subject (or the topic a
            // definite description stands for) invests when a target follows the verb
            if list.isEmpty, InvestmentCues.forward.contains(word), !word.hasSuffix("的"),
               !listAfter(f.companies, b, in: s, lead: { g in InvestmentCues.targetLeads.contains(g) || (g.count <= 24 && g.hasSuffix("in")) }).isEmpty {
                if let x = f.subjects.last(where: { $0.end <= a && $0.start >= cl.lowerBound }) { list = [x] }
                else if contains(Cues.thisCompany, max(cl.lowerBound, a - 18)..<a), let t = f.topic(before: a) {
                    list = [Item(start: a, end: a, type: .company, entity: t)]
                }
            }
            guard !list.isEmpty else { continue }
            // A 投了 N，B M：the clauses after the verb that hold only another investor and its amount repeat the verb
            if InvestmentCues.ellipsisVerbs.contains(word) { list += ellipticInvestors(f, after: cl) }
            // forward: A 投资了 X / A invested in X
            var targets: [Item] = []
            // 参与了 X 的新一轮融资 / participated in X's round: a funding noun must follow the target
            if word == "参与了" || word == "参与" || word == "participated in" {
                guard let t = listAfter(f.companies, b, in: s, lead: { $0.isEmpty || $0 == "the" }).first,
                      contains(InvestmentCues.fundingNouns, t.end..<clause(t.end, s).upperBound) || contains(InvestmentCues.context, t.end..<clause(t.end, s).upperBound) else { continue }
                rounds.append(Round(investors: list, targets: [t], cue: a, rule: "investor-before"))
                continue
            }
            // `A led a $50 million round in X` / `A 领投了 X 的 B 轮融资`: the round's company follows the cue
            if !InvestmentCues.forward.contains(word), f.companies.contains(where: { $0.start >= b }) {
                let latin = isLatinLetter(lower[a])
                let inRound = !latin ? [] : listAfter(f.companies, b, in: s, lead: { g in
                    g.count <= 40 && InvestmentCues.roundIn.contains { g.hasSuffix($0) } && !g.contains("by")
                })
                if !inRound.isEmpty { targets = inRound }
                else if !latin, let t = listAfter(f.companies, b, in: s, lead: { $0.isEmpty || $0 == "了" }).first,
                        gap(t.end, min(s.upperBound, t.end + 2)).hasPrefix("的"),
                        contains(InvestmentCues.context, t.end..<clause(t.end, s).upperBound) { targets = [t] }
            }
            if InvestmentCues.forward.contains(word) {
                // invested $10 billion in X: an amount may stand before `in`
                targets = listAfter(f.companies, b, in: s, lead: { g in
                    InvestmentCues.targetLeads.contains(g) || (word.hasPrefix("invest") && g.count <= 24 && (g.hasSuffix("in") || g.hasSuffix("into")))
                })
            }
            // A 向 X 投资: the list before the cue is the target, the investor stands before 向
            if targets.isEmpty, word.hasPrefix("投资") || word == "注资",
               InvestmentCues.toward.contains(where: { gap(cl.lowerBound, list[0].start).hasSuffix($0) }),
               let x = f.companies.last(where: { $0.end <= list[0].start && $0.start >= s.lowerBound }) {
                rounds.append(Round(investors: [x], targets: list, cue: a, rule: "invest-toward"))
                continue
            }
            if targets.isEmpty && ["投资", "invested", "backed", "backs", "出资"].contains(word)
                && !gap(cl.lowerBound, list[0].start).hasSuffix("由") { continue }   // a bare verb needs 由 (X 由 A 投资)
            rounds.append(Round(investors: list, targets: targets, cue: a, rule: "investor-before"))
        }
        for (a, b) in find(InvestmentCues.after, in: s) {
            let word = stringOf(lower[a..<b])
            // `获悉`, `获奖`, `获批`: 获 starting another word is no funding cue
            if word == "获", b < s.upperBound, InvestmentCues.notFunding获.contains(lower[b]) { continue }
            let list = listAfter(investors, b, in: s, lead: { g in
                (g.count <= 2 && !g.unicodeScalars.contains("的")) || g == "the"
                    || (g.count <= 8 && InvestmentCues.investorKinds.contains { g.hasSuffix($0) })   // 来自量化投资机构 X
            })
            guard !list.isEmpty else { continue }
            // 获得 / 拿到 / 引入 A、B: investors only when a funding noun closes the phrase (`获得 A 的投资`)
            if word.hasPrefix("获") || word.hasPrefix("拿") || word.hasPrefix("引入") {
                let end = clause(list.last!.end, s).upperBound
                guard contains(InvestmentCues.fundingNouns, list.last!.end..<end) else { continue }
            }
            // `某某现有股东 A、B`: an unrecognised name right before the cue owns the list; the topic would be a guess
            // (`X 去年刚拿到 A 和 B 的投资`: a company of the clause stands before the cue, the two characters are no name)
            if !f.companies.contains(where: { $0.end <= a && $0.start >= clause(a, s).lowerBound }), unrecognisedNameBefore(a, s) { continue }
            rounds.append(Round(investors: list, targets: [], cue: a, rule: "investor-after"))
        }
        // Y 从 X 拿了 / 获得 N (X 的投资) / Y raised N from X: money taken from X makes X an investor
        for (a, b) in find(InvestmentCues.from, in: s) {
            let list = listAfter(investors, b, in: s, lead: { $0.isEmpty })
            guard !list.isEmpty else { continue }
            let cl = clause(a, s)
            let word = stringOf(lower[a..<b])
            let took: Bool
            if word == "从" {
                took = contains(InvestmentCues.took, list.last!.end..<min(cl.upperBound, list.last!.end + 6))
            } else {
                took = contains(InvestmentCues.raisedBefore, max(cl.lowerBound, a - 40)..<a)
            }
            guard took else { continue }
            rounds.append(Round(investors: list, targets: [], cue: a, rule: "funding-from"))
        }
        // A 是 X 的(重要)投资者 / A is an investor in X / A, a backer of X
        for (a, b) in find(InvestmentCues.nouns, in: s) {
            let cl = titleClause(a, s)
            var target: Item?
            // `A 是 X 的(重要)投资者` / `A is X's largest investor`: a short adjective may stand after the possessive
            if let x = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound }),
               gap(x.end, a).count <= 6 || (gap(x.end, a).count <= 12 && InvestmentCues.rankAdjectives.contains(where: { gap(x.end, a).hasSuffix($0) })),
               gap(x.end, a).hasPrefix("的") || gap(x.end, a).hasPrefix("'s") || gap(x.end, a).hasPrefix("’s") {
                target = x
            } else if let x = listAfter(f.companies, b, in: s, lead: { ["in", "of", "inthe"].contains($0) }).first {
                target = x
            } else if let (_, pe) = find(Cues.interviewCompany, in: max(cl.lowerBound, a - 6)..<a).last, isFiller(gap(pe, a), extra: ["的", "重要", "主要", "最大", "早期"]),
                      let x = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound }),
                      ["是", "作为", "为", "is", "as", ","].contains(where: { stripAdverbs(gap(x.end, a)).hasPrefix($0) }) {
                // X 是我们的投资者 / X, our biggest investor / X 作为你们的支持者: the interviewee's company, as the text names it
                rounds.append(Round(investors: [x], targets: [Item(start: a, end: a, type: .company, entity: RelationRules.speaker)], cue: a, rule: "investor-noun"))
                continue
            } else if ["its", "itslargest", "itsbiggest", "itsmain", "其", "其最大", "它的", "their"].contains(where: { gap(max(s.lowerBound, a - 12), a).hasSuffix($0) }),
                      let x = f.companies.last(where: { $0.end <= a && a - $0.end <= 16 }), [","].contains(where: { gap(x.end, a).hasPrefix($0) }),
                      !f.subjects.contains(where: { $0.end <= x.start }), let t = f.previousTopic, t != x.entity {
                // `Amazon, its largest investor,`: the investor stands before, the target is the topic
                rounds.append(Round(investors: [x], targets: [Item(start: a, end: a, type: .company, entity: t)], cue: a, rule: "investor-noun"))
                continue
            }
            guard let t = target else { continue }
            // the investors: a list before 是 / is / , in the clause
            let head = t.start < a ? t.start : a
            let list = f.companies.filter { $0.end <= head && $0.start >= cl.lowerBound && $0.entity != t.entity }
            // 后两家公司是 X 的投资者 / both companies are investors in X: the last two companies named
            if list.isEmpty, let two = lastTwoReferred(f, before: head), !two.contains(where: { $0.entity == t.entity }) {
                rounds.append(Round(investors: two, targets: [t], cue: a, rule: "investor-noun-back-reference"))
                continue
            }
            // `X 的(早期)投资方 Y、Z` / `X's backers A and B`: the owner is the target, the list right after the noun the investors
            if t.end <= a, (gap(t.end, a).hasPrefix("的") || gap(t.end, a).hasPrefix("'s") || gap(t.end, a).hasPrefix("’s")),
               case let after = listAfter(f.companies, b, in: s, lead: { $0.isEmpty || $0 == "include" || $0 == "including" || $0 == "包括" }).filter({ $0.entity != t.entity }),
               !after.isEmpty {
                rounds.append(Round(investors: after, targets: [t], cue: a, rule: "investor-noun-after"))
                continue
            }
            guard let last = list.last else { continue }
            let g = stripAdverbs(gap(last.end, head))
            guard ["是", "为", "作为", "is", "isan", "isa", "are", "was", ",an", ",a", "asan", "as"].contains(where: { g.hasPrefix($0) }) else { continue }
            let investors = listBefore(f.companies, last.end, in: cl)
            rounds.append(Round(investors: investors.isEmpty ? [last] : investors, targets: [t], cue: a, rule: "investor-noun"))
        }
        guard !rounds.isEmpty else { return }
        // every investor of the sentence is left out when looking for the company that raised
        let allInvestors = Set(rounds.flatMap { $0.investors.map(\.entity) })
        // the company that raised is named before the round's first investor or cue (`X 完成融资，由 A 领投，
        // B、C 参投`): a company after them is one more investor the list did not reach, never the target
        let roundStart = rounds.map { min($0.cue, $0.investors.first?.start ?? $0.cue) }.min() ?? s.upperBound
        for r in rounds {
            var targets = r.targets.map(\.entity)
            if targets.isEmpty, let t = raiser(f, before: min(r.cue, roundStart), excluding: allInvestors) { targets = [t] }
            for x in r.investors { for t in targets where !allInvestors.contains(t) || !r.targets.isEmpty {
                out.add(x.entity, "invested_in", t, r.rule, 0.75)
            } }
        }
    }

    /// The companies of the clauses right after `cl` that hold nothing but a company and
    /// an amount (`，B 80 亿，C 20 亿`): each repeats the investment verb of `cl`.
    func ellipticInvestors(_ f: Frame, after cl: Range<Int>) -> [Item] {
        var out: [Item] = []
        var p = cl.upperBound
        while p < f.range.upperBound, lower[p] == 0x2C || lower[p] == 0xFF0C {
            let next = clause(p + 1, f.range)
            guard let c = f.companies.first(where: { $0.start >= next.lowerBound && $0.end <= next.upperBound }),
                  gap(next.lowerBound, c.start).isEmpty,
                  let amount = f.items.first(where: { $0.type == .figure && $0.start >= c.end && $0.end <= next.upperBound }),
                  gap(c.end, amount.start).isEmpty, ["", "。", ".", "！", "!", "？", "?"].contains(gap(amount.end, next.upperBound)) else { break }
            out.append(c)
            p = next.upperBound
        }
        return out
    }

    /// Two Han characters right before p that are not a known function word: likely a name the recogniser missed.
    func unrecognisedNameBefore(_ p: Int, _ s: Range<Int>) -> Bool {
        guard p - 2 >= s.lowerBound, isHan(lower[p - 1]), isHan(lower[p - 2]) else { return false }
        return !InvestmentCues.functionPairs.contains(stringOf(lower[(p - 2)..<p]))
    }

    /// The company that raised: a non-investor company in subject position
    /// before the cue in this sentence, else the previous sentence's topic.
    func raiser(_ f: Frame, before p: Int, excluding ids: Set<Int>) -> Int? {
        if let c = f.subjects.first(where: { $0.end <= p && !ids.contains($0.entity) }) { return c.entity }
        // 你们已经融资了… / you raised…: the asked guest's company, before any earlier topic
        if let (_, e) = find(Cues.addressee, in: max(f.range.lowerBound, p - 40)..<p).first,
           contains(InvestmentCues.took, e..<min(f.range.upperBound, e + 6)) || contains(InvestmentCues.raisedBefore, e..<min(f.range.upperBound, e + 12)) {
            return RelationRules.speaker
        }
        // (a topic seen investing is no raiser when the text has named the company that raised: `A will invest in X.
        // The deal makes A X's largest shareholder. Existing backers B and C also put money in.`)
        if let t = f.previousTopic, !ids.contains(t), !investorsSeen.contains(t) || lastRaiser == nil { return t }
        // (only in place of such a topic: with no topic at all the last raiser would be a guess)
        if let t = f.previousTopic, investorsSeen.contains(t), let r = lastRaiser, !ids.contains(r) { return r }
        // 你已经融资了… / we raised…: the speaker's company, when the text says which it is
        if contains(Cues.speakerSide, max(f.range.lowerBound, p - 40)..<p) { return RelationRules.speaker }
        return nil
    }
}
