import KGCore

/// Reads quantities: Arabic and Chinese numerals, magnitudes (万, 亿, 万亿,
/// thousand/million/billion, k/M/B), currencies, percentages, multipliers,
/// counts with measure words, ages and durations, ranges (`50~100 亿美元`,
/// `20% 或 25%`, `两三年`) and vague amounts (`数十亿` = 1e9 lower bound).
/// Dates, years, ordinals and version numbers are rejected.
public enum FigureParser {
    public struct Figure: Equatable, Sendable {
        /// Normalised range of the figure itself (number through unit).
        public var start: Int
        public var end: Int
        /// Start including a qualifying word in front (`近`, `至少`, `高`), else == start.
        public var modifiedStart: Int
        public var value: Double
        public var upperValue: Double?
        public var unit: String
        /// No unit word was written; the unit is the usual one for such amounts.
        public var unitImplied = false
    }

    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }

    static let dash = u("-")
    /// Words after which 一 is a quantity (一年, 一个月), not an article (一个, 一种).
    static let durationWords: [[UInt32]] = ["年", "个月", "天", "倍", "岁", "成", "分之"].map(u)
    // (the numeral tables are read per scalar while a Chinese amount is parsed:
    // flat `ScalarValues` / `ScalarSet` tables, a load or two instead of hashing)
    static let digitValue = ScalarValues({
        var d: [UInt32: Double] = [:]
        for (s, v) in [("零", 0.0), ("〇", 0), ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5),
                       ("六", 6), ("七", 7), ("八", 8), ("九", 9)] { d[u(s)[0]] = v }
        return d
    }())
    static let smallUnit = ScalarValues([u("十")[0]: 10, u("百")[0]: 100, u("千")[0]: 1000])
    static let wan = u("万")[0], yi = u("亿")[0], zhao = u("兆")[0]
    static let vagueDigit = ScalarSet("数几")

    /// Unit words after the number, ordered longest first within a shared
    /// start: unit word → unit name. Currencies are named only when written
    /// (元 alone is the yuan; `FigureCurrency` reads it as the document's own
    /// dollar in Taiwanese or Hong Kong text).
    static let unitWords: [([UInt32], String)] = [
        // currencies written after the amount: 70 亿美元, 2.8 億港元, 6 億元新台幣 (see `currencyAfterYuan`)
        ("美元", "USD"), ("美金", "USD"), ("人民币", "CNY"), ("块钱", "CNY"), ("欧元", "EUR"), ("英镑", "GBP"),
        ("日元", "JPY"), ("日圆", "JPY"), ("港元", "HKD"), ("港币", "HKD"), ("新台币", "TWD"), ("台币", "TWD"),
        ("韩元", "KRW"), ("元", "CNY"),
        // multipliers, ages and durations
        ("倍", "x"), ("岁", "year"), ("个小时", "hour"), ("小时", "hour"), ("个月", "month"),
        ("分钟", "minute"), ("个星期", "week"), ("星期", "week"), ("周", "week"), ("天", "day"), ("秒", "second"),
        ("年", "year"),
        // shares of a whole: 25%, 5 个百分点, 25 percent, 3 percentage points
        ("%", "percent"), ("个百分点", "percentage point"), ("百分点", "percentage point"),
        ("percentage points", "percentage point"), ("percent", "percent"), ("per cent", "percent"),
        // power, compute, memory: 5GW, 6 吉瓦, 8 EFLOPS, 2GB
        ("gw", "GW"), ("mw", "MW"), ("吉瓦", "GW"), ("兆瓦", "MW"), ("eflops", "EFLOPS"), ("pflops", "PFLOPS"),
        ("gb", "GB"), ("tb", "TB"),
        // English nouns counted after Arabic digits: 140 people, 85 employees
        ("dollars", "USD"), ("gpus", "GPU"), ("gpu", "GPU"), ("tokens", "token"), ("people", "person"),
        ("employees", "employee"), ("engineers", "engineer"), ("researchers", "researcher"),
        ("paying customers", "customer"), ("customers", "customer"), ("users", "person"),
        // a model's size: 70 billion parameters, 8B parameters
        ("parameters", "parameter"), ("params", "parameter"),
        ("years", "year"), ("months", "month"), ("weeks", "week"), ("days", "day"), ("hours", "hour"),
    ].map { (u($0.0), $0.1) }

    /// Singular nouns joined to an Arabic amount by a hyphen in a compound adjective (`a 13-billion-parameter
    /// model`, `a 40-person team`, `a 2-billion-dollar fund`); read only after a hyphen. Durations are left
    /// out (`a 3-year-old startup` is an age, read elsewhere).
    static let hyphenUnits: [([UInt32], String)] = [("parameter", "parameter"), ("person", "person"), ("dollar", "USD"),
        ("employee", "employee"), ("engineer", "engineer"), ("gpu", "GPU"), ("token", "token"), ("user", "person")].map { (u($0.0), $0.1) }

    /// Nouns after a letter magnitude with no currency sign: a model's size `8B parameters`, `70B params`
    static let letterMagnitudeNouns: [[UInt32]] = [u(" parameters"), u(" params"), u("parameters")]

    /// A currency written after 元 (`312 億元新台幣`, `5 亿元人民币`) names the yuan.
    static let currencyAfterYuan: [([UInt32], String)] = [
        ("新台币", "TWD"), ("台币", "TWD"), ("港币", "HKD"), ("人民币", "CNY"),
    ].map { (u($0.0), $0.1) }

    /// A currency written before the amount: `新台幣 150 億元`, `人民币 5 亿元`.
    static let currencyBefore: [([UInt32], String)] = [
        ("新台币", "TWD"), ("台币", "TWD"), ("人民币", "CNY"), ("港币", "HKD"),
    ].map { (u($0.0), $0.1) }

    /// The last scalars (below U+10000) of the `currencyBefore` words, as a flat table.
    static let currencyBeforeEnds: [Bool] = {
        var f = [Bool](repeating: false, count: 0x10000)
        for (w, _) in currencyBefore { if let l = w.last, l < 0x10000 { f[Int(l)] = true } }
        return f
    }()

    /// Currency signs and codes written before the digits: $5B, €1.2 billion,
    /// £400 million, HK$2,000, NT$15, US$3 million, ¥80, ₩500.
    static let currencySigns: [([UInt32], String)] = [
        ("us$", "USD"), ("hk$", "HKD"), ("nt$", "TWD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "CNY"), ("₩", "KRW"),
    ].map { (u($0.0), $0.1) }

    /// Measure words and the unit they give when no known noun follows.
    static let measureWords: [([UInt32], String)] = [
        ("个", "item"), ("名", "person"), ("位", "person"), ("人", "person"), ("家", "company"), ("张", "item"),
        ("块", "item"), ("台", "item"), ("款", "item"), ("项", "item"), ("篇", "article"), ("次", "time"),
        ("席", "seat"), ("道", "item"), ("颗", "chip"), ("股", "share"), ("柜", "rack"), ("间", "company"),
    ].map { (u($0.0), $0.1) }

    /// Nouns after a measure word (or directly after the number) that name what is counted.
    static let countNouns: [([UInt32], String)] = [
        ("研究人员", "researcher"), ("研究员", "researcher"), ("工程师", "engineer"), ("员工", "employee"),
        ("参数", "parameter"), ("特征", "feature"), ("表征", "feature"), ("用户", "person"), ("公司", "company"),
        ("国家", "country"), ("模型", "model"), ("数据中心", "data center"), ("gpu", "GPU"), ("显卡", "GPU"),
        ("芯片", "chip"), ("token", "token"), ("词", "word"), ("人", "person"), ("客户", "customer"),
        ("评估", "evaluation"), ("专题", "session"), ("程序员", "programmer"), ("加速卡", "GPU"), ("论文", "paper"),
    ].map { (u($0.0), $0.1) }

    /// First scalars of every word that may follow a number (units, measure
    /// words, nouns, range words, 多/余): a number followed by anything else
    /// is rejected without trying each word.
    static let followFirst: [Bool] = {
        var f = [Bool](repeating: false, count: 0x10000)
        let words = unitWords.map(\.0) + measureWords.map(\.0) + countNouns.map(\.0) + rangeWords + [u("多"), u("余"), u("x"), u("×"), u("%")]
        for w in words where w[0] < 0x10000 { f[Int(w[0])] = true }
        return f
    }()
    /// Demonstratives before a duration (那一年, 这几天, 当天): a time, not an amount.
    static let demonstratives: Set<UInt32> = Set("那这哪同当".unicodeScalars.map(\.value))

    /// Qualifiers written after an amount, kept in its surface (`10 个月左右`, `五成以上`).
    static let trailers: [[UInt32]] = ["左右", "以上", "以内", "以下", "上下"].map(u)

    /// Qualifying words in front of an amount, kept in its surface: bounds
    /// (超过, 不到, 不低于, 至多, more than, up to), approximations (约, 大概,
    /// 差不多, about, roughly) and comparatives (高 10 倍). Longest first.
    static let modifiers: [[UInt32]] = [
        "差不多", "不低于", "不超过", "不少于", "超过", "至少", "至多", "最多", "将近", "接近", "大约", "大概", "高达", "不到", "不足",
        "突破", "约有", "约为", "近", "约", "逾", "超", "高", "低", "快", "慢", "贵",
        "approximately", "more than", "less than", "at least", "roughly", "nearly", "almost", "around", "about", "up to", "over",
    ].map(u).sorted { $0.count > $1.count }
    /// Modifiers that make a different quantity (高 10 倍 is not 10 倍); the
    /// others only qualify the same amount (约 10 亿美元 is 10 亿美元).
    static let comparativeModifiers: [[UInt32]] = ["高", "低", "快", "慢", "贵"].map(u)
    static let rangeWords: [[UInt32]] = ["~", "-", "–", "—", "到", "至", "或"].map(u)
    static let phraseAmounts: [([UInt32], Double)] = [("成千上万", 1000), ("成百上千", 100), ("成千上百", 100)].map { (u($0.0), $0.1) }
    static let englishMagnitudes: [([UInt32], Double)] = [("trillion", 1e12), ("billion", 1e9), ("million", 1e6),
                                                          ("thousand", 1e3), ("bn", 1e9)].map { (u($0.0), $0.1) }

    @inline(__always) static func hasPrefix(_ t: [UInt32], _ i: Int, _ p: [UInt32]) -> Bool {
        guard i + p.count <= t.count else { return false }
        for k in 0..<p.count where t[i + k] != p[k] { return false }
        return true
    }

    /// Literal-prefix test without building an array (hot path).
    @inline(__always) static func hasPrefix(_ t: [UInt32], _ i: Int, _ p: StaticString) -> Bool {
        var k = i
        var ok = true
        // a literal is valid UTF-8: its scalars are decoded by hand, not through the generic decoder
        p.withUTF8Buffer { buf in
            var j = 0
            let m = buf.count
            while j < m {
                let b0 = UInt32(buf[j])
                let v: UInt32
                if b0 < 0x80 {
                    v = b0; j += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(buf[j + 1] & 0x3F); j += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(buf[j + 1] & 0x3F) << 6 | UInt32(buf[j + 2] & 0x3F); j += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(buf[j + 1] & 0x3F) << 12 | UInt32(buf[j + 2] & 0x3F) << 6 | UInt32(buf[j + 3] & 0x3F); j += 4
                }
                if k >= t.count || t[k] != v { ok = false; return }
                k += 1
            }
        }
        return ok
    }

    static func skipSpace(_ t: [UInt32], _ i: Int) -> Int { i < t.count && t[i] == 0x20 ? i + 1 : i }

    static func isChineseNumeral(_ c: UInt32) -> Bool {
        digitValue[c] != nil || smallUnit[c] != nil || c == wan || c == yi || vagueDigit.contains(c)
    }

    struct Number {
        var end: Int
        var value: Double
        var upper: Double?
        var hasMagnitude: Bool
        var vague: Bool
        var arabic: Bool
        var digits: Int
    }

    /// Arabic digits (with `,` groups and decimals) followed by an optional
    /// Chinese or English magnitude.
    static func arabic(_ t: [UInt32], _ i: Int) -> Number? {
        let n = t.count
        var j = i
        var s = ""
        var digits = 0
        while j < n {
            let c = t[j]
            if isASCIIDigit(c) { s.unicodeScalars.append(Unicode.Scalar(c)!); digits += 1; j += 1; continue }
            if c == 0x2C && j + 3 < n && isASCIIDigit(t[j + 1]) && isASCIIDigit(t[j + 2]) && isASCIIDigit(t[j + 3]) { j += 1; continue }
            if c == 0x2E && j + 1 < n && isASCIIDigit(t[j + 1]) { s += "."; j += 1; continue }
            break
        }
        guard digits > 0, var v = Double(s) else { return nil }
        var mag = false
        var k = skipSpace(t, j)
        // 多 / 余 before the magnitude: 100多万
        if k < n && t[k] == wan {
            v *= 1e4; k += 1; mag = true
            if k < n && t[k] == yi { v *= 1e8; k += 1 }
            else if k < n && isASCIIDigit(t[k]), let rest = arabicBelow(t, k, 10_000) {
                // 2萬8,000人: thousands written after 万
                v += rest.value; k = rest.end
            }
            j = k
        } else if k < n && t[k] == yi {
            v *= 1e8; k += 1; mag = true; j = k
        } else if k < n && t[k] == zhao {
            v *= 1e12; k += 1; mag = true; j = k
        } else if k < n {
            // `13-billion-parameter`: a magnitude inside a hyphenated compound (a hyphen on both sides)
            let kk = t[k] == 0x2D && k + 1 < n && isLatinLetter(t[k + 1]) ? k + 1 : k
            for (w, m) in englishMagnitudes where hasPrefix(t, kk, w) {
                if kk + w.count < n && isLatinLetter(t[kk + w.count]) { continue }
                if kk != k && !(kk + w.count < n && t[kk + w.count] == 0x2D) { continue }
                v *= m; j = kk + w.count; mag = true; break
            }
            if !mag && k == j && j < n && (t[j] == 0x6B || t[j] == 0x6D || t[j] == 0x62 || t[j] == 0x4B || t[j] == 0x4D || t[j] == 0x42)
                && (j + 1 >= n || !isLatinAlnum(t[j + 1])) && j > 0 && i > 0
                && ((t[i - 1] == 0x24 || t[i - 1] == 0x20AC || t[i - 1] == 0xA3) || letterMagnitudeNouns.contains(where: { hasPrefix(t, j + 1, $0) })) {
                // $5B, $300M, €2k
                let letter = asciiLower(t[j])
                v *= letter == 0x62 ? 1e9 : (letter == 0x6D ? 1e6 : 1e3); j += 1; mag = true
            }
        }
        return Number(end: j, value: v, upper: nil, hasMagnitude: mag, vague: false, arabic: true, digits: digits)
    }

    /// Plain Arabic digits (with `,` groups) below `limit`, for the part after 万.
    static func arabicBelow(_ t: [UInt32], _ i: Int, _ limit: Double) -> (value: Double, end: Int)? {
        var j = i
        var v = 0.0
        while j < t.count {
            if isASCIIDigit(t[j]) { v = v * 10 + Double(t[j] - 0x30); j += 1; continue }
            if t[j] == 0x2C && j + 3 < t.count && isASCIIDigit(t[j + 1]) && isASCIIDigit(t[j + 2]) && isASCIIDigit(t[j + 3]) { j += 1; continue }
            break
        }
        if j < t.count && (t[j] == 0x2E || t[j] == wan || t[j] == yi) { return nil }
        return v < limit ? (v, j) : nil
    }

    /// Chinese numerals, including vague forms (数十亿, 几百, 十几, 上百亿) and
    /// juxtaposed ranges (两三, 一两, 十几二十).
    static func chinese(_ t: [UInt32], _ i: Int) -> Number? {
        let n = t.count
        var j = i
        var total = 0.0, section = 0.0, num = 0.0
        var vague = false
        var any = false
        var mag = false
        var upper: Double?
        var lastWasDigit = false
        if j < n && (t[j] == shangChar || t[j] == haoChar) {
            // 上百亿, 好几个月
            if j + 1 < n && (smallUnit[t[j + 1]] != nil || t[j + 1] == wan || vagueDigit.contains(t[j + 1])) { j += 1; vague = true } else { return nil }
        }
        // a bare 亿 never starts an amount; 万 only as 万亿 (a trillion)
        if t[j] == yi || (t[j] == wan && !(j + 1 < n && t[j + 1] == yi)) { return nil }
        while j < n {
            let c = t[j]
            if let d = digitValue[c] {
                if lastWasDigit && upper == nil && section == 0 && total == 0 {
                    // 两三, 一两, 三四: a range of neighbours
                    upper = d; j += 1; lastWasDigit = true; any = true
                    continue
                }
                if lastWasDigit { break }
                num = d; any = true; lastWasDigit = true; j += 1
                continue
            }
            lastWasDigit = false
            if vagueDigit.contains(c) {
                // 数/几 as a digit: lower bound 1; after a unit (十几) it adds nothing
                guard j + 1 < n || section > 0 else { break }
                if section > 0 || total > 0 { vague = true; j += 1; any = true; continue }
                guard j + 1 < n, smallUnit[t[j + 1]] != nil || t[j + 1] == wan || t[j + 1] == yi else { break }
                num = 1; vague = true; any = true; j += 1
                continue
            }
            if let su = smallUnit[c] {
                if num == 0 && section == 0 && total == 0 && !any { section += su } else { section += max(num, num == 0 ? 1 : num) * su }
                num = 0; any = true; j += 1
                continue
            }
            if c == wan {
                let base = section + num
                total += (base == 0 ? 1 : base) * 1e4
                section = 0; num = 0; any = true; mag = true; j += 1
                if j < n && t[j] == yi { total *= 1e8; j += 1 }
                continue
            }
            if c == yi {
                let base = total + section + num
                total = (base == 0 ? 1 : base) * 1e8
                section = 0; num = 0; any = true; mag = true; j += 1
                continue
            }
            break
        }
        guard any else { return nil }
        let value = total + section + num
        guard value > 0 else { return nil }
        return Number(end: j, value: value, upper: upper, hasMagnitude: mag, vague: vague, arabic: false, digits: 0)
    }

    /// Parses a range pair like `两三`: value = lower digit times the following unit.
    static func chineseWithRange(_ t: [UInt32], _ i: Int) -> Number? {
        // Juxtaposed digits (两三年, 三四千): read both, then the unit scales both.
        let n = t.count
        if i + 1 < n, let a = digitValue[t[i]], let b = digitValue[t[i + 1]], a > 0, b == a + 1 || (a == 1 && b == 2) {
            var j = i + 2
            var scale = 1.0
            var mag = false
            if j < n, let su = smallUnit[t[j]] { scale = su; j += 1 }
            if j < n && t[j] == wan { scale *= 1e4; j += 1; mag = true }
            if j < n && t[j] == yi { scale *= 1e8; j += 1; mag = true }
            return Number(end: j, value: a * scale, upper: b * scale, hasMagnitude: mag, vague: true, arabic: false, digits: 0)
        }
        return chinese(t, i)
    }

    static func number(_ t: [UInt32], _ i: Int) -> Number? {
        if isASCIIDigit(t[i]) { return arabic(t, i) }
        for (p, v) in phraseAmounts where hasPrefix(t, i, p) {
            return Number(end: i + p.count, value: v, upper: nil, hasMagnitude: false, vague: true, arabic: false, digits: 0)
        }
        return chineseWithRange(t, i)
    }

    /// Scalars that can start a Chinese amount (numerals, 数/几, 上/好/成), as a
    /// flat table so the per-character test is one load.
    static let numeralStart: [Bool] = {
        var f = [Bool](repeating: false, count: 0x10000)
        for c in "零〇一二两三四五六七八九十百千万亿数几上好成".unicodeScalars { f[Int(c.value)] = true }
        return f
    }()

    /// Whether a figure can start with scalar `c` at all (digits, currency
    /// signs, `US$`, 百分之, Chinese numerals): one table load for most text.
    @inline(__always) static func mayStart(_ c: UInt32) -> Bool {
        if c < 0x80 { return isASCIIDigit(c) || c == 0x24 || asciiStart[Int(c)] }
        if c == 0x20AC || c == 0xA5 || c == 0xA3 || c == 0x20A9 || c == 0x767E { return true } // € ¥ £ ₩ 百
        return c < 0x10000 && numeralStart[Int(c)]
    }

    /// ASCII letters that may start a figure, either case: `US$`, `HK$`, `NT$`
    /// and the first letters of English number words.
    static let asciiStart: [Bool] = {
        var f = [Bool](repeating: false, count: 0x80)
        for c in EnglishNumbers.firstLetters.union([0x75, 0x68, 0x6E]) where c < 0x80 {
            f[Int(c)] = true
            f[Int(c) - 32] = true
        }
        return f
    }()

    /// Whether a figure may start at `i` (not inside a word, a name or a date).
    static func canStart(_ t: [UInt32], _ i: Int) -> Bool {
        guard i < t.count else { return false }
        let c = t[i]
        if isASCIIDigit(c) {
            if i > 0 {
                let p = t[i - 1]
                if isASCIIDigit(p) || isLatinLetter(p) || p == 0x2E || p == 0x2D || p == 0x2F || p == 0x5F { return false }
                // 15:05 is a time; `张三：600 多人` (a full-width colon, folded to `:`) is not
                if p == 0x3A && i > 1 && isASCIIDigit(t[i - 2]) { return false }
            }
            return true
        }
        guard c < 0x10000, numeralStart[Int(c)] else { return false }
        if i > 0 && t[i - 1] == ordinalMark { return false } // 第
        if c == shangChar || c == haoChar || c == cheng {
            // 上百, 上千, 上万, 好几, 成千, 成百
            guard i + 1 < t.count else { return false }
            let d = t[i + 1]
            if c == shangChar { return d == baiChar || d == qianChar || d == wan }
            if c == haoChar { return d == jiChar }
            return d == qianChar || d == baiChar
        }
        return true
    }

    /// Reads the figure starting at `i` of the lowercased normalised text, if any.
    public static func parse(_ t: [UInt32], at i0: Int) -> Figure? {
        let n = t.count
        var i = i0
        var unit: String?
        var percentPrefix = false
        var prefixStart = i0
        // currency and percent prefixes
        var signed = false
        let c0 = t[i]
        let mayBeSign = c0 == 0x24 || c0 == 0x20AC || c0 == 0xA3 || c0 == 0xA5 || c0 == 0x20A9 || c0 == 0x75 || c0 == 0x68 || c0 == 0x6E
        // (the table is read only where a sign can start: most calls are at a digit or a word)
        if mayBeSign {
            for (w, code) in currencySigns where hasPrefix(t, i, w) {
                if isLatinLetter(w[0]) && i > 0 && isLatinLetter(t[i - 1]) { return nil }
                unit = code; signed = true; i += w.count
                if i < n && t[i] == 0x20 { i += 1 }
                guard i < n, isASCIIDigit(t[i]) else { return nil }
                break
            }
        }
        if signed {
        } else if isASCIILetter(t[i]) {
            // English number words start at a word boundary only
            if i > 0 && isLatinAlnum(t[i - 1]) { return nil }
            return EnglishNumbers.parse(t, at: i).map { withModifier($0, t) }
        } else if t[i] == baiFenZhi[0] && hasPrefix(t, i, baiFenZhi) {
            percentPrefix = true; unit = "percent"; i += 3
            guard i < n else { return nil }
        } else if t[i] == yiBan[0] && hasPrefix(t, i, yiBan) && !(i + 2 < n && t[i + 2] == tianChar) {
            // 一半 / 一半以上: half of a whole
            return withModifier(Figure(start: i0, end: i0 + 2, modifiedStart: i0, value: 50, upperValue: nil, unit: "percent"), t)
        } else if !canStart(t, i) {
            return nil
        } else {
            // a currency written before the amount: 新台幣 150 億元
            var b = i
            if b > 0 && t[b - 1] == 0x20 { b -= 1 }
            // (the table is walked only where one of its words can end)
            if b > 0 && (t[b - 1] >= 0x10000 || currencyBeforeEnds[Int(t[b - 1])]) {
                for (w, code) in currencyBefore where b >= w.count && hasPrefix(t, b - w.count, w) {
                    unit = code; prefixStart = b - w.count; break
                }
            }
        }
        // 每百万 token: a rate's denominator, not an amount
        if i > 0 && t[i - 1] == perWord { return nil }
        guard var num = number(t, i) else { return nil }
        if !num.arabic && !percentPrefix && num.value == 1 && !num.hasMagnitude && num.upper == nil {
            // 一 alone is an article far more often than a count ("一个", "一种")
            let k = num.end
            if !durationWords.contains(where: { hasPrefix(t, k, $0) }) { return nil }
        }
        if percentPrefix {
            return withModifier(Figure(start: i0, end: num.end, modifiedStart: i0, value: num.value, upperValue: num.upper, unit: "percent"), t)
        }
        if !num.arabic, let f = chineseShare(t, i0, num) { return withModifier(f, t) }
        var j = num.end
        // a large amount with no unit after it takes the unit its clause names
        // before it (参数量为 3200 亿 → parameters); never a currency
        let contextUnit = unit == nil && num.hasMagnitude ? unitFromContext(t, before: prefixStart) : nil
        do {
            // nothing after the number can make it a figure: only a unit already
            // known (a currency sign, 百分之) or named by the clause still can
            let q = skipSpace(t, j)
            let canStandAlone = unit != nil || contextUnit != nil || (num.hasMagnitude && num.value >= 1e4)
            let vagueOf = num.vague && q < n && t[q] == 0x7684 // 成千上万的工程师
            if !canStandAlone && !vagueOf && (q >= n || (t[q] < 0x10000 && !followFirst[Int(t[q])])) { return nil }
        }
        // a unit right after the first number (20% 或 25%)
        var k = skipSpace(t, j)
        var firstUnit: String?
        if k < n && t[k] == 0x25 { firstUnit = "percent" }
        if k < n && hasPrefix(t, k, "倍") { firstUnit = "x" }
        // range: lower CONNECTOR upper
        var kk = firstUnit != nil ? skipSpace(t, k + 1) : k
        for w in rangeWords where hasPrefix(t, kk, w) {
            let s = skipSpace(t, kk + w.count)
            guard s < n, canStart(t, s) || (s > 0 && isASCIIDigit(t[s])), let second = number(t, s) else { break }
            if w == dash && (!num.arabic || !second.arabic) { break }
            if second.value < num.value && !(num.value < 100 && second.hasMagnitude) { break }
            // 50~100 亿: the magnitude of the second applies to the first
            if second.hasMagnitude && !num.hasMagnitude {
                num.value *= magnitudeOf(t, second, s)
                num.hasMagnitude = true
            }
            num.upper = second.upper ?? second.value
            if second.vague { num.vague = true }
            j = second.end
            k = skipSpace(t, j)
            kk = k
            firstUnit = nil
            break
        }
        if let fu = firstUnit { unit = unit ?? fu }
        // 多 / 余 / 左右 after the number
        var m = skipSpace(t, j)
        if m < n && (hasPrefix(t, m, "多") || hasPrefix(t, m, "余")) && !hasPrefix(t, m, "多少") && !hasPrefix(t, m, "多付") { m += 1 }
        var end = j
        var foundUnit: String?
        var unitImplied = false
        // `a 13-billion-parameter model`, `a 40-person team`: a singular noun joined by a hyphen
        if m == j && m + 1 < n && t[m] == 0x2D && isLatinLetter(t[m + 1]) {
            for (w, name) in hyphenUnits where hasPrefix(t, m + 1, w) && !(m + 1 + w.count < n && isLatinLetter(t[m + 1 + w.count])) {
                foundUnit = name
                end = m + 1 + w.count
                break
            }
        }
        for (w, name) in unitWords where foundUnit == nil && hasPrefix(t, m, w) {
            if isLatinLetter(w[0]) && m + w.count < n && isLatinLetter(t[m + w.count]) { continue }
            if isLatinLetter(w[0]) && m == j && w.count <= 2 && !num.arabic { continue }
            foundUnit = name
            end = m + w.count
            break
        }
        if foundUnit == nil {
            // multiplier written `3x` / `10×`
            if m == j && m < n && (t[m] == 0x78 || t[m] == 0xD7) && (m + 1 >= n || !isLatinLetter(t[m + 1])) && num.arabic {
                foundUnit = "x"; end = m + 1
            }
        }
        if foundUnit == nil {
            for (w, name) in measureWords where hasPrefix(t, m, w) {
                foundUnit = name
                end = m + w.count
                let q = skipSpace(t, end)
                for (noun, nounUnit) in countNouns where hasPrefix(t, q, noun) {
                    if isLatinLetter(noun[0]) && q + noun.count < n && isLatinLetter(t[q + noun.count]) && t[q + noun.count] != 0x73 { continue }
                    foundUnit = nounUnit
                    end = q + noun.count
                    if isLatinLetter(noun[0]) && end < n && t[end] == 0x73 { end += 1 }
                    break
                }
                break
            }
        }
        if foundUnit == nil && num.vague && hasPrefix(t, m, "的") {
            // 成千上万的工程师: a vague count, 的, then what is counted
            for (noun, nounUnit) in countNouns where hasPrefix(t, m + 1, noun) {
                foundUnit = nounUnit
                end = m + 1 + noun.count
                break
            }
        }
        if foundUnit == nil {
            let q = skipSpace(t, m)
            for (noun, nounUnit) in countNouns where hasPrefix(t, q, noun) && (num.hasMagnitude || num.arabic) {
                if isLatinLetter(noun[0]) && q + noun.count < n && isLatinLetter(t[q + noun.count]) && t[q + noun.count] != 0x73 { continue }
                foundUnit = nounUnit
                end = q + noun.count
                break
            }
        }
        if let f = foundUnit {
            // a unit word wins over a percent read from the first half of a range
            if unit == nil || (unit == "percent" && f != "percent" && firstUnit == nil) { unit = f }
        }
        if unit == "CNY" && foundUnit == "CNY" && end > 0 && t[end - 1] == yuan {
            // 312 億元新台幣: the currency named after 元
            for (w, code) in currencyAfterYuan where hasPrefix(t, end, w) { unit = code; end += w.count; break }
        }
        if foundUnit == nil && num.arabic && hasPrefix(t, m, "分") && m + 1 <= n
            && (m + 1 == n || !scoreBlockers.contains(t[m + 1])) && (num.value != num.value.rounded() || num.value >= 10) {
            // 89.2 分: a score in points (not 分钟, 分之, 分析)
            unit = "point"; end = m + 1; foundUnit = "point"
        }
        let perEnd = i0 > 0 && t[i0 - 1] == 0x20 ? i0 - 1 : i0
        if let u0 = unit, !isMoney(u0), !u0.utf8.contains(0x2F), prefixStart == i0, perEnd >= 2, t[perEnd - 2] == perWord, let per = perUnit[t[perEnd - 1]] {
            // 每秒 25 个 token: a rate
            unit = u0 + "/" + per
            prefixStart = perEnd - 2
        }
        if unit == nil, let cu = contextUnit {
            unit = cu
            end = j
            unitImplied = true
        } else if unit == nil && num.hasMagnitude && num.value >= 1e4 {
            // 十几亿, 上百亿 with nothing after: an amount of something the
            // sentence names elsewhere; `FigureCurrency` keeps it as money
            // only when its sentence states a currency or a money word
            unit = unresolvedUnit
            end = j
            unitImplied = true
        }
        guard let finalUnit = unit else { return nil }
        if end < j { end = j }
        // dates and years: 2024 年, 1990年代, 6 月, 20 日
        if finalUnit == "year" && foundUnit == "year" {
            let yearWord = end - 1
            if num.value >= 1000 || (num.arabic && num.digits >= 3) { return nil }
            if yearWord + 1 < n && (hasPrefix(t, yearWord + 1, "代") || hasPrefix(t, yearWord + 1, "级") || hasPrefix(t, yearWord + 1, "底")
                                   || hasPrefix(t, yearWord + 1, "初") || hasPrefix(t, yearWord + 1, "月")) { return nil }
            // 岁 is an age, 年 a duration: both "year"
        }
        // 那一年, 这两天: a demonstrative makes a duration a point in time
        if isCalendarUnit(finalUnit) && !num.arabic && i0 > 0 && demonstratives.contains(t[i0 - 1]) { return nil }
        // 一年前, 三个月前: a point in time, not a quantity
        if isCalendarUnit(finalUnit) && foundUnit == finalUnit && hasPrefix(t, end, "前") { return nil }
        // a count of unnamed things is only worth keeping when vague (几百个)
        if finalUnit == "item" && !num.vague && num.value < 100 { return nil }
        // small counts in Chinese numerals (两位, 三家) are prose, not figures
        if isCountNoun(finalUnit) && !num.arabic && num.value < 10 && !num.vague { return nil }
        if hasPrefix(t, end, "数") && finalUnit == "person" { return nil } // 两位数: digits, not people
        if num.value == 0 && num.upper == nil { return nil }
        return withModifier(Figure(start: i0, end: end, modifiedStart: prefixStart, value: num.value,
                                   upperValue: num.upper, unit: finalUnit, unitImplied: unitImplied), t)
    }

    /// Characters after 分 that make it a word (分钟, 分之, 分析, 分别…), not a score.
    static let scoreBlockers: Set<UInt32> = Set("钟之析别成布享为类配批拆散工开子数享红拨支手化割钱期".unicodeScalars.map(\.value))
    /// The unit of a bare large amount until its sentence says what it counts.
    public static let unresolvedUnit = "?"
    /// Units that are currencies (ISO codes).
    static let moneyUnits: Set<String> = ["USD", "CNY", "EUR", "GBP", "JPY", "HKD", "TWD", "KRW"]
    @inline(__always) static func isMoney(_ unit: String) -> Bool { moneyUnits.contains(unit) }
    /// Units of a span of time (`那一年`, `三个月前` read as points in time). A switch: no array built per call.
    @inline(__always) static func isCalendarUnit(_ unit: String) -> Bool {
        switch unit { case "year", "month", "week", "day": return true; default: return false }
    }
    /// Units counting people or things (`两位`, `三家`): prose when small and written in Chinese numerals.
    @inline(__always) static func isCountNoun(_ unit: String) -> Bool {
        switch unit { case "person", "company", "article", "time": return true; default: return false }
    }
    static let yuan = u("元")[0]
    static let baiFenZhi = u("百分之"), yiBan = u("一半"), tianChar = u("天")[0]
    static let ordinalMark = u("第")[0], shangChar = u("上")[0], haoChar = u("好")[0], baiChar = u("百")[0],
               qianChar = u("千")[0], jiChar = u("几")[0]
    static let perWord = u("每")[0]
    /// 每秒 / 每天 / 每月 before an amount make it a rate.
    static let perUnit: [UInt32: String] = [u("秒")[0]: "s", u("天")[0]: "day", u("日")[0]: "day", u("月")[0]: "month", u("年")[0]: "year"]
    static let cheng = u("成")[0]
    /// Characters after 成 that make it a word (成为, 成功, 成本, 成都…), not tenths.
    /// Qualifiers right before a one-character tenth that make `成为` read as the tenth and 为 (`约六成为`, `近三成为`, `其中四成为`)
    static let shareQualifiers: Set<UInt32> = Set("约近超逾中有占".unicodeScalars.map(\.value))
    static let chengBlockers: Set<UInt32> = Set("为功本员果长熟交绩型都立就效品年人家了".unicodeScalars.map(\.value))

    /// Shares written in Chinese numerals: 三成 / 近八成 (tenths) and
    /// 三分之一 / 十分之一 (fractions), read as percent.
    static func chineseShare(_ t: [UInt32], _ i0: Int, _ num: Number) -> Figure? {
        let n = t.count
        let k = num.end
        if k < n && t[k] == cheng && !num.hasMagnitude && num.value <= 10 {
            // (`约六成为工程师`: after a qualifier, 成为 still reads 六成 + 为 — `三成为` alone may be "three become")
            if k + 1 < n && chengBlockers.contains(t[k + 1])
                && !(t[k + 1] == 0x4E3A && i0 > 0 && shareQualifiers.contains(t[i0 - 1]) && k == i0 + 1) { return nil }
            if hasPrefix(t, i0, "一成不变") { return nil }
            return Figure(start: i0, end: k + 1, modifiedStart: i0, value: num.value * 10, upperValue: num.upper.map { $0 * 10 }, unit: "percent")
        }
        if hasPrefix(t, k, "分之"), k + 2 < n, !num.hasMagnitude, num.upper == nil, let part = chinese(t, k + 2), part.value <= num.value {
            return Figure(start: i0, end: part.end, modifiedStart: i0, value: part.value / num.value * 100, upperValue: nil, unit: "percent")
        }
        return nil
    }

    /// Nouns before a unitless amount in its clause that say what it counts:
    /// 参数量为 3200 亿, 月活跃用户突破 1000 万, 日均 token 调用量超过 16 万亿.
    static let contextNouns: [([UInt32], String)] = [
        ("参数", "parameter"), ("parameters", "parameter"), ("token", "token"), ("用户", "person"), ("月活", "person"),
        ("日活", "person"), ("周活", "person"), ("users", "person"),
    ].map { (u($0.0), $0.1) }

    /// The unit named by a context noun within the clause before `p` (at most
    /// 16 scalars back, stopping at a clause break). Cost: one short backward scan.
    static func unitFromContext(_ t: [UInt32], before p: Int) -> String? {
        var a = p
        let limit = max(0, p - 16)
        while a > limit {
            let c = t[a - 1]
            if c == 0xFF0C || c == 0x2C || c == 0x3002 || c == 0xFF1B || c == 0x3B || c == 0x0A || c == 0x3001 || c == 0xFF1A { break }
            a -= 1
        }
        var best: (Int, String)?
        for (w, unit) in contextNouns {
            var q = p - w.count
            while q >= a {
                if hasPrefix(t, q, w) { if best == nil || q > best!.0 { best = (q, unit) }; break }
                q -= 1
            }
        }
        return best?.1
    }

    /// The figure with a qualifying word in front of it (约, 超过, about, more than).
    static func withModifier(_ f: Figure, _ t: [UInt32]) -> Figure {
        var f = f
        // a bound or an approximation written after the amount is part of it: 450 人左右, 五成以上
        for w in trailers where hasPrefix(t, f.end, w) { f.end += w.count; break }
        let s = f.modifiedStart
        for space in [0, 1] where s >= space && (space == 0 || t[s - 1] == 0x20) {
            let e = s - space
            for w in modifiers where e >= w.count && hasPrefix(t, e - w.count, w) {
                // a Latin modifier is a whole word (not "turnover 5 billion")
                if isLatinLetter(w[0]) && (space == 0 || (e - w.count > 0 && isLatinLetter(t[e - w.count - 1]))) { continue }
                f.modifiedStart = e - w.count
                return f
            }
        }
        return f
    }

    /// The magnitude a number's trailing 万/亿/billion contributes.
    static func magnitudeOf(_ t: [UInt32], _ n: Number, _ start: Int) -> Double {
        var k = n.end - 1
        while k > start && (t[k] == 0x20) { k -= 1 }
        if t[k] == yi { return k > start && t[k - 1] == wan ? 1e12 : 1e8 }
        if t[k] == wan { return 1e4 }
        if t[k] == zhao { return 1e12 }
        let tail = stringOf(t[start..<n.end])
        if tail.hasSuffix("trillion") { return 1e12 }
        if tail.hasSuffix("billion") || tail.hasSuffix("bn") { return 1e9 }
        if tail.hasSuffix("million") { return 1e6 }
        if tail.hasSuffix("thousand") { return 1e3 }
        return 1
    }
}
