import KGCore

/// Finds mentions of the four types in normalised text: lexicon keys, model
/// name patterns, Latin and transliterated names, cued Chinese names and
/// figures. One left-to-right pass; at each position the longest candidate wins.
struct Recognizer {
    let lexicon: Lexicon

    func mentions(in nt: NormalizedText) -> [Mention] {
        let text = nt.text, lower = nt.lower
        let n = text.count
        var out: [Mention] = []
        // candidates found by a look back (organisation head words, coined
        // model names) or ahead (a name after a title), keyed by their start
        var pending: [Int: (end: Int, type: EntityType, rule: String, stemEnd: Int)] = [:]
        let at = NameTriggers.positions(text)
        // an organisation whose name opens with a place: where its stem starts after the place (see `Mention.stemStart`)
        var placeStemStart: [Int: Int] = [:]
        for o in ChineseNames.organisations(text, at: at.org) {
            pending[o.start] = (o.end, .company, "org-head", o.stemEnd)
            if o.stemStart > o.start { placeStemStart[o.start] = o.stemStart }
        }
        for o in ChineseNames.bareOrganisations(text, at: at.bare) where pending[o.start] == nil { pending[o.start] = (o.end, .company, "org-context", -1) }
        for f in ChineseFrames.scan(text, at: at.frame) where pending[f.start] == nil { pending[f.start] = (f.end, f.type, "org-frame", -1) }
        for o in ChineseFrames.outlets(text, at: at.outlets) where (pending[o.start]?.end ?? 0) < o.end { pending[o.start] = (o.end, .company, "outlet", -1) }
        for m in ChineseFrames.models(text, at: at.model) where pending[m.start] == nil { pending[m.start] = (m.end, .model, "model-frame", -1) }
        for p in ChineseFrames.programmes(text, at: at.model) where pending[p.start] == nil { pending[p.start] = (p.end, .company, "programme", -1) }
        for m in CoinedModels.chinese(text, lower, at: at.coined) { pending[m.start] = (m.end, .model, "coined-model", -1) }
        // the pending starts as a flat table: most positions have none
        let startTable = Recognizer.startTable
        var hasPending = [Bool](repeating: false, count: n + 1)
        for k in pending.keys { hasPending[k] = true }
        var i = 0
        while i < n {
            if nt.blocked[i] { i += 1; continue }
            let c = text[i]
            if c == 0x20 || c == 0x0A { i += 1; continue }
            // most characters start nothing: decide that with table loads only
            let lexStart = lexicon.mayStart(lower[i])
            let latin = isLatinAlnum(c)
            let starts = c < 0x10000 ? startTable[Int(c)] : 0
            let figureStart = starts & Recognizer.figureStartBit != 0
            if !lexStart && !latin && starts == 0 && !hasPending[i] {
                i += 1
                continue
            }
            // inside a Latin word (an ASCII letter after a Latin letter) nothing starts:
            // the lexicon, the model and name scanners and the figure parser all want a
            // word start there, except at a camel-case join (`CEODario`: upper, Upper,
            // lower), and the `ceo` cue is read wherever it is. Decided here without
            // building a candidate (most Latin letters are inside a word).
            if i > 0 && isASCIILetter(c) && c != 0x43 && c != 0x63 && isLatinLetter(text[i - 1]) && !hasPending[i]
                && !(isASCIIUpper(text[i - 1]) && isASCIIUpper(c) && i + 1 < n && isASCIILower(text[i + 1])) {
                i += 1
                continue
            }
            var best: Mention?
            if lexStart, let (len, e) = lexicon.longestMatch(in: nt, at: i), LexiconContexts.accepts(nt, i, i + len, lexicon.entries[e]) {
                let entry = lexicon.entries[e]
                if let maker = LexiconContexts.makerInstead(nt, i, i + len, entry) {
                    best = Mention(start: i, end: i + len, type: .company, canonical: maker, lexiconEntry: lexicon.index(of: maker),
                                   rule: "lexicon")
                } else {
                    Recognizer.keepLonger(&best, Mention(start: i, end: i + len, type: entry.type, canonical: entry.name, lexiconEntry: e,
                                  maker: entry.maker, rule: "lexicon"))
                }
            }
            if isLatinAlnum(c) {
                if let f = ModelNames.scan(text, lower, at: i) {
                    let m = Mention(start: i, end: f.end, type: .model, canonical: f.canonical, maker: f.maker, rule: "model-pattern")
                    if let b = best, b.end == f.end, b.type == .model {
                        // same extent: keep the lexicon's canonical name (a graph-learnt entry may lack the maker)
                        if b.maker == nil { best!.maker = f.maker }
                    } else {
                        Recognizer.keepLonger(&best, m)
                    }
                }
                if isASCIIUpper(c) {
                    // the run of capitalised words at i, read once for both name readers
                    let run = NameRules.capitalisedRun(text, i)
                    if let name = NameRules.latinName(text, at: i, run: run) {
                        Recognizer.keepLonger(&best, Mention(start: i, end: name.end, type: name.type, canonical: name.name, rule: "latin-name"))
                    } else if best == nil || best!.rule == "lexicon" {
                        if let e = LatinContexts.model(nt, at: i) {
                            Recognizer.keepLonger(&best, Mention(start: i, end: e, type: .model, canonical: stringOf(text[i..<e]), rule: "coined-model"))
                        } else if let name = LatinContexts.name(nt, at: i, run: run) {
                            Recognizer.keepLonger(&best, Mention(start: i, end: name.end, type: name.type,
                                                                 canonical: stringOf(text[i..<name.end]), rule: "latin-context"))
                        }
                    }
                }
            }
            if isHan(c) {
                if NameRules.isTransliteration(c) {
                    var d = i + 1
                    while d < n && d - i <= 6 && (NameRules.isTransliteration(text[d]) || (isHan(text[d]) && d + 1 < n && isNameDot(text[d + 1]))) { d += 1 }
                    if d < n && isNameDot(text[d]), let dn = NameRules.dotName(text, dot: d), dn.start == i {
                        Recognizer.keepLonger(&best, Mention(start: i, end: dn.end, type: .person, canonical: stringOf(text[i..<dn.end]),
                                      rule: "dot-name"))
                    }
                }
                if c < 0x10000 && NameRules.roleCueFirst[Int(c)] {
                for cue in NameRules.roleCues where FigureParser.hasPrefix(text, i, cue) {
                    if let nm = NameRules.cuedChineseName(text, cueEnd: i + cue.count) { pending[nm.start] = (nm.end, .person, "cued-name", -1); hasPending[nm.start] = true }
                    break
                }
                }
                // a surname with a title before it or a speech verb after it
                if best == nil, ChineseNames.surnameLength(text, i) > 0 {
                    let titled = ChineseNames.titled(text, before: i)
                    if let e = ChineseNames.person(text, at: i, titled: titled) {
                        best = Mention(start: i, end: e, type: .person, canonical: stringOf(text[i..<e]),
                                       rule: titled ? "cued-name" : "chinese-name")
                    }
                }
            } else if c == 0x43 || c == 0x63 {
                // CEO / ceo cue before a Chinese name
                if FigureParser.hasPrefix(lower, i, NameRules.u("ceo")),
                   let nm = NameRules.cuedChineseName(text, cueEnd: i + 3), nm.start > i + 3 {
                    pending[nm.start] = (nm.end, .person, "cued-name", -1)
                    hasPending[nm.start] = true
                }
            }
            if hasPending[i], let p = pending[i] {
                var m = Mention(start: i, end: p.end, type: p.type, canonical: stringOf(text[i..<p.end]), rule: p.rule)
                m.stemEnd = p.stemEnd
                if p.rule == "org-head", let ss = placeStemStart[i] { m.stemStart = ss }
                // a lexicon name with a head word after it (`某公司科技`, `某公司集团`, `Google 科技`)
                // stays the lexicon's, unless the head names a branch of its own (`某某资本`, `某某研究院`)
                // `Acme Robotics 模型`: the word `模型` after the name outweighs its suffix
                if p.rule == "model-frame", let b = best, b.rule == "latin-name", b.end == p.end { best = nil }
                let lexiconStem = p.type == .company && best?.type == .company && best!.rule == "lexicon" && p.stemEnd <= best!.end
                let branch = p.stemEnd >= 0 && Recognizer.branchHeads.prefix(text, at: p.stemEnd) > 0 || Recognizer.branchHeads.prefix(text, at: p.stemEnd + 1) > 0
                // `某公司RT-2`: a known company glued to a Latin model name is its maker, not part of the name
                let makerGlued = p.rule == "coined-model" && best.map { $0.rule == "lexicon" && $0.type == .company && $0.end < p.end && isLatinLetter(text[$0.end]) } == true
                if !(lexiconStem && !branch) && !makerGlued {
                    Recognizer.keepLonger(&best, m)
                } else if makerGlued, let b = best {
                    pending[b.end] = (p.end, .model, "coined-model", -1)   // the rest of the span is the model
                    hasPending[b.end] = true
                }
            }
            if figureStart {
                if let f = FigureParser.parse(lower, at: i) {
                    if best == nil || f.end > best!.end {
                        let payload = FigurePayload(value: f.value, upperValue: f.upperValue, unit: f.unit, surface: "")
                        best = Mention(start: f.modifiedStart < i && (out.last?.end ?? 0) <= f.modifiedStart ? f.modifiedStart : i,
                                       end: f.end, type: .figure, canonical: "", figure: payload, rule: "figure")
                        best!.coreStart = i
                        best!.unitImplied = f.unitImplied
                    }
                }
            }
            if var b = best {
                // a known company followed by a branch word (`某公司云`, `微软研究院`,
                // `Google Cloud`): the branch is an organisation of its own
                if b.rule == "lexicon" && b.type == .company, let e = Recognizer.branchEnd(text, lower, b.end) {
                    let latin = isLatinLetter(text[b.start])
                    let name = latin ? b.canonical + stringOf(text[b.end..<e]) : stringOf(text[b.start..<e])
                    b = Mention(start: b.start, end: e, type: .company, canonical: name, rule: "org-branch")
                }
                // `Max Planck Institute for Intelligent Systems`, `Allen Institute for AI`: one name
                if b.type == .company && isLatinLetter(text[b.start]), let e = Recognizer.institutionEnd(text, lower, b.end) {
                    b = Mention(start: b.start, end: e, type: .company, canonical: stringOf(text[b.start..<e]), rule: "latin-name")
                }
                // a lexicon company right before an organisation stem names its
                // branch (`微软亚洲研究院`): one name
                if b.rule == "lexicon" && b.type == .company, let p = pending[b.end], p.type == .company, p.rule == "org-head" {
                    b = Mention(start: b.start, end: p.end, type: .company, canonical: stringOf(text[b.start..<p.end]), rule: "org-head")
                }
                out.append(b)
                i = b.end
                if (b.type == .person || b.type == .company), let t = parenthesisedLatin(text, after: b.end) {
                    // 萬斯·帕克(Vance Parker): the translation is a mention of the same kind
                    out.append(Mention(start: t.start, end: t.end, type: b.type, canonical: stringOf(text[t.start..<t.end]), rule: "parenthesised-translation"))
                    i = t.end
                }
            } else {
                i += 1
            }
        }
        addListItems(text, at.lists, &out)
        unifyTypes(&out)
        return out
    }

    /// What a BMP scalar may start, one load per scalar in the main loop:
    /// `hanNameBit`, a Han scalar that may open a name (a transliteration
    /// scalar, the first scalar of a role cue, a surname); `figureStartBit`,
    /// a figure (`FigureParser.mayStart`).
    static let hanNameBit: UInt8 = 1, figureStartBit: UInt8 = 2
    static let startTable: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x10000)
        for c in 0..<UInt32(0x10000) {
            if isHan(c) && (NameRules.isTransliteration(c) || NameRules.roleCueFirst[Int(c)] || ChineseNameTables.surnames.contains(c)) {
                t[Int(c)] |= hanNameBit
            }
            if FigureParser.mayStart(c) { t[Int(c)] |= figureStartBit }
        }
        return t
    }()

    /// Words after a known company's name that name one of its branches, a
    /// separate organisation: `某公司云`, `某公司研究院`, `某公司风投`, `Acme Cloud`.
    static let branchWordsHan = WordList(["云", "智能云", "研究院", "实验室", "风投", "创投", "资本", "中国"])
    static let branchWordsLatin = LatinContexts.words(" cloud| research| ventures| capital| labs")
    /// What must not follow `云` for it to be a cloud branch (`云盘`, `云计算`).
    static let notCloud = WordList(["盘", "计算", "端", "上", "中", "服务器"])

    static func branchEnd(_ t: [UInt32], _ lower: [UInt32], _ end: Int) -> Int? {
        guard end < t.count else { return nil }
        if isHan(t[end]) {
            let h = branchWordsHan.prefix(t, at: end)
            if h == 1 && notCloud.prefix(t, at: end + 1) > 0 { return nil }
            if h > 0 { return end + h }
            if let a = armEnd(t, end) { return a }
            // `某公司达摩院`, `某公司工程院`: one or two characters and 院 name an institute of the company
            var k = end
            while k < t.count && k - end < 2 && isHan(t[k]) && t[k] != 0x9662 && !ChineseNameTables.stemStops.contains(t[k]) { k += 1 }
            // (not a school, `某大学法学院`: the university is the organisation)
            guard k > end, k < t.count, t[k] == 0x9662, t[k - 1] != 0x5B66 else { return nil }
            return k + 1
        }
        guard t[end] == 0x20, end + 1 < t.count, isASCIIUpper(t[end + 1]) else { return nil }
        for w in branchWordsLatin where LatinContexts.startsWith(lower, at: end, [w]) { return end + w.count }
        return nil
    }

    /// `某公司投资` as an investor among others (`由某公司投资、甲创投参投`, `甲、某公司投资和乙跟投`):
    /// a known company's investment arm, a separate organisation — only where a list or a round
    /// cue follows, since `某公司投资了…` is the verb.
    static let armWords = WordList(["投资"])
    static let afterArm = WordList(["、", "和", "与", "及", "等", "领投", "跟投", "参投", "联合领投", "共同领投"])

    static func armEnd(_ t: [UInt32], _ end: Int) -> Int? {
        let h = armWords.prefix(t, at: end)
        guard h > 0, afterArm.prefix(t, at: end + h) > 0 else { return nil }
        return end + h
    }

    /// Institution words that take an `of` / `for` complement as part of the name.
    static let institutionWords = LatinContexts.words("institute|foundation|center|centre|school|academy|laboratory|college|museum|council")

    /// The end of `… Institute for Intelligent Systems` when the name ending at
    /// `end` ends with an institution word: one to three capitalised words (or
    /// `AI`) after ` for ` / ` of `. Cost: a few comparisons at a company's end.
    static func institutionEnd(_ t: [UInt32], _ lower: [UInt32], _ end: Int) -> Int? {
        guard end + 5 < t.count, t[end] == 0x20, LatinContexts.endsWith(lower, before: end, institutionWords),
              let link = [Array(scalarsOf: " for "), Array(scalarsOf: " of ")].first(where: { w in
                  end + w.count < t.count && Array(lower[end..<(end + w.count)]) == w }) else { return nil }
        var k = end + link.count
        var e = end
        var words = 0
        while words < 3 && k < t.count && isASCIIUpper(t[k]) {
            var w = k + 1
            while w < t.count && isLatinLetter(t[w]) { w += 1 }
            e = w
            words += 1
            guard w + 1 < t.count, t[w] == 0x20, isASCIIUpper(t[w + 1]) else { break }
            k = w + 1
        }
        return words > 0 ? e : nil
    }

    /// Heads after a known company's name that name a separate branch
    /// (`某某资本`, `某某研究院`), not the company itself.
    static let branchHeads = WordList(["资本", "创投", "研究院", "实验室", "基金"])

    /// Words that end an item of a Chinese list (`A、B和C等公司`).
    static let listEnds = WordList(["、", "，", "。", "和", "与", "及", "等", "的", "都", "也", "均", "在", "领投", "跟投",
                                    "参投", "联合", "共同", "；", "）", ")", ",", "已", "将", "则", "还"])
    /// Words that may open a Chinese list (`包括A、B`).
    static let listOpeners = WordList(["包括", "例如", "比如", "诸如", "如", "像", "有", "由", "和", "与", "及", "、", "是"])

    /// `腾讯、某某和阿里巴巴`: an item of two to four Han characters next to a
    /// company in a list separated by `、` is a company too. Runs until no item
    /// is added (at most three passes). Cost: one pass over the `、` of the text.
    func addListItems(_ t: [UInt32], _ commas: [Int], _ out: inout [Mention]) {
        guard !commas.isEmpty else { return }
        let n = t.count
        for _ in 0..<3 {
            // the mention ending (starting) at each position, -1 for none: two flat
            // tables indexed by position (a load each), not dictionaries to hash into
            var byEnd = [Int](repeating: -1, count: n + 2), byStart = byEnd
            for (k, m) in out.enumerated() where m.start >= 0 && m.end <= n { byEnd[m.end] = k; byStart[m.start] = k }
            var added: [Mention] = []
            for p in commas where p >= 0 && p < n {
                // the types of the mentions right before and after the `、` (nil: none)
                let left = byEnd[p] >= 0 ? out[byEnd[p]].type : nil, right = byStart[p + 1] >= 0 ? out[byStart[p + 1]].type : nil
                if left == .company && right == nil {
                    let s = p + 1
                    var e = s
                    while e < n && isHan(t[e]) && e - s < 5 && Self.listEnds.prefix(t, at: e) == 0 { e += 1 }
                    if e - s >= 2 && e - s <= 4 && (e >= n || Self.listEnds.prefix(t, at: e) > 0 || !isHan(t[e]))
                        && ChineseNames.plausibleBareName(t, s, e) && byStart[s] < 0 {
                        added.append(Mention(start: s, end: e, type: .company, canonical: stringOf(t[s..<e]), rule: "list-item"))
                    }
                } else if right == .company && left == nil {
                    let e = p
                    var s = e
                    while s > 0 && isHan(t[s - 1]) && e - s < 4 && Self.listOpeners.suffix(t, before: s) == 0 && byEnd[s] < 0 { s -= 1 }
                    let opened = s == 0 || !isHan(t[s - 1]) || Self.listOpeners.suffix(t, before: s) > 0
                    if e - s >= 2 && opened && ChineseNames.plausibleBareName(t, s, e) {
                        added.append(Mention(start: s, end: e, type: .company, canonical: stringOf(t[s..<e]), rule: "list-item"))
                    }
                }
            }
            guard !added.isEmpty else { return }
            out += added
            out.sort { $0.start < $1.start }
        }
    }

    /// Names typed by context may get different types at different mentions
    /// (`Acme said` reads as a person, `Acme, a startup` as a company): the
    /// document's majority wins, a tie goes to model, then company.
    func unifyTypes(_ out: inout [Mention]) {
        let contextual: Set<String> = ["latin-context", "coined-model", "latin-name", "model-frame", "org-frame"]
        var votes: [String: [EntityType: Int]] = [:]
        for m in out where contextual.contains(m.rule) { votes[m.canonical.lowercased(), default: [:]][m.type, default: 0] += 1 }
        guard votes.values.contains(where: { $0.count > 1 }) else { return }
        let rank: [EntityType: Int] = [.model: 3, .company: 2, .person: 1]
        for k in out.indices where contextual.contains(out[k].rule) {
            guard let v = votes[out[k].canonical.lowercased()], v.count > 1 else { continue }
            out[k].type = v.max { ($0.value, rank[$0.key] ?? 0) < ($1.value, rank[$1.key] ?? 0) }!.key
        }
    }

    /// Keeps the longer of the candidate so far and `b` (the one so far wins a
    /// tie), in place: the loser is dropped without copying the winner.
    @inline(__always) static func keepLonger(_ best: inout Mention?, _ b: Mention) {
        if best != nil && best!.end >= b.end { return }
        best = b
    }

    /// A capitalised Latin name in parentheses right after `p`: `(Vance Parker)`.
    func parenthesisedLatin(_ t: [UInt32], after p: Int) -> (start: Int, end: Int)? {
        var s = p
        if s < t.count && t[s] == 0x20 { s += 1 }
        guard s < t.count, t[s] == 0x28 else { return nil }
        s += 1
        let words = NameRules.capitalisedRun(t, s)
        guard let last = words.last, last.end < t.count, t[last.end] == 0x29 else { return nil }
        if lexicon.longestMatch(in: Normalizer.normalize(scalars: Array(t[s..<last.end])), at: 0) != nil { return nil }
        return (s, last.end)
    }
}
