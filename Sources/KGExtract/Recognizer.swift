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
        for o in ChineseNames.organisations(text) { pending[o.start] = (o.end, .company, "org-head", o.stemEnd) }
        for m in CoinedModels.chinese(text, lower) { pending[m.start] = (m.end, .model, "coined-model", -1) }
        var i = 0
        while i < n {
            if nt.blocked[i] { i += 1; continue }
            let c = text[i]
            if c == 0x20 || c == 0x0A { i += 1; continue }
            // most characters start nothing: decide that with table loads only
            let lexStart = lexicon.mayStart(lower[i])
            let latin = isLatinAlnum(c)
            let han = isHan(c)
            let hanCandidate = han && (NameRules.isTransliteration(c) || (c < 0x10000 && NameRules.roleCueFirst[Int(c)])
                                       || ChineseNameTables.surnames.contains(c))
            let figureStart = FigureParser.mayStart(c)
            if !lexStart && !latin && !hanCandidate && !figureStart && (pending.isEmpty || pending[i] == nil) {
                i += 1
                continue
            }
            var best: Mention?
            if lexStart, let (len, e) = lexicon.longestMatch(in: nt, at: i) {
                let entry = lexicon.entries[e]
                best = Recognizer.longer(best, Mention(start: i, end: i + len, type: entry.type, canonical: entry.name, lexiconEntry: e,
                              maker: entry.maker, rule: "lexicon"))
            }
            if isLatinAlnum(c) {
                if let f = ModelNames.scan(text, lower, at: i) {
                    let m = Mention(start: i, end: f.end, type: .model, canonical: f.canonical, maker: f.maker, rule: "model-pattern")
                    if let b = best, b.end == f.end, b.type == .model {
                        // same extent: keep the lexicon's canonical name
                    } else {
                        best = Recognizer.longer(best, m)
                    }
                }
                if isASCIIUpper(c), let name = NameRules.latinName(text, at: i) {
                    best = Recognizer.longer(best, Mention(start: i, end: name.end, type: name.type, canonical: name.name, rule: "latin-name"))
                }
            }
            if isHan(c) {
                if NameRules.isTransliteration(c) {
                    var d = i + 1
                    while d < n && d - i <= 6 && NameRules.isTransliteration(text[d]) { d += 1 }
                    if d < n && isNameDot(text[d]), let dn = NameRules.dotName(text, dot: d), dn.start == i {
                        best = Recognizer.longer(best, Mention(start: i, end: dn.end, type: .person, canonical: stringOf(text[i..<dn.end]),
                                      rule: "dot-name"))
                    }
                }
                if c < 0x10000 && NameRules.roleCueFirst[Int(c)] {
                for cue in NameRules.roleCues where FigureParser.hasPrefix(text, i, cue) {
                    if let nm = NameRules.cuedChineseName(text, cueEnd: i + cue.count) { pending[nm.start] = (nm.end, .person, "cued-name", -1) }
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
                }
            }
            if !pending.isEmpty, let p = pending[i] {
                var m = Mention(start: i, end: p.end, type: p.type, canonical: stringOf(text[i..<p.end]), rule: p.rule)
                m.stemEnd = p.stemEnd
                // a lexicon name with a generic head after it (`百度公司`) stays the lexicon's
                if !(p.type == .company && best?.type == .company && best!.rule == "lexicon" && p.stemEnd <= best!.end
                     && ChineseNameTables.weakOrgHeads.prefix(text, at: best!.end) > 0) {
                    best = Recognizer.longer(best, m)
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
        return out
    }

    /// The longer of two candidates (the first wins a tie).
    @inline(__always) static func longer(_ a: Mention?, _ b: Mention) -> Mention? {
        if let a = a, a.end >= b.end { return a }
        return b
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
