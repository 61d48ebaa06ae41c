/// Roles: `ceo_of`, `founder_of`, `works_at` from a title next to a person
/// and a company, in either order or in apposition:
/// `X 的 CTO Y`, `X CEO Y`, `Y，X 首席科学家`, `Y 是 X 的 CEO`, `Jane Roe, chief executive of X`,
/// `Its CEO, Jane Roe,`, `前 X 研究员 Y`, `创始人兼 CEO Y` (a chain of titles: each gives its relation).
/// When no company stands by the title, the company is the sentence's topic
/// (or the previous sentence's), and only for titles that name a post in a company.
enum RoleCues {
    struct Title { let words: [String]; let predicate: String; let needsNamedCompany: Bool }
    static let titles: [Title] = [
        // chief executive: CEO / 首席执行官 / 执行长 / 行政总裁 / 总经理 (the company's general manager)
        Title(words: ["首席执行官", "执行长", "行政总裁", "总经理", "ceo", "chief executive officer", "chief executive", "co-ceo", "联席ceo"],
              predicate: "ceo_of", needsNamedCompany: false),
        // founders: 创始人 / 联合创始人 / 创办人 / 创始合伙人 / co-founder / founder; Taiwan usage 共同创办人 / 共同创始人
        Title(words: ["联合创始人", "联合创办人", "共同创办人", "共同创始人", "创始人", "创办人", "创始合伙人", "co-founder", "cofounder", "founder", "founding partner"],
              predicate: "founder_of", needsNamedCompany: false),
        // other posts inside a company: CTO, chief scientist, president, chairman, VP, head, researcher, engineer…
        Title(words: ["首席技术官", "首席科学家", "首席运营官", "首席财务官", "首席产品官", "首席架构师", "技术负责人", "负责人", "cto", "coo", "cfo",
                      "cpo", "chief scientist", "chief technology officer", "chief operating officer", "chief financial officer",
                      "chief product officer", "chief of staff", "参谋长", "董事长", "副董事长", "总裁", "副总裁", "president", "vice president",
                      "chairman", "chairwoman", "vp", "head of research", "head of", "director", "研究主管", "产品主管", "主管", "总监",
                      "高管", "技术长", "营运长", "财务长", "研发长", "产品长", "资讯长", "行销长", "营销长", "研究员", "研究科学家", "科学家", "工程师", "架构师", "researcher", "research scientist", "scientist", "engineer", "architect",
                      "主任", "副主任", "经理", "协理", "员工", "employee",
                      // heads of an institute, a department or a group inside the company: 所长 / 部长 / 组长
                      "所长", "副所长", "部长", "组长"],
              predicate: "works_at", needsNamedCompany: false),
        // posts whose company must be named beside them: a partner of a fund, a reporter, an analyst, a professor, a host, a board member
        Title(words: ["院长", "副院长", "主席", "播客主持人", "播客", "podcast host", "管理合伙人", "合伙人", "董事", "记者", "编辑", "主编", "分析师", "教授", "主持人", "partner", "managing partner",
                      "general partner", "reporter", "editor", "analyst", "professor", "host", "board member"],
              predicate: "works_at", needsNamedCompany: true),
    ]
    static let list = CueList(titles.flatMap { $0.words }, wholeWords: true)
    static let byWord: [String: Title] = {
        var d: [String: Title] = [:]
        for t in titles { for w in t.words where d[w] == nil { d[w] = t } }
        return d
    }()
    /// joins two titles of one person: 创始人兼 CEO / 联合创始人、CTO / 董事长暨执行长 / co-founder and CEO
    static let chainJoiners: Set<String> = ["兼", "兼任", "暨", "、", "及", "和", "与", "and", "&", "/", ","]
    /// between a company and its title: `X 的 CTO`, `X's CEO`, `X CEO`, `前 X 研究员`
    static let companyToTitle: Set<String> = ["", "的", "'s", "’s", "公司", "公司的", "集团", "现任", "的前", "前", "的现任", "的资深", "资深", "高级",
                                              "的高级", "的首席", "旗下", "的联合"]
    /// a department between a company and a title (`X 计算机系教授`, `X 研究院研究员`): the title is a post at X
    static let departments: [String] = ["系", "部", "院", "所", "组", "团队", "中心", "实验室", "事业部", "部门", "业务", "分部", "办公室", "团", "研究",
                                        "研发", "产品", "技术", "销售", "市场", "运营", "工程"]
    /// words that qualify a title without changing it: 首席分析师 / 资深研究员 / 前 CTO / senior engineer
    static let modifiers: [String] = ["首席", "资深", "高级", "ai", "人工智能", "前", "原", "现任", "联席", "常务", "执行", "主要", "senior", "former", "principal", "lead", "staff"]
    /// `modifiers` and `deputy` together, as `stripModifiers` reads them
    static let modifiersAndDeputy: [String] = modifiers + deputy
    /// the last scalars of those words: a gap ending otherwise has none to strip
    static let modifierLasts: Set<Unicode.Scalar> = Set(modifiersAndDeputy.map { $0.unicodeScalars.last! })
    /// the first scalars of `adverbs`: a gap starting otherwise has none to strip
    static let adverbFirsts: Set<Unicode.Scalar> = Set(adverbs.map { $0.unicodeScalars.first! })
    /// a deputy is not the chief: 副总经理 / 副总裁 / deputy CEO hold a post (`works_at`)
    static let deputy: [String] = ["副", "deputy", "vice"]
    /// the company named by a definite description right before a title: 公司 CTO / 该公司创始人 / its CEO / 其联合创始人
    static let anaphora: [String] = ["该公司", "这家公司", "该实验室", "公司", "实验室", "其", "its", "their", "thecompany's", "thestartup's", "thelab's"]
    /// between a person and the title or company that follows in apposition: `Y，X 首席科学家`, `Y 是 X 的 CEO`, `Y 出任 CTO`
    static let personToTitle: Set<String> = ["", "，", ",", "(", "（", "是", "为", "现任", "出任", "担任", "任", "身为", "作为", "曾任", "曾是", "，现任",
                                             "，前", "是前", "，曾任", "目前是", "现为", "则是", "is", "isthe", "was", "wasthe", "as", "asthe", ",the",
                                             ",a", ",an", "isan", "wasan", ",former", ",formerly", "theformer", "isa", "wasa", ",who", ",whois", "被任命为", "将出任", "此前是",
                                             "目前担任", "现担任", "续任", "则续任", "接任", "出任了", "担任了", "升任", "晋升为", "becomes", "became",
                                             "将担任", "将任", "已出任", "随后出任", "改任", "兼任", "任职", ",aformer", ",anex", ",theformer",
                                             // `Raman serves as chief executive`, `she will serve as CTO`, `acts as president`
                                             "servesas", "servedas", "willserveas", "serveas", "actsas", "actedas", "isnow", "isnowthe", "nowservesas",
                                             // `Roe runs the company as chief executive`, `Moss leads it as CTO`
                                             "runsthecompanyas", "runsitas", "leadsthecompanyas", "leadsitas", "ranthecompanyas"]
    /// adverbs between a person and the verb that gives the title: 至今仍担任 / 目前是 / still serves as
    static let adverbs: [String] = ["至今", "仍然", "仍", "依然", "目前", "现在", "现", "一直", "还", "也", "则", "同时", "曾经", "曾", "此前", "将",
                                    "过去", "早年", "之前", "以前", "后来", "本人", "随即",
                                    "随后", "后来", "正式", "now", "still", "currently", "also", "later"]
    /// `my co-founder`, `我们的 CTO`: a title of the speaker's company
    static let firstPersonPossessive: [String] = ["my", "our", "我的", "我们的"]
    /// verbs that open a clause giving its subject a title: 担任 / 出任 / 任 / serves as
    static let holdVerbs: [String] = ["担任", "出任", "任", "兼任", "曾任", "曾于", "曾在", "于", "在", "servesas", "servedas", "became"]
    /// a person's possessive before a title: 他的 / her
    static let possessiveOfPerson: [String] = ["的", "'s"]
    /// verbs that give the person a post at the company after them (`P 曾任 X 架构师`, `P joined X`): such a
    /// company is a title's company, so a title before P with no company of its own is left alone
    static let postVerbs: [String] = ["任", "在", "加入", "于", "来自", "离开", "at", "of", "join", "former", "from", "left"]
    /// a past stint right after the titled person (`创始人 P 此前在 X 负责…`, `CEO P, previously at X`): X is a past
    /// employer, so the title still takes the topic. (`P 曾任 X 架构师` names a post and still blocks: the
    /// clause is about P's posts.)
    static let pastMarkers: [String] = ["此前在", "以前在", "之前在", "早年在", "过去在", "先前在", "早前在", "previouslyat", "formerlyat",
                                       ",previouslyat", ",formerlyat"]
    /// a pronoun standing for the last person named (`她曾在 X 担任研究员`)
    static let personPronoun = CueList(["他", "她", "he ", "she "])
    /// between a title and the person who holds it: `X 的 CTO Y`, `X 的财务长由 Y 担任`
    static let titleToPerson: Set<String> = ["", ":", "是", "为", "的", "由"]
    /// between one titled person and the next title of a list sharing its company:
    /// `X 联合创始人兼 CEO 甲、董事长兼总裁乙`, `X's CEO A, CTO B`
    static let listOfTitled: Set<String> = ["、", "，", ",", "和", "与", "及", "and"]
    /// the last character of a word that may stand right before a title whose company is the topic (a verb
    /// of holding, a copula, a conjunction, a possessive, a time or order word): `出任 CEO`, `成为 CEO`, `由 CEO`,
    /// `和 CTO`, `的 CTO`, `首任 CEO`, `目前 CEO`, `向 CEO 汇报`, `距离 CEO`, `包括 CEO`; any other Han character ending a run of two is read as the end of
    /// an unrecognised name (`某某数据创始人`), whose title is not the topic's
    static let topicTitleLeads: Set<Unicode.Scalar> = Set("任为是由和与及兼暨并的其该即且也都曾已将则后前时今现新原首代届第被让请派名位个些向给对跟同从离括到至叫称有问见找中".unicodeScalars)
    /// joining verbs whose object a later title of the sentence belongs to: `P 加入 Y，出任 CTO`, `P joined Y as CTO`
    static let joinWords: Set<String> = ["加入", "加盟", "join", "joins", "joined", "转投", "跳槽至", "跳槽到"]
    /// `在 X 担任 / at X`: the company a title is held at, named earlier in the clause
    static let heldAt: Set<String> = ["在", "于", "at", "曾在", "此前在", "先后在", "早年在"]
}

extension RelationRules {
    func roles(_ f: Frame, _ out: inout Emitter) {
        guard !f.persons.isEmpty || f.previousPerson != nil else { return }
        let s = f.range
        let hits = find(RoleCues.list, in: s)
        // the last titled person and the company the title gave (a list of titled persons shares it)
        var lastTitled: (end: Int, company: Int, named: Bool)?
        var k = 0
        while k < hits.count {
            // a chain of titles held by one person: 创始人兼首席执行官 / co-founder and CEO
            var chain = [hits[k]]
            while k + 1 < hits.count, RoleCues.chainJoiners.contains(gap(chain.last!.1, hits[k + 1].0)),
                  gap(chain.last!.1, hits[k + 1].0) != "," || (isLatinLetter(lower[chain.last!.0]) && isLatinLetter(lower[hits[k + 1].0])) {
                k += 1
                chain.append(hits[k])
            }
            k += 1
            let a = chain[0].0, b = chain.last!.1
            let titles = chain.compactMap { RoleCues.byWord[stringOf(lower[$0.0..<$0.1])] ?? RoleCues.byWord[String(stringOf(lower[$0.0..<$0.1]).dropLast())] }
            guard !titles.isEmpty else { continue }
            let tcl = titleClause(a, s)

            // the company: right before the title, after `of / at`, held at earlier in the clause, else the topic
            var company: Int?
            var anchor = a   // where an apposed person must end before
            var named = true
            if let c = f.companies.last(where: { $0.end <= a && $0.start >= tcl.lowerBound }) {
                let g = stripModifiers(gap(c.end, a))
                if RoleCues.companyToTitle.contains(g) || isDepartment(g) { company = c.entity; anchor = c.start }
            }
            if company == nil, let c = f.companies.first(where: { $0.start >= b && $0.end <= tcl.upperBound }),
               ["of", "at", "ofthe", "atthe", "在"].contains(gap(b, c.start)) || (gap(b, c.start).isEmpty && lower[b - 1] == 0x66 && lower[b - 2] == 0x6F) {
                company = c.entity
            }
            if company == nil, let c = f.companies.last(where: { $0.end <= a && $0.start >= tcl.lowerBound }),
               case let held = gap(tcl.lowerBound, c.start), RoleCues.heldAt.contains(where: { held.hasSuffix($0) }) {
                company = c.entity   // 曾在 X 担任资深研究员
            }
            // `X 联合创始人甲、董事长乙`: the next titled person of a list holds the title at the same company
            if company == nil, let l = lastTitled, RoleCues.listOfTitled.contains(gap(l.end, a)) {
                company = l.company; named = l.named
            }
            // my co-founder / 我们的 CTO: the speaker's company
            if company == nil, case let mine = gap(max(tcl.lowerBound, a - 6), a), RoleCues.firstPersonPossessive.contains(where: { mine.hasSuffix($0) }) {
                company = RelationRules.speaker
            }
            if company == nil {
                named = false
                guard !titles.contains(where: { $0.needsNamedCompany }) else { continue }
                // 公司 CTO / 该公司创始人 / its CEO: the definite description stands for the topic
                let before = stripModifiers(gap(tcl.lowerBound, a))
                if let w = RoleCues.anaphora.first(where: { before.hasSuffix($0) }) {
                    anchor = anaphoraStart(a, w, tcl)
                } else if f.companies.contains(where: { $0.start >= tcl.lowerBound && $0.end <= tcl.upperBound && !afterTitledPerson(f, $0, b, tcl)
                                                        && !heldEarlier($0, lastTitled, a) }) {
                    continue   // another company in the clause: not this title's, and not the topic either
                    // (one past the person the title names is the object of that person's verb: `CEO P 接受 X 采访`)
                } else if let p = f.persons.last(where: { $0.end <= a }), case let owned = gap(p.end, a), RoleCues.possessiveOfPerson.contains(where: { owned.hasPrefix($0) }) {
                    continue   // 他的老板 / her boss: a person's title, not a company's
                } else if ownedByUnnamed(before) {
                    continue   // `某某云董事长 P` / `France's president P`: the title's owner is a name the text has not typed
                }
                // `P 将加入 Y，出任副总裁`: a title taken on joining is the joined company's — and none when the
                // recogniser missed Y (the topic is the company P leaves)
                if let (_, je) = find(JoiningCues.verbs, in: s.lowerBound..<tcl.lowerBound).last(where: { RoleCues.joinWords.contains(stringOf(lower[$0.0..<$0.1])) }) {
                    guard let c = f.companies.first(where: { $0.start >= je && $0.end <= tcl.lowerBound }) else { continue }
                    company = c.entity
                } else {
                    company = f.topic(before: a)
                }
            }
            guard let comp = company else { continue }

            // the person: right after the title chain, else in apposition before it
            var person: Int?
            let latinTitle = isLatinLetter(lower[a])
            if let p = f.persons.first(where: { $0.start >= b && $0.end <= s.upperBound }),
               RoleCues.titleToPerson.contains(gap(b, p.start)) || (latinTitle && gap(b, p.start) == ",") {
                person = p.entity   // `X 的 CTO Y`; `Its CEO, Jane Roe` (a comma only after a Latin title)
            } else if let p = f.persons.last(where: { $0.end <= anchor && $0.start >= s.lowerBound }),
                      RoleCues.personToTitle.contains(stripAdverbs(gap(p.end, anchor))) {
                person = p.entity
            } else if let (pa, _) = find(RoleCues.personPronoun, in: tcl.lowerBound..<a).last {
                // 她曾在 X 担任研究员: the last person named before the pronoun, in this sentence or the one before
                person = f.persons.last(where: { $0.end <= pa })?.entity ?? f.previousPerson
            } else if !f.persons.contains(where: { $0.start >= tcl.lowerBound && $0.end <= b }), let me = firstPersonSpeaker(in: tcl.lowerBound..<a) {
                person = me   // `I was a chip architect at X` / `我之前在 X 做研究员`, on a transcript line: its speaker
            }
            // no person by the title: the one person named earlier in the sentence (`P 在…，同时担任公司首席科学家`)
            if person == nil, !f.persons.contains(where: { $0.start >= tcl.lowerBound && $0.end <= tcl.upperBound }),
               case let held = stripAdverbs(gap(tcl.lowerBound, anchor)), RoleCues.holdVerbs.contains(where: { held.hasPrefix($0) }) {
                person = subjectPerson(f, before: a)
            }
            guard let p = person else { continue }
            if let after = f.persons.first(where: { $0.start >= b && $0.entity == p }) { lastTitled = (after.end, comp, named) }
            let deputyGap = gap(max(s.lowerBound, a - 8), a)
            let isDeputy = RoleCues.deputy.contains { deputyGap.hasSuffix($0) }
            // the chief executive's other posts at the same company (董事长兼 CEO) add nothing
            let chief = titles.contains { $0.predicate == "ceo_of" } && !isDeputy
            for t in titles {
                var pred = t.predicate
                if pred == "ceo_of" && isDeputy { pred = "works_at" }
                if pred == "works_at" && chief { continue }
                // 事业部总经理: the head of a division holds a post, not the company's chief executive
                if pred == "ceo_of", let c = f.companies.last(where: { $0.entity == comp && $0.end <= a }), isDepartment(gap(c.end, a)) { pred = "works_at" }
                out.add(p, pred, comp, named ? "title" : "title-topic", named ? 0.8 : 0.6)
            }
        }
    }

    /// Does the text right before a title (its clause up to the title, modifiers stripped) end in a name
    /// no mention covers, so the title is that name's and not the topic's? Two cases:
    /// a run of two or more Han characters whose last is not a grammar word (`某某云董事长`, `某国总统` —
    /// but `随后出任 CEO`, `由 CEO`, `并兼任 CTO` stay the topic's), and a Latin possessive (`France's president`).
    /// Cost: a look at the last few scalars of the gap.
    func ownedByUnnamed(_ before: String) -> Bool {
        let u = Array(before.unicodeScalars)
        guard let last = u.last else { return false }
        if before.hasSuffix("'s") || before.hasSuffix("’s") { return true }
        guard u.count >= 2, isHan(last.value), isHan(u[u.count - 2].value) else { return false }
        return !RoleCues.topicTitleLeads.contains(last)
    }

    /// The gap with leading adverbs removed (`至今仍担任` → `担任`, `目前是` → `是`).
    /// Compares Unicode scalars, not characters: cost proportional to the adverbs tried.
    func stripAdverbs(_ g: String) -> String {
        var u = Substring(g).unicodeScalars
        guard let f = u.first, RoleCues.adverbFirsts.contains(f) else { return g }
        var changed = true
        while changed {
            changed = false
            for w in RoleCues.adverbs where u.starts(with: w.unicodeScalars) && u.count > w.unicodeScalars.count {
                u = u.dropFirst(w.unicodeScalars.count); changed = true
            }
        }
        return String(u)
    }

    /// The gap with leading and trailing title modifiers removed (`的首席` → `的`).
    func stripModifiers(_ g: String) -> String {
        var u = Substring(g).unicodeScalars
        guard let l = u.last, RoleCues.modifierLasts.contains(l) else { return g }
        var changed = true
        while changed {
            changed = false
            for w in RoleCues.modifiersAndDeputy where endsWith(u, w) { u = u.dropLast(w.unicodeScalars.count); changed = true }
        }
        return String(u)
    }

    /// Does u end with the scalars of w?
    func endsWith(_ u: Substring.UnicodeScalarView, _ w: String) -> Bool {
        var i = u.endIndex
        for c in w.unicodeScalars.reversed() {
            guard i > u.startIndex else { return false }
            i = u.index(before: i)
            if u[i] != c { return false }
        }
        return true
    }

    /// Where an anaphoric word `w` ending right before a title starts (spaces and modifiers skipped).
    func anaphoraStart(_ a: Int, _ w: String, _ cl: Range<Int>) -> Int {
        var p = a
        var need = w.unicodeScalars.count + (gap(cl.lowerBound, a).count - stripModifiers(gap(cl.lowerBound, a)).count)
        while p > cl.lowerBound && need > 0 { p -= 1; if lower[p] != 0x20 { need -= 1 } }
        return p
    }

    /// A short run of Han characters ending in a department word (`计算机系`, `研究院`, `云事业部`), with an optional 的.
    func isDepartment(_ g: String) -> Bool {
        var g = Substring(g)
        if g.hasPrefix("的") { g = g.dropFirst() }
        if g.hasSuffix("的") { g = g.dropLast() }
        guard !g.isEmpty, g.count <= 10, g.unicodeScalars.allSatisfy({ isHan($0.value) }) else { return false }
        return RoleCues.departments.contains { g.hasSuffix($0) }
    }
}

extension RelationRules {
    /// Is company c the company of the title just given to a person before position a
    /// (`前 X 研究员 P 出任首席科学家`: X is P's past employer, not the new title's company)?
    func heldEarlier(_ c: Item, _ last: (end: Int, company: Int, named: Bool)?, _ a: Int) -> Bool {
        guard let l = last, l.named, l.company == c.entity, c.end <= l.end, l.end <= a else { return false }
        return true
    }

    /// Does company c stand after the person a title ending at b names (`首席执行官 P 接受 X 的采访`,
    /// `CEO P told X`)? Such a company is what the person does something to, not the title's company.
    func afterTitledPerson(_ f: Frame, _ c: Item, _ b: Int, _ tcl: Range<Int>) -> Bool {
        // the person right after the title, found like the rule's own `X 的 CTO Y`
        guard let p = f.persons.first(where: { $0.start >= b && $0.end <= tcl.upperBound }) else { return false }
        let g = gap(p.end, c.start)
        return ["", ":", "是", "为"].contains(gap(b, p.start)) && c.start >= p.end && !g.isEmpty
            && (!RoleCues.postVerbs.contains(where: { g.contains($0) }) || RoleCues.pastMarkers.contains(where: { g.hasPrefix($0) }))
    }
}
