import KGCore

/// Cue tables for figure ownership. Each list names the general phrasing it
/// covers; all are matched on lowercased normalised text (traditional folded
/// to simplified).
/// A set of BMP scalars as a flat table: `contains` is one load (a `Set`
/// would hash on every probe of a scan).
struct ScalarTable: Sendable {
    let table: [Bool]
    init(_ scalars: Set<UInt32>) {
        var t = [Bool](repeating: false, count: 0x10000)
        for c in scalars where c < 0x10000 { t[Int(c)] = true }
        table = t
    }
    @inline(__always) func contains(_ c: UInt32) -> Bool { c < 0x10000 && table[Int(c)] }
}

/// A cue word list, longest first, with a table of first scalars so a scan
/// rejects most positions with one load.
struct CueWords: Sequence, Sendable {
    let words: [[UInt32]]
    let first: [Bool]
    /// `words` by first scalar (longest first within a group): a probe compares only the words that can match.
    let groups: FirstScalarGroups
    init(_ list: [[UInt32]]) {
        words = list.sorted { $0.count > $1.count }
        var f = [Bool](repeating: false, count: 0x10000)
        for w in words where w[0] < 0x10000 { f[Int(w[0])] = true }
        first = f
        groups = FirstScalarGroups(words)
    }
    func makeIterator() -> IndexingIterator<[[UInt32]]> { words.makeIterator() }
    @inline(__always) func mayStart(_ c: UInt32) -> Bool { c >= 0x10000 || first[Int(c)] }
}

enum FigureCues {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }
    static func list(_ words: [String]) -> CueWords { CueWords(words.map(u)) }
    static let payOrDeal = list(["pay", "deal"])
    static let equity = list(["股权"])
    static let valuesVerbs = list(["values", "valued", "valuing"])
    static let personAnaphors = CueWords(anaphors.filter { $0.1 == .person }.map(\.0))
    static let anaphorStarts = CueWords(anaphors.map(\.0))
    static let thisRound = u("本轮")
    static let metricStarts = CueWords(metrics.map(\.0))
    /// `metrics` by first scalar: `metric` compares only the cues that can start at a position.
    static let metricGroups = FirstScalarGroups(metrics.map(\.0))
    static let forWord = u("for")
    static let takeWord = u("取得")
    static let investedPast = u("投资了")

    /// Metric of a figure by the nearest cue word in its clause ("营收 40 亿元",
    /// "raised $300 million", "准确率为 95%"). Longest cue first at a position.
    static let metrics: [([UInt32], String)] = [
        ("估值", "valuation"), ("valuation", "valuation"), ("valued", "valuation"), ("values", "valuation"),
        ("融资", "funding"), ("募资", "funding"), ("募集", "funding"), ("筹集", "funding"), ("筹得", "funding"),
        ("天使轮", "funding"), ("轮", "funding"), ("raised", "funding"), ("raise", "funding"), ("series", "funding"),
        ("funding", "funding"), ("投资", "investment"), ("出资", "investment"), ("注资", "investment"), ("入股", "investment"),
        ("invest", "investment"), ("作价", "acquisition price"), ("收购", "acquisition price"), ("acqui", "acquisition price"),
        ("营业收入", "revenue"), ("营收", "revenue"), ("收入", "revenue"), ("销售额", "revenue"), ("revenue", "revenue"),
        ("净利润", "profit"), ("纯益", "profit"), ("利润", "profit"), ("亏损", "loss"), ("profit", "profit"),
        ("市值", "market cap"), ("market cap", "market cap"), ("年薪", "salary"), ("薪酬", "salary"), ("salary", "salary"),
        ("员工", "employees"), ("团队", "team size"), ("人员", "staff"), ("employ", "employees"), ("staff", "employees"),
        ("headcount", "employees"), ("用户", "users"), ("月活", "users"), ("users", "users"),
        ("参数", "parameters"), ("parameters", "parameters"), ("准确率", "accuracy"), ("accuracy", "accuracy"),
        ("通过率", "pass rate"), ("成功率", "success rate"), ("得分", "score"), ("成绩", "score"), ("取得", "score"),
        ("scored", "score"), ("score", "score"), ("resolves", "score"), ("价格", "price"), ("定价", "price"),
        ("售价", "price"), ("收费", "price"), ("授权费", "price"), ("月费", "price"), ("price", "price"),
        ("占比", "share"), ("份额", "market share"), ("市占率", "market share"), ("股权", "stake"), ("股份", "stake"),
        ("stake", "stake"), ("share", "share"), ("增长", "growth"), ("同比", "growth"), ("年增", "growth"),
        ("月增", "growth"), ("上涨", "growth"), ("growth", "growth"), ("grew", "growth"), ("rose", "growth"),
        ("成本", "cost"), ("费用", "cost"), ("花费", "cost"), ("cost", "cost"), ("预算", "budget"),
        ("训练", "training"), ("trained", "training"), ("上下文", "context length"), ("context", "context length"),
    ].map { (u($0.0), $0.1) }.sorted { $0.0.count > $1.0.count }

    /// Metric words that are a company's or a model's own attribute, so the
    /// name written right before them owns the figure (`X 目标价`, `X 的市值`).
    static let possessedMetrics = list(["目标价", "股价", "市值", "估值", "营收", "营业收入", "收入", "员工", "市占率", "份额",
                                        "毛利率", "净利润", "参数", "准确率", "得分", "月活", "周活", "用户", "revenue",
                                        "valuation", "market cap", "shares", "employees"])

    /// Funding and valuation: the figure belongs to the company that raised.
    static let raiseMetrics: Set<String> = ["funding", "valuation"]

    /// An investor right before or after these words is not the company that
    /// raised (`由 X 领投`, `X 跟投`, `led by X`, `backed by X`).
    static let investorAfter = list(["领投", "跟投", "参投", "投了", "联合领投", "追加投资", "共同投资", "独家投资", "投资", "出资", "注资",
                                     "led", "co-led", "leads", "co-leads", "participat", "joined"])
    static let investorBefore = list(["由", "老股东", "股东", "拿到", "获得", "获", "led by", "co-led by", "backed by", "from", "including", "investors",
                                      "投资方", "投资人"])

    /// Words before a name that make it the receiver of an investment (`向 X 投资`).
    static let investTargets: Set<UInt32> = Set("向对给".unicodeScalars.map(\.value))

    /// Investing in a company (`向 X 投资`, `入股 X`, `invest in X`): the
    /// amount belongs to the company invested in.
    static let investVerbs = list(["投资", "出资", "注资", "入股", "认购", "invest", "stake in"])
    /// An invest verb glued to one of these is a noun for investors (`投资方包括 X`, `投资人`), not a verb.
    static let investorNounEnds: Set<UInt32> = Set("方人者机".unicodeScalars.map(\.value))
    /// `invest FIG in X` / `invest FIG into X`: the company after the amount
    static let investedIn: Set<String> = ["in", "into"]
    /// Time phrases right before a duration (`过去一年`, `over the past year`, `未来三年`): the span of time a
    /// statement covers, not a quantity about anyone.
    /// (spaces left out, compared at the figure's start; `近` alone is left out: `成立近三年` is an age)
    /// relative pronouns opening a clause about the name before its comma (`B, which reached 61%`)
    static let relativeWords: [[UInt32]] = ["which ", "who "].map(u)
    /// `我们的竞争对手` / `our rivals`: the figure after them is the rivals', not the speaker's company's
    static let weRivals = list(["我们的竞争对手", "我们的对手", "our competitors", "our rivals", "our competition"])
    /// a state that lasted through the span (`过去十年一直…`, `has been`): the duration is then the subject's
    static let lastingState: [[UInt32]] = ["一直", "持续", "始终", "都在", "has been", "have been", "it has", "we have"].map(u)
    /// characters that close a time span before its verb: 过去十年里 / 来 / 中 / 内 / 间
    static let spanTails: Set<UInt32> = Set("里来中内间".unicodeScalars.map(\.value))
    static let timeSpanLeads: [[UInt32]] = ["过去", "最近", "未来", "今后", "接下来", "thepast", "thelast", "thenext", "overthe", "next"].map(u)
    /// Metrics of an organisation's size or business: never a person's (`其研发人员不到 300 人` after a CEO's name).
    static let organisationMetrics: Set<String> = ["staff", "employees", "team size", "users", "revenue", "profit", "loss", "market cap",
                                                   "funding", "valuation", "market share"]
    /// Verbs of saying after a name: `X says M was trained …` makes X a source, not the clause's subject.
    static let sourceVerbs: [[UInt32]] = ["says", "said", "reports", "reported", "claims", "表示", "称", "透露", "介绍"].map(u)

    /// Acquisitions: a price or stake belongs to the company acquired
    /// (`收购 X`, `X 被 Y 收购`, `acquire X`, `bought X`, `deal for X`).
    static let acquireVerbs = list(["收购", "并购", "取得", "买下", "acquire", "acquisition of", "bought", "buy", "takeover of",
                                    "to pay", "for"])
    static let passive = list(["被", "was acquired by", "acquired by"])

    /// A market or an industry as a whole: a figure about it has no owner
    /// (`市场规模`, `全行业`, `the market`).
    static let marketWords = list(["市场规模", "市场", "行业", "产业", "全球", "全国", "market", "industry"])

    /// Words before a name that make it the object of a preposition, not the
    /// subject of its clause (`与 X 合作`, `比 X 高`, `according to X`).
    static let prepositions = list(["与", "和", "跟", "同", "向", "对", "从", "比", "较", "据", "根据", "援引", "被", "给", "为", "以及",
                                    "于", "在", "将", "把", "超过", "超越", "逊于", "高于", "低于", "是", "相当于", "上一代", "前", "曾在", "领先", "落后", "高出", "告诉", "told",
                                    "than", "from", "with", "by", "to", "for", "against", "over", "versus", "vs", "like", "including",
                                    "according to", "per", "at", "on", "of", "beats", "former", "ex-", "(", "（"])

    /// Anaphors for the entity the text is about (`该公司`, `其`, `it`, `its`),
    /// by the type they point to (nil: any type).
    static let anaphors: [([UInt32], EntityType?)] = [
        ("该公司", .company), ("这家公司", .company), ("公司", .company), ("本轮", .company), ("the company", .company),
        ("the startup", .company), ("the firm", .company), ("实验室", .company), ("团队", .company), ("the lab", .company),
        ("the team", .company), ("该模型", .model), ("这款模型", .model), ("新模型", .model),
        ("the model", .model), ("其", nil), ("它", .company), ("its", nil), ("it", nil), ("他", .person), ("她", .person),
        ("这位", .person), ("he", .person), ("she", .person), ("his", .person), ("her", .person),
    ].map { (u($0.0), $0.1) }

    /// A condition or a supposition before the figure: the amount is not a
    /// fact about anyone (`如果给它 5000 万参数`, `suppose a team of 100`).
    static let hypothetical = list(["如果", "假如", "假设", "要是", "想象", "设想", "if ", "suppose", "imagine"])

    /// Marks of a past employer before a company (`曾在 X`, `前 X 研究员`, `former X`).
    static let pastMarks = list(["曾在", "曾于", "曾任", "前", "former", "ex-"])

    /// Comparison words whose object is the base, not the owner (`领先 X`, `比 X 高`, `than X`).
    static let comparisons = list(["领先", "落后", "比", "较", "超过", "超越", "逊于", "高于", "低于", "优于", "than"])

    /// Possessive pronouns right before a figure (`its roughly 300 customers`, `其 40%`).
    static let possessives = list(["its", "their", "其"])

    /// Nouns for an organisation after an age adjective (`a three-year-old startup`, `成立三年的公司`).
    static let companyNouns = list([" company", " startup", " firm", " lab", "公司", "企业"])

    /// "we" in a quote or a transcript: the speaker's company.
    static let we = list(["我们", "咱们", "我司", "our", "we", "us"])
    /// "you" in an interviewer's question: the guest (the last person who
    /// answered under a transcript label), and so the guest's company.
    static let you = list(["你们", "你", "您", "your", "you"])
    /// between a model and its own score: `B at 64%`, `B with 64%`, `B 为 64%`, `B 得分 64%`
    static let scoreOf: Set<String> = ["at", "with", "为", "得分", "得分为", "达到", "scored", "reached", "got"]
    /// between a score and the model it belongs to, the score first: `compared with 80% for M`, `64% by M`
    static let scoreFor: Set<String> = ["for", "by", "from"]
    /// the speaker's own team inside a quote (`"The team now has 64 employees," she said`, `“团队现在有 80 人”`):
    /// the speaker's company, like `we`
    static let quotedTeam = list(["the team", "our team", "the company", "团队", "公司"])
    /// "I" in a quote or a transcript: the speaker.
    static let me = list(["我"])

    /// Verbs of saying that name the speaker of a quote (`X 表示`, `他说`, `X said`).
    static let speech = list(["表示", "说", "称", "介绍", "透露", "告诉", "坦言", "指出", "认为", "said", "says", "told", "explained"])

    /// Titles that tie a person to a company (`X 的 CEO Y`, `Y，X 创始人`, `CEO of X`).
    static let titles = list(["首席执行官", "执行长", "行政总裁", "总经理", "联合创始人", "创始人", "创办人", "董事长", "总裁", "首席",
                              "负责人", "合伙人", "ceo", "cto", "founder", "co-founder", "chief", "president", "chairman"])

    /// Work verbs that make a duration a person's (`在 X 工作了八年`, `spent five years at X`).
    static let personDurationVerbs = list(["工作", "任职", "担任", "待了", "执业", "效力", "spent", "worked"])
}

/// has_figure: who a figure is about, found by the clause, never by distance
/// alone and never by the document's most mentioned company. In order:
/// an age belongs to the person it describes; `FIG 的 X` to X; an
/// acquisition price or stake to the company acquired; funding and valuation
/// to the company that raised (never an investor); an invested amount to the
/// company invested in; a score to the model of its clause; otherwise the
/// subject of the figure's clause, then of its sentence; with no name before
/// the figure, an anaphor (`该公司`, `其`, `it`) or a subjectless sentence
/// points to the entity the previous sentences were about, and `we` to the
/// speaker's company when the text says who speaks. A figure about a market
/// or an industry gets no owner.
///
/// One instance reads one document's sentences in order (it keeps the topic
/// and the speaker between sentences). Cost: per figure, scans of its clause
/// and sentence against short cue tables.
struct FigureOwners {
    struct Item { var start: Int; var end: Int; var type: EntityType; var entity: Int }

    let lower: [UInt32]
    /// Unit of each figure entity, and the figures that are ages (岁, -year-old).
    var figureUnits: [Int: String] = [:]
    var ageFigures: Set<Int> = []

    /// The entity the text is about, by type and overall (updated per sentence).
    var topic: [EntityType: Int] = [:]
    var topicAny: Int?
    /// The first model of the last sentence that named one as a subject candidate (`X 发布了 M。该模型…`):
    /// `该模型` / `the model` stands for it when no model opened a clause.
    var lastModel: Int?
    /// Who speaks: the person of a transcript line label or of a speech verb, per paragraph.
    var speaker: Int?
    var speakerParagraph = -1
    /// Each person's company, from a title beside the name.
    var affiliation: [Int: Int] = [:]
    /// The speaker named by this line's transcript label (`X：` at the line start).
    var lineSpeaker: Int?
    /// Last names (lowercased) of the persons named so far: `KARIM:` is Ayesha Karim.
    var lastNames: [[UInt32]: Int] = [:]
    /// Persons whose last name is already in `lastNames`.
    var namedPersons: Set<Int> = []
    /// The last person who spoke under a transcript label: who "you" is in the next question.
    var lastGuest: Int?
    /// The company that raised in the last funding sentence (for `本轮`, `the round`).
    var lastRaiser: Int?
    /// Sentences read so far, and the one that last set `topicAny`.
    var sentenceIndex = 0
    var topicSentence = -10
    /// Figures that already have an owner: a later mention does not add another.
    var owned: Set<Int> = []
    /// Companies named as investors anywhere so far: never the company that raised.
    var investors: Set<Int> = []
    /// Whether the current figure's metric came from a cue word (not only from its unit):
    /// the fallbacks to the topic and the speaker need one.
    var cued = false
    var metricFromCue = false
    /// The metric of the figure being placed (a person never owns an organisation's metric).
    var currentMetric = ""

    init(lower: [UInt32]) { self.lower = lower }
    /// The last sentence start whose line start was found, and that line start
    /// (so a long paragraph is not walked back over once per sentence).
    var lineScanFrom = -1, lineScanStart = 0

    /// A figure surface that states an age: `58 岁`, `72 歲`, `three-year-old`.
    /// Cost: a look at the last (up to eight) scalars, no lowercased copy (it
    /// runs for every alias of every figure of a document). The same answer as
    /// `hasSuffix("岁") || hasSuffix("歲") || lowercased().hasSuffix("year-old")`:
    /// a Han scalar or an ASCII letter always starts a new character, and only
    /// ASCII letters lowercase to ASCII letters.
    static func isAge(_ surface: String) -> Bool {
        let s = surface.unicodeScalars
        guard let last = s.last?.value else { return false }
        // 岁, 歲, and the compatibility ideograph U+2F8F3 (canonically 歲)
        if last == 0x5C81 || last == 0x6B72 || last == 0x2F8F3 { return true }
        guard last | 0x20 == 0x64 else { return false } // d / D
        var k = yearOldReversed.count
        for u in s.reversed() {
            guard k > 0 else { break }
            k -= 1
            let c = u.value
            let l = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            if l != yearOldReversed[yearOldReversed.count - 1 - k] { return false }
        }
        return k == 0
    }
    /// `year-old` from its last scalar back.
    static let yearOldReversed: [UInt32] = Array("year-old".unicodeScalars.reversed().map(\.value))

    // MARK: text helpers

    @inline(__always) func at(_ i: Int, _ w: [UInt32]) -> Bool {
        guard FigureParser.hasPrefix(lower, i, w) else { return false }
        if isLatinLetter(w[0]) {
            if i > 0 && isLatinLetter(lower[i - 1]) { return false }
            if let l = w.last, isLatinLetter(l), i + w.count < lower.count, isLatinLetter(lower[i + w.count]) && w.count < 4 { return false }
        }
        return true
    }

    /// Positions in `r` where a word of `words` starts.
    func find(_ words: CueWords, in r: Range<Int>) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var i = max(0, r.lowerBound)
        while i < min(r.upperBound, lower.count) {
            if !words.mayStart(lower[i]) { i += 1; continue }
            var hit = false
            for k in words.groups.candidates(lower[i]) {
                let w = words.words[k]
                guard i + w.count <= r.upperBound && at(i, w) else { continue }
                out.append((i, i + w.count)); i += w.count; hit = true; break
            }
            if !hit { i += 1 }
        }
        return out
    }

    /// Whether a word of `words` starts in `r` (stops at the first).
    func has(_ words: CueWords, in r: Range<Int>) -> Bool {
        var i = max(0, r.lowerBound)
        let end = min(r.upperBound, lower.count)
        while i < end {
            if words.mayStart(lower[i]) {
                for k in words.groups.candidates(lower[i]) where i + words.words[k].count <= r.upperBound && at(i, words.words[k]) { return true }
            }
            i += 1
        }
        return false
    }

    static let clauseBreaks = ScalarTable([0x2C, 0xFF0C, 0x3B, 0xFF1B, 0x3A, 0xFF1A, 0x2014, 0x28, 0x29])
    /// English clause words: "A scored 71% while B managed 64%".
    static let clauseWords = FigureCues.list([" while ", " whereas ", " but ", " and ", "而", "但", "同时"])
    static let prepositionEnds = ScalarTable(Set(FigureCues.prepositions.words.compactMap(\.last)))
    static let clauseWordEnds = ScalarTable(Set(clauseWords.words.compactMap(\.last)))

    /// The clause around `p`: bounded by commas, semicolons, colons, dashes, while/而 and the sentence.
    func clause(_ p: Int, _ s: Range<Int>) -> Range<Int> {
        // the tables read once per call, not through their lazy globals at every scalar
        let breaks = Self.clauseBreaks, ends = Self.clauseWordEnds, words = Self.clauseWords
        var a = p, b = p
        while a > s.lowerBound && !breaks.contains(lower[a - 1]) {
            if ends.contains(lower[a - 1]),
               words.words.contains(where: { a - $0.count >= s.lowerBound && FigureParser.hasPrefix(lower, a - $0.count, $0) }) { break }
            a -= 1
        }
        while b < s.upperBound && !breaks.contains(lower[b]) {
            if words.mayStart(lower[b]), words.groups.candidates(lower[b]).contains(where: { FigureParser.hasPrefix(lower, b, words.words[$0]) }) { break }
            b += 1
        }
        return a..<b
    }

    /// The preposition right before a mention (up to 3 scalars back, across a space).
    func isPrepositional(_ x: Item) -> Bool {
        var e = x.start
        while e > 0 && lower[e - 1] == 0x20 { e -= 1 }
        guard e > 0 else { return false }
        if lower[e - 1] == 0x3001 { return true } // 、 the second of a list
        guard Self.prepositionEnds.contains(lower[e - 1]) else { return false }
        for w in FigureCues.prepositions where e >= w.count && FigureParser.hasPrefix(lower, e - w.count, w) {
            if isLatinLetter(w[0]) && e - w.count > 0 && isLatinLetter(lower[e - w.count - 1]) { continue }
            return true
        }
        // 的 right before: a name inside a longer noun phrase (`OpenAI 的 GPT-4o`) is still its head, keep it
        if e > 0 && lower[e - 1] == 0x3001 { return true } // 、 the second of a list
        return false
    }

    /// A company after 曾在 / 前 / former: a past employer.
    func isPastEmployer(_ x: Item) -> Bool {
        var e = x.start
        while e > 0 && lower[e - 1] == 0x20 { e -= 1 }
        return FigureCues.pastMarks.contains { e >= $0.count && FigureParser.hasPrefix(lower, e - $0.count, $0) }
    }

    /// A name written right before the metric word nearest the figure in its
    /// clause (`X 目标价`, `X 的估值`, `X's revenue`), when that word is a
    /// company's attribute (`FigureCues.possessedMetrics`).
    func metricPossessor(_ f: Item, _ cl: Range<Int>, _ names: [Item]) -> Item? {
        var i = f.start - 1
        while i >= cl.lowerBound && f.start - i <= 16 {
            if FigureCues.possessedMetrics.mayStart(lower[i]), let w = FigureCues.possessedMetrics.words.first(where: { at(i, $0) && i + $0.count <= f.start }) {
                _ = w
                var e = i
                while e > cl.lowerBound && (lower[e - 1] == 0x20 || lower[e - 1] == 0x7684 || lower[e - 1] == 0x27 || lower[e - 1] == 0x2019 || lower[e - 1] == 0x73) {
                    // spaces, 的, 's
                    if lower[e - 1] == 0x73 && !(e >= 2 && (lower[e - 2] == 0x27 || lower[e - 2] == 0x2019)) { break }
                    e -= 1
                }
                return names.last { $0.end == e && $0.type != .person }
            }
            i -= 1
        }
        return nil
    }

    /// The base of a comparison behind a possessive: `领先深度求索的 X`, `比去年的 X`.
    func isComparisonBase(_ x: Item) -> Bool {
        var e = x.start
        while e > 0 && lower[e - 1] == 0x20 { e -= 1 }
        guard e > 0, lower[e - 1] == 0x7684 else { return false } // 的
        var k = e - 1
        let limit = max(0, e - 12)
        while k > limit && !Self.clauseBreaks.contains(lower[k - 1]) {
            if FigureCues.comparisons.contains(where: { k >= $0.count && FigureParser.hasPrefix(lower, k - $0.count, $0) }) { return true }
            k -= 1
        }
        return false
    }

    /// An investor of a funding sentence: right before 领投 / after "led by".
    func isInvestor(_ x: Item) -> Bool {
        // `向 X 投资`, `对 X 注资`: X receives the money
        var s0 = x.start
        while s0 > 0 && lower[s0 - 1] == 0x20 { s0 -= 1 }
        if s0 > 0 && FigureCues.investTargets.contains(lower[s0 - 1]) { return false }
        var e = x.end
        while e < lower.count && lower[e] == 0x20 { e += 1 }
        // only the words sharing the scalar at e can match there (a word never matches past the text's end)
        if e < lower.count && FigureCues.investorAfter.mayStart(lower[e]) {
            for k in FigureCues.investorAfter.groups.candidates(lower[e]) where at(e, FigureCues.investorAfter.words[k]) { return true }
        }
        // 老股东 X 继续追加投资: a cue a few words after the name, before any comma
        var q = e
        while q < lower.count && q - e <= 6 && !Self.clauseBreaks.contains(lower[q]) && lower[q] != 0x3002 {
            if FigureCues.investorAfter.mayStart(lower[q])
                && FigureCues.investorAfter.groups.candidates(lower[q]).contains(where: { FigureCues.investorAfter.words[$0].count >= 2 && at(q, FigureCues.investorAfter.words[$0]) })
                && !FigureParser.hasPrefix(lower, q, FigureCues.investedPast) { return true }
            q += 1
        }
        // a list of investors: 腾讯、青岚创投跟投
        var k = e
        while k < lower.count && k - e < 24 && lower[k] != 0x3002 && lower[k] != 0xFF0C && lower[k] != 0x2C {
            if lower[e] == 0x3001 && FigureCues.investorAfter.mayStart(lower[k])
                && FigureCues.investorAfter.groups.candidates(lower[k]).contains(where: { at(k, FigureCues.investorAfter.words[$0]) }) { return true }
            k += 1
        }
        var b = x.start
        while b > 0 && lower[b - 1] == 0x20 { b -= 1 }
        let from = max(0, b - 14)
        for (_, we) in find(FigureCues.investorBefore, in: from..<b) where we >= b - 12 {
            // a list of names may stand between the cue and the name (`led by A, B and C`,
            // `由 A、B 领投`), never a clause break (`由 A 领投，B 完成融资`)
            // (normalised text has `,` for `，`: a comma in a gap with Chinese words in it is a clause break)
            let gap = lower[we..<b]
            let hanGap = gap.contains(where: isHan)
            if !gap.contains(where: { $0 == 0x3002 || $0 == 0x3B || (hanGap && ($0 == 0x2C || $0 == 0xFF0C)) }) { return true }
        }
        return false
    }

    // MARK: metric

    /// The metric from the cue nearest the figure in its clause (before it,
    /// else right after it), or from the unit.
    mutating func metric(_ f: Item, _ cl: Range<Int>, _ s: Range<Int>, unit: String, age: Bool) -> String {
        metricFromCue = true
        if age { return "age" }
        var best: (Int, String)?
        // the clause, or a few words into the one before when the clause is short (`B 轮，3 亿美元`)
        let windowStart = max(f.start - cl.lowerBound < 6 ? max(s.lowerBound, cl.lowerBound - 8) : cl.lowerBound, f.start - 40)
        let windowEnd = min(cl.upperBound, f.end + 24)
        let metrics = FigureCues.metrics, metricGroups = FigureCues.metricGroups
        var i = windowStart
        while i < windowEnd {
            if i >= f.start && i < f.end { i = f.end; continue }
            if !FigureCues.metricStarts.mayStart(lower[i]) { i += 1; continue }
            // only the cues starting with this scalar, in table order (the first that matches wins)
            for k in metricGroups.candidates(lower[i]) {
                let (w, m) = metrics[k]
                guard at(i, w) else { continue }
                // 增长到 / 涨到 40 亿: the level reached, not a growth rate
                if m == "growth" && i + w.count < lower.count && (lower[i + w.count] == 0x5230 || lower[i + w.count] == 0x81F3) { break }
                let d = i < f.start ? f.start - i : (i - f.end) + 8 // after the figure counts a little further
                if best == nil || d < best!.0 { best = (d, m) }
                break
            }
            i += 1
        }
        if let b = best { return b.1 }
        // a unit that names what is counted is a cue of its own (1200 名员工, 30 亿参数)
        metricFromCue = Self.countedUnits.contains(unit)
        switch unit {
        case "year", "month", "week", "day", "hour", "minute": return "duration"
        case "employee": return "employees"
        case "person", "engineer", "researcher": return "people"
        case "parameter": return "parameters"
        case "token": return "tokens"
        case "GPU", "chip": return "GPUs"
        case "percent": return "share"
        case "x": return "multiple"
        default: return "amount"
        }
    }

    // MARK: per sentence

    mutating func assign(sentence s: Range<Int>, items: [Item], out: inout [RelationDraft]) {
        sentenceIndex += 1
        let all = items.filter { $0.type != .figure }
        noteSpeakerAndAffiliations(s, all)
        // a transcript label (`X：`) is not part of what the line says
        let names = all.filter { !isLabel($0) }
        for x in names where x.type == .company && isInvestor(x) { investors.insert(x.entity) }
        for f in items where f.type == .figure && !owned.contains(f.entity) {
            let unit = figureUnits[f.entity] ?? ""
            let age = ageFigures.contains(f.entity)
            let cl = clause(f.start, s)
            let metric = metric(f, cl, s, unit: unit, age: age)
            cued = metricFromCue
            currentMetric = metric
            guard let (owner, rule, confidence) = owner(f, s, cl, names, unit: unit, age: age, metric: metric) else { continue }
            owned.insert(f.entity)
            if FigureCues.raiseMetrics.contains(metric) { lastRaiser = owner }
            out.append(RelationDraft(subject: owner, predicate: "has_figure", object: f.entity, metric: metric, sentence: s,
                                     rule: rule, confidence: confidence))
        }
        updateTopic(s, names)
    }

    /// A person at the start of a line followed by a colon: a transcript label.
    func isLabel(_ x: Item) -> Bool {
        guard x.type == .person else { return false }
        var a = x.start
        while a > 0 && lower[a - 1] == 0x20 { a -= 1 }
        guard a == 0 || lower[a - 1] == 0x0A else { return false }
        var e = x.end
        while e < lower.count && lower[e] == 0x20 { e += 1 }
        return e < lower.count && (lower[e] == 0x3A || lower[e] == 0xFF1A)
    }

    /// A person right before a verb of saying (`X 表示，…`): the speaker, not the subject of what is said.
    func isSpeaker(_ x: Item) -> Bool {
        guard x.type == .person else { return false }
        var e = x.end
        while e < lower.count && lower[e] == 0x20 { e += 1 }
        return FigureCues.speech.contains { at(e, $0) } || (e < lower.count && (lower[e] == 0x2C || lower[e] == 0xFF0C)
            && FigureCues.speech.contains { at(e + 1, $0) })
    }

    /// `80% for M`, `64% by M`: the model right after the score and a `for` / `by`. Cost: one short gap.
    func scoredModelAfter(_ f: Item, _ names: [Item]) -> Int? {
        guard let m = names.first(where: { $0.start >= f.end }), m.type == .model, m.start - f.end <= 8,
              FigureCues.scoreFor.contains(stringOf(ArraySlice(lower[f.end..<m.start].filter { $0 != 0x20 }))) else { return nil }
        return m.entity
    }

    /// Does a time-span word end right before the figure (`过去一年`, `over the past year`; spaces and
    /// `about` / `约` not counted)? Cost: a comparison per word over the last few scalars.
    func spansTime(_ f: Item, _ cl: Range<Int>) -> Bool {
        // each word compared from its end backwards against the text before the figure, spaces skipped: no allocation
        let ends = FigureCues.timeSpanLeads.contains { w in
            var i = f.start, k = w.count
            while k > 0 {
                while i > cl.lowerBound && lower[i - 1] == 0x20 { i -= 1 }
                guard i > cl.lowerBound, lower[i - 1] == w[k - 1] else { return false }
                i -= 1; k -= 1
            }
            return true
        }
        guard ends else { return false }
        // `过去十年一直专注于…`, `for the past decade it has been …`: how long a state lasted is the subject's own
        var e = f.end
        while e < cl.upperBound && e - f.end < 3 && (lower[e] == 0x20 || FigureCues.spanTails.contains(lower[e])) { e += 1 }
        return !FigureCues.lastingState.contains { FigureParser.hasPrefix(lower, e, $0) }
    }

    /// The name right before the comma that opens a relative clause (`B, which …`, `P, who …`), for a
    /// figure in that clause. Cost: a look at the clause's first word and the scalars before its comma.
    func relativeAntecedent(_ cl: Range<Int>, _ before: [Item]) -> Item? {
        var a = cl.lowerBound
        while a < cl.upperBound && lower[a] == 0x20 { a += 1 }
        guard FigureCues.relativeWords.contains(where: { at(a, $0) }) else { return nil }
        var e = cl.lowerBound - 1   // the comma
        while e > 0 && lower[e - 1] == 0x20 { e -= 1 }
        return before.last { $0.end == e }
    }

    /// A name right before a verb of saying with another name after the verb in the clause
    /// (`X says M was trained on …`, `X 表示，M …`): the source of the statement, not what it is about.
    /// Cost: one short comparison per verb.
    func isSourceBefore(_ x: Item, _ clauseNames: [Item]) -> Bool {
        guard let next = clauseNames.first(where: { $0.start >= x.end }) else { return false }
        var e = x.end
        while e < next.start && lower[e] == 0x20 { e += 1 }
        // the verb right after the name, then at most a comma and a few scalars before the next name
        guard let w = FigureCues.sourceVerbs.first(where: { e + $0.count <= next.start && FigureParser.hasPrefix(lower, e, $0) }) else { return false }
        return next.start - (e + w.count) <= 4
    }

    /// Neither an oblique name, an investor nor a speaker: a possible subject.
    func isSubjectCandidate(_ x: Item) -> Bool { !isPrepositional(x) && !isInvestor(x) && !isSpeaker(x) && !isComparisonBase(x) }

    /// Owner, rule name and confidence for one figure.
    func owner(_ f: Item, _ s: Range<Int>, _ cl: Range<Int>, _ names: [Item], unit: String, age: Bool, metric: String)
        -> (Int, String, Double)? {
        let money = FigureParser.isMoney(unit)
        // (a transcript's speaker label is who speaks, not what the sentence is about)
        let before = names.filter { $0.end <= f.start && !($0.type == .person && ChineseNames.atLineStart(lower, $0.start) && ChineseNames.labelEnd(lower, $0.end)) }
        let inClauseBefore = before.filter { $0.start >= cl.lowerBound }

        // an age: `58 岁的 X`, `X，58 岁`, `the three-year-old company`
        if age {
            if let x = attachedAfter(f, names), x.type == .person || x.type == .company { return (x.entity, "figure-age-of", 0.7) }
            // `a three-year-old startup`: the company in apposition (`X, a four-year-old startup`) or the one the text is about
            if has(FigureCues.companyNouns, in: f.end..<min(lower.count, f.end + 10)) {
                if let x = before.last(where: { $0.type == .company && cl.lowerBound - $0.end <= 3 }) { return (x.entity, "figure-age-of", 0.6) }
                if let t = topic[.company] { return (t, "figure-age-anaphor", 0.5) }
                return nil
            }
            if let x = inClauseBefore.last(where: { $0.type == .person }) { return (x.entity, "figure-age", 0.6) }
            if let p = topic[.person], has(FigureCues.personAnaphors, in: cl) { return (p, "figure-age-anaphor", 0.5) }
            if let p = speakerNow(), has(FigureCues.me, in: cl.lowerBound..<f.start) { return (p, "figure-age-speaker", 0.5) }
            return nil
        }
        // `年收入 40 亿元的 X`, `参数量约 70 亿的 X`: the figure describes the name after it
        // (not `6 吉瓦的 AMD 芯片`: an amount of a maker's product is the buyer's)
        if !FigureOwners.supplyUnits.contains(unit), let x = attachedAfter(f, names) { return (x.entity, "figure-attached", 0.65) }

        // a supposition: no owner
        if has(FigureCues.hypothetical, in: s.lowerBound..<f.start) { return nil }
        // `过去一年`, `over the past year`: the span a statement covers, no owner
        if ["year", "month", "week", "day"].contains(unit), spansTime(f, cl) { return nil }
        // a market or an industry as a whole: no owner unless its clause names one
        if inClauseBefore.isEmpty && has(FigureCues.marketWords, in: cl.lowerBound..<f.start) { return nil }

        let companies = names.filter { $0.type == .company }
        // an acquisition's price or stake: the company acquired
        if (money || unit == "percent") && !["revenue", "profit", "loss", "market cap", "employees", "growth", "valuation", "funding"].contains(metric) {
            for (a, b) in find(FigureCues.acquireVerbs, in: s) {
                let verb = Array(lower[a..<b])
                // "for" only in "pay … for X" / "deal … for X"; 取得 only before 股权
                if verb == FigureCues.forWord && !(metric == "acquisition price" || has(FigureCues.payOrDeal, in: s.lowerBound..<a)) { continue }
                if verb == FigureCues.takeWord && !has(FigureCues.equity, in: b..<min(s.upperBound, b + 20)) { continue }
                if let (_, pe) = find(FigureCues.passive, in: max(s.lowerBound, a - 20)..<b).last, pe <= b,
                   let y = companies.last(where: { $0.end <= a && $0.end <= pe }) {
                    return (y.entity, "figure-acquired", 0.7)
                }
                if let y = companies.first(where: { $0.start >= b && $0.start - b <= 24 }) { return (y.entity, "figure-acquired", 0.7) }
                // `完成了对 X 的收购`
                if let y = companies.last(where: { $0.end <= a && a - $0.end <= 3 && isPrepositional($0) }) { return (y.entity, "figure-acquired", 0.7) }
            }
        }
        // funding and valuation: the company that raised, never an investor
        if FigureCues.raiseMetrics.contains(metric) && (money || unit.isEmpty) {
            // "values X at $5 billion": the name after the verb
            let values = find(FigureCues.valuesVerbs, in: s).first
            if let (_, b) = values,
               let x = companies.first(where: { $0.start >= b && $0.start - b <= 4 }) {
                return (x.entity, "figure-raised", 0.7)
            }
            // `valuing the company at $900 million`: the company the text is about, never an investor
            if let (_, b) = values, firstAnaphor(in: b..<min(s.upperBound, b + 14))?.1 == .company,
               let t = topic[.company], !investors.contains(t) {
                return (t, "figure-raised-anaphor", 0.6)
            }
            let raisers = companies.filter { !isInvestor($0) && !isPrepositional($0) }
            if let x = raisers.first(where: { $0.end <= f.start }) { return (x.entity, "figure-raised", 0.7) }
            // `新公司已拿到…融资`, `it closed a … round`: the company the text is about
            if let (_, type) = firstAnaphor(in: s.lowerBound..<f.start), type == .company || type == nil,
               let t = topic[.company], !investors.contains(t) {
                return (t, "figure-raised-anaphor", 0.6)
            }
            if let x = raisers.first { return (x.entity, "figure-raised", 0.7) }
            // `we raised`: the speaker's company; a transcript answer about a round: the speaker's company
            if has(FigureCues.we, in: cl.lowerBound..<f.start) || (companies.allSatisfy({ isInvestor($0) }) && lineSpeaker != nil) {
                if let p = speakerNow(), let c = affiliation[p] { return (c, "figure-raised-speaker", 0.55) }
                return nil
            }
            if let c = addresseeCompany(), has(FigureCues.you, in: cl.lowerBound..<f.start) { return (c, "figure-raised-addressee", 0.5) }
            if let t = lastRaiser ?? topic[.company], !investors.contains(t), companies.allSatisfy({ isInvestor($0) }) {
                return (t, "figure-raised-topic", 0.55)
            }
        }
        // an invested amount: the company invested in (`向 X 投资`, `入股 X`, `invest in X`)
        if metric == "investment" && money {
            // (the verb may stand in an earlier clause: `X 向 Y 投资，累计金额约 130 亿美元`)
            // `invest €1.3 billion in X`: the company after the amount
            if let x = companies.first(where: { $0.start >= f.end && $0.start - f.end <= 8 }),
               FigureCues.investedIn.contains(stringOf(ArraySlice(lower[f.end..<x.start].filter { $0 != 0x20 }))),
               has(FigureCues.investVerbs, in: cl.lowerBound..<f.start) {
                return (x.entity, "figure-invested", 0.6)
            }
            for (a, b) in find(FigureCues.investVerbs, in: s.lowerBound..<cl.upperBound).reversed() where !companies.contains(where: { $0.end <= a && a - $0.end <= 6 && isInvestor($0) })
                && !(b < lower.count && FigureCues.investorNounEnds.contains(lower[b])) {
                if let x = companies.first(where: { $0.start >= b && $0.start - b <= 6 }) { return (x.entity, "figure-invested", 0.6) }
                if let x = companies.last(where: { $0.end <= a && $0.start >= s.lowerBound && isPrepositional($0) }) { return (x.entity, "figure-invested", 0.6) }
            }
        }
        // a salary or a stint: the person
        if metric == "salary" || (["year", "month"].contains(unit) && has(FigureCues.personDurationVerbs, in: cl)) {
            if let p = before.last(where: { $0.type == .person }) { return (p.entity, "figure-person", 0.6) }
            if let p = topic[.person], has(FigureCues.personAnaphors, in: s.lowerBound..<f.start) {
                return (p, "figure-person-anaphor", 0.5)
            }
            if let p = speakerNow(), has(FigureCues.me, in: s.lowerBound..<f.start) { return (p, "figure-speaker-self", 0.5) }
        }
        // a score or share next to a model: the model of the clause (`A 71%, B 64%`)
        if unit == "percent" || unit == "point" || unit == "percentage point" {
            // `compared with 80% for B`: the model named right after `for`
            if let m = scoredModelAfter(f, names) { return (m, "figure-model-score-for", 0.6) }
            // `ahead of B at 64%`, `B with 64%`: the score of the model right before it, even a compared one
            if let m = before.last, m.type == .model, f.start - m.end <= 10,
               FigureCues.scoreOf.contains(stringOf(ArraySlice(lower[m.end..<f.start].filter { $0 != 0x20 }))) {
                return (m.entity, "figure-model-score", 0.6)
            }
            if let m = inClauseBefore.last(where: { $0.type == .model && !isPrepositional($0) && !isComparisonBase($0) }) {
                return (m.entity, "figure-model-score", 0.65)
            }
            // `B 的 79.8%`, `B（52.7%）`
            // (a score in parentheses right after a model is that model's own: `B 模型（52.7%）`)
            if let m = before.last(where: { $0.type == .model }),
               case let gap = lower[m.end..<f.start].filter({ $0 != 0x20 }),
               (gap.count <= 1 && !isComparisonBase(m)) || (gap.count <= 4 && (gap.last == 0x28 || gap.last == 0xFF08)) {
                return (m.entity, "figure-model-score", 0.6)
            }
        }
        // a model's size (`M, with 70 billion parameters`, `M has 8B parameters`): the model named last before it in its sentence
        if unit == "parameter", let m = before.last(where: { $0.type == .model && $0.start >= s.lowerBound }) {
            return (m.entity, "figure-model-size", 0.6)
        }
        // the name the metric word belongs to (`将 X 目标价由 450 元调升至`, `X 的市值`, `X 股价上涨`)
        if let x = metricPossessor(f, cl, names), fits(x, unit: unit, money: money) {
            return (x.entity, "figure-metric-possessor", 0.6)
        }
        // `B, which reached 61%`, `M, which has 70 billion parameters`: the name the relative clause describes
        if inClauseBefore.isEmpty, let x = relativeAntecedent(cl, before), fits(x, unit: unit, money: money) {
            return (x.entity, "figure-relative", 0.6)
        }
        // the subject of the clause, then of the sentence
        if let x = inClauseBefore.first(where: { isSubjectCandidate($0) && fits($0, unit: unit, money: money) && !isSourceBefore($0, inClauseBefore) }) {
            return (x.entity, "figure-clause-subject", 0.6)
        }
        // `we` / `our`: the speaker's company, when the text says who speaks
        // (`we` in another clause of the sentence needs a metric word; a bare duration or share
        // in a speaker's musing is not a fact about the company)
        let duration = ["year", "month", "week", "day", "hour", "minute"].contains(unit)
        if (has(FigureCues.we, in: cl.lowerBound..<f.start) && (cued || !duration))
            || (before.isEmpty && (cued || FigureParser.isMoney(unit) || unit == "person") && has(FigureCues.we, in: s.lowerBound..<f.start)) {
            if has(FigureCues.weRivals, in: s.lowerBound..<f.start) { return nil }
            if let p = speakerNow(), let c = affiliation[p] { return (c, "figure-we-speaker", 0.55) }
            return nil
        }
        // `"The team now has 64 employees"` in a speaker's quote: the speaker's company
        if has(FigureCues.quotedTeam, in: cl.lowerBound..<f.start), insideQuote(f.start), let p = speaker, let c = affiliation[p] {
            return (c, "figure-quoted-team", 0.55)
        }
        if cued, let c = addresseeCompany(), has(FigureCues.you, in: cl.lowerBound..<f.start) { return (c, "figure-you-guest", 0.5) }
        // an anaphor in the figure's own clause (`…，公司团队规模将控制在 450 人`)
        // (the subject of an earlier clause of the same sentence first, then the previous sentences')
        // (`P 指出，…公司…` with P's company known: the speaker's company, not the last company that opened a clause)
        if let (_, type) = firstAnaphor(in: cl.lowerBound..<f.start), type == .company, cued, money || unit == "percent" || unit == "person",
           !before.contains(where: { $0.type == .company && $0.start >= s.lowerBound }),
           let p = speakerNow(), let c = affiliation[p] {
            return (c, "figure-anaphor-speaker", 0.5)
        }
        if let (_, type) = firstAnaphor(in: cl.lowerBound..<f.start), let t = type, cued || t == .person || (t == .company && unit == "person"),
           t != .person || fitsPerson(unit: unit, money: money),
           let e = before.first(where: { $0.type == t && $0.start < cl.lowerBound && isSubjectCandidate($0) })?.entity ?? topic[t]
               ?? (t == .model ? lastModel : nil) {
            return (e, "figure-anaphor", 0.5)
        }
        // `its` / `其` right before the figure: the sentence's subject, not the nearest name
        let possessive = FigureCues.possessives.words.contains { w in
            (1...3).contains { d in f.start - d - w.count >= s.lowerBound && FigureParser.hasPrefix(lower, f.start - d - w.count + 1, w)
                && lower[(f.start - d + 1)..<f.start].allSatisfy { $0 == 0x20 || $0 == 0x7684 } }
        }
        if possessive, let x = before.first(where: { isSubjectCandidate($0) && fits($0, unit: unit, money: money) }) {
            return (x.entity, "figure-possessive-subject", 0.5)
        }
        if let x = before.last(where: { isSubjectCandidate($0) && fits($0, unit: unit, money: money) }) {
            return (x.entity, "figure-sentence-subject", 0.5)
        }
        // an anaphor before the figure (the first one of the sentence): the entity the text is about
        if let (w, type) = firstAnaphor(in: s.lowerBound..<f.start) {
            if w == FigureCues.thisRound, let r = lastRaiser { return (r, "figure-anaphor", 0.5) }
            if let t = type {
                if let e = topic[t], cued || t == .person || (t == .company && unit == "person"), t != .person || fitsPerson(unit: unit, money: money) { return (e, "figure-anaphor", 0.5) }
            }
            else if let e = topicAny, cued { return (e, "figure-anaphor", 0.5) }
        }
        return nil
    }

    func fitsPerson(unit: String, money: Bool) -> Bool {
        !FigureCues.organisationMetrics.contains(currentMetric) && !money && unit != "percent" && unit != "x" && unit != "point" && !Self.supplyUnits.contains(unit)
            && !Self.workforceUnits.contains(unit)
    }

    /// What an organisation has, never a person (`she added that the team now has 64 employees`: no `has_figure`
    /// for her): staff, customers, seats.
    static let workforceUnits: Set<String> = ["employee", "engineer", "researcher", "customer", "seat"]

    /// Units that say what is counted, so a figure in them carries its own metric.
    static let countedUnits: Set<String> = ["employee", "engineer", "researcher", "parameter", "token", "GPU", "chip",
                                            "customer", "data center", "seat", "share", "rack"]

    /// Units of compute and supply deals (`部署 6 吉瓦的 AMD GPU`): the buyer's, never the maker's or a person's.
    static let supplyUnits: Set<String> = ["GW", "MW", "GPU", "chip", "EFLOPS", "PFLOPS", "rack"]

    /// Words that contain an anaphor's characters without being one (其中 "among them", 尤其).
    static let notAnaphors = FigureCues.list(["其中", "其他", "其它", "其实", "其余", "尤其", "极其", "其次", "他们", "她们", "它们", "他人"])
    /// Noun anaphors (公司, 实验室, 团队) refer back unless a modifier glued in
    /// front makes them a description (`初创公司`, `上市公司`, `科技公司`, `X 的公司`,
    /// `一家公司`, `AI 实验室`): the characters that end such modifiers.
    static let nounAnaphorBlockers = ScalarTable(Set("创市技业母子资能的一两几多大小型级类些个某家司方".unicodeScalars.map(\.value)))

    /// The first anaphor in `r`, with the type it refers to.
    func firstAnaphor(in r: Range<Int>) -> ([UInt32], EntityType?)? {
        var i = r.lowerBound
        while i < r.upperBound {
            if !FigureCues.anaphorStarts.mayStart(lower[i]) && !Self.notAnaphors.mayStart(lower[i]) { i += 1; continue }
            if Self.notAnaphors.contains(where: { at(i, $0) }) { i += 2; continue }
            for (w, type) in FigureCues.anaphors where i + w.count <= r.upperBound && at(i, w) {
                if isHan(w[0]) && w.count >= 2 && i > 0 && (Self.nounAnaphorBlockers.contains(lower[i - 1]) || isLatinAlnum(lower[i - 1])
                    || (lower[i - 1] == 0x20 && i > 1 && isLatinAlnum(lower[i - 2])))
                    && !FigureCues.anaphors.contains(where: { $0.0.count > w.count && i >= $0.0.count - w.count && FigureParser.hasPrefix(lower, i - ($0.0.count - w.count), $0.0) }) {
                    break
                }
                return (w, type)
            }
            i += 1
        }
        return nil
    }

    /// Persons own ages, durations and counts; money and shares belong to
    /// organisations and models.
    func fits(_ x: Item, unit: String, money: Bool) -> Bool {
        if x.type == .person { return fitsPerson(unit: unit, money: money) }
        return true
    }

    /// The name a figure describes when the figure modifies it:
    /// `FIG 的 X`, `FIG 的「X」`, `the FIG X` (`a four-person team`, `the three-year-old company`).
    func attachedAfter(_ f: Item, _ names: [Item]) -> Item? {
        guard let x = names.first(where: { $0.start >= f.end }) else { return nil }
        var k = f.end
        while k < x.start && lower[k] == 0x20 { k += 1 }
        guard k < x.start, lower[k] == 0x7684 else { return nil } // 的
        k += 1
        // a few modifiers may stand between (`的初创公司 X` is too far)
        let gap = x.start - k
        if gap > 4 { return nil }
        for q in k..<x.start where lower[q] == 0xFF0C || lower[q] == 0x2C || lower[q] == 0x3002 { return nil }
        return x
    }

    // MARK: speakers, affiliations and topic

    /// The guest's company while an unnamed interviewer (`主持人：`, `HOST:`) speaks.
    func addresseeCompany() -> Int? {
        guard lineSpeaker == nil, speaker == nil, let g = lastGuest else { return nil }
        return affiliation[g]
    }

    /// The person speaking now, if the text says.
    func speakerNow() -> Int? { speaker ?? lineSpeaker }

    /// Is position p inside a quotation opened earlier in its paragraph (`“…`, `"…`, `「…`)?
    /// Cost: one read back to the paragraph start.
    func insideQuote(_ p: Int) -> Bool {
        var depth = 0, straight = 0
        var i = p - 1
        while i >= 0 && lower[i] != 0x0A {
            switch lower[i] {
            case 0x201C, 0x300C: depth += 1
            case 0x201D, 0x300D: depth -= 1
            case 0x22: straight += 1
            default: break
            }
            i -= 1
        }
        return depth > 0 || straight % 2 == 1
    }

    mutating func noteSpeakerAndAffiliations(_ s: Range<Int>, _ names: [Item]) {
        // a new paragraph drops the speaker of quotes; a transcript label sets it
        var lineStart = s.lowerBound
        while lineStart > 0 && lower[lineStart - 1] != 0x0A {
            // back at the previous sentence's start with no line break between: its line start is known
            if lineStart == lineScanFrom { lineStart = lineScanStart; break }
            lineStart -= 1
        }
        lineScanFrom = s.lowerBound
        lineScanStart = lineStart
        if lineStart != speakerParagraph {
            speakerParagraph = lineStart
            speaker = nil
            // a transcript label (`X：`, `**记者：**`) changes who speaks until
            // the next label; a line without one keeps the last label's speaker
            var a = lineStart
            while a < lower.count && (lower[a] == 0x20 || lower[a] == 0x2A) { a += 1 }
            var colon = a
            while colon < lower.count && colon - a <= 16 && lower[colon] != 0x3A && lower[colon] != 0x0A
                    && lower[colon] != 0xFF0C && lower[colon] != 0x2C && lower[colon] != 0x3002 { colon += 1 }
            if colon < lower.count && lower[colon] == 0x3A && colon > a {
                lineSpeaker = names.first(where: { $0.type == .person && $0.start == a && $0.end <= colon })?.entity
                // `KARIM:` — a label with a known person's last name
                if lineSpeaker == nil {
                    var e = colon
                    while e > a && (lower[e - 1] == 0x20 || lower[e - 1] == 0x2A) { e -= 1 }
                    lineSpeaker = lastNames[Array(lower[a..<e])]
                }
                if let p = lineSpeaker { lastGuest = p }
            }
        }
        // last names of the persons named so far, for transcript labels
        let hasPerson = names.contains { $0.type == .person }
        for p in names where p.type == .person && !namedPersons.contains(p.entity) {
            namedPersons.insert(p.entity)
            var k = p.end
            while k > p.start && lower[k - 1] != 0x20 && !isNameDot(lower[k - 1]) { k -= 1 }
            if k > p.start && p.end - k >= 2 { lastNames[Array(lower[k..<p.end])] = p.entity }
        }
        // `X 表示`, `他说`, `X said`: the speaker of this sentence's quote
        // (no person named and none to refer back to: no speaker to find)
        for (a, b) in (hasPerson || topic[.person] != nil ? find(FigureCues.speech, in: s) : []) {
            if let p = names.last(where: { $0.type == .person && $0.end <= a && a - $0.end <= 8 }) { speaker = p.entity; break }
            // `…," said Jane Roe`: the person right after the verb
            if let p = names.first(where: { $0.type == .person && $0.start >= b && $0.start - b <= 2 }) { speaker = p.entity; break }
            if a >= 1 && (lower[a - 1] == 0x4ED6 || lower[a - 1] == 0x5979), let p = topic[.person] { speaker = p; break } // 他 她
        }
        // titles tie persons to companies: `X 的 CEO Y`, `Y，X 创始人`, `Y, CEO of X`
        for p in names where p.type == .person && affiliation[p.entity] == nil {
            // (a past employer, `曾在 X 担任`, `former X researcher`, is not the person's company)
            let near = names.filter { $0.type == .company && !isPastEmployer($0) && abs(($0.start < p.start ? p.start - $0.end : $0.start - p.end)) <= 30 }
            // titles are matched loosely at their end: scraped text glues them to the name (`CEODario`)
            let window = max(s.lowerBound, p.start - 16)..<min(s.upperBound, p.end + 16)
            let hasTitle = window.contains { i in FigureCues.titles.mayStart(lower[i]) && FigureCues.titles.contains { FigureParser.hasPrefix(lower, i, $0) && (i == 0 || !isLatinLetter(lower[i - 1]) || !isLatinLetter($0[0])) } }
            guard hasTitle else { continue }
            if let c = near.min(by: { abs($0.start - p.start) < abs($1.start - p.start) }) { affiliation[p.entity] = c.entity }
            else if let c = topic[.company] { affiliation[p.entity] = c }
        }
    }

    /// The sentence's subject becomes the topic for the sentences after it:
    /// the first name of each clause, when it opens the clause (within a few
    /// words of its start) and is neither oblique, an investor nor a speaker.
    mutating func updateTopic(_ s: Range<Int>, _ names: [Item]) {
        if let m = names.first(where: { $0.type == .model && isSubjectCandidate($0) }) { lastModel = m.entity }
        var first = true
        var lastClause = -1
        for x in names {
            // only a name within a few scalars of its clause start can open it
            var a = x.start
            while a > s.lowerBound && x.start - a <= 9 && !Self.clauseBreaks.contains(lower[a - 1]) && !Self.clauseWordEnds.contains(lower[a - 1]) { a -= 1 }
            guard x.start - a <= 9 else { continue }
            let cl = clause(x.start, s)
            guard cl.lowerBound != lastClause else { continue }
            lastClause = cl.lowerBound
            // a speaker (`X 表示，…`) is the person the next `他` refers to
            if x.type == .person && isSpeaker(x) && x.start - cl.lowerBound <= 8 { topic[.person] = x.entity; continue }
            guard x.start - cl.lowerBound <= 8, isSubjectCandidate(x) else { continue }
            topic[x.type] = x.entity
            if first { topicAny = x.entity; topicSentence = sentenceIndex; first = false }
        }
    }
}
