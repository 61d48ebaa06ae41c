/// `competitor_of` (symmetric) from a rivalry cue: `X 的竞争对手包括 A、B`,
/// `与 A、B 和 C 竞争 / 争夺`, `rivals such as A and B`, `X's main rival Y`,
/// `X competes with Y`. The subject is the possessor of the cue (`X 的对手`,
/// `X's rivals`), else the sentence's subject, else its topic; the objects are the
/// companies of the cue's clause (a list over commas included).
enum RivalCues {
    static let list = CueList(["竞争对手", "对手", "劲敌", "竞品", "竞争", "争夺", "抗衡", "较量", "角逐", "叫板", "对标", "挑战者",
                               "rivals", "rival", "competitors", "competitor", "competes", "compete", "competing", "competition", "vs.",
                               // a direct clash: A 与 B 正面交锋 / A goes head-to-head with B
                               "正面交锋", "交锋", "head-to-head", "head to head",
                               // fighting over the same customers or people: A、B 都在抢同一批客户 / 争抢 / 抢夺
                               "在抢", "争抢", "抢夺"],
                              wholeWords: false)
    /// the possessor of a rivalry noun: `X 的`, `X's`
    static let possessive: [String] = ["的", "'s", "’s", "的主要", "的直接", "'smain", "'sbiggest", "的最大", "'sclosest", "的头号"]
    /// a rivalry of two parties not named in the clause: `the two are each other's rivals`, `二者互为竞争对手`,
    /// `两家公司彼此竞争` — the last two companies named (this sentence or before it)
    static let mutual = CueList(["each other", "one another", "互为", "彼此", "相互"])
    /// an owner that is the topic: 其对手 / 它的对手 / its rivals / 公司的对手
    /// a question or a denial of rivalry (`外界关注 X 会否与 A 竞争`, `whether X will compete with A`, `否认`)
    /// (`能否在与 A 竞争的压力下` asks about surviving a rivalry the text states: not listed)
    static let notStated = CueList(["会否与", "会否和", "是否与", "是否会与", "是否将与", "会不会与", "whether it will compete", "whether to compete",
                                    "whether they will compete", "否认", "denied", "并非"])
    /// the longest `在…的` field between an owner and its rivalry noun (`X 在人才市场上最直接的对手`), in scalars
    static let fieldReach = 14
    static let anaphora: [String] = ["其", "它", "公司", "its", "their", "我们", "本公司"]
    /// a pronoun for the companies just named, in a speaker's answer: `(你问的)他们都是很强的对手` /
    /// `they are both strong competitors` — each is a rival of the speaker's company
    static let theyBoth = CueList(["他们都是", "他们俩都是", "它们都是", "两家都是", "这两家都是", "他们也都是", "they are both", "they're both",
                                   "both are", "both of them are", "they are all", "they're all",
                                   // `两者都是值得尊重的对手`: the two just named, each a rival of the speaker's company
                                   "两者都是", "二者都是", "两者也都是", "两者均是", "两者均为"])
}

extension RelationRules {
    func rivals(_ f: Frame, _ out: inout Emitter) {
        rivalsOfSpeaker(f, &out)
        guard !f.companies.isEmpty else { return }
        let s = f.range
        var done = Set<Int>()
        for (a, b) in find(RivalCues.list, in: s) {
            let cl = titleClause(a, s)
            if done.contains(cl.lowerBound) { continue }
            if contains(RivalCues.notStated, cl) { done.insert(cl.lowerBound); continue }
            // the two are each other's rivals / 二者互为对手: the last two companies named before the clause
            if !f.companies.contains(where: { $0.start >= cl.lowerBound && $0.end <= cl.upperBound }), contains(RivalCues.mutual, cl) {
                var two = f.recentCompanies
                for c in f.companies.sorted(by: { $0.start < $1.start }) where c.end <= cl.lowerBound {
                    two.removeAll { $0 == c.entity }; two.append(c.entity); if two.count > 2 { two.removeFirst() }
                }
                done.insert(cl.lowerBound)
                if two.count == 2, !contains(Cues.unconfirmed, cl) { out.add(two[0], "competitor_of", two[1], "rival-mutual", 0.6) }
                continue
            }
            // `X 的(主要)对手`, `X 面对的直接对手`, `X's chief rival`: X owns the cue
            let possessor = f.companies.last { c in
                guard c.end <= a && c.start >= cl.lowerBound else { return false }
                // `与 A、B 的竞争`: a possessor after 与 / with is the other party, not the owner
                let opening = gap(cl.lowerBound, listBefore(f.companies, c.end, in: cl).first?.start ?? c.start)
                if ["与", "和", "同", "跟"].contains(where: { opening.hasSuffix($0) }) { return false }
                let g = gap(c.end, a)
                // `X 在人才市场上最直接的对手` / `X 在国内的主要对手`: a field between the owner and the noun
                // (not a list member: `A 与 B、C 在某赛道的竞争` is A's rivalry with B and C)
                let field = g.hasPrefix("在") && g.hasSuffix("的") && g.count <= RivalCues.fieldReach && listBefore(f.companies, c.end, in: cl).count == 1
                return g.count <= (g.hasPrefix("'s") || g.hasPrefix("’s") ? 14 : field ? RivalCues.fieldReach : 5) && !g.unicodeScalars.contains("等") && (g.unicodeScalars.contains("的") || g.hasPrefix("'s") || g.hasPrefix("’s")) && !g.unicodeScalars.contains("与") && !g.unicodeScalars.contains("和") && !g.unicodeScalars.contains("是")
            }
            // `A、B 和 C，则是这两家公司都绕不开的竞争者`: a back reference owns the noun, the list before the clause is the rivals
            if possessor == nil, !f.companies.contains(where: { $0.start >= cl.lowerBound && $0.end <= cl.upperBound }),
               let (ra, _) = find(BackReferenceCues.lastTwo, in: cl.lowerBound..<a).first, gap(cl.lowerBound, ra).count <= 4,
               let last = f.companies.last(where: { $0.end <= cl.lowerBound }), [",", "，"].contains(gap(last.end, cl.lowerBound)) {
                let rivals = listBefore(f.companies, last.end, in: s)
                var owners = f.recentCompanies
                for c in f.companies.sorted(by: { $0.start < $1.start }) where c.end <= rivals[0].start {
                    owners.removeAll { $0 == c.entity }; owners.append(c.entity); if owners.count > 2 { owners.removeFirst() }
                }
                done.insert(cl.lowerBound)
                guard owners.count == 2, !contains(Cues.unconfirmed, cl) else { continue }
                for o in owners { for r in rivals where r.entity != o { out.add(o, "competitor_of", r.entity, "rival-back-reference", 0.6) } }
                continue
            }
            // a possessive whose owner was not recognised (`某某的对手`): no subject can be told
            let ownedByUnknown = possessor == nil && {
                let g = gap(max(cl.lowerBound, a - 6), a)
                return (g.hasSuffix("的") || g.hasSuffix("'s")) && !RivalCues.anaphora.contains { g.hasSuffix($0) || g.dropLast().hasSuffix($0) }
            }()
            if ownedByUnknown && !f.companies.contains(where: { $0.end <= a && $0.start >= cl.lowerBound }) { continue }
            // `X 被视为 A 和 B 的竞争对手` / `X is seen as a rival of A and B`: a listed possessor is the object list
            if let p = possessor {
                let owners = listBefore(f.companies, p.end, in: cl)
                if owners.count > 1, let x = f.companies.last(where: { $0.end <= owners[0].start && $0.start >= cl.lowerBound }) {
                    done.insert(cl.lowerBound)
                    for o in owners { out.add(x.entity, "competitor_of", o.entity, "rival-of", 0.65) }
                    continue
                }
            }
            // the subject: the possessor, else the clause's subject-position company before the cue
            let subjectHere = possessor ?? f.subjects.first(where: { $0.end <= a && $0.start >= cl.lowerBound })
            // the objects: the clause's other companies (a list over commas included), not the subject
            var objects = f.companies.filter { $0.start >= cl.lowerBound && $0.end <= cl.upperBound && $0.entity != subjectHere?.entity }
            if let last = objects.last ?? f.companies.first(where: { $0.start >= b }) {
                for c in listAfter(f.companies, last.start, in: s, lead: { $0.isEmpty })
                    where !objects.contains(where: { $0.start == c.start }) && c.entity != subjectHere?.entity {
                    objects.append(c)
                }
            }
            // `A 和 B——这两家公司也是 X 最直接的对手` / `A and B; both companies are X's rivals`: a clause opening
            // with a back reference speaks of the last two companies named before it
            if objects.isEmpty, possessor != nil, let (ra, rb) = find(BackReferenceCues.lastTwo, in: cl.lowerBound..<a).first,
               gap(cl.lowerBound, ra).count <= 2, !f.companies.contains(where: { $0.start >= rb && $0.end <= (possessor?.start ?? a) }) {
                var two: [Item] = []
                for c in f.companies.reversed() where c.end <= cl.lowerBound && !two.contains(where: { $0.entity == c.entity }) && c.entity != possessor?.entity {
                    two.insert(c, at: 0); if two.count == 2 { break }
                }
                if two.count == 2 { objects = two }
            }
            // apposition: `Y, X's main rival,` — Y stands right before the clause
            if objects.isEmpty, possessor != nil, let y = f.companies.last(where: { $0.end <= cl.lowerBound }), cl.lowerBound - y.end <= 2 {
                objects = [y]
            }
            let ids = Set(objects.map(\.entity))
            // `行业竞争日趋激烈，A、B 和 C 纷纷降价`: a cue whose clause names no company, with rivals found only after it
            // and no owner in the sentence, is competition in general — the previous topic would be a guess
            if subjectHere == nil, !objects.isEmpty, objects.allSatisfy({ $0.start >= cl.upperBound }),
               !f.subjects.contains(where: { $0.end <= a && !ids.contains($0.entity) }),
               !RivalCues.anaphora.contains(where: { gap(cl.lowerBound, a).contains($0) }) { continue }
            let subject = subjectHere?.entity
                ?? f.subjects.first(where: { $0.end <= a && !ids.contains($0.entity) })?.entity
                ?? f.topic(before: a, excluding: ids)
            guard let x = subject, !objects.isEmpty else { continue }
            // `某某需要与 A、B 竞争`: an unrecognised name stands where the subject would be; the topic would be a guess
            if subjectHere == nil, !f.subjects.contains(where: { $0.end <= a && $0.start >= cl.lowerBound }),
               let first = objects.first, unrecognisedSubject(before: first.start, cl) { continue }
            // a clause whose only companies are a subject list (`A 和 B 竞争激烈`) names them rivals of each other
            done.insert(cl.lowerBound)
            for y in ids where y != x { out.add(x, "competitor_of", y, possessor != nil ? "rival-of" : "rival-cue", 0.65) }
        }
    }
}

extension RelationRules {
    /// `他们都是很强的对手` / `They are both strong competitors` with no company in the clause: the last
    /// two companies named before it are each a rival of the speaker's company (`Speaker` resolves it;
    /// with no speaker company the drafts are dropped).
    func rivalsOfSpeaker(_ f: Frame, _ out: inout Emitter) {
        let s = f.range
        for (a, b) in find(RivalCues.theyBoth, in: s) {
            let cl = clause(a, s)
            guard !f.companies.contains(where: { $0.start >= cl.lowerBound && $0.end <= cl.upperBound }),
                  contains(RivalCues.list, b..<cl.upperBound), !contains(Cues.unconfirmed, cl) else { continue }
            var two = f.recentCompanies
            for c in f.companies.sorted(by: { $0.start < $1.start }) where c.end <= cl.lowerBound {
                two.removeAll { $0 == c.entity }; two.append(c.entity); if two.count > 2 { two.removeFirst() }
            }
            for c in two { out.add(RelationRules.speaker, "competitor_of", c, "rival-of-speaker", 0.6) }
        }
    }
}
