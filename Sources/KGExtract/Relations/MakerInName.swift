/// `developed` when a model's name carries its maker's name as written in the
/// same document (`DeepSeek` → `DeepSeek-V3`, `星衍智能` → `星衍-2`,
/// `Nimbus Labs` → `Nimbus 2`): the company's name, or its stem without an
/// organisation head word, starts the model's name and is followed by a
/// non-letter. The lexicon's maker column is not read.
enum MakerInName {
    /// organisation head words taken off a company name to get its stem
    static let heads: [String] = ["信息技术有限公司", "科技有限公司", "有限公司", "科技", "智能", "实验室", "研究院", "公司", "集团", "机器人", "半导体",
                                  "网络", "数据", "技术", " labs", " lab", " ai", " inc.", " inc", " technologies", " technology", " systems"]

    static let headScalars: [[Unicode.Scalar]] = heads.map { Array($0.unicodeScalars) }

    static func relations(_ drafts: [EntityDraft], _ mentions: [Mention], _ sentences: [Range<Int>]) -> [RelationDraft] {
        var stems: [(stem: String, company: Int)] = []
        // compared as scalar arrays: a model name is tried against every stem
        for (i, d) in drafts.enumerated() where d.mergedInto == nil && d.type == .company {
            for n in [d.name] + d.aliases {
                let l = n.lowercased()
                var st = l
                // compared as scalars (a head word is Han or ASCII)
                let ls = Array(l.unicodeScalars)
                for h in headScalars where ls.count > h.count && ls.suffix(h.count).elementsEqual(h) {
                    st = String(String.UnicodeScalarView(ls.dropLast(h.count))); break
                }
                for x in (st == l ? [l] : [l, st]) where x.unicodeScalars.count >= 2 && (x.unicodeScalars.count >= 3 || x.unicodeScalars.allSatisfy { isHan($0.value) }) {
                    stems.append((x, i))
                }
            }
        }
        guard !stems.isEmpty else { return [] }
        let stemScalars = stems.map { Array($0.stem.unicodeScalars) }
        var out: [RelationDraft] = []
        var done = Set<Int>()   // each model entity is tried once, at its first mention
        for m in mentions where m.type == .model && !done.contains(m.entity) {
            done.insert(m.entity)
            let d = drafts[m.entity]
            for n in [d.name] + d.aliases {
                let l = n.lowercased()
                let ls = Array(l.unicodeScalars)
                var best: Int?
                for (k, st) in stemScalars.enumerated() where ls.count > st.count && ls.starts(with: st) {
                    if best.map({ stemScalars[$0].count < st.count }) ?? true { best = k }
                }
                guard let bk = best else { continue }
                let hit = stems[bk]
                let next = ls[stemScalars[bk].count]
                if isLatinLetter(next.value) && !isHan(l.unicodeScalars.first!.value) { continue }
                guard let s = sentences.first(where: { $0.contains(m.start) }) else { continue }
                out.append(RelationDraft(subject: hit.company, predicate: "developed", object: m.entity, sentence: s,
                                         rule: "maker-in-name", confidence: 0.6))
                done.insert(m.entity)
                break
            }
        }
        return out
    }
}

/// `developed` for the other models of a family once the document has said
/// who makes one of them (`X 发布了 M-3` … later `M-4`): a model of the same
/// family name (`衍语-3` / `衍语-4`, `Claude 3 Opus` / `Claude 3.5 Sonnet`), or
/// whose lexicon maker is that company, gets the same maker. The lexicon's
/// maker column is read only to group models the document already tied to a
/// maker; a maker the text never names is never used.
enum MakerFamily {
    /// The family of a model name: its leading letters before a digit, space, hyphen or dot (≥ 2 scalars).
    static func family(_ name: String) -> String? {
        let f = String(name.lowercased().unicodeScalars.prefix { !(isASCIIDigit($0.value) || $0 == " " || $0 == "-" || $0 == "." || $0 == "_") })
        return f.unicodeScalars.count >= 2 ? f : nil
    }

    static func relations(_ found: [RelationDraft], _ drafts: [EntityDraft], _ lexicon: Lexicon, _ mentions: [Mention],
                          _ sentences: [Range<Int>]) -> [RelationDraft] {
        func maker(_ i: Int) -> String? { drafts[i].maker ?? drafts[i].lexiconEntry.flatMap { lexicon.entries[$0].maker } }
        var byFamily: [String: Int] = [:], byMaker: [String: Int] = [:]
        var stated = Set<Int>()
        for r in found where r.predicate == "developed" {
            stated.insert(r.object)
            if let f = family(drafts[r.object].name), byFamily[f] == nil { byFamily[f] = r.subject }
            if let m = maker(r.object), m == drafts[r.subject].name, byMaker[m] == nil { byMaker[m] = r.subject }
        }
        guard !byFamily.isEmpty || !byMaker.isEmpty else { return [] }
        var out: [RelationDraft] = []
        var done = Set<Int>()
        for m in mentions where m.type == .model && !stated.contains(m.entity) && !done.contains(m.entity) {
            let c = family(drafts[m.entity].name).flatMap { byFamily[$0] } ?? maker(m.entity).flatMap { byMaker[$0] }
            guard let company = c, let s = sentences.first(where: { $0.contains(m.start) }) else { continue }
            done.insert(m.entity)
            out.append(RelationDraft(subject: company, predicate: "developed", object: m.entity, sentence: s,
                                     rule: "maker-of-family", confidence: 0.55))
        }
        return out
    }
}
