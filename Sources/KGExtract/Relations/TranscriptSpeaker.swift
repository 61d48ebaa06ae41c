/// Who speaks on the current line of a transcript: the person of a speaker
/// label opening the line (`某某：`, `**某某**：`, `主持人某某：`, `HOST (Jane Roe):`,
/// or an all-capitals `JANE ROE:` / `ROE:` naming a person met earlier). The
/// label holds until the next line break. `我` / `I` in that line is the
/// speaker (`我在 X 做了八年研究员`, `I was a chip architect at X`), and a host's
/// `欢迎来到《X》` / `welcome back to X` names the show the host works at.
/// In an article with no labels nothing here applies: a quote's `我` gets no person.
struct TranscriptSpeaker {
    /// the person speaking, and where the line scan last stopped
    private(set) var person: Int?
    /// The last labelled speaker, kept across lines, and the speaker before them who was someone else:
    /// who `你` / `you` on the current line is (the host asks the guest who answered last).
    private(set) var last: Int?
    private(set) var other: Int?
    private var scannedTo = 0
    /// Persons met so far by their lowercased surface and by their last word (`roe` for Jane Roe),
    /// for all-capitals labels that no mention covers.
    private var byName: [[UInt32]: Int] = [:]
    private var named: Set<Int> = []

    /// How far back from a label's colon its person may start on the line (`HOST (Jane Roe):`, `主持人某某：`).
    static let labelReach = 16

    /// Reads the line breaks since the last sentence and the labels in this one.
    /// Cost: one look at each scalar between sentences, plus a few per person mention.
    mutating func advance(lower: [UInt32], text: [UInt32], _ s: Range<Int>, items: [RelationRules.Item]) {
        // the scalars since the end of the last sentence read (sentences end at line breaks, so a break lies
        // there or at this sentence's start; one inside a sentence is not looked for)
        var i = max(scannedTo, 0)
        while i < s.lowerBound { if lower[i] == 0x0A { person = nil }; i += 1 }
        while i < s.upperBound && (lower[i] == 0x0A || lower[i] == 0x20) { if lower[i] == 0x0A { person = nil }; i += 1 }
        scannedTo = max(s.lowerBound, s.upperBound - 2)
        for p in items where p.type == .person {
            // (only Latin names are written as all-capitals labels; each person's names are read once)
            if isLatinLetter(lower[p.start]), named.insert(p.entity).inserted {
                let key = Array(lower[p.start..<p.end])
                if byName[key] == nil { byName[key] = p.entity }
                if let sp = key.lastIndex(of: 0x20), sp + 1 < key.count, key.count - sp > 2, byName[Array(key[(sp + 1)...])] == nil {
                    byName[Array(key[(sp + 1)...])] = p.entity
                }
            }
            if isLabel(lower, p.start, p.end, s) { speaks(p.entity) }
        }
        // `JANE ROE:` / `ROE:` at the sentence's line start, naming a person met earlier
        var a = s.lowerBound
        while a < s.upperBound && (lower[a] == 0x0A || lower[a] == 0x20 || lower[a] == 0x2A) { a += 1 }
        if !byName.isEmpty, a < s.upperBound, ChineseNames.atLineStart(lower, a), text[a] >= 0x41 && text[a] <= 0x5A {
            var c = a
            while c < s.upperBound && c - a <= 30 && lower[c] != 0x3A && lower[c] != 0xFF1A && lower[c] != 0x0A { c += 1 }
            if c < s.upperBound, c > a, lower[c] == 0x3A || lower[c] == 0xFF1A {
                var e = c
                while e > a && (lower[e - 1] == 0x20 || lower[e - 1] == 0x2A) { e -= 1 }
                if let p = byName[Array(lower[a..<e])] { speaks(p) }
            }
        }
    }

    /// A label names p as the line's speaker.
    private mutating func speaks(_ p: Int) {
        person = p
        if let l = last, l != p { other = l }
        last = p
    }

    /// A person mention that is the label of its line: only label words and an opening bracket
    /// before it on the line (`主持人`, `HOST (`), only a closing bracket or `**` between it and a colon.
    func isLabel(_ lower: [UInt32], _ start: Int, _ end: Int, _ s: Range<Int>) -> Bool {
        var e = end
        while e < s.upperBound && e - end < 4 && (lower[e] == 0x20 || lower[e] == 0x2A || lower[e] == 0x29 || lower[e] == 0xFF09) { e += 1 }
        guard e < s.upperBound, lower[e] == 0x3A || lower[e] == 0xFF1A else { return false }
        var a = start
        while a > 0 && lower[a - 1] != 0x0A {
            let c = lower[a - 1]
            // sentence punctuation or a colon before the name: it is inside what is said, not a label
            if c == 0x3A || c == 0xFF1A || c == 0x3002 || c == 0x2C || c == 0xFF0C || c == 0x2E || c == 0x3F || c == 0xFF1F { return false }
            if start - a >= TranscriptSpeaker.labelReach { return false }
            a -= 1
        }
        return true
    }
}

/// First-person words that stand for the line's speaker in a transcript: `我` / `I`.
enum FirstPersonCues {
    static let me = CueList(["我", "i "])
    /// the person spoken to: `你` / `您` / `you` (not `你们` / `your`: the company, or someone else's)
    static let you = CueList(["你", "您", "you "])
    static let notYou: [[UInt32]] = [Array(scalarsOf: "你们")]
    /// `我们` is the speaker's company, not the speaker (see `Cues.speakerSide`)
    static let notMe: [[UInt32]] = [Array(scalarsOf: "我们")]
}

extension RelationRules {
    /// The transcript speaker when a first-person `我` / `I` (not `我们`) stands in r.
    func firstPersonSpeaker(in r: Range<Int>) -> Int? {
        guard let p = transcript.person else { return nil }
        for (a, _) in find(FirstPersonCues.me, in: r) where !FirstPersonCues.notMe.contains(where: { FigureParser.hasPrefix(lower, a, $0) }) {
            return p
        }
        return nil
    }

    /// The person spoken to when `你` / `you` (not `你们`) stands in r on a labelled line: the other
    /// speaker of the exchange (`你之前在 X 待了七年` asked by the host is the guest's stint).
    func addressedSpeaker(in r: Range<Int>) -> Int? {
        guard transcript.person != nil, let o = transcript.other, o != transcript.person else { return nil }
        for (a, _) in find(FirstPersonCues.you, in: r) where !FirstPersonCues.notYou.contains(where: { FigureParser.hasPrefix(lower, a, $0) }) {
            return o
        }
        return nil
    }
}
