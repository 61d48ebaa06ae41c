/// English quantities written in words: "six months", "two dozen engineers",
/// "sixty-odd people", "a three-year-old company", "a four-person team",
/// "one third". A number word is a figure only with a unit after it, so "one
/// of them" or "two of the founders" stay prose. Runs on lowercased text; the
/// caller has already checked that `i` starts a word. Cost: a few prefix tests
/// per word start whose first letter can begin a number word.
enum EnglishNumbers {
    static func u(_ s: String) -> [UInt32] { Array(scalarsOf: s) }

    /// Number words and their values, longest first so "seventeen" wins over "seven".
    static let words: [([UInt32], Double)] = [
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14),
        ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
        ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60), ("seventy", 70), ("eighty", 80), ("ninety", 90),
    ].map { (u($0.0), Double($0.1)) }.sorted { $0.0.count > $1.0.count }

    /// Words that multiply the number before them: "two dozen", "three hundred".
    static let multipliers: [([UInt32], Double)] = [
        ("dozen", 12), ("hundred", 100), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12),
    ].map { (u($0.0), $0.1) }

    /// Units joined by a hyphen into an adjective: "a three-year-old startup"
    /// (an age), "a four-person team", "a six-month delay".
    static let hyphenUnits: [([UInt32], String)] = [
        ("year-old", "year"), ("year", "year"), ("month", "month"), ("week", "week"), ("day", "day"), ("hour", "hour"),
        ("person", "person"), ("member", "person"), ("man", "person"),
    ].map { (u($0.0), $0.1) }

    /// Units after a space: durations, people and things counted, multipliers.
    /// Longest first within a shared start ("years" before "year").
    static let spacedUnits: [([UInt32], String)] = [
        ("years", "year"), ("year", "year"), ("months", "month"), ("month", "month"), ("weeks", "week"), ("week", "week"),
        ("days", "day"), ("day", "day"), ("hours", "hour"), ("hour", "hour"), ("minutes", "minute"),
        ("people", "person"), ("persons", "person"), ("employees", "employee"), ("staff", "employee"),
        ("engineers", "engineer"), ("researchers", "researcher"), ("scientists", "researcher"),
        ("paying customers", "customer"), ("customers", "customer"), ("clients", "customer"), ("users", "person"),
        ("companies", "company"), ("startups", "company"), ("countries", "country"), ("gpus", "GPU"), ("chips", "chip"),
        ("data centers", "data center"), ("data centres", "data center"), ("times", "x"), ("percent", "percent"),
        ("per cent", "percent"), ("percentage points", "percentage point"),
    ].map { (u($0.0), $0.1) }

    /// Fractions after a number word: "one third", "two thirds", "a quarter" → percent.
    static let fractions: [([UInt32], Double)] = [
        ("thirds", 3), ("third", 3), ("quarters", 4), ("quarter", 4), ("fifths", 5), ("fifth", 5), ("tenths", 10), ("tenth", 10),
    ].map { (u($0.0), $0.1) }

    /// First letters of the number words (one table load rejects most words).
    static let firstLetters: Set<UInt32> = Set(words.map { $0.0[0] })
    static let firstLetterTable: [Bool] = (0..<0x80).map { firstLetters.contains(UInt32($0)) }

    @inline(__always) static func wordEnds(_ t: [UInt32], _ k: Int) -> Bool { k >= t.count || !isLatinLetter(t[k]) }

    /// The figure whose number word starts at `i`, if a unit follows it.
    static func parse(_ t: [UInt32], at i: Int) -> FigureParser.Figure? {
        guard t[i] < 0x80, firstLetterTable[Int(t[i])] else { return nil }
        var value = 0.0
        var j = i
        for (w, v) in words where FigureParser.hasPrefix(t, i, w) && wordEnds(t, i + w.count) {
            value = v; j = i + w.count; break
        }
        guard j > i else { return nil }
        // twenty-five
        if value >= 20 && value.truncatingRemainder(dividingBy: 10) == 0, j < t.count, t[j] == 0x2D {
            for (w, v) in words where v >= 1 && v <= 9 && FigureParser.hasPrefix(t, j + 1, w) && wordEnds(t, j + 1 + w.count) {
                value += v; j += 1 + w.count; break
            }
        }
        var vague = false
        // sixty-odd
        if j + 4 <= t.count, t[j] == 0x2D, FigureParser.hasPrefix(t, j + 1, "odd"), wordEnds(t, j + 4) { vague = true; j += 4 }
        // two dozen, three hundred
        if j < t.count, t[j] == 0x20 {
            for (w, m) in multipliers where FigureParser.hasPrefix(t, j + 1, w) && wordEnds(t, j + 1 + w.count) {
                value *= m; j += 1 + w.count; break
            }
        }
        guard j < t.count else { return nil }
        // a hyphenated adjective: three-year-old, four-person
        if t[j] == 0x2D {
            for (w, unit) in hyphenUnits where FigureParser.hasPrefix(t, j + 1, w) && wordEnds(t, j + 1 + w.count) {
                return FigureParser.Figure(start: i, end: j + 1 + w.count, modifiedStart: i, value: value, upperValue: nil, unit: unit)
            }
            return nil
        }
        guard t[j] == 0x20 else { return nil }
        let k = j + 1
        for (w, d) in fractions where FigureParser.hasPrefix(t, k, w) && wordEnds(t, k + w.count) {
            guard value >= 1 && value < d else { return nil }
            return FigureParser.Figure(start: i, end: k + w.count, modifiedStart: i, value: value / d * 100, upperValue: nil, unit: "percent")
        }
        for (w, unit) in spacedUnits where FigureParser.hasPrefix(t, k, w) && wordEnds(t, k + w.count) {
            // "two people", "three companies": small counts are prose; durations and shares are figures
            if value < 10 && !vague && ["person", "company", "country", "customer", "employee", "engineer", "researcher", "x"].contains(unit) {
                return nil
            }
            if value == 0 { return nil }
            return FigureParser.Figure(start: i, end: k + w.count, modifiedStart: i, value: value, upperValue: nil, unit: unit)
        }
        return nil
    }
}
