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
    /// For a draft whose subject is the speaker (`我们`): the sentence's topic, used when no speaker company is known.
    var fallbackSubject: Int? = nil
}

/// Cue words of the relation patterns (matched on lowercased normalised text).
/// Cue words with a first-scalar bitmap, so scanning a sentence costs one
/// table probe per position.
struct CueList: Sendable {
    let words: [[UInt32]]
    let first: [Bool]
    /// The words by their first scalar, longest first: a hit compares only the words that can match
    /// (a flat table, one load per probe instead of hashing the scalar).
    let groups: FirstScalarGroups
    /// Latin cues match whole words only (an `s` plural allowed): `partner` is not in `partnership`.
    let wholeWords: Bool
    /// Names the list in a sentence's `CueHits`.
    let id: Int
    init(_ list: [String], wholeWords: Bool = false) {
        self.wholeWords = wholeWords
        id = nextCueListID.add(1, ordering: .relaxed).oldValue
        words = list.map { Array(scalarsOf: $0) }.sorted { $0.count > $1.count }
        var f = [Bool](repeating: false, count: 0x10000)
        for w in words where w[0] < 0x10000 { f[Int(w[0])] = true }
        first = f
        groups = FirstScalarGroups(words)
    }
}

/// Cue words shared by several relation kinds and by the figure owner. The
/// cues of one relation kind live beside its rule (Relations/*.swift).
enum Cues {
    /// first-person speakers: `我们`, `we`, `our` (the figure owner reads them as the speaker's company)
    static let we = CueList(["我们", "我们的", "our ", "we "])
    /// the speaker's company: `我们 / we / our`. Resolved by `Speaker` from a role the text states, never guessed.
    /// (`你们` / `您` are not read as anyone's company: issue 9 removed that heuristic.)
    static let speakerSide = CueList(["我们的", "我们", "our ", "we "])
    /// the person asked, in an interview question: `你们 / 你 / 您 / you / your`. Read, like `我们`, as the
    /// interviewee's company — the company the text names the guest's role at (`Speaker.resolve`), never guessed;
    /// only in relation frames that need a company there (`你们融资了…`, `X 作为你们的支持者`, `you partnered with X`).
    static let addressee = CueList(["你们的", "你们", "你的", "你", "您", "your ", "you "])
    /// the speaker's or the addressee's company: `speakerSide` and `addressee` together
    static let interviewCompany = CueList(["我们的", "我们", "our ", "we ", "你们的", "你们", "你的", "你", "您", "your ", "you "])
    /// a first- or third-person singular pronoun before an age (`我今年 25 岁`)
    static let me = CueList(["我", "她", "他"])
    /// a company named by a definite description instead of its name: 该公司 / 公司 / 其 / the company / its
    static let thisCompany = CueList(["该公司", "这家公司", "该实验室", "公司", "实验室", "集团", "团队", "其", "the company", "the startup", "the firm",
                                      "its ", "their "])
    /// a model named by a definite description or a pronoun: 该模型 / 它 / the model / it
    static let thisModel = CueList(["该模型", "这款模型", "这个模型", "新模型", "它", "the model", "it "])
    /// talks, rumours and possibilities: a clause with one of these states no deal
    /// (洽谈 / 谈判 / 传闻 / 据传 / 或将 / 可能 / 有望 / in talks / rumored / reportedly / may / could / considering)
    static let unconfirmed = CueList(["洽谈", "谈判", "磋商", "传闻", "传言", "据传", "或将", "或许", "可能", "有望", "考虑", "未来",
                                      "不排除", "接近", "in talks", "talks", "rumor", "rumour", "reportedly", "may ", "might", "could",
                                      "consider", "exploring", "否认", "尚未", "没有", "并未", "未与", "不会",
                                      // intent and possibility: 合作意向 / 潜在客户 / potential / in discussions / negotiating
                                      // (a named source, 据知情人士透露, is not one: closed deals are reported that way too)
                                      "意向", "潜在", "potential", "possible", "discussions", "negotiat", "weighing",
                                      // plans and refusals: 计划与 Y 合作 / plans to partner / no plans to / ruled out
                                      "计划", "plans to", "plan to", "planning to", "no plans", "no plan", "no intention", "ruled out",
                                      // a question of whether: 会否 / 是否 / 能否 / whether
                                      "会否", "是否", "能否", "whether"])
    /// a sentence that opens with one of these speaks of the company the previous sentence was about
    static let openingAnaphora: [String] = ["thecompany", "thestartup", "thefirm", "thelab", "it", "its", "该公司", "这家公司", "公司", "它",
                                            "其", "该实验室", "实验室", "新公司"]
    static let openingAnaphoraScalars: [[UInt32]] = openingAnaphora.map { Array(scalarsOf: $0) }
    /// definite descriptions of a company opening a sentence (a subset of `openingAnaphora`): they reach back
    /// to the last topic even after it lapsed (`…。The startup has raised…`)
    static let definiteAnaphoraScalars: [[UInt32]] = ["thecompany", "thestartup", "thefirm", "thelab", "该公司", "这家公司", "该实验室"]
        .map { Array(scalarsOf: $0) }
    /// a newly founded company opening a sentence: the company named last before it
    static let newCompanyScalars: [[UInt32]] = ["新公司", "thenewcompany", "thenewstartup", "thenewventure", "thenewfirm"].map { Array(scalarsOf: $0) }
    /// scalars that end a clause (, ， 、 : ： — ; ；), as a flat table: one probe per scalar, no hashing
    static let clauseBreak = ScalarTable([0x2C, 0xFF0C, 0x3001, 0x3A, 0xFF1A, 0x2014, 0x3B, 0xFF1B])
}

/// Finds relations of the closed vocabulary in each sentence from cue words
/// and the positions of the typed mentions around them. One rule per relation
/// kind, each in its own file under Relations/ (`roles`, `founding`,
/// `joining`, `investment`, `partnership`, `acquisition`, `comparison`,
/// `rivals`, `development`, `interview`); `apply` runs them in turn. A rule
/// fires only on a cue word in the sentence; a company not named in the
/// clause is the sentence's topic (`SentenceTopic`), never a guess from the
/// whole document.
struct RelationRules {
    struct Item { var start: Int; var end: Int; var type: EntityType; var entity: Int }

    let lower: [UInt32]
    /// The normalised text with its case, to see a title glued to a name (`CEODario`).
    var text: [UInt32] = []
    /// Spans of the mentions of the sentence being read: a cue inside a name
    /// (`Founder` in `Founder Park`) is not a cue.
    var mentionSpans: [Range<Int>] = []
    /// The last model and person named before the sentence (for 该模型 / it, 他 / 她).
    var previousModel: Int?
    var previousPerson: Int?
    /// The last two persons named before the sentence, in text order (for `both / 两人` before a verb).
    var recentPersons: [Int] = []
    /// The last two companies named before the sentence, in text order (for `the two are each other's rivals`).
    var recentCompanies: [Int] = []
    /// The company the previous sentences were about (see `SentenceTopic`).
    var previousTopic: Int?
    /// The last topic of any earlier sentence (`SentenceTopic.lastSeen`), for a sentence opening with a definite description.
    var lastTopic: Int?
    /// The model the last sentence that named one in subject position was about (for `It` / `它` opening
    /// a sentence: the subject model, not the model named last, often a compared one).
    var modelTopic: Int?
    /// The models compared in the last sentence that compared any (`A beats B`: A and B): a pronoun after
    /// such a sentence stands for its subject (`modelTopic`), not for the model named last.
    var lastCompared: Set<Int> = []
    /// Companies found investing so far, and the company that raised last: a round's raiser is never
    /// a company already seen as an investor when the text has named the company that raises.
    var investorsSeen: Set<Int> = []
    var lastRaiser: Int?
    /// The document's news outlets (`Outlets`): left out of the trade rules' parties.
    var outlets: Set<Int> = [] { didSet { isOutlet = Array(repeating: false, count: (outlets.max() ?? -1) + 1); for o in outlets { isOutlet[o] = true } } }
    /// `outlets` as flags by entity index (one load per company and sentence, no hashing).
    private(set) var isOutlet: [Bool] = []
    /// Where the words of each cue list start in the sentence being read (one pass, see `CueScanTable`).
    var cueHits = CueHits()
    /// Who speaks on the current line of a transcript (see `TranscriptSpeaker`).
    var transcript = TranscriptSpeaker()

    /// The mentions of one sentence by type, and the company it is about.
    struct Frame {
        let range: Range<Int>
        let items: [Item]
        let companies: [Item]
        let persons: [Item]
        let models: [Item]
        /// Companies of the sentence that stand where a subject stands (not after 由 / by / 与 / from …), in order.
        let subjects: [Item]
        let previousTopic: Int?
        let previousModel: Int?
        /// The last person named before the sentence (for 他 / 她 / he / she).
        let previousPerson: Int?
        /// The last two persons named before the sentence (for `both` / `两人`).
        var recentPersons: [Int] = []
        /// The last two companies named before the sentence.
        var recentCompanies: [Int] = []

        /// The frame without the companies of `ids` (the same frame when none of them is named here).
        /// Cost: one pass over the sentence's companies.
        func leavingOut(_ ids: Set<Int>) -> Frame {
            guard !ids.isEmpty, companies.contains(where: { ids.contains($0.entity) }) else { return self }
            let keep: (Item) -> Bool = { !ids.contains($0.entity) }
            var g = Frame(range: range, items: items.filter(keep), companies: companies.filter(keep), persons: persons, models: models,
                          subjects: subjects.filter(keep), previousTopic: previousTopic,
                          previousModel: previousModel, previousPerson: previousPerson)
            g.recentPersons = recentPersons
            g.recentCompanies = recentCompanies
            return g
        }

        /// The company the sentence is about at position p, leaving out `excluded`
        /// (the other party of the relation): its first subject-position company
        /// before p, else the company the previous sentence was about.
        func topic(before p: Int, excluding excluded: Set<Int> = []) -> Int? {
            if let c = subjects.first(where: { $0.end <= p && !excluded.contains($0.entity) }) { return c.entity }
            if let t = previousTopic, !excluded.contains(t) { return t }
            return nil
        }
    }

    /// The hits of cue list c in r, left to right, none overlapping. Visits only the
    /// positions where the sentence's one-pass scan saw a word of c start
    /// (`cueHits`); a range outside the scanned sentence is read position by position.
    func find(_ c: CueList, in r: Range<Int>) -> [(Int, Int)] {
        guard let cand = cueHits.candidates(c, r) else { return findReading(c, in: r) }
        var out: [(Int, Int)] = []
        var i = r.lowerBound
        for p in cand where p >= i {
            guard p < r.upperBound else { break }
            i = p
            if let e = hit(c, at: i, in: r) { out.append((i, e)); i = e }
        }
        return out
    }

    /// `find` without the scan: every position of r is probed.
    func findReading(_ c: CueList, in r: Range<Int>) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = r.lowerBound
        while i < r.upperBound {
            let ch = lower[i]
            if ch >= 0x10000 || !c.first[Int(ch)] { i += 1; continue }
            if let e = hit(c, at: i, in: r) { out.append((i, e)); i = e } else { i += 1 }
        }
        return out
    }

    /// The end of the longest word of c starting at i inside r (not inside a mention,
    /// a Latin word not inside a longer word), else nil.
    @inline(__always)
    func hit(_ c: CueList, at i: Int, in r: Range<Int>) -> Int? {
        let ch = lower[i]
        if mentionSpans.contains(where: { $0.contains(i) }) { return nil }
        for k in c.groups.candidates(ch) {
            let w = c.words[k]
            guard i + w.count <= r.upperBound && FigureParser.hasPrefix(lower, i, w) else { continue }
            if isLatinLetter(w[0]) && i > 0 && isLatinLetter(lower[i - 1]) { continue }
            var e = i + w.count
            if c.wholeWords && isLatinLetter(w[w.count - 1]) && e < r.upperBound && isLatinLetter(lower[e]) && !gluedToName(e) {
                guard lower[e] == 0x73, e + 1 >= r.upperBound || !isLatinLetter(lower[e + 1]) else { continue }
                e += 1
            }
            return e
        }
        return nil
    }

    func contains(_ c: CueList, _ r: Range<Int>) -> Bool { !find(c, in: r).isEmpty }

    /// An all-capitals word run into a capitalised name (`CEODario`): the capitals end at e.
    func gluedToName(_ e: Int) -> Bool {
        guard e >= 1, e + 1 < text.count else { return false }
        return isASCIIUpper(text[e - 1]) && isASCIIUpper(text[e]) && text[e + 1] >= 0x61 && text[e + 1] <= 0x7A
    }

    /// Does the sentence open (within its first words, before its first company) with a
    /// definite description or a pronoun for a company: `The company`, `The startup`, `It`, `该公司`, `公司`, `它`?
    func opensWithAnaphora(_ s: Range<Int>, before first: Int, words: [[UInt32]] = Cues.openingAnaphoraScalars) -> Bool {
        var a = s.lowerBound
        while a < s.upperBound && (lower[a] == 0x20 || lower[a] == 0x0A || lower[a] == 0x201C || lower[a] == 0x300C) { a += 1 }
        let end = min(first, a + 14, s.upperBound)
        // compares the scalars of the opening (spaces and line breaks skipped) with each word, building no string
        return words.contains { w in
            var i = a, k = 0
            while k < w.count && i < end {
                if lower[i] == 0x20 || lower[i] == 0x0A { i += 1; continue }
                if lower[i] != w[k] { return false }
                i += 1; k += 1
            }
            return k == w.count
        }
    }

    /// The clause a title belongs to: like `clause`, but a list comma (、) does
    /// not end it (`Anthropic 的 CEO、创始人 Dario Amodei`).
    func titleClause(_ p: Int, _ s: Range<Int>) -> Range<Int> {
        let breaks = Cues.clauseBreak
        var a = p, b = p
        func stop(_ c: UInt32) -> Bool { c != 0x3001 && breaks.contains(c) }
        while a > s.lowerBound && !stop(lower[a - 1]) { a -= 1 }
        while b < s.upperBound && !stop(lower[b]) { b += 1 }
        return a..<b
    }

    /// The clause around position p: bounded by commas and the sentence.
    func clause(_ p: Int, _ s: Range<Int>) -> Range<Int> {
        let breaks = Cues.clauseBreak
        var a = p, b = p
        while a > s.lowerBound && !breaks.contains(lower[a - 1]) { a -= 1 }
        while b < s.upperBound && !breaks.contains(lower[b]) { b += 1 }
        return a..<b
    }

    /// Does the outlet mention c stand as the source of the report (`据 c 报道`, `c said`, `c first reported`)?
    /// Cost: a few scalar comparisons, only for outlets.
    func isSourcePosition(_ c: Item, _ s: Range<Int>) -> Bool {
        if Outlets.sourceAfter.contains(where: { startsWithSkippingSpaces($0, at: c.end, before: s.upperBound) }) { return true }
        let from = max(s.lowerBound, c.start - 14)
        return Outlets.sourceBefore.contains(where: { endsWith($0, before: c.start, from: from) })
    }

    /// Stands for the speaker's company in a draft (`我们发布了 M`) until
    /// `Speaker.resolve` replaces it, or drops the draft when no speaker is known.
    static let speaker = -2

    /// Runs every relation kind on one sentence; returns the company the
    /// sentence is about (nil when it names none in subject position).
    @discardableResult
    mutating func apply(sentence s: Range<Int>, items: [Item], out: inout [RelationDraft]) -> Int? {
        cueHits.scan(lower, s, mentions: mentionSpans)
        transcript.advance(lower: lower, text: text, s, items: items)
        let companies = items.filter { $0.type == .company }
        var subjects = subjectCompanies(companies, s)
        // `The startup …` / `该公司…` opening a sentence after the topic has lapsed: the last topic the text had
        let firstCompany = companies.first?.start ?? s.upperBound
        let previousTopic = self.previousTopic
            ?? (opensWithAnaphora(s, before: firstCompany, words: Cues.definiteAnaphoraScalars) ? lastTopic : nil)
        // `新公司…` / `The new company …` opening the sentence: the company named last before it (`创办一家名为 X 的公司。
        // 新公司已…`), not the topic the founder's sentence was about
        if let t = recentCompanies.last, opensWithAnaphora(s, before: firstCompany, words: Cues.newCompanyScalars) {
            subjects.insert(Item(start: s.lowerBound, end: s.lowerBound, type: .company, entity: t), at: 0)
        } else if let t = previousTopic, opensWithAnaphora(s, before: firstCompany) {
            // `The company …` / `该公司…` / `It …` opening the sentence: its subject is the previous sentence's topic
            subjects.insert(Item(start: s.lowerBound, end: s.lowerBound, type: .company, entity: t), at: 0)
        }
        let f = Frame(range: s, items: items, companies: companies,
                      persons: items.filter { $0.type == .person }, models: items.filter { $0.type == .model },
                      subjects: subjects,
                      previousTopic: previousTopic, previousModel: previousModel, previousPerson: previousPerson,
                      recentPersons: recentPersons, recentCompanies: recentCompanies)
        for c in companies.sorted(by: { $0.start < $1.start }) {
            recentCompanies.removeAll { $0 == c.entity }
            recentCompanies.append(c.entity)
            if recentCompanies.count > 2 { recentCompanies.removeFirst() }
        }
        for p in f.persons.sorted(by: { $0.start < $1.start }) {
            recentPersons.removeAll { $0 == p.entity }
            recentPersons.append(p.entity)
            if recentPersons.count > 2 { recentPersons.removeFirst() }
        }
        var emit = Emitter(sentence: s)
        roles(f, &emit)
        founding(f, &emit)
        joining(f, &emit)
        development(f, &emit)
        // an outlet is the source of the news, never a party to a deal, a round or a rivalry
        let flags = isOutlet
        var sources = Set<Int>()
        if !flags.isEmpty {
            for c in companies where c.entity < flags.count && flags[c.entity] && isSourcePosition(c, s) { sources.insert(c.entity) }
        }
        let trade = sources.isEmpty ? f : f.leavingOut(sources)
        rivals(trade, &emit)
        investment(trade, &emit)
        acquisition(trade, &emit)
        partnership(trade, &emit)
        comparison(f, &emit)
        succession(f, &emit)
        interview(f, &emit)
        hostOfShow(f, &emit)
        out += emit.drafts
        for d in emit.drafts where d.predicate == "invested_in" { investorsSeen.insert(d.subject); if d.object >= 0 { lastRaiser = d.object } }
        if emit.drafts.contains(where: { $0.predicate == "outperforms" }) {
            lastCompared = Set(emit.drafts.filter { $0.predicate == "outperforms" }.flatMap { [$0.subject, $0.object] })
        } else if !f.models.isEmpty { lastCompared = [] }
        // the model a comparison is about: the subject of its claim (`A beats B`: A; `A trails B`: A), read from the
        // sentence's drafts only when it compared (no extra pass over other sentences)
        if let d = emit.drafts.first(where: { $0.predicate == "outperforms" }) {
            modelTopic = d.rule.hasPrefix("trails") || d.rule.hasPrefix("gap") ? d.object : d.subject
        }
        return f.ownTopic(emit.drafts[...])
    }
}

/// Collects the relations of one sentence, each with its rule name and confidence.
struct Emitter {
    let sentence: Range<Int>
    var drafts: [RelationDraft] = []
    mutating func add(_ a: Int, _ p: String, _ b: Int, _ rule: String, _ conf: Double, fallback: Int? = nil) {
        guard a != b else { return }
        drafts.append(RelationDraft(subject: a, predicate: p, object: b, metric: nil, sentence: sentence, rule: rule, confidence: conf,
                                    fallbackSubject: fallback))
    }
}
