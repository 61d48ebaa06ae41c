/// Chinese person and organisation names found by their shape and context,
/// without a lexicon: a surname plus one or two given characters next to a
/// title or a speech verb; a stem plus an organisation head word. The word
/// tables are in `ChineseNameTables`. Every function here looks at a few
/// characters around one position (cost: a handful of table loads), except
/// `count`, which scans the document and is only called to settle a name's length.
enum ChineseNames {
    typealias T = ChineseNameTables

    static let secondGivenStops = T.givenStops
    /// The first given character may be 于 or 向 (`郑于晴`), never a particle.
    static let firstGivenStops = ScalarSet("位置的了是在说和与及等也都就则又还曾将已对从被把为这那此其们个年月日某并或而但因所以之表认指透坦告介强称担出任")

    /// Function characters that also open given names (`某之远`, `某以翔`): read
    /// as a name only after a title and with a second given character.
    static let titledFirstGiven = ScalarSet("之以")

    /// Is `i` at a line start, markdown emphasis (`**`) and spaces before it left out?
    static func atLineStart(_ t: [UInt32], _ i: Int) -> Bool {
        var a = i
        while a > 0 && (t[a - 1] == 0x2A || t[a - 1] == 0x20) && i - a < 4 { a -= 1 }
        return a == 0 || t[a - 1] == 0x0A
    }

    /// Does a speaker label's colon stand at `e` (after `**` or spaces)?
    static func labelEnd(_ t: [UInt32], _ e: Int) -> Bool {
        var k = e
        while k < t.count && (t[k] == 0x2A || t[k] == 0x20) && k - e < 4 { k += 1 }
        return k < t.count && T.speakerLabelEnds.contains(t[k])
    }

    /// Length of a surname starting at `i` (2 for a compound surname, 1, or 0).
    static func surnameLength(_ t: [UInt32], _ i: Int) -> Int {
        if T.compoundSurnames.prefix(t, at: i) == 2 { return 2 }
        return T.surnames.contains(t[i]) ? 1 : 0
    }

    /// Whether a title ends right before `i`, allowing a space, colon, bar or
    /// slash between (`记者 王某`, `责编:王某`, `CEO 王某`).
    static func titled(_ t: [UInt32], before i: Int) -> Bool {
        var j = i
        var skipped = 0
        while j > 0 && skipped < 3, [0x20, 0x3A, 0x7C, 0xFF5C, 0x2F].contains(t[j - 1]) { j -= 1; skipped += 1 }
        if T.titlesBefore.suffix(t, before: j) > 0 { return true }
        // a byline `文 / 某某` at the start of a line
        return skipped > 0 && j >= 1 && t[j - 1] == 0x6587 && (j == 1 || t[j - 2] == 0x0A)
    }

    /// Whether the text at `i` can stand right after a name: a verb or
    /// particle from `cuesAfter`, or an apposition `，某公司联合创始人` / `(某公司 CEO)`.
    static func cueAfter(_ t: [UInt32], _ i: Int) -> Bool {
        guard i < t.count else { return false }
        if T.cuesAfter.prefix(t, at: i) > 0 { return true }
        let c = t[i]
        guard c == 0xFF0C || c == 0x2C || c == 0x28 || c == 0xFF08 else { return false }
        // an apposition: a title in the clause after the comma or parenthesis
        var k = i + 1
        while k < t.count && k - i <= 24 {
            let d = t[k]
            if d == 0xFF0C || d == 0x2C || d == 0x3002 || d == 0x0A || d == 0x29 || d == 0xFF09 || d == 0xFF1B { break }
            if T.titlesBefore.prefix(t, at: k) > 0 { return true }
            k += 1
        }
        return false
    }

    /// A Chinese person name starting at `i`: surname + 1–2 given characters,
    /// accepted after a title (`titled`) or before a cue, never a common word
    /// (`方面表示`). Returns its end.
    static func person(_ t: [UInt32], at i: Int, titled isTitled: Bool) -> Int? {
        let n = t.count
        let sl = surnameLength(t, i)
        guard sl > 0, T.notNames.prefix(t, at: i) == 0, T.titlesBefore.prefix(t, at: i) == 0 else { return nil }
        let g = i + sl
        guard g < n, isHan(t[g]) else { return nil }
        let two = g + 1 < n && isHan(t[g + 1]) && !secondGivenStops.contains(t[g + 1])
        // a transcript's speaker label of three characters whatever its last one (`某牧之：` at a line start)
        if !isTitled, sl == 1, atLineStart(t, i), g + 2 < n, isHan(t[g + 1]), labelEnd(t, g + 2),
           !firstGivenStops.contains(t[g]), !T.wordlikeSurnames.contains(t[i]) { return g + 2 }
        if firstGivenStops.contains(t[g]) {
            // `创始人韩之远`, `工程师罗以翔`: 之 / 以 open a given name after a title, in a three-character name
            guard isTitled, titledFirstGiven.contains(t[g]), two else { return nil }
            return g + 2
        }
        // a name followed by yet another name character is prose, unless a cue settles it
        let short = g + 1, long = g + 2
        let cueShort = cueAfter(t, short), cueLong = two && cueAfter(t, long)
        if !isTitled {
            // only a verb after it: a surname that is rarely a word, standing after
            // punctuation or a linking word (`。某某表示`, `由某某于…`)
            guard sl == 2 || !T.wordlikeSurnames.contains(t[i]) else { return nil }
            guard i == 0 || !isHan(t[i - 1]) || T.beforeName.contains(t[i - 1]) else { return nil }
            let afterBy = i > 0 && t[i - 1] == 0x7531 // 由某某于 2020 年创办
            // a transcript's speaker label: `某某：` (or `**某某**：`) at a line start
            let lineStart = atLineStart(t, i)
            func verb(_ e: Int) -> Bool {
                T.speechVerbs.prefix(t, at: e) > 0 || (afterBy && T.cuesAfter.prefix(t, at: e) > 0)
                    || (lineStart && labelEnd(t, e)) || T.foundingVerbs.prefix(t, at: afterYear(t, e)) > 0
            }
            if two && verb(long) { return long }
            if verb(short) { return short }
            return nil
        }
        if cueLong { return long }
        if !two || cueShort { return short }
        // a title and no cue: `总裁司马某汇报` — the shorter form wins when the
        // document writes it more often than the longer one
        let (nShort, nLong) = countShortAndLong(t, i, short, long)
        return nShort > nLong ? short : long
    }

    /// After `于 2016 年` / `在2016年` at e, the position past it; else e. Cost: a few comparisons.
    static func afterYear(_ t: [UInt32], _ e: Int) -> Int {
        guard e < t.count, t[e] == 0x4E8E || t[e] == 0x5728 else { return e } // 于 在
        var k = e + 1
        while k < t.count && t[k] == 0x20 { k += 1 }
        let d = k
        while k < t.count && t[k] >= 0x30 && t[k] <= 0x39 { k += 1 }
        guard k - d == 4 else { return e }
        while k < t.count && t[k] == 0x20 { k += 1 }
        return k < t.count && t[k] == 0x5E74 ? k + 1 : e  // 年
    }

    /// How often `t[a..<b]` occurs in `t`. O(n).
    /// How often `t[a..<short]` and `t[a..<long]` (`long > short > a`) occur
    /// in `t`, in one pass: the longer form is checked only where the shorter
    /// one matched. O(n), half the reads of two `count` calls.
    static func countShortAndLong(_ t: [UInt32], _ a: Int, _ short: Int, _ long: Int) -> (Int, Int) {
        let m = short - a, extra = long - short
        var cs = 0, cl = 0
        var i = 0
        let first = t[a], n = t.count
        while i + m <= n {
            if t[i] == first {
                var ok = true
                for q in 1..<max(m, 1) where t[i + q] != t[a + q] { ok = false; break }
                if ok {
                    cs += 1
                    if i + m + extra <= n {
                        var longOK = true
                        for q in 0..<extra where t[i + m + q] != t[short + q] { longOK = false; break }
                        if longOK { cl += 1 }
                    }
                }
            }
            i += 1
        }
        return (cs, cl)
    }

    static func count(_ t: [UInt32], _ a: Int, _ b: Int) -> Int {
        let m = b - a
        guard m > 0 else { return 0 }
        var c = 0
        var i = 0
        let first = t[a]
        while i + m <= t.count {
            if t[i] == first {
                var ok = true
                for q in 1..<m where t[i + q] != t[a + q] { ok = false; break }
                if ok { c += 1 }
            }
            i += 1
        }
        return c
    }

    // MARK: organisations

    /// Major cities and regions written before an organisation's stem
    /// (`上海某某信息技术有限公司`, `香港某某大学`): part of the name.
    static let places = WordList(["北京", "上海", "深圳", "杭州", "广州", "香港", "澳门", "台湾", "台北", "新竹", "南京",
                                  "武汉", "成都", "西安", "苏州", "天津", "重庆", "合肥", "厦门", "青岛", "浙江", "江苏",
                                  "广东", "山东", "湖北", "四川", "福建", "安徽", "新加坡",
                                  // a country before an institution's name (`中国科学技术大学`, `日本某某大学`)
                                  "中国", "美国", "日本", "韩国", "英国", "德国", "法国", "台中", "高雄", "桃园"])
    /// Words that continue a head word into a common noun (`资本市场`,
    /// `投资人`, `智能体`, `科技股`): the head is not the end of a name.
    static let headContinuations = WordList([
        "市场", "开支", "运作", "人", "者", "方", "额", "机构", "回报", "体", "化", "手机", "汽车", "驾驶", "终端",
        "硬件", "眼镜", "客服", "制造", "股", "巨头", "企业", "行业", "部", "感", "中心", "集", "库", "安全", "效应",
        "路线", "团队", "人员", "细节", "报告", "方案", "栈", "水平", "能力", "产业", "领域", "板块", "赛道", "概念",
        "计算", "芯片", "服务", "产品", "应用", "模型", "系统", "平台", "业务", "资产", "规模", "成本", "风险",
    ])

    struct Org { var start: Int; var end: Int; var stemStart: Int; var stemEnd: Int }

    /// Organisation names by head word, left to right, not overlapping.
    /// Cost: one table load per Han scalar, more only where a head word starts.
    static func organisations(_ t: [UInt32], at positions: [Int]? = nil) -> [Org] {
        var out: [Org] = []
        // one table load per scalar: only where a head word may start is there more work
        let heads = T.orgHeads, inner = T.innerOrgHeads, latinHeads = latinStemHeads
        var next = 2
        for i in positions ?? Array(t.indices) where i >= next {
            let c = t[i]
            guard heads.mayStart(c) || inner.mayStart(c) || latinHeads.mayStart(c) else { continue }
            if isHan(t[i]) && (isLatinAlnum(t[i - 1]) || (t[i - 1] == 0x20 && isLatinAlnum(t[i - 2]))), let org = latinStemOrganisation(t, headAt: i) {
                if out.last.map({ $0.end <= org.start }) ?? true { out.append(org); next = org.end; continue }
            }
            guard isHan(t[i]), isHan(t[i - 1]), isHan(t[i - 2]) else { continue }
            let h = headLength(t, at: i)
            guard h > 0, let org = organisation(t, headAt: i, headLength: h) else { continue }
            if let last = out.last, last.end > org.start { continue }
            out.append(org)
            next = org.end
        }
        return out
    }

    /// What may stand before an organisation whose head word is weak:
    /// punctuation or a linking word (`由某某资本`, `与某某基金`, `、某某投资`).
    static let orgBoundary = ScalarSet("由与和及据被向跟同的，。、：；！？“”（）《》「」『』,.:;!?()")
    static func isBoundary(_ t: [UInt32], before i: Int) -> Bool {
        i == 0 || !isHan(t[i - 1]) || orgBoundary.contains(t[i - 1])
    }

    /// Heads that turn a Latin name into an organisation's name (`IDG资本`,
    /// `Acme 实验室`): the Latin word is its stem.
    static let latinStemHeads = WordList(["资本", "创投", "实验室", "研究院", "科技", "智能", "机器人", "半导体", "基金"])

    /// `IDG资本`: a Latin word of two or more letters, capitalised or in
    /// capitals, glued to a head word (or one space before it).
    static func latinStemOrganisation(_ t: [UInt32], headAt i: Int) -> Org? {
        let h = latinStemHeads.prefix(t, at: i)
        guard h > 0 else { return nil }
        var e = i
        if t[e - 1] == 0x20 { e -= 1 }
        var s = e
        while s > 0 && isLatinAlnum(t[s - 1]) { s -= 1 }
        guard e - s >= 2, isASCIIUpper(t[s]), s == 0 || !isLatinAlnum(t[s - 1]),
              !LatinContexts.notNames.contains(stringOf(t[s..<e]).lowercased()) else { return nil } // not `AI 实验室`
        var end = i + h
        if headContinuations.prefix(t, at: end) > 0 { return nil }
        while end < t.count, T.orgHeads.prefix(t, at: end) > 0 { end += T.orgHeads.prefix(t, at: end) }
        return Org(start: s, end: end, stemStart: s, stemEnd: e)
    }

    /// Prefixes that turn a stem into a kind (`非营利`, `反垄断`, `准独角兽`).
    static let negatingPrefixes = ScalarSet("非不无反准类泛伪")

    /// Punctuation or a non-Han scalar before `i`: where a longer stem may start.
    static func isHardBoundary(_ t: [UInt32], before i: Int) -> Bool {
        i == 0 || !isHan(t[i - 1])
    }

    /// The length of a head word at `i`: an organisation head, or an inner
    /// noun (`信息技术`) when a head follows it.
    static func headLength(_ t: [UInt32], at i: Int) -> Int {
        let h = T.orgHeads.prefix(t, at: i)
        if h > 0 { return h }
        let inner = T.innerOrgHeads.prefix(t, at: i)
        if inner > 0 && headLength(t, at: i + inner) > 0 { return inner }
        return 0
    }

    static func organisation(_ t: [UInt32], headAt i: Int, headLength h0: Int) -> Org? {
        let n = t.count
        let h = headLength(t, at: i)
        guard h > 0 else { return nil }
        _ = h0
        // heads that follow one another are one name (`信息技术有限公司`)
        var end = i + h
        var lastHead = i
        while end < n {
            let h2 = headLength(t, at: end)
            guard h2 > 0 else { break }
            lastHead = end
            end += h2
        }
        if headContinuations.prefix(t, at: end) > 0 { return nil }
        var s = i - 2
        // (a stem may open with 和 / 与 / 同 right after a linking word: `由和某资本领投`)
        let linkedStem = s >= 1 && T.linkingStemStarts.contains(t[s]) && T.beforeLinkingStem.contains(t[s - 1])
        for k in s..<i where T.stemStops.contains(t[k]) && !(k == s && linkedStem) { return nil }
        // `非营利实验室`: a negating prefix before the stem makes a kind of thing, not a name
        if s >= 1 && negatingPrefixes.contains(t[s - 1]) { return nil }
        if T.genericStems.contains(t, s, i) || T.orgHeads.contains(t, s, i) || T.innerOrgHeads.contains(t, s, i) { return nil }
        // a three-character stem after punctuation (`，地平线机器人`)
        // or after a word that opens a list of names (`对手包括深度某科技`)
        if s >= 1, isHan(t[s - 1]), !T.stemStops.contains(t[s - 1]),
           isHardBoundary(t, before: s - 1) || T.stemOpeners.suffix(t, before: s - 1) > 0,
           T.genericStems.suffix(t, before: s) == 0 {
            s -= 1
        }
        let stemStart = s
        // a city or region before the stem belongs to the name
        if s >= 2 { s -= places.suffix(t, before: s) }
        // weak heads (`资本`, `投资`) need a boundary before or a cue after
        let weak = T.weakOrgHeads.contains(t, lastHead, end)
        if weak && !isBoundary(t, before: s) && !(end < n && T.orgCuesAfter.prefix(t, at: end) > 0) { return nil }
        return Org(start: s, end: end, stemStart: stemStart, stemEnd: i)
    }

    /// Is there a `一家` within the few characters before a kind noun at i (`一家编译器初创公司`)?
    static func introducedKind(_ t: [UInt32], before i: Int) -> Bool {
        var k = i - 1
        while k >= max(0, i - 10) && isHan(t[k]) {
            if k >= 1 && T.kindIntroducers.suffix(t, before: k + 1) > 0 { return true }
            k -= 1
        }
        return false
    }

    /// Organisation names without a head word, by context: two to four Han
    /// characters after a boundary and before a cue (`，某某宣布`, `由某某领投`),
    /// or after an acquiring verb up to a particle (`收购某某。`).
    static func bareOrganisations(_ t: [UInt32], at positions: [Int]? = nil) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        let n = t.count
        // the tables once, outside the loop (a static read costs a `swift_once` check)
        let cuesBefore = T.bareOrgCuesBefore, boundary = T.bareOrgBoundary, cuesAfter = T.bareOrgCuesAfter
        let stops = T.stemStops, notNames = T.bareOrgNotNames, kinds = T.companyNouns, kindVerbs = T.bareOrgVerbsAfter
        var next = 0
        for i in positions ?? Array(t.indices) where i >= next {
            // work only after a boundary or where a cue word may start
            guard isHan(t[i]), cuesBefore.mayStart(t[i]) || kinds.mayStart(t[i]) || T.introducedKinds.mayStart(t[i]) || i == 0 || boundary.contains(t[i - 1]) else { continue }
            var kind = kinds.prefix(t, at: i)
            // (`一家公司能够…` is a generic phrase: a description must stand between `一家` and the kind)
            if kind == 0, T.introducedKinds.mayStart(t[i]), T.introducedKinds.prefix(t, at: i) > 0, introducedKind(t, before: i),
               T.kindIntroducers.suffix(t, before: i) == 0 {
                kind = T.introducedKinds.prefix(t, at: i)
            }
            if kind > 0 {
                // `初创公司某某宣布`: two to four characters up to a verb
                let s = i + kind
                var e = s + 2
                while e <= min(n - 1, s + 4) && isHan(t[e - 1]) {
                    if kindVerbs.prefix(t, at: e) > 0 || (T.bareOrgEndAfterKind.contains(t[e]) && introducedKind(t, before: i)) {
                        if plausibleBareName(t, s, e) { out.append((s, e)); next = e }
                        break
                    }
                    e += 1
                }
                if next > i { continue }
            }
            let before = cuesBefore.prefix(t, at: i)
            if before > 0 {
                // `收购某某`: the name runs to punctuation or a particle, two to four characters
                let s = i + before
                var e = s
                while e < n && isHan(t[e]) && !stops.contains(t[e]) && e - s < 5 { e += 1 }
                if e - s >= 2 && e - s <= 4 && (e >= n || !isHan(t[e]) || t[e] == 0x7684) && plausibleBareName(t, s, e) {
                    out.append((s, e))
                    next = e
                    continue
                }
            }
            if i == 0 || boundary.contains(t[i - 1]) {
                // `，某某领投`: the name ends where a cue starts, two to four characters in
                var e = i + 2
                let last = min(n - 1, i + 4)
                while e <= last {
                    // (据 stops `据悉`, but `某某数据` is a name)
                    if !isHan(t[e - 1]) || (stops.contains(t[e - 1]) && !(t[e - 1] == 0x636E && t[e - 2] == 0x6570)) { break }
                    if cuesAfter.mayStart(t[e]) && cuesAfter.prefix(t, at: e) > 0 {
                        if notNames.prefix(t, at: i) == 0 && plausibleBareName(t, i, e) { out.append((i, e)); next = e + 1 }
                        break
                    }
                    e += 1
                }
            }
        }
        return out
    }

    /// Not a common noun, not a person's name, no function character.
    static func plausibleBareName(_ t: [UInt32], _ s: Int, _ e: Int, headAllowed: Bool = false, stops: ScalarSet? = nil) -> Bool {
        let stops = stops ?? T.stemStops
        // (据 stops `据悉`, but `某某数据` is a name)
        for k in s..<e where (stops.contains(t[k]) && !(t[k] == 0x636E && k > s && t[k - 1] == 0x6570)) || !isHan(t[k]) { return false }
        if T.bareOrgNotNames.contains(t, s, e) || T.genericStems.contains(t, s, e) || T.orgHeads.contains(t, s, e) { return false }
        // a place on its own is no organisation (`收购上海的一家公司`)
        if places.contains(t, s, e) { return false }
        // a generic stem and a head word (`视觉实验室`, `金融科技`): a kind, not a name
        if e - s >= 4 && T.genericStems.contains(t, s, s + 2) && T.orgHeads.contains(t, s + 2, e) { return false }
        if T.titlesBefore.suffix(t, before: e) > 0 || (!headAllowed && T.orgHeads.suffix(t, before: e) > 0) { return false }
        for k in s..<e where T.titlesBefore.prefix(t, at: k) > 0 || t[k] == 0x517C { return false } // `创始人兼`
        return true
    }
}
