import KGCore

/// General rules for names no lexicon has: Latin-script names inside Chinese
/// text, transliterated names joined by `·`, Chinese names after a role
/// word, and organisation names ending in a suffix.
enum NameRules {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }

    /// Common English given names: a capitalised pair starting with one is a
    /// person without further context. A prior only: other names are found by
    /// their context (`LatinContexts`), so the list holds no rare names.
    static let givenNames: Set<String> = Set("""
    aaron adam alan albert alex alexander alice amanda amy andrea andrew andy angela anna anne anthony arthur \
    ashley ben benjamin bill bob brad brian bruce carl carol catherine charles charlie chris christian \
    christopher claire daniel daniela danny david dan dennis diana donald douglas dylan ed edward elizabeth elon \
    emily emma eric erik ethan eva frank fred gary gavin geoffrey george grace greg gregory hannah harry helen \
    henry ian isaac jack jacob jake james jan jane jared jason jeff jeffrey jennifer jerry jessica jim joe john \
    jonathan joseph josh joshua julia julian karen kate katherine kevin kim larry laura lauren leo lex lisa liz \
    lucas luke marc marcus margaret maria mark martin mary matt matthew max michael michelle mike mira nancy nat \
    nathan neil nick oliver pat patrick paul peter phil rachel ray reid richard rich rick rob robert robin ryan \
    sam samuel sarah scott sean sebastian shane sophia stephen steve steven stuart susan thomas tim timothy tom \
    tony tyler victoria vinod walter will william zach jaime dustin ross
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Last words that make a capitalised phrase an organisation.
    static let orgSuffixes: Set<String> = ["inc", "labs", "lab", "ai", "technologies", "technology", "corp", "corporation",
                                           "capital", "ventures", "partners", "research", "institute", "university",
                                           "college", "foundation", "group", "holdings", "systems", "robotics",
                                           "media", "news", "times", "post", "journal", "fund", "bank", "company", "co",
                                           "ltd", "llc", "intelligence", "computing", "dynamics", "networks",
                                           // sector words that end company names (`Acme Bio`, `Acme Therapeutics`, `Acme Semiconductor`)
                                           "bio", "biosciences", "therapeutics", "semiconductor", "semiconductors", "software",
                                           "analytics", "electronics", "industries", "motors"]
    /// Capitalised words that start sentences or headings, never names.
    static let stopWords: Set<String> = ["the", "a", "an", "and", "or", "of", "in", "on", "for", "to", "with", "by", "is",
                                         "chief", "model", "spec", "this", "that", "we", "i", "you", "he", "she", "it",
                                         "ceo", "cto", "cfo", "coo", "ai", "api", "agi", "llm", "if", "but", "so", "as",
                                         "at", "from", "our", "my", "your", "their", "his", "her", "what", "how", "why",
                                         "when", "who", "deep", "learning", "machine",
                                         "staff", "officer", "office", "state", "states", "united", "new", "york"]

    struct Word { var start: Int; var end: Int; var text: String; var capitalised: Bool }

    /// A run of capitalised Latin words starting at `i` (single spaces between).
    static func capitalisedRun(_ t: [UInt32], _ i: Int) -> [Word] {
        var words: [Word] = []
        var j = i
        let n = t.count
        while j < n && isASCIIUpper(t[j]) {
            var e = j + 1
            var hasLower = false
            while e < n && (isLatinLetter(t[e]) || (t[e] == 0x2E && e == j + 1)) {
                if isASCIILower(t[e]) || t[e] > 0x7F { hasLower = true }
                e += 1
            }
            if e < n && isASCIIDigit(t[e]) { break }
            let isInitial = e == j + 2 && t[j + 1] == 0x2E
            // a word in capitals inside a name, before a capitalised word (`ZT Systems`)
            let capsBeforeWord = !hasLower && e - j >= 2 && e - j <= 4 && e + 2 < n && t[e] == 0x20 && isASCIIUpper(t[e + 1]) && isASCIILower(t[e + 2])
            // an organisation word in capitals ending the name (`Brightwell AI`, `Acme LLC`)
            let capsSuffix = !hasLower && !words.isEmpty && orgSuffixes.contains(stringOf(t[j..<e]).lowercased())
                && (e >= n || !isLatinAlnum(t[e]))
            guard hasLower || isInitial || capsBeforeWord || capsSuffix else { break }
            words.append(Word(start: j, end: e, text: stringOf(t[j..<e]), capitalised: true))
            if e + 1 < n && t[e] == 0x20 && isASCIIUpper(t[e + 1]) { j = e + 1 } else { break }
            if words.count == 4 { break }
        }
        return words
    }

    /// A Latin person or organisation name starting at `i`.
    /// `run`: `capitalisedRun(t, i)` when the caller has read it already.
    static func latinName(_ t: [UInt32], at i: Int, run: [Word]? = nil) -> (end: Int, type: EntityType, name: String)? {
        if i > 0 && isLatinAlnum(t[i - 1]) {
            // `CEODario Amodei`: an upper-case run glued to a capitalised word
            guard isASCIIUpper(t[i - 1]), i + 1 < t.count, isASCIILower(t[i + 1]) else { return nil }
        }
        var words = run ?? capitalisedRun(t, i)
        // (dropping stop words only shortens the run: a run of one word is no name, decided before any lowercasing)
        guard words.count >= 2 else { return nil }
        while let last = words.last, stopWords.contains(last.text.lowercased()) && !orgSuffixes.contains(last.text.lowercased()) {
            words.removeLast()
        }
        guard words.count >= 2 else { return nil }
        let lowers = words.map { $0.text.lowercased() }
        if stopWords.contains(lowers[0]) && !givenNames.contains(lowers[0]) { return nil }
        let end = words.last!.end
        let name = words.map(\.text).joined(separator: " ")
        if orgSuffixes.contains(lowers.last!) {
            // `Generative AI`, `Constitutional AI`: an adjective before `AI` names a field or
            // a method; `Claude AI`: a model family's product name. Neither is a company.
            if lowers.last! == "ai" && words.count == 2 && (ModelNames.families[lowers[0]] != nil || isAdjective(lowers[0])) { return nil }
            return (end, .company, name)
        }
        if givenNames.contains(lowers[0]) && words.count <= 3 { return (end, .person, name) }
        return nil
    }

    /// English adjective endings (`generative`, `agentic`, `responsible`,
    /// `embodied`): such a word before `AI` makes a common phrase, not a name.
    static let adjectiveEndings = ["al", "ive", "ic", "ible", "able", "ent", "ant", "ous", "ed", "ful", "less"]
    static func isAdjective(_ w: String) -> Bool { w.count > 4 && adjectiveEndings.contains { w.hasSuffix($0) } }

    /// Characters of Chinese transliterations of foreign names.
    static let transliteration: Set<UInt32> = Set(Array(scalarsOf: """
    阿埃艾爱安奥巴拜班邦保贝本比宾波伯博布查达戴丹道德迪蒂丁东杜顿多厄恩尔法范菲费芬丰弗福盖甘戈格古哈海汉豪赫亨\
    霍基吉加贾杰金卡凯坎康柯科克肯库夸拉莱赖兰朗劳勒雷蕾里利莉林琳卢鲁伦罗洛玛马迈麦曼梅门蒙米密姆莫默穆纳奈南内尼\
    妮涅努诺欧帕派潘佩彭皮珀普齐奇恰乔切琼丘萨塞赛桑森莎沙尚舍什施史斯松苏索塔泰坦汤唐特提汀廷图托瓦万威韦维温文沃\
    乌武西希锡谢辛休修雅亚扬耶伊因英尤约泽扎詹兹祖佐纽瑟琳娜莎黛娅薇丝露蒂拉茨维奎昆柏霍华卓兹岑\
    夫娃契舒寇考可喀郎廉列柳龙隆吕毛孟弥敏明缪摩墨拿乃楠宁庞培平坡琪钦屈让热茹瑞若珊绍申圣士司宋陶通旺卫翁伍夏香肖欣许延杨叶依尹区富
    """).filter { $0 != 0x0A })

    /// `transliteration` as a flat table for the per-character test.
    static let transliterationTable: [Bool] = {
        var f = [Bool](repeating: false, count: 0x10000)
        for c in transliteration where c < 0x10000 { f[Int(c)] = true }
        return f
    }()
    @inline(__always) static func isTransliteration(_ c: UInt32) -> Bool { c < 0x10000 && transliterationTable[Int(c)] }
    /// First scalars of the role cues.
    static let roleCueFirst: [Bool] = {
        var f = [Bool](repeating: false, count: 0x10000)
        for w in roleCues where w[0] < 0x10000 { f[Int(w[0])] = true }
        return f
    }()

    /// `达里奥·阿莫迪`: transliteration runs joined by name dots. Returns the
    /// name's range and the range of its last part (the surname).
    static func dotName(_ t: [UInt32], dot d: Int) -> (start: Int, end: Int, surnameStart: Int)? {
        let n = t.count
        var s = d
        // one character outside the table may stand right before the dot (`亚当·…`)
        if s > 1 && isHan(t[s - 1]) && !isTransliteration(t[s - 1]) && !nameStops.contains(t[s - 1]) && isTransliteration(t[s - 2]) { s -= 1 }
        while s > 0 && isTransliteration(t[s - 1]) && d - (s - 1) <= 5 { s -= 1 }
        guard d - s >= 1, isTransliteration(t[s]) else { return nil }
        var e = d + 1
        var lastPartStart = e
        while true {
            var k = e
            while k < n && isTransliteration(t[k]) && k - e < 6 { k += 1 }
            guard k > e else { return nil }
            lastPartStart = e
            e = k
            if e + 1 < n && isNameDot(t[e]) && isTransliteration(t[e + 1]) { e += 1; continue }
            break
        }
        return (s, e, lastPartStart)
    }

    /// Words after which a Chinese personal name follows (bylines and titles).
    static let roleCues: [[UInt32]] = ["责编", "编辑", "作者", "记者", "撰文", "出品人", "主持人", "首席执行官", "创始人",
                                       "董事长", "总裁", "CEO", "ceo", "教授", "研究员", "总经理", "合伙人", "联合创始人",
                                       "译者", "审校", "采访", "口述"].map(u)
    static let nameStops: Set<UInt32> = Set(Array(scalarsOf: "的是在说和与等也都就了这那称表示曾将已对从被把为向"))

    /// A 2–3 character Chinese name right after a role cue (`责编:清源`, `CEO 黄仁勋`).
    static func cuedChineseName(_ t: [UInt32], cueEnd: Int) -> (start: Int, end: Int)? {
        let n = t.count
        var s = cueEnd
        var skipped = 0
        while s < n && (t[s] == 0x20 || t[s] == 0x3A || t[s] == 0x7C || t[s] == 0xFF5C || t[s] == 0x2F) && skipped < 4 { s += 1; skipped += 1 }
        guard s < n, isHan(t[s]), !nameStops.contains(t[s]) else { return nil }
        var e = s
        while e < n && isHan(t[e]) && !nameStops.contains(t[e]) && e - s < 3 { e += 1 }
        let len = e - s
        guard len >= 2 else { return nil }
        // the name must end there. A name starting with a common surname may be
        // followed by a particle (黄仁勋表示); any other must end its line or
        // field (责编:清源⏎), never run on into prose (主持人:所以,…).
        if e < n && isHan(t[e]) && !nameStops.contains(t[e]) { return nil }
        // a name starting with a surname is read by ChineseNames.person
        if ChineseNames.surnameLength(t, s) > 0 { return nil }
        guard skipped > 0 else { return nil }
        if e < n {
            let c = t[e]
            let hardEnd = c == 0x0A || c == 0x20 || c == 0x7C || c == 0x29 || c == 0x3002 || c == 0xFF5C
            if !hardEnd { return nil }
        }
        return (s, e)
    }
}
