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
    static let durationWords: [[UInt32]] = ["年", "个月", "天", "倍", "岁"].map(u)
    static let digitValue: [UInt32: Double] = {
        var d: [UInt32: Double] = [:]
        for (s, v) in [("零", 0.0), ("〇", 0), ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5),
                       ("六", 6), ("七", 7), ("八", 8), ("九", 9)] { d[u(s)[0]] = v }
        return d
    }()
    static let smallUnit: [UInt32: Double] = [u("十")[0]: 10, u("百")[0]: 100, u("千")[0]: 1000]
    static let wan = u("万")[0], yi = u("亿")[0], zhao = u("兆")[0]
    static let vagueDigit: Set<UInt32> = [u("数")[0], u("几")[0]]

    /// Ordered longest first: unit word → unit name.
    static let unitWords: [([UInt32], String)] = [
        ("亿美元", ""), ("美元", "USD"), ("美金", "USD"), ("人民币", "CNY"), ("块钱", "CNY"), ("欧元", "EUR"), ("英镑", "GBP"),
        ("日元", "JPY"), ("元", "CNY"), ("倍", "x"), ("岁", "year"), ("个小时", "hour"), ("小时", "hour"), ("个月", "month"),
        ("分钟", "minute"), ("个星期", "week"), ("星期", "week"), ("周", "week"), ("天", "day"), ("秒", "second"),
        ("年", "year"), ("%", "percent"), ("percent", "percent"), ("dollars", "USD"), ("gw", "GW"), ("mw", "MW"),
        ("gpus", "GPU"), ("gpu", "GPU"), ("tokens", "token"), ("people", "person"), ("employees", "employee"),
        ("users", "user"), ("years", "year"), ("months", "month"), ("days", "day"), ("hours", "hour"),
    ].filter { !$0.1.isEmpty }.map { (u($0.0), $0.1) }

    /// Measure words and the unit they give when no known noun follows.
    static let measureWords: [([UInt32], String)] = [
        ("个", "item"), ("名", "person"), ("位", "person"), ("人", "person"), ("家", "company"), ("张", "item"),
        ("块", "item"), ("台", "item"), ("款", "item"), ("项", "item"), ("篇", "article"), ("次", "time"),
    ].map { (u($0.0), $0.1) }

    /// Nouns after a measure word (or directly after the number) that name what is counted.
    static let countNouns: [([UInt32], String)] = [
        ("研究人员", "researcher"), ("研究员", "researcher"), ("工程师", "engineer"), ("员工", "employee"),
        ("参数", "parameter"), ("特征", "feature"), ("表征", "feature"), ("用户", "user"), ("公司", "company"),
        ("国家", "country"), ("模型", "model"), ("数据中心", "data center"), ("gpu", "GPU"), ("显卡", "GPU"),
        ("芯片", "chip"), ("token", "token"), ("词", "word"), ("人", "person"), ("客户", "customer"),
        ("评估", "evaluation"), ("碱基对", "base pair"), ("专题", "session"), ("程序员", "programmer"),
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
    static let modifiers: [[UInt32]] = ["超过", "至少", "将近", "接近", "大约", "高达", "便宜", "多付", "不到", "近", "约", "逾", "高", "低", "快", "慢", "贵"].map(u)
    /// Modifiers that make a different quantity (高 10 倍 is not 10 倍); the
    /// others only qualify the same amount (约 10 亿美元 is 10 亿美元).
    static let comparativeModifiers: [[UInt32]] = ["便宜", "多付", "高", "低", "快", "慢", "贵"].map(u)
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
        p.withUTF8Buffer { buf in
            var it = buf.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue(let v):
                    if k >= t.count || t[k] != v.value { ok = false; break loop }
                    k += 1
                case .emptyInput: break loop
                case .error: ok = false; break loop
                }
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
            j = k
        } else if k < n && t[k] == yi {
            v *= 1e8; k += 1; mag = true; j = k
        } else if k < n && t[k] == zhao {
            v *= 1e12; k += 1; mag = true; j = k
        } else if k < n {
            for (w, m) in englishMagnitudes where hasPrefix(t, k, w) {
                if k + w.count < n && isLatinLetter(t[k + w.count]) { continue }
                v *= m; j = k + w.count; mag = true; break
            }
            if !mag && k == j && j < n && (t[j] == 0x6B || t[j] == 0x4B || t[j] == 0x4D || t[j] == 0x42)
                && (j + 1 >= n || !isLatinAlnum(t[j + 1])) && j > 0 && i > 0 && (t[i - 1] == 0x24 || t[i - 1] == 0x20AC) {
                // $5B, $300M, €2k
                v *= t[j] == 0x42 ? 1e9 : (t[j] == 0x4D ? 1e6 : 1e3); j += 1; mag = true
            }
        }
        return Number(end: j, value: v, upper: nil, hasMagnitude: mag, vague: false, arabic: true, digits: digits)
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
        if hasPrefix(t, j, "上") || hasPrefix(t, j, "好") {
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
        if c < 0x80 { return isASCIIDigit(c) || c == 0x24 || c == 0x75 }
        if c == 0x20AC || c == 0xA5 || c == 0x767E { return true } // € ¥ 百
        return c < 0x10000 && numeralStart[Int(c)]
    }

    /// Whether a figure may start at `i` (not inside a word, a name or a date).
    static func canStart(_ t: [UInt32], _ i: Int) -> Bool {
        guard i < t.count else { return false }
        let c = t[i]
        if isASCIIDigit(c) {
            if i > 0 {
                let p = t[i - 1]
                if isASCIIDigit(p) || isLatinLetter(p) || p == 0x2E || p == 0x2D || p == 0x2F || p == 0x3A || p == 0x5F { return false }
            }
            return true
        }
        guard c < 0x10000, numeralStart[Int(c)] else { return false }
        if i > 0 && hasPrefix(t, i - 1, "第") { return false }
        if hasPrefix(t, i, "上") || hasPrefix(t, i, "好") || hasPrefix(t, i, "成") {
            return hasPrefix(t, i, "上百") || hasPrefix(t, i, "上千") || hasPrefix(t, i, "上万")
                || hasPrefix(t, i, "好几") || hasPrefix(t, i, "成千") || hasPrefix(t, i, "成百")
        }
        return true
    }

    /// Reads the figure starting at `i` of the lowercased normalised text, if any.
    public static func parse(_ t: [UInt32], at i0: Int) -> Figure? {
        let n = t.count
        var i = i0
        var unit: String?
        var percentPrefix = false
        // currency and percent prefixes
        if t[i] == 0x24 || t[i] == 0x20AC || t[i] == 0xA5 {
            unit = t[i] == 0x24 ? "USD" : (t[i] == 0x20AC ? "EUR" : "CNY")
            i += 1
            guard i < n, isASCIIDigit(t[i]) else { return nil }
        } else if t[i] == 0x75 {
            guard hasPrefix(t, i, "us$") else { return nil }
            unit = "USD"; i += 3
            guard i < n, isASCIIDigit(t[i]) else { return nil }
        } else if hasPrefix(t, i, "百分之") {
            percentPrefix = true; unit = "percent"; i += 3
            guard i < n else { return nil }
        } else if !canStart(t, i) {
            return nil
        }
        guard var num = number(t, i) else { return nil }
        if !num.arabic && !percentPrefix && num.value == 1 && !num.hasMagnitude && num.upper == nil {
            // 一 alone is an article far more often than a count ("一个", "一种")
            let k = num.end
            if !durationWords.contains(where: { hasPrefix(t, k, $0) }) { return nil }
        }
        if percentPrefix {
            return Figure(start: i0, end: num.end, modifiedStart: i0, value: num.value, upperValue: num.upper, unit: "percent")
        }
        var j = num.end
        do {
            // nothing after the number can make it a figure: only a unit already
            // known (a currency sign, 百分之) or a large amount still can
            let q = skipSpace(t, j)
            let canStandAlone = unit != nil || (num.hasMagnitude && num.value >= 1e8)
            if !canStandAlone && (q >= n || (t[q] < 0x10000 && !followFirst[Int(t[q])])) { return nil }
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
        for (w, name) in unitWords where hasPrefix(t, m, w) {
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
        if unit == nil && num.hasMagnitude && num.value >= 1e8 {
            // a bare large amount in this press is money
            unit = "USD"
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
        // a count of unnamed things is only worth keeping when vague (几百个)
        if finalUnit == "item" && !num.vague && num.value < 100 { return nil }
        // small counts in Chinese numerals (两位, 三家) are prose, not figures
        if ["person", "company", "article", "time"].contains(finalUnit) && !num.arabic && num.value < 10 && !num.vague { return nil }
        if hasPrefix(t, end, "数") && finalUnit == "person" { return nil } // 两位数: digits, not people
        if num.value == 0 && num.upper == nil { return nil }
        // a qualifying word in front
        var modifiedStart = i0
        for w in modifiers where i0 >= w.count && hasPrefix(t, i0 - w.count, w) {
            modifiedStart = i0 - w.count
            break
        }
        if modifiedStart == i0 && i0 >= 1 && t[i0 - 1] == 0x20 {
            for w in modifiers where i0 - 1 >= w.count && hasPrefix(t, i0 - 1 - w.count, w) {
                modifiedStart = i0 - 1 - w.count
                break
            }
        }
        return Figure(start: i0, end: end, modifiedStart: modifiedStart, value: num.value,
                      upperValue: num.upper, unit: finalUnit, unitImplied: unitImplied)
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
