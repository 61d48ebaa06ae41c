/// `works_at` from a verb of joining, leaving or working somewhere:
/// `P 加入 X`, `P joined X`, `P will join X`, `P 曾在 X 工作 / 任职`, `P 效力于 X`,
/// `P left X for Y` (both), `P 离开 X`, `P spent five years at X`, `P worked at X`.
enum JoiningCues {
    /// verbs whose object is the company joined or worked at
    static let verbs = CueList(["加入", "加盟", "效力于", "任职于", "就职于", "供职于", "跳槽至", "跳槽到", "转投", "离开", "离职于", "出走",
                                "joined", "joins", "join", "left", "worked at", "works at", "work at", "working at", "worked for",
                                "works for", "previously at", "formerly at", "came from", "came out of", "spent",
                                // `after leaving X`, `before leaving X` (the subject worked there)
                                "leaving",
                                // `P ran the compiler team at X`, `previously led a research group at X`, `heads research at X`
                                "led", "leads", "ran", "runs", "headed", "heads", "managed", "manages", "oversaw", "oversees"], wholeWords: true)
    /// verbs whose object is a team or an area, the company after `at` a few words on (like `spent … at X`)
    static let leadVerbs: Set<String> = ["spent", "led", "leads", "ran", "runs", "headed", "heads", "managed", "manages", "oversaw", "oversees"]
    /// `P joined last year from X`, `joined in March from X`: the company before the move, after `from`
    static let joinedFrom = "from"
    /// the longest gap (scalars, spaces left out) between `joined` and `from`
    static let joinedFromReach = 16
    /// `在 X 工作 / 任职 / 担任 / 实习`: a place of work
    static let at = CueList(["曾在", "此前在", "先后在", "早年在", "在"])
    static let workVerbs = ["工作", "任职", "担任", "负责", "主导", "带领", "供职", "就职", "从事", "做研究", "搞研究", "待过", "干过", "执业", "实习", "任教", "供职",
                                     // a stint: `以前在 X 做了十年`, `在 X 干过三年`
                                     "做了", "干了", "做过", "干过", "待了"]
    /// `workVerbs` as scalars, converted once.
    static let workVerbScalars: [[UInt32]] = workVerbs.map { Array(scalarsOf: $0) }
    /// two persons named just before, as the subject: both / the two / the pair / 两人 / 二人 / 两位 / 他们俩
    static let both = CueList(["both", "the two", "the pair", "两人", "二人", "两位", "他们俩", "她们俩", "他俩"])
    /// what may stand between a verb and its company: 了 / the / 到 / a … at
    static let leads: Set<String> = ["", "了", "the", "到", "至", "于", "for", "at"]
}

extension RelationRules {
    func joining(_ f: Frame, _ out: inout Emitter) {
        guard !f.persons.isEmpty || f.previousPerson != nil, !f.companies.isEmpty else { return }
        let s = f.range
        for (a, b) in find(JoiningCues.verbs, in: s) {
            let word = stringOf(lower[a..<b])
            // Both will join X / 两人都将加入 X: the last two persons named, in this sentence or before it
            let cl = clause(a, s)
            // (any verb of the list: `A and B, who both previously worked at X`)
            if !f.persons.contains(where: { $0.start >= cl.lowerBound && $0.end <= a }), word != "leaving",
               !f.companies.contains(where: { $0.start >= cl.lowerBound && $0.end <= a }),
               // (`you and your co-founder both …`: the two are not the last two persons named)
               !contains(Cues.interviewCompany, cl.lowerBound..<a),
               let (_, be) = find(JoiningCues.both, in: cl.lowerBound..<a).first, a - be <= 16 {
                var two = f.recentPersons
                for p in f.persons.sorted(by: { $0.start < $1.start }) where p.end <= cl.lowerBound {
                    two.removeAll { $0 == p.entity }; two.append(p.entity); if two.count > 2 { two.removeFirst() }
                }
                guard two.count == 2 else { continue }
                for c in listAfter(f.companies, b, in: s, lead: { JoiningCues.leads.contains($0) }) {
                    for p in two { out.add(p, "works_at", c.entity, "joined-both", 0.65) }
                }
                continue
            }
            guard let p = subjectPerson(f, before: a) else { continue }
            // `A and B started X after leaving Y`: every person of the list that is the clause's subject
            var subjects = [p]
            if word == "leaving", let last = f.persons.last(where: { $0.end <= a && $0.start >= cl.lowerBound }), last.entity == p {
                subjects = listBefore(f.persons, last.end, in: cl).map(\.entity)
            }
            // `joined last year from X`: X is where P worked before
            if word.hasPrefix("join"), let c = f.companies.first(where: { $0.start >= b && $0.end <= cl.upperBound }),
               case let g = gap(b, c.start), g.hasSuffix(JoiningCues.joinedFrom), g.count <= JoiningCues.joinedFromReach {
                out.add(p, "works_at", c.entity, "joined-from", 0.65)
                continue
            }
            // spent five years at X: the company follows `at` within a few words
            let lead: (String) -> Bool = JoiningCues.leadVerbs.contains(word)
                ? { g in g.count <= 20 && g.hasSuffix("at") }
                : { JoiningCues.leads.contains($0) }
            for c in listAfter(f.companies, b, in: s, lead: lead) {
                for q in subjects { out.add(q, "works_at", c.entity, JoiningCues.leadVerbs.contains(word) ? "led-at" : "joined", 0.7) }
            }
            // left X for Y
            if word == "left", let x = listAfter(f.companies, b, in: s, lead: { $0.isEmpty }).last,
               let y = f.companies.first(where: { $0.start >= x.end }), ["for", "tojoin"].contains(gap(x.end, y.start)) {
                out.add(p, "works_at", y.entity, "joined", 0.7)
            }
        }
        // 曾在 X 工作 / 在 X 担任研究员
        for (_, b) in find(JoiningCues.at, in: s) {
            guard let c = f.companies.first(where: { $0.start >= b }), gap(b, c.start).isEmpty,
                  let e = (c.end..<min(s.upperBound, c.end + 8)).first(where: { i in JoiningCues.workVerbScalars.contains { FigureParser.hasPrefix(lower, i, $0) } }),
                  isFiller(gap(c.end, e), extra: ["期间", "时", "的时候", "内部", "总部", "长期", "多年"]),
                  let p = subjectPerson(f, before: b) else { continue }
            out.add(p, "works_at", c.entity, "worked-at", 0.7)
        }
    }

    /// The person a verb at p is said of: the last person named before it in
    /// the sentence, or the one a pronoun (他 / 她 / he / she) in its clause stands for.
    func subjectPerson(_ f: Frame, before p: Int) -> Int? {
        let cl = clause(p, f.range)
        if let x = f.persons.last(where: { $0.end <= p && $0.start >= cl.lowerBound }) { return x.entity }
        // on a labelled transcript line (the label may be the one person named earlier): 我 / I is the
        // speaker; 你之前在 X 待了七年 / you spent years at X, asked by the host, is the other speaker
        if let me = firstPersonSpeaker(in: cl.lowerBound..<p) { return me }
        if let you = addressedSpeaker(in: cl.lowerBound..<p) { return you }
        // the one person named earlier in the sentence (`P 表示，她将加入 X`)
        let earlier = Set(f.persons.filter { $0.end <= p }.map(\.entity))
        if earlier.count == 1 { return earlier.first }
        // 他曾在 X 工作: the person a pronoun stands for, named in the previous sentence
        if earlier.isEmpty, contains(RoleCues.personPronoun, cl.lowerBound..<p) { return f.previousPerson }
        // 我在 X 做了八年 / I worked at X, on a transcript line: the line's speaker
        return nil
    }
}
