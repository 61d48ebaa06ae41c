/// Coordinated lists of mentions (`A、B 和 C`, `A, B and C`) and the small
/// gaps allowed between a cue and the mention it governs. Every relation kind
/// reads its participants through these, so `超越了 A、B 和 C` is three
/// relations and `A、B 跟投` two. Cost: one pass over the sentence's mentions
/// per cue hit, and a short string per gap.
/// Words that refer back to the last two companies named: `后两家公司 / 后两者 / 这两家公司 / 两家公司 /
/// the latter two / both companies / the two firms`. A clause opening with one of them speaks of those two.
enum BackReferenceCues {
    static let lastTwo = CueList(["后两家公司", "后两家", "后两者", "这两家公司", "这两家", "两家公司", "二者", "两者",
                                  "the latter two", "the last two", "both companies", "both firms", "the two companies", "the two firms"])
}

enum ListWords {
    /// What may stand between two members of a list: 、 / 和 / 与 / 及 / 以及 / , / and / & / as well as.
    static let separators: Set<String> = ["", "、", ",", "，和", "和", "与", "及", "以及", "、以及", "跟", "同", "还有", "、还有",
                                          "and", ",and", "&", "aswellas", ",aswellas", "plus", "or", "或", "、和"]
    /// Kind nouns written before a list member, between the separator and the name (`和天使投资人 C`,
    /// `and angel investor C`, `以及创始人 C`, `B、老股东 C 跟投`, `and existing investor C`), spaces removed as in `gap`.
    static let memberKinds: [String] = ["天使投资人", "投资人", "个人投资者", "创始人", "老股东", "现有股东", "原股东",
                                        "angelinvestor", "investor", "angel", "existinginvestor", "existingbacker"]
    /// Adverbs between a list and the verb it is the subject of (`A 和 B 联合领投`, `A 也跟投`, `X 独家投资的`).
    static let fillers: [String] = ["都", "均", "也", "亦", "还", "继续", "共同", "联合", "一起", "独家", "再次", "同时", "分别", "则",
                                    "此前", "已经", "已", "曾", "等", "等机构", "等公司", "等企业", "等厂商", "等多家机构", "方面",
                                    "jointly", "also", "both", "each", "all", "have", "has", "had", "was", "were", "is"]
    /// Between a possessor and the member it owns: `OpenAI 的 GPT-4o`, `Google's Gemini`, `X 最新推出的 M`.
    static let possessorMarks: [String] = ["最新推出的", "最新发布的", "新推出的", "刚推出的", "刚发布的", "推出的", "发布的", "开源的", "旗下的",
                                           "主导开发的", "开发的", "研发的", "训练的",
                                           "旗下", "的", "'s", "’s", "'slatest", "'snew"]
    /// modal words between a subject and the preposition of its object: 需要与 / 正在与 / 还将与
    static let modals: [String] = ["需要", "仍需", "必须", "正在", "还将", "将", "还要", "要", "也在", "还", "也", "仍", "已"]
    /// `obliques` as scalars, for `endsWith`.
    static let obliqueScalars: [[UInt32]] = obliques.map { Array(scalarsOf: $0) }
    /// Words after an outlet that make it the source of the news (`某媒体获悉`, `某媒体讯`, `X reported`): not a subject.
    static let sourceAfter: [String] = ["获悉", "独家获悉", "讯", "了解到", "报道", "援引", "reported", "reports", "has learned", "learned"]
    static let sourceAfterScalars: [[UInt32]] = sourceAfter.map { Array(scalarsOf: $0) }
    /// Pronouns that open a relative or appended clause about the name before it.
    static let relativePronouns: [String] = ["which", "who", "that", "其", "它", "该公司"]
    /// Prepositions that put a company in an oblique position (`由 X`, `与 X`, `by X`): such a company is not the sentence's subject.
    static let obliques: [String] = ["由", "被", "与", "和", "跟", "同", "向", "从", "对", "据", "为", "给", "把", "将", "获", "获得", "拿到",
                                     "包括", "如", "比如", "在", "于", "比", "相比", "对比", "(", "（", "毕业于", "来自", "例如", "像", "by", "with", "from", "to", "for", "including", "like", "as", "than",
                                     "of", "against", "at", "led", "according"]
}

extension RelationRules {
    /// The text between two positions, lowercased, spaces removed (and any
    /// value that is no Unicode scalar). Cost: one small array, one string.
    func gap(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        var s: [UInt32] = []
        s.reserveCapacity(b - a)
        for i in a..<b {
            let c = lower[i]
            if c != 0x20 && c != 0x0A && (c < 0xD800 || (c >= 0xE000 && c < 0x110000)) { s.append(c) }
        }
        return stringOf(s[...])
    }

    /// A gap made only of filler words (`都`, `联合`, `also`…) or nothing.
    func isFiller(_ g: String, extra: [String] = []) -> Bool {
        var rest = Substring(g).unicodeScalars
        while !rest.isEmpty {
            guard let w = extra.first(where: { rest.starts(with: $0.unicodeScalars) })
                    ?? ListWords.fillers.first(where: { rest.starts(with: $0.unicodeScalars) }) else { return false }
            rest = rest.dropFirst(w.unicodeScalars.count)
        }
        return true
    }

    /// The list of `list` members ending just before position p (`A、B 和 C` + cue):
    /// the last member ends at most `fillers` away from p, each earlier one
    /// is joined to the next by a list separator.
    func listBefore(_ list: [Item], _ p: Int, in s: Range<Int>, extra: [String] = []) -> [Item] {
        guard let k = list.lastIndex(where: { $0.end <= p && $0.start >= s.lowerBound }), isFiller(gap(list[k].end, p), extra: extra) else { return [] }
        var out = [list[k]]
        var j = k
        while j > 0, list[j - 1].start >= s.lowerBound, isSeparator(gap(list[j - 1].end, list[j].start)) {
            j -= 1
            out.insert(list[j], at: 0)
        }
        return out
    }

    /// Is the gap between two list members a separator? Parentheses are left out, so a
    /// name's gloss (`萨姆·奥尔特曼（Sam Altman）、埃隆·马斯克`) does not break the list.
    func isSeparator(_ g: String) -> Bool {
        if ListWords.separators.contains(g) || ListWords.separators.contains(g.filter { $0 != "(" && $0 != ")" }) { return true }
        // `A（54.6%）和 B`, `A (66.3%) and B`: a parenthesis after a member (a score, a gloss) before the separator
        if g.hasPrefix("("), let close = g.firstIndex(of: ")"), g.distance(from: g.startIndex, to: close) <= 16,
           ListWords.separators.contains(String(g[g.index(after: close)...])) { return true }
        // `A、B 和天使投资人 C`, `A and angel investor C`: a kind noun before the last member
        for k in ListWords.memberKinds where g.hasSuffix(k) && ListWords.separators.contains(String(g.dropLast(k.count))) { return true }
        return false
    }

    /// The gap between q and m with a possessor before the member left out
    /// (`OpenAI 的 GPT-4o`, `Google's Gemini`, `阿里巴巴旗下的通义千问`).
    func gapWithoutPossessor(_ q: Int, _ m: Int, _ possessors: [Item]) -> String {
        if let c = possessors.first(where: { $0.start >= q && $0.end <= m }) {
            let after = gap(c.end, m)
            for mark in ListWords.possessorMarks where after.hasPrefix(mark) {
                return gap(q, c.start) + after.dropFirst(mark.count)
            }
        }
        return gap(q, m)
    }

    /// The list of `list` members starting right after position p (cue + `A、B 和 C`):
    /// the first member starts after a gap allowed by `lead`, each next one follows a list separator.
    /// A possessor before a member (`OpenAI 的 GPT-4o`) is stepped over when `possessors` holds it.
    func listAfter(_ list: [Item], _ p: Int, in s: Range<Int>, lead: (String) -> Bool, possessors: [Item] = []) -> [Item] {
        guard let k = list.firstIndex(where: { $0.start >= p && $0.end <= s.upperBound }),
              lead(gapWithoutPossessor(p, list[k].start, possessors)) else { return [] }
        var out = [list[k]]
        var j = k
        while j + 1 < list.count, list[j + 1].end <= s.upperBound,
              isSeparator(gapWithoutPossessor(list[j].end, list[j + 1].start, possessors)) {
            j += 1
            out.append(list[j])
        }
        return out
    }

    /// The company a relative pronoun opening a clause stands for (`X, which …`,
    /// `X，其…`, `X, who…`): the last company before the clause, next to it.
    func antecedent(_ f: Frame, clauseStart c: Int) -> Int? {
        let opening = gap(c, min(f.range.upperBound, c + 8))
        guard ListWords.relativePronouns.contains(where: { opening.hasPrefix($0) }) else { return nil }
        guard let x = f.companies.last(where: { $0.end <= c }), c - x.end <= 2 else { return nil }
        return x.entity
    }

    /// Two Han characters that are not a function word right before the preposition (与 / 和 / 同 / 跟) that
    /// opens the clause's object list, modal words stepped over (`某某需要与 A 竞争`): likely a name the recogniser missed.
    func unrecognisedSubject(before p: Int, _ cl: Range<Int>) -> Bool {
        var q = p
        while q > cl.lowerBound && lower[q - 1] == 0x20 { q -= 1 }
        guard q > cl.lowerBound, ["与", "和", "同", "跟"].contains(stringOf(lower[(q - 1)..<q])) else { return false }
        q -= 1
        var head = gap(cl.lowerBound, q)
        for w in ListWords.modals where head.hasSuffix(w) { head = String(head.dropLast(w.count)); break }
        // the whole clause before it is a short run of Han characters with no function character: a bare name
        let scalars = head.unicodeScalars
        guard (2...4).contains(scalars.count), scalars.allSatisfy({ isHan($0.value) }),
              !scalars.contains(where: { "是了在为的而则也把被对从向就都".unicodeScalars.contains($0) }) else { return false }
        return !InvestmentCues.functionPairs.contains(head)
    }

    /// The companies of a sentence that stand where a subject stands: not
    /// right after a preposition or a verb taking them as object (`由 X`,
    /// `与 X`, `by X`, `including X`); a list member shares the position of
    /// the member before it (`由 A、B`).
    func subjectCompanies(_ companies: [Item], _ s: Range<Int>) -> [Item] {
        var out: [Item] = []
        var previous: (Item, Bool)?
        for c in companies {
            var subject: Bool
            if let (p, ps) = previous, ListWords.separators.contains(gap(p.end, c.start)) {
                subject = ps
            } else {
                // the clause text before the company (at most 14 scalars), compared from its end, spaces skipped
                var a = c.start
                var taken = 0
                while a > s.lowerBound && taken < 14 && !Cues.clauseBreak.contains(lower[a - 1]) { a -= 1; taken += 1 }
                subject = !ListWords.obliqueScalars.contains { endsWith($0, before: c.start, from: a) }
            }
            // `某媒体获悉，…` / `X reported that …`: the outlet the news comes from is not what the sentence is about
            if subject && ListWords.sourceAfterScalars.contains(where: { startsWithSkippingSpaces($0, at: c.end, before: s.upperBound) }) { subject = false }
            if subject { out.append(c) }
            previous = (c, subject)
        }
        return out
    }

    /// Does the text from p (one space skipped) start with w, before `limit`? Cost: at most w.count comparisons.
    func startsWithSkippingSpaces(_ w: [UInt32], at p: Int, before limit: Int) -> Bool {
        var i = p
        if i < limit && lower[i] == 0x20 { i += 1 }
        guard i + w.count <= limit else { return false }
        for k in 0..<w.count where lower[i + k] != w[k] { return false }
        return true
    }

    /// Does the text in [from, p), spaces left out, end with w? A Latin w must start a word.
    /// Cost: at most w.count + spaces comparisons, no allocation.
    func endsWith(_ w: [UInt32], before p: Int, from: Int) -> Bool {
        var i = p, k = w.count
        while k > 0 {
            while i > from && lower[i - 1] == 0x20 { i -= 1 }
            guard i > from, lower[i - 1] == w[k - 1] else { return false }
            i -= 1; k -= 1
        }
        if isLatinLetter(w[0]) && i > from && isLatinLetter(lower[i - 1]) { return false }
        return true
    }
}

extension RelationRules {
    /// The last two companies named before p in the sentence, when the text between the clause's
    /// start and p is a back reference to them (`后两家公司是…`, `both companies are…`); else nil.
    /// Cost: one cue look-up in the clause.
    func lastTwoReferred(_ f: Frame, before p: Int) -> [Item]? {
        let cl = clause(p, f.range)
        guard let (a, b) = find(BackReferenceCues.lastTwo, in: cl.lowerBound..<p).first,
              gap(cl.lowerBound, a).count <= 2, !f.companies.contains(where: { $0.start >= b && $0.end <= p }) else { return nil }
        var two: [Item] = []
        for c in f.companies.reversed() where c.end <= a && !two.contains(where: { $0.entity == c.entity }) {
            two.insert(c, at: 0)
            if two.count == 2 { break }
        }
        return two.count == 2 ? two : nil
    }
}
