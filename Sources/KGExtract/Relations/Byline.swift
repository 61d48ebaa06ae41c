/// `works_at` from a byline: a person after a byline mark (`作者：P`, `责编 | P`,
/// `记者 P`, `By P`, `Editing by P`) and an outlet after an outlet mark
/// (`来源：X`, `出品 | X`, `来自 X`) or in a dateline's parentheses
/// (`By P  CITY, May 6 (X) -`), within a short distance of each other.
/// Cost: one pass over the mentions; a few short compares per person.
enum BylineCues {
    /// marks before a writer's or an editor's name
    static let person = ["作者", "责编", "责任编辑", "编辑", "记者", "撰文", "文", "by", "reportingby", "editingby", "writtenby"]
    /// marks before the outlet's name
    static let outlet = ["出品", "来源", "来自", "source"]
    /// the last scalars of the marks (a quick test before a mark is read)
    static let markEnds: Set<UInt32> = Set((person + outlet).compactMap { $0.unicodeScalars.last?.value })
    /// how far apart (scalars) the byline and the outlet may be
    static let reach = 80

    static func relations(_ nt: NormalizedText, _ mentions: [Mention]) -> [RelationDraft] {
        /// The text between a and b, lowercased, without spaces and the marks' punctuation.
        func squeezed(_ a: Int, _ b: Int) -> String {
            guard a < b else { return "" }
            var s = String.UnicodeScalarView()
            for i in a..<b {
                let c = nt.lower[i]
                if c == 0x20 || c == 0x0A || c == 0x3A || c == 0x7C || c == 0xFF5C || c == 0x3000 || c == 0x2F { continue }
                if let u = Unicode.Scalar(c) { s.append(u) }
            }
            return String(s)
        }
        func marked(_ m: Mention, _ marks: [String], opensField: Bool = true) -> Bool {
            // most mentions have no mark before them: look for a mark's last scalar first, without building a string
            guard (max(0, m.start - 6)..<m.start).contains(where: { markEnds.contains(nt.lower[$0]) }) else { return false }
            let g = squeezed(max(0, m.start - 16), m.start)
            return marks.contains { w in
                guard g.hasSuffix(w) else { return false }
                if !opensField { return true }
                // a byline mark opens a line, a parenthesis or a field of a header line (`来源：X  作者：P`),
                // not running text: go back over the mark and its punctuation to what stands before
                var i = m.start - 1, letters = 0
                while i >= 0 && letters < w.unicodeScalars.count {
                    let c = nt.lower[i]
                    if isLatinLetter(c) || isHan(c) { letters += 1 }
                    i -= 1
                }
                if i < 0 { return true }
                let c = nt.lower[i]
                return c == 0x0A || c == 0x28 || c == 0x3B || c == 0x7C || c == 0xFF5C || c == 0x3011 || c == 0x3000
                    || (c == 0x20 && !(w.unicodeScalars.first.map { isLatinLetter($0.value) } ?? false))   // `来源：X 作者：P`
            }
        }
        let outlets = mentions.filter { $0.type == .company && (marked($0, outlet, opensField: false) || isDatelineOutlet(nt, $0)) }
        guard !outlets.isEmpty else { return [] }
        var out: [RelationDraft] = []
        for p in mentions where p.type == .person && marked(p, person) {
            guard let o = outlets.min(by: { abs($0.start - p.start) < abs($1.start - p.start) }), abs(o.start - p.start) <= reach else { continue }
            let range = min(p.start, o.start)..<max(p.end, o.end)
            out.append(RelationDraft(subject: p.entity, predicate: "works_at", object: o.entity, metric: nil,
                                     sentence: range, rule: "byline-outlet", confidence: 0.6))
        }
        return out
    }

    /// `CITY, May 6 (X) -`: a company alone in parentheses followed by a dash.
    static func isDatelineOutlet(_ nt: NormalizedText, _ m: Mention) -> Bool {
        guard m.start >= 1, m.end + 2 < nt.count, nt.lower[m.start - 1] == 0x28, nt.lower[m.end] == 0x29 else { return false }
        var i = m.end + 1
        while i < nt.count && nt.lower[i] == 0x20 { i += 1 }
        return i < nt.count && (nt.lower[i] == 0x2D || nt.lower[i] == 0x2014 || nt.lower[i] == 0x2013)
    }
}
