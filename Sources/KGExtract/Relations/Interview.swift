/// `interviewed` (host → guest) from host/guest structure:
/// a header naming a host and a guest (`主持人：H` + `嘉宾：G`, `host H`, `my guest today G`,
/// `H in conversation with G`, `对话 G`), or one sentence `H 专访 / 采访 G`, `H interviewed G`,
/// `G 与 H 的对话` (the second is the host), `on the podcast, H talks to G`.
enum InterviewCues {
    /// the host is named after these
    static let host = CueList(["主持人", "主播", "采访者", "host", "hosted by", "hosts", "interviewer"], wholeWords: true)
    /// the guest is named after these
    static let guest = CueList(["嘉宾", "来宾", "对话", "专访", "采访了", "采访", "访谈", "guest", "guests", "in conversation with",
                                "conversation with", "interview with", "interviewed", "interviews", "sat down with", "speaks with",
                                "spoke with", "talking with", "talking to", "talks to", "talks with", "talked with", "talked to", "joined by"], wholeWords: true)
    /// `G 与 H 的对话`: the conversation belongs to the host
    static let conversation = CueList(["的对话", "的对谈", "的访谈", "的专访", "的这场对谈", "的这场对话", "这场对谈", "这场对话"])
    static let with = CueList(["和", "与", "跟", "同", "with"])
    /// `G 接受 H 专访`: the guest accepts the host's interview
    static let accept = CueList(["接受"])
    /// a host greeting the audience of a show: the show named right after is the host's (`works_at`, as the
    /// guidelines count a company's podcast host): 欢迎来到《X》 / 欢迎收听 X / welcome (back) to X
    static let welcome = CueList(["欢迎来到", "欢迎收听", "欢迎回到", "欢迎收看", "welcome back to", "welcome to"])
    /// what may stand between the greeting and the show's name: a title mark, a quote, `the`
    static let showLeads: Set<String> = ["", "《", "\u{201C}", "「", "the", "本期", "这一期", "新一期"]
    /// how far into a document its header runs (sentences)
    static let headerSentences = 12
}

extension RelationRules {
    func interview(_ f: Frame, _ out: inout Emitter) {
        guard f.persons.count >= 2 else { return }
        let s = f.range
        for (a, b) in find(InterviewCues.guest, in: s) where !contains(InterviewCues.accept, max(s.lowerBound, a - 20)..<a) {
            guard let guest = f.persons.first(where: { $0.start >= b && $0.start - b <= 16 && $0.end <= clause(b, s).upperBound + 1 }) else { continue }
            let host = f.persons.last(where: { $0.end <= a && $0.start >= clause(a, s).lowerBound })
                ?? find(InterviewCues.host, in: s).compactMap { h in f.persons.first(where: { $0.start >= h.1 && $0.start - h.1 <= 3 }) }.first
            guard let h = host, h.entity != guest.entity else { continue }
            out.add(h.entity, "interviewed", guest.entity, "interview-verb", 0.7)
        }
        // G 接受 (某报记者) H 专访 / 采访: H interviewed G
        for (a, b) in find(InterviewCues.accept, in: s) {
            guard let (va, _) = find(InterviewCues.guest, in: b..<min(s.upperBound, b + 20)).first,
                  let h = f.persons.last(where: { $0.start >= b && $0.end <= va }),
                  let g = f.persons.last(where: { $0.end <= a }) ?? f.persons.first(where: { $0.start >= va }) else { continue }
            out.add(h.entity, "interviewed", g.entity, "accepted-interview", 0.7)
        }
        // G 与 H 的对话 / G 和 (X 播客的) H 在…的这场对谈: the conversation is the host's
        for (a, _) in find(InterviewCues.conversation, in: s) {
            let cl = clause(a, s)
            guard let (wa, we) = find(InterviewCues.with, in: max(cl.lowerBound, a - 40)..<a).last,
                  let h = f.persons.first(where: { $0.start >= we && $0.end <= a }) else { continue }
            let guest = f.persons.last(where: { $0.end <= wa && $0.start >= cl.lowerBound && gap($0.end, wa).count <= 6 })?.entity
                ?? (contains(RoleCues.personPronoun, max(cl.lowerBound, wa - 3)..<wa) ? pronounPerson(f, before: wa, excluding: h.entity) : nil)
            guard let g = guest, g != h.entity else { continue }
            out.add(h.entity, "interviewed", g, "conversation-of", 0.6)
        }
    }

    /// `主持人 H：欢迎来到《X》` / `HOST (H): Welcome back to X`: the transcript speaker greeting the audience
    /// works at the show (a company the text names). Only on a labelled transcript line: a greeting in an
    /// article's quote names no speaker here.
    func hostOfShow(_ f: Frame, _ out: inout Emitter) {
        guard let h = transcript.person, !f.companies.isEmpty else { return }
        for (_, b) in find(InterviewCues.welcome, in: f.range) {
            guard let c = f.companies.first(where: { $0.start >= b }), InterviewCues.showLeads.contains(gap(b, c.start)) else { continue }
            out.add(h, "works_at", c.entity, "host-of-show", 0.6)
        }
    }

    /// Hosts and guests named in a document's header lines (`主持人：H`, `嘉宾：G`):
    /// each host interviewed each guest. Evidence: the guest's line.
    static func headerInterviews(_ rules: RelationRules, _ sentences: [Range<Int>], _ persons: [Mention]) -> [RelationDraft] {
        var hosts: [Int] = [], guests: [(Int, Range<Int>)] = []
        for s in sentences.prefix(InterviewCues.headerSentences) {
            let inS = persons.filter { $0.start >= s.lowerBound && $0.end <= s.upperBound }
            for (_, b) in rules.find(InterviewCues.host, in: s) {
                if let p = inS.first(where: { $0.start >= b && $0.start - b <= 3 }) { hosts.append(p.entity) }
            }
            for (_, b) in rules.find(InterviewCues.guest, in: s) {
                if let p = inS.first(where: { $0.start >= b && $0.start - b <= 12 }) { guests.append((p.entity, s)) }
            }
        }
        // a transcript with a host: every other speaker label (`某某：` / `Jane Roe:` at a line start) is a guest
        if !hosts.isEmpty {
            for p in persons where !hosts.contains(p.entity) && !guests.contains(where: { $0.0 == p.entity }) && rules.isSpeakerLabel(p) {
                if let s = sentences.first(where: { $0.contains(p.start) }) { guests.append((p.entity, s)) }
            }
        }
        var out: [RelationDraft] = []
        for h in Set(hosts) { for (g, s) in guests where g != h {
            out.append(RelationDraft(subject: h, predicate: "interviewed", object: g, sentence: s, rule: "header-host-guest", confidence: 0.7))
        } }
        return out
    }
}

extension RelationRules {
    /// Is the mention a transcript's speaker label: at a line start, a colon right after it?
    func isSpeakerLabel(_ p: Mention) -> Bool {
        ChineseNames.atLineStart(lower, p.start) && ChineseNames.labelEnd(lower, p.end)
    }

    /// The person a 他 / 她 / he / she before p stands for: the last person named earlier in the
    /// sentence (`Anthropic CEO P，…，他和 H 的这场对谈`), else the last one named before the sentence.
    func pronounPerson(_ f: Frame, before p: Int, excluding x: Int) -> Int? {
        f.persons.last(where: { $0.end < p && $0.entity != x })?.entity ?? f.previousPerson
    }
}
