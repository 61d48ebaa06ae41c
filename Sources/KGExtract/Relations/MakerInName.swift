/// `developed` when a model's name carries its maker's name as written in the
/// same document (`DeepSeek` → `DeepSeek-V3`, `星衍智能` → `星衍-2`,
/// `Nimbus Labs` → `Nimbus 2`): the company's name, or its stem without an
/// organisation head word, starts the model's name and is followed by a
/// non-letter. The lexicon's maker column is not read.
enum MakerInName {
    /// organisation head words taken off a company name to get its stem
    static let heads: [String] = ["信息技术有限公司", "科技有限公司", "有限公司", "科技", "智能", "实验室", "研究院", "公司", "集团", "机器人", "半导体",
                                  "网络", "数据", "技术", " labs", " lab", " ai", " inc.", " inc", " technologies", " technology", " systems"]

    static func relations(_ drafts: [EntityDraft], _ mentions: [Mention], _ sentences: [Range<Int>]) -> [RelationDraft] {
        var stems: [(stem: String, company: Int)] = []
        for (i, d) in drafts.enumerated() where d.mergedInto == nil && d.type == .company {
            for n in [d.name] + d.aliases {
                let l = n.lowercased()
                var st = l
                for h in heads where l.hasSuffix(h) && l.count > h.count { st = String(l.dropLast(h.count)); break }
                for x in Set([l, st]) where x.unicodeScalars.count >= 2 && (x.unicodeScalars.count >= 3 || x.unicodeScalars.allSatisfy { isHan($0.value) }) {
                    stems.append((x, i))
                }
            }
        }
        guard !stems.isEmpty else { return [] }
        var out: [RelationDraft] = []
        var done = Set<Int>()
        for m in mentions where m.type == .model && !done.contains(m.entity) {
            let d = drafts[m.entity]
            for n in [d.name] + d.aliases {
                let l = n.lowercased()
                guard let hit = stems.filter({ l.hasPrefix($0.stem) && l.count > $0.stem.count }).max(by: { $0.stem.count < $1.stem.count }) else { continue }
                let next = l.unicodeScalars.dropFirst(hit.stem.unicodeScalars.count).first!
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
