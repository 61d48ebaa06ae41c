import KGCore

/// A relation found in one sentence, ends as entity indices.
struct RelationDraft {
    var subject: Int
    var predicate: String
    var object: Int
    var metric: String?
    var sentence: Range<Int>
    var rule: String
    var confidence: Double
}

/// Cue words of the relation patterns (matched on lowercased normalised text).
/// Cue words with a first-scalar bitmap, so scanning a sentence costs one
/// table probe per position.
struct CueList: Sendable {
    let words: [[UInt32]]
    let first: [Bool]
    init(_ list: [String]) {
        words = list.map { Array(scalarsOf: $0) }.sorted { $0.count > $1.count }
        var f = [Bool](repeating: false, count: 0x10000)
        for w in words where w[0] < 0x10000 { f[Int(w[0])] = true }
        first = f
    }
}

enum Cues {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }
    static let from = CueList(["从"])
    static let took = CueList(["拿", "获得", "融资"])
    static let than = CueList(["比"])
    static let better = CueList(["更", "强", "好"])
    static let with = CueList(["和", "与", "with"])
    static let of = Array(scalarsOf: " of")
    static let ceo = CueList(["首席执行官", "执行长", "ceo", "chief executive"])
    static let founder = CueList(["联合创始人", "创始人", "创办人", "co-founder", "cofounder", "founder"])
    static let founded = CueList(["共同创立", "联合创立", "共同创办", "创立", "创办", "创建", "co-founded", "founded", "started"])
    static let by = CueList(["由"])
    static let role = CueList(["参谋长", "研究员", "工程师", "主持人", "首席科学家", "科学家", "负责人", "总裁", "cto", "chief of staff",
                       "researcher", "engineer", "president", "研究主管", "产品主管", "高管", "员工"])
    static let join = CueList(["加入", "joined", "效力于", "任职于", "就职于"])
    static let develop = CueList(["发布", "推出", "开发", "打造", "训练", "研发", "released", "launched", "developed", "built", "trained",
                          "unveiled", "自家"])
    static let compete = CueList(["竞争", "对手", "劲敌", "竞品", "rival", "compet"])
    static let investForward = CueList(["投资了", "投资的", "注资", "invested", "invests", "invest", "领投", "投了", "投资"])
    static let investorNoun = CueList(["投资者", "投资方", "投资人", "支持者", "backer", "investor"])
    static let acquire = CueList(["收购", "并购", "acquisition of", "acquired", "acquires", "acquire", "买下"])
    static let passive = CueList(["被"])
    static let byEnglish = Array(scalarsOf: " by")
    static let partner = CueList(["合作伙伴", "合作", "partner", "提供 api", "提供api", "供应"])
    static let outperform = CueList(["击败", "超越", "超过", "胜过", "优于", "领先于", "打败", "outperform", "beat", "surpass", "拉了下来"])
    static let interview = CueList(["对话", "对谈", "采访了", "采访", "专访了", "专访", "访谈", "interviewed", "interview", "请了"])
    static let we = CueList(["我们", "我们的", "你们", "您", "our ", "we "])
    static let me = CueList(["我", "她", "他"])
    static let disposal = CueList(["将", "把"])
    static let thisModel = CueList(["该模型", "这款模型", "这个模型", "新模型", "它", "the model", "it "])
    static let thisCompany = CueList(["该公司", "这家公司", "公司", "the company"])
    static let clauseBreak: Set<UInt32> = [0x2C, 0xFF0C, 0x3001, 0x3A, 0xFF1A, 0x2014]
}

/// Finds relations of the closed vocabulary in each sentence from cue words
/// and the positions of the typed mentions around them.
struct RelationRules {
    struct Item { var start: Int; var end: Int; var type: EntityType; var entity: Int }

    let lower: [UInt32]
    let mainCompany: Int?
    let mainPerson: Int?
    /// Spans of the mentions of the sentence being read: a cue inside a name
    /// (`Founder` in `Founder Park`) is not a cue.
    var mentionSpans: [Range<Int>] = []
    /// The last model named before the sentence (for 该模型 / it).
    var previousModel: Int?
    /// Unit of each figure entity, and the figures that are ages (岁).
    var figureUnits: [Int: String] = [:]
    var ageFigures: Set<Int> = []

    func find(_ c: CueList, in r: Range<Int>) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = r.lowerBound
        while i < r.upperBound {
            let ch = lower[i]
            if ch >= 0x10000 || !c.first[Int(ch)] { i += 1; continue }
            var hit = false
            if mentionSpans.contains(where: { $0.contains(i) }) { i += 1; continue }
            for w in c.words where FigureParser.hasPrefix(lower, i, w) && i + w.count <= r.upperBound {
                if isLatinLetter(w[0]) && i > 0 && isLatinLetter(lower[i - 1]) { continue }
                out.append((i, i + w.count)); i += w.count; hit = true; break
            }
            if !hit { i += 1 }
        }
        return out
    }

    func contains(_ c: CueList, _ r: Range<Int>) -> Bool { !find(c, in: r).isEmpty }

    /// The clause a title belongs to: like `clause`, but a list comma (、) does
    /// not end it (`Anthropic 的 CEO、创始人 Dario Amodei`).
    func titleClause(_ p: Int, _ s: Range<Int>) -> Range<Int> {
        var a = p, b = p
        func stop(_ c: UInt32) -> Bool { c != 0x3001 && Cues.clauseBreak.contains(c) }
        while a > s.lowerBound && !stop(lower[a - 1]) { a -= 1 }
        while b < s.upperBound && !stop(lower[b]) { b += 1 }
        return a..<b
    }

    /// The clause around position p: bounded by commas and the sentence.
    func clause(_ p: Int, _ s: Range<Int>) -> Range<Int> {
        var a = p, b = p
        while a > s.lowerBound && !Cues.clauseBreak.contains(lower[a - 1]) { a -= 1 }
        while b < s.upperBound && !Cues.clauseBreak.contains(lower[b]) { b += 1 }
        return a..<b
    }

    func apply(sentence s: Range<Int>, items: [Item], out: inout [RelationDraft]) {
        let companies = items.filter { $0.type == .company }
        let persons = items.filter { $0.type == .person }
        let models = items.filter { $0.type == .model }
        func add(_ a: Int, _ p: String, _ b: Int, _ rule: String, _ conf: Double, metric: String? = nil) {
            guard a != b else { return }
            out.append(RelationDraft(subject: a, predicate: p, object: b, metric: metric, sentence: s, rule: rule, confidence: conf))
        }
        func nearestBefore(_ list: [Item], _ p: Int, within: Int) -> Item? {
            list.last { $0.end <= p && p - $0.end <= within }
        }
        func nearestAfter(_ list: [Item], _ p: Int, within: Int) -> Item? {
            list.first { $0.start >= p && $0.start - p <= within }
        }
        let weRefs = find(Cues.we, in: s)
        // each rule needs certain kinds of mention in the sentence: skip the scans that cannot fire
        let hasCompanyOrWe = !companies.isEmpty || !weRefs.isEmpty

        // titles: C 的 CEO P, C CEO P, P, CEO of C
        if !persons.isEmpty {
        for (cues, pred) in [(Cues.ceo, "ceo_of"), (Cues.founder, "founder_of"), (Cues.role, "works_at")] as [(CueList, String)] {
            for (a, b) in find(cues, in: s) {
                let tcl = titleClause(a, s)
                var company = nearestBefore(companies.filter { $0.start >= tcl.lowerBound }, a, within: 14)?.entity
                if company == nil, let (_, ae) = find(Cues.thisCompany, in: max(s.lowerBound, a - 6)..<a).last, a - ae <= 2 {
                    // 该公司创始人: the company named last in the sentence, else the document's
                    company = nearestBefore(companies, a, within: 200)?.entity ?? mainCompany
                }
                if company == nil, let w = weRefs.last(where: { $0.1 <= a && a - $0.1 <= 6 }), w.0 >= 0 { company = mainCompany }
                if company == nil, let c = nearestAfter(companies, b, within: 6), FigureParser.hasPrefix(lower, b, Cues.of) { company = c.entity }
                if company == nil && pred != "works_at" {
                    // 首席执行官达里奥·阿莫迪 with the company named earlier in the sentence, or not at all
                    company = companies.first { $0.end <= a }?.entity ?? mainCompany
                }
                guard let comp = company else { continue }
                if let c = companies.last(where: { $0.end <= a && $0.entity == comp }),
                   stringOf(lower[c.end..<a]).contains("年度") { continue } // 年度CEO: a title of the year, not a post
                if let p = nearestAfter(persons, b, within: 10), p.start <= tcl.upperBound {
                    add(p.entity, pred, comp, "title-before-name", 0.8)
                } else if let p = nearestBefore(persons, a, within: 24), companies.contains(where: { $0.entity == comp && $0.start > p.end }) || weRefs.isEmpty {
                    add(p.entity, pred, comp, "name-is-title", 0.6)
                }
            }
        }
        }
        // founding: P 创办了 C ; C 由 P1、P2 … 创立
        if !persons.isEmpty {
        for (a, b) in find(Cues.founded, in: s) {
            if let c = nearestAfter(companies, b, within: 8) {
                if let p = persons.last(where: { $0.end <= a }) { add(p.entity, "founder_of", c.entity, "founded-verb", 0.7) }
                continue
            }
            guard let (ba, _) = find(Cues.by, in: s.lowerBound..<a).last else { continue }
            let company = companies.last(where: { $0.end <= ba })?.entity
                ?? (contains(Cues.thisCompany, s.lowerBound..<ba) ? mainCompany : nil)
            guard let comp = company else { continue }
            for p in persons where p.start > ba && p.end <= a { add(p.entity, "founder_of", comp, "founded-by", 0.7) }
        }
        }
        // joining: P 加入 C
        if !persons.isEmpty && !companies.isEmpty {
        for (a, b) in find(Cues.join, in: s) {
            if let p = nearestBefore(persons, a, within: 12), let c = nearestAfter(companies, b, within: 6) {
                add(p.entity, "works_at", c.entity, "joined", 0.7)
            }
        }
        }
        // C 播客的 P: a host of a company's show
        for p in persons {
            if let c = nearestBefore(companies, p.start, within: 6) {
                let gap = stringOf(lower[c.end..<p.start])
                if gap.contains("播客") || gap.contains("记者") || gap.contains("主持") { add(p.entity, "works_at", c.entity, "company-host", 0.6) }
            }
        }
        // developed: C 发布了 M
        if !models.isEmpty && hasCompanyOrWe {
        for (a, b) in find(Cues.develop, in: s) {
            if let c = nearestBefore(companies, a, within: 12) ?? (weRefs.contains { $0.1 <= a && a - $0.1 <= 4 } ? mainCompany.map { Item(start: a, end: a, type: .company, entity: $0) } : nil),
               let m = nearestAfter(models, b, within: 24) {
                add(c.entity, "developed", m.entity, "release-verb", 0.7)
            }
        }
        }
        // competitor_of: the first company against each other one
        if hasCompanyOrWe {
        for (a, b) in find(Cues.compete, in: s) {
            // "C 的(主要)竞争对手" / "C's rivals": C is the subject; else the sentence's first company
            let possessor = companies.last { c in
                guard c.end <= a && a - c.end <= 10 else { return false }
                let gap = stringOf(lower[c.end..<a])
                return gap.contains("的") || gap.hasPrefix("'s") || gap.hasPrefix("’s")
            }
            var subject = possessor?.entity ?? companies.first?.entity
            if subject == nil, !weRefs.isEmpty { subject = mainCompany }
            guard let subj = subject else { continue }
            let cl = titleClause(a, s)
            var objects = companies.filter { $0.start >= cl.lowerBound && $0.end <= max(cl.upperBound, b) && $0.entity != subj }
            if objects.isEmpty {
                // apposition: "Anthropic, OpenAI's main rival" / "OpenAI 的最大劲敌 Anthropic"
                let anchor = possessor?.start ?? a
                if let c = companies.last(where: { $0.end <= anchor && anchor - $0.end <= 3 && $0.entity != subj }) { objects = [c] }
                else if let c = nearestAfter(companies, b, within: 4), c.entity != subj { objects = [c] }
            }
            if objects.isEmpty, !weRefs.isEmpty, let m = mainCompany, m != subj {
                objects = [Item(start: a, end: a, type: .company, entity: m)]
            }
            for o in objects { add(subj, "competitor_of", o.entity, "compete-cue", 0.6) }
        }
        // invested_in
        for (a, b) in find(Cues.investForward, in: s) {
            // 他们投资的 OpenAI: the investor is the sentence's first company
            // 他们投资的 OpenAI / "the company will invest": the investor is the sentence's first company
            let pronoun = FigureParser.hasPrefix(lower, a, "投资的") || contains(Cues.thisCompany, s.lowerBound..<a)
            guard let investor = nearestBefore(companies, a, within: 10)
                    ?? (pronoun ? companies.first(where: { $0.end <= a }) : nil) else { continue }
            if let target = nearestAfter(companies, b, within: isLatinLetter(lower[a]) ? 30 : 12) {
                add(investor.entity, "invested_in", target.entity, "invest-verb", 0.7)
            } else if let m = mainCompany {
                add(investor.entity, "invested_in", m, "invest-verb-implicit", 0.5)
            }
        }
        for (a, _) in find(Cues.investorNoun, in: s) {
            let cl = clause(a, s)
            var target = nearestBefore(companies, a, within: 6)
            if let t = target, stringOf(lower[t.end..<a]).contains("是") { target = nil } // X 是您的支持者: X is the investor
            if target == nil, weRefs.contains(where: { $0.1 <= a && a - $0.1 <= 6 }), let m = mainCompany {
                target = Item(start: a, end: a, type: .company, entity: m)
            }
            guard let t = target else { continue }
            for c in companies where c.end <= (t.start == a ? a : t.start) && c.start >= cl.lowerBound && c.entity != t.entity
                && stringOf(lower[c.end..<(t.start == a ? a : t.start)]).contains("是") {
                add(c.entity, "invested_in", t.entity, "investor-noun", 0.6)
            }
        }
        // 从 X 拿了/获得: X invested in the subject
        for (a, b) in find(Cues.from, in: s) {
            if let x = nearestAfter(companies, b, within: 2), let subj = nearestBefore(companies, a, within: 8),
               contains(Cues.took, x.end..<min(s.upperBound, x.end + 6)) {
                add(x.entity, "invested_in", subj.entity, "funding-from", 0.6)
            }
        }
        // acquired
        for (a, b) in find(Cues.acquire, in: s) {
            // passive: Y 被 X 收购 / Y was acquired by X
            if let (pa, pb) = find(Cues.passive, in: max(s.lowerBound, a - 16)..<a).last,
               let x = companies.first(where: { $0.start >= pb && $0.end <= a }), let y = companies.last(where: { $0.end <= pa }) {
                add(x.entity, "acquired", y.entity, "acquire-passive", 0.7)
                continue
            }
            if FigureParser.hasPrefix(lower, b, Cues.byEnglish), let x = nearestAfter(companies, b + Cues.byEnglish.count, within: 2),
               let y = nearestBefore(companies, a, within: 12) {
                add(x.entity, "acquired", y.entity, "acquire-passive", 0.7)
                continue
            }
            if let x = nearestBefore(companies, a, within: 40), let y = nearestAfter(companies, b, within: 10) {
                add(x.entity, "acquired", y.entity, "acquire-verb", 0.8)
            }
        }
        // partner_of
        if contains(Cues.partner, s) {
            var ents: [Int] = []
            for c in companies where !ents.contains(c.entity) { ents.append(c.entity) }
            if !weRefs.isEmpty, let m = mainCompany, !ents.contains(m) { ents.insert(m, at: 0) }
            if ents.count >= 2 { for o in ents.dropFirst() { add(ents[0], "partner_of", o, "partner-cue", 0.5) } }
        }
        }
        // outperforms: M1 … 击败/超越 … M2 ; M1 比 M2 更
        if !models.isEmpty {
        for (a, b) in find(Cues.outperform, in: s) {
            // M1 将/把 M2 … 拉了下来 / 击败: the object stands between 将 and the verb
            if nearestAfter(models, b, within: 16) == nil, let (ja, jb) = find(Cues.disposal, in: s.lowerBound..<a).last,
               let y = nearestAfter(models, jb, within: 2), y.end <= a, let x = models.last(where: { $0.end <= ja }) {
                add(x.entity, "outperforms", y.entity, "beat-disposal", 0.6)
                continue
            }
            guard let y = nearestAfter(models, b, within: 16) else { continue }
            if let x = models.first(where: { $0.end <= a && $0.entity != y.entity }) {
                add(x.entity, "outperforms", y.entity, "beat-verb", 0.7)
            } else if let prev = previousModel, prev != y.entity, contains(Cues.thisModel, s.lowerBound..<a) {
                add(prev, "outperforms", y.entity, "beat-verb-anaphora", 0.55)
            }
        }
        for (a, b) in find(Cues.than, in: s) {
            if let x = nearestBefore(models, a, within: 12), let y = nearestAfter(models, b, within: 2),
               contains(Cues.better, y.end..<min(s.upperBound, y.end + 6)) {
                add(x.entity, "outperforms", y.entity, "comparative", 0.6)
            }
        }
        }
        // interviewed: X 和 Y 的对话 → Y interviewed X
        guard !persons.isEmpty else { return }
        for (a, b) in find(Cues.interview, in: s) {
            if let guest = nearestAfter(persons, b, within: 4), let host = persons.last(where: { $0.end <= a }) {
                add(host.entity, "interviewed", guest.entity, "interview-verb", 0.6)
                continue
            }
            guard let (h, he) = find(Cues.with, in: s.lowerBound..<a).last else { continue }
            guard let host = persons.first(where: { $0.start >= he && $0.end <= a }) else { continue }
            let guest = nearestBefore(persons, h, within: 30)?.entity ?? mainPerson
            if let g = guest { add(host.entity, "interviewed", g, "conversation-with", 0.5) }
        }
    }
}
