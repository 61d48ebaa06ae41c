import KGCore

/// Organisation and model names that only their frame shows: the words on
/// both sides (`与某某达成合作`, `曾在某某工作`), a list after an investor or
/// customer word (`投资方包括甲、乙和丙`), an analyst firm after its kind
/// (`研究机构某某预计`), a product named in quotes after a product word
/// (`对话助手“某某”`), a Latin name before `模型` (`Acme模型`). Each frame is a
/// row of a table; an item must still look like a name (`plausibleBareName`).
enum ChineseFrames {
    typealias T = ChineseNameTables

    /// A row of the frame table (a class: the scan visits every row at each
    /// candidate position, and a row read by reference copies no word list).
    final class Frame: Sendable {
        /// Words right before the first item.
        let before: WordList
        /// Words right after the last item (empty: punctuation or a list end is enough).
        let after: WordList?
        let type: EntityType
        /// Words one of which must follow within `aheadWindow` scalars after the list (nil: none needed).
        let confirmAhead: WordList?
        static let aheadWindow = 80
        init(before: WordList, after: WordList?, type: EntityType, confirmAhead: WordList? = nil) {
            self.before = before; self.after = after; self.type = type; self.confirmAhead = confirmAhead
        }
    }

    static let frames: [Frame] = [
        // `与某某签署协议`, `和某某达成合作`, `与甲、乙合作`: a partner
        Frame(before: WordList(["与", "和", "同"]), after: WordList(["合作", "签署", "签订", "签约", "签了", "签下", "达成", "共建", "联合"]), type: .company),
        // `曾在某某工作`, `在某某待了七年`, `从某某离职`: an employer
        Frame(before: WordList(["在", "于", "从", "加入", "离开"]), after: WordList(["工作", "任职", "就职", "待了", "离职", "出来", "实习", "担任"]), type: .company),
        // `以前在某某做了十年`, `此前在某某负责搜索`: a past stint or charge there (the past marker is needed:
        // `在某个领域做过很多工作` is no employer)
        Frame(before: WordList(["以前在", "之前在", "此前在", "曾在", "早年在", "先后在", "曾经在"]),
              after: WordList(["做了", "干了", "做过", "干过", "负责", "主管", "带队"]), type: .company),
        // `曾任某某高级工程师`, `前某某副总裁`: a past post names its employer (the title closes the name)
        Frame(before: WordList(["曾任", "前任", "前"]), after: WordList(["副总裁", "总裁", "高级工程师", "工程师", "资深", "高级", "研究员", "高级研究员", "首席",
                                                                   "技术总监", "总监", "副总经理", "产品经理", "高管", "架构师", "科学家"]), type: .company),
        // `你怎么看甲和乙？…他们都是很强的对手`: companies an interviewer asks about, when the answer calls them rivals
        // (`你怎么看机制可解释性` asks about a topic, and no rivalry follows)
        Frame(before: WordList(["你怎么看", "您怎么看", "怎么看待", "如何看待", "怎么评价", "如何评价", "你觉得", "您觉得", "你认为"]),
              after: WordList(["？", "?", "怎么样", "如何", "这两家"]), type: .company,
              confirmAhead: WordList(["对手", "竞争", "竞品", "劲敌"])),
        // `投资方包括甲、乙和丙`, `客户还包括甲`: investors, customers, rivals
        Frame(before: WordList(["投资方包括", "投资者包括", "投资人包括", "股东包括", "客户包括", "客户还包括", "客户有",
                                "对手包括", "伙伴包括", "合作方包括", "出资方包括", "参投方包括", "买家包括"]), after: nil, type: .company),
        // `算力从某某租用`, `向某某购买算力`: the firm compute or goods are rented or bought from
        Frame(before: WordList(["从", "向"]), after: WordList(["租用", "租赁", "租", "购买", "采购", "买入", "买"]), type: .company),
        // `由某某领投`, `由某某出品`, `由某某牵头`, `晶圆由某某代工`, `由某某提供`: the whole span between `由` and the verb is the name
        // (a stem of three or four characters before a head word: `由某某某资本领投`)
        Frame(before: WordList(["由"]), after: WordList(["领投", "牵头", "独家投资", "出品", "主办", "发起", "代工", "供应", "提供", "承建"]), type: .company),
        // `甲领投，乙、丙跟投`: the followers of a round
        Frame(before: WordList(["领投，", "领投,", "领投；"]), after: WordList(["跟投", "参投", "共同投资"]), type: .company),
        // `老股东某某继续追加投资`: an existing investor
        Frame(before: WordList(["老股东", "原股东", "现有股东", "老股东的"]), after: nil, type: .company),
        // `研究机构某某预计`, `外资券商某某`: a firm after its kind
        Frame(before: WordList(["研究机构", "研调机构", "调研机构", "咨询机构", "咨询公司", "券商", "投行", "评级机构", "律所"]), after: nil, type: .company),
    ]

    /// Per BMP scalar, bit k set when a word before frame k starts with it: at a
    /// position the scan visits only the rows that can open there.
    static let frameStarts: [UInt16] = {
        precondition(frames.count <= 16, "frameStarts holds sixteen rows")
        var t = [UInt16](repeating: 0, count: 0x10000)
        for (k, f) in frames.enumerated() { for w in f.before.words where w[0] < 0x10000 { t[Int(w[0])] |= 1 << k } }
        return t
    }()

    /// Verbs that end a name item (`研究机构某某预计`, `券商某某测算`).
    static let innerVerbs = WordList(["预计", "预估", "预测", "测算", "估计", "认为", "表示", "指出", "宣布", "发布", "推出",
                                      "称", "的", "数据", "报告", "研报", "最新", "继续", "追加", "再次"])

    /// First scalars of every frame's opening words (one load decides most positions).
    static let firstScalars: ScalarSet = {
        var chars = ""
        for f in frames { for w in f.before.words { chars.unicodeScalars.append(Unicode.Scalar(w[0])!) } }
        return ScalarSet(chars)
    }()

    /// What turns a closing verb into a noun (`合作伙伴`, `合作方`, `工作人员`).
    static let nounAfterVerb = WordList(["伙伴", "方", "关系", "模式", "项目", "人员", "经验", "室"])

    /// Function characters never inside a listed name. Fewer than
    /// `stemStops`: a name in a list may hold `为` or `中` (`顺为`, `中金`).
    static let itemStops = ScalarSet("的了在是和与及或等也都就而但并又还已曾该这那此些们")

    /// Scalars that separate list items.
    static let separators = ScalarSet("、和及与")
    /// What ends a list when a frame needs no closing word.
    static let listEnd = ScalarSet("，。；：！？,;:!?\n（）()“”「」")

    /// A name item starting at `s`: Han (two to six characters) or capitalised
    /// Latin words. Returns its end.
    static func item(_ t: [UInt32], _ s: Int, stopAt after: WordList?) -> Int? {
        let n = t.count
        guard s < n else { return nil }
        var e = s
        if isASCIIUpper(t[s]) {
            while e < n && (isLatinAlnum(t[e]) || t[e] == 0x2D || (t[e] == 0x20 && e + 1 < n && isASCIIUpper(t[e + 1]))) && e - s < 30 { e += 1 }
            return e
        }
        while e < n && isHan(t[e]) && e - s < 6 {
            if e > s && (separators.contains(t[e]) || after.map({ $0.prefix(t, at: e) > 0 }) == true) { break }
            if e > s + 1 && innerVerbs.prefix(t, at: e) > 0 { break } // `某某预计…`: the name ends at the verb
            e += 1
        }
        guard e - s >= 2, !t[s..<e].contains(where: { itemStops.contains($0) }),
              ChineseNames.plausibleBareName(t, s, e, headAllowed: true, stops: itemStops), ChineseNames.places.contains(t, s, e) == false else { return nil }
        return e
    }

    /// Every item of every frame in the text, as candidates.
    static func scan(_ t: [UInt32], at positions: [Int]? = nil) -> [(start: Int, end: Int, type: EntityType)] {
        var out: [(start: Int, end: Int, type: EntityType)] = []
        let n = t.count
        let frames = Self.frames, first = firstScalars, rows = frameStarts
        var next = 0
        for i in positions ?? Array(t.indices) where i >= next {
            guard first.contains(t[i]) else { continue }
            let mask = rows[Int(t[i])] // `first` holds BMP scalars only
            for (k, f) in frames.enumerated() where mask & (1 << k) != 0 {
                let b = f.before.prefix(t, at: i)
                guard b > 0 else { continue }
                var items: [(Int, Int)] = []
                var s = i + b
                while s < n && t[s] == 0x20 { s += 1 }
                // a frame closed by a verb: look for the verb first (`在`, `与` are everywhere)
                if let after = f.after {
                    var k = s + 2
                    let limit = min(n, s + 24)
                    while k < limit && !(after.mayStart(t[k]) && after.prefix(t, at: k) > 0) { k += 1 }
                    if k >= limit { continue }
                }
                while let e = item(t, s, stopAt: f.after) {
                    items.append((s, e))
                    guard e < n, separators.contains(t[e]) else { s = e; break }
                    s = e + 1
                }
                guard !items.isEmpty else { continue }
                let end = items.last!.1
                let closed: Bool
                if let after = f.after {
                    let a = after.prefix(t, at: end)
                    // `与训练合作伙伴`: `合作伙伴` is a noun, not the verb that closes the frame
                    closed = a > 0 && nounAfterVerb.prefix(t, at: end + a) == 0
                } else { closed = end >= n || listEnd.contains(t[end]) || !isHan(t[end]) || T.orgCuesAfter.prefix(t, at: end) > 0 || t[end] == 0x7B49 || innerVerbs.prefix(t, at: end) > 0 }
                guard closed else { continue }
                if let ahead = f.confirmAhead, !(end..<min(n, end + Frame.aheadWindow)).contains(where: { ahead.prefix(t, at: $0) > 0 }) { continue }
                for (a, e) in items { out.append((a, e, f.type)) }
                next = end
                break
            }
        }
        return out
    }

    // MARK: models

    /// Product words before a quoted name: `对话助手“某某”`, `旗舰产品「某某」`.
    static let productWords = WordList(["助手", "产品", "模型", "大模型", "应用", "智能体", "机器人", "系列"])
    static let openQuotes = ScalarSet("“「『《\"")
    static let closeQuotes = ScalarSet("”」』》\"")
    /// `模型` words after a Latin name (`Acme模型`, `Acme 推理模型`).
    static let modelAfterLatin = WordList(["模型", "大模型", "推理模型", "语言模型", "系列模型"])

    /// Model names shown by a product word before quotes, or by `模型` after a Latin name.
    static func models(_ t: [UInt32], at positions: [Int]? = nil) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        let n = t.count
        let quotes = openQuotes, modelWords = modelAfterLatin
        var next = 1
        for i in positions ?? Array(t.indices) where i >= next {
            let c = t[i]
            guard quotes.contains(c) || modelWords.mayStart(c) else { continue }
            if openQuotes.contains(t[i]), let e = versionedQuote(t, i + 1) {
                out.append((i + 1, e))
                next = e + 1
            } else if openQuotes.contains(t[i]) && productWords.suffix(t, before: i) > 0 {
                var e = i + 1
                while e < n && !closeQuotes.contains(t[e]) && e - i <= 12 && t[e] != 0x0A { e += 1 }
                if e < n && closeQuotes.contains(t[e]) && e - i - 1 >= 2 && !t[(i + 1)..<e].contains(where: { T.stemStops.contains($0) }) {
                    out.append((i + 1, e))
                    next = e + 1
                }
            } else if isHan(t[i]) && modelAfterLatin.prefix(t, at: i) > 0 && (isLatinAlnum(t[i - 1]) || (t[i - 1] == 0x20 && i >= 2 && isLatinAlnum(t[i - 2]))) {
                // back over the Latin name: capitalised words, digits, `-`
                var e = i
                if t[e - 1] == 0x20 { e -= 1 }
                var s = e
                while s > 0 && (isLatinAlnum(t[s - 1]) || t[s - 1] == 0x2D || (t[s - 1] == 0x20 && s >= 2 && isLatinAlnum(t[s - 2]) && isASCIIUpper(t[s]))) { s -= 1 }
                while s < e && !isASCIIUpper(t[s]) { s += 1 }
                if e - s >= 2 && !LatinContexts.notNames.contains(stringOf(t[s..<e]).lowercased()) { out.append((s, e)) }
            }
        }
        return out
    }
}

// MARK: quoted names by shape and sentence

extension ChineseFrames {
    /// A quoted Chinese stem with a version (`「某某 V3」`, `《某某 2》`, `“某某 3 Pro”`):
    /// two to four Han characters, an optional space, a version token holding a
    /// digit (`V3`, `2`, `R1`, `2.5`) and optionally a tier word, then the closing
    /// quote. Quotes around a stem and a version name a model whatever word comes
    /// before them. Returns the end of the name (the closing quote's position).
    /// Cost: a few comparisons at an opening quote.
    static func versionedQuote(_ t: [UInt32], _ s: Int) -> Int? {
        let n = t.count
        var k = s
        while k < n && isHan(t[k]) && k - s < 5 { k += 1 }
        guard k - s >= 2, k - s <= 4, !t[s..<k].contains(where: { T.stemStops.contains($0) }) else { return nil }
        if k < n && t[k] == 0x20 { k += 1 }
        if k < n && t[k] == 0x2D { k += 1 }
        let w = CoinedModels.token(t, k)
        guard w > k, w - k <= 5, CoinedModels.hasDigit(t, k, w) else { return nil }
        var e = w
        if e + 1 < n && t[e] == 0x20 && isLatinLetter(t[e + 1]) {
            let w2 = CoinedModels.token(t, e + 1)
            if CoinedModels.isTier(t, e + 1, w2) { e = w2 }
        }
        guard e < n, closeQuotes.contains(t[e]) else { return nil }
        return e
    }

    /// Words in a sentence that make a title in `《…》` a programme or an outlet
    /// (podcasts and media count as companies): `欢迎收听《某某》`, `《某某》第 12 期`,
    /// `我常听《某某》这档节目`.
    static let programmeCues = WordList(["播客", "节目", "收听", "电台", "栏目", "听众", "主持人", "订阅", "专栏"])

    /// Titles in `《…》` (two to ten Han or Latin characters) in a sentence that
    /// speaks of programmes, or followed by `第 N 期`. A title the model rule
    /// reads (`模型《某某 2》`) is left to it. Cost: a scan of the sentence
    /// around each `《`.
    static func programmes(_ t: [UInt32], at positions: [Int]) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        let n = t.count
        for i in positions where t[i] == 0x300A {
            var e = i + 1
            while e < n && t[e] != 0x300B && e - i <= 11 && (isHan(t[e]) || isLatinAlnum(t[e]) || t[e] == 0x20) { e += 1 }
            guard e < n, t[e] == 0x300B, e - i - 1 >= 2, versionedQuote(t, i + 1) == nil,
                  productWords.suffix(t, before: i) == 0 else { continue }
            // `《某某》第 212 期`
            var k = e + 1
            while k < n && t[k] == 0x20 { k += 1 }
            var cued = k < n && t[k] == 0x7B2C && {
                var d = k + 1
                while d < n && (isASCIIDigit(t[d]) || t[d] == 0x20) { d += 1 }
                return d < n && t[d] == 0x671F && d > k + 1
            }()
            if !cued {
                var a = i
                while a > 0 && i - a < 60 && !LatinContexts.isSentenceEnd(t, a - 1) { a -= 1 }
                var b = e
                while b < n && b - e < 60 && !LatinContexts.isSentenceEnd(t, b) { b += 1 }
                var q = a
                while q < b && !cued {
                    if programmeCues.mayStart(t[q]) && programmeCues.prefix(t, at: q) > 0 { cued = true }
                    q += 1
                }
            }
            if cued { out.append((i + 1, e)) }
        }
        return out
    }
}

// MARK: outlets

extension ChineseFrames {
    /// Bylines name the outlet: `出品｜某某`, `来源：某某` (up to the line end or a
    /// bar), and a line that starts with the outlet before its reporter (`某某 记者 王某`).
    static let outletMarks = WordList(["出品", "来源", "来自", "稿源", "Source"])
    static let reporterWords = WordList(["记者", "讯", "特约记者", "见习记者"])
    static let bars = ScalarSet("|｜:：/ ")

    /// Outlet names in bylines, one per marked line. Cost: a look at each line
    /// start and at each `出品`/`来源`.
    /// `stops`: the positions of line breaks and of scalars an outlet mark may
    /// start with, increasing (`NameTriggers.Positions.outlets`); the scan jumps
    /// from one to the next instead of testing every scalar.
    static func outlets(_ t: [UInt32], at stops: [Int]) -> [(start: Int, end: Int)] {
        var out: [(start: Int, end: Int)] = []
        let n = t.count
        let marks = outletMarks, reporters = reporterWords, bars = Self.bars
        var lineStart = 0
        var i = 0
        var next = 0
        while i <= n {
            while next < stops.count && stops[next] < i { next += 1 }
            i = next < stops.count ? stops[next] : n
            if i == n || t[i] == 0x0A {
                // `某某 记者 王某`: a short outlet name opening the line
                var e = lineStart
                while e < i && (isHan(t[e]) || isLatinAlnum(t[e])) && e - lineStart < 8 { e += 1 }
                var r = e
                while r < i && t[r] == 0x20 { r += 1 }
                if e - lineStart >= 2 && r > e && reporters.prefix(t, at: r) > 0 { out.append((lineStart, e)) }
                // `【某某专讯】`, `【某某讯】`: the outlet's wire tag opening the line
                if lineStart < i && t[lineStart] == 0x3010 {
                    var h = lineStart + 1
                    while h < i && isHan(t[h]) && h - lineStart <= 8 { h += 1 }
                    if h < i && t[h] == 0x3011 && h >= lineStart + 4 && t[h - 1] == 0x8BAF {
                        let stemEnd = t[h - 2] == 0x4E13 ? h - 2 : h - 1 // `专讯` or `讯`
                        if stemEnd - lineStart - 1 >= 2 { out.append((lineStart + 1, stemEnd)) }
                    }
                }
                lineStart = i + 1
            } else if marks.prefix(t, at: i) > 0 && (i == lineStart || !isHan(t[i - 1])) {
                var s = i + marks.prefix(t, at: i)
                var marked = false
                while s < n && bars.contains(t[s]) { if t[s] != 0x20 { marked = true }; s += 1 }
                var e = s
                while e < n && (isHan(t[e]) || isLatinAlnum(t[e]) || (t[e] == 0x20 && e + 1 < n && isLatinAlnum(t[e + 1]))) && e - s < 12 { e += 1 }
                let ends = e >= n || t[e] == 0x0A || bars.contains(t[e]) || t[e] == 0x3000
                if marked && ends && e - s >= 2 { out.append((s, e)); i = e; continue }
            }
            i += 1
        }
        return out
    }
}
