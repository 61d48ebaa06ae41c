/// `developed` (company → model) from what the document says:
/// a release verb `X 发布了 M1 和 M2`, `X released / launched / open-sourced M`;
/// an agent phrase `由 X 开发的 M`, `M 由 X 训练`, `M, developed by X`, `M from X`;
/// a possessive `X 的 M`, `X's M`, `X 旗下的 M`. The lexicon's maker column is
/// never used: a model whose maker the text does not name gets no `developed`.
enum DevelopmentCues {
    /// release and build verbs: 发布 / 推出 / 开源 / 上线 / 开发 / 训练 / 研发 / released / launched / unveiled …
    static let verbs = CueList(["发布了", "发布", "推出了", "推出", "开源了", "开源", "上线了", "上线", "开发了", "开发", "打造了", "打造", "训练了",
                                "训练", "研发", "更新了", "升级了", "released", "releases", "release", "launched", "launches", "launch",
                                "unveiled", "unveils", "introduced", "introduces", "open-sourced", "developed", "develops", "built",
                                "trained", "ships", "shipped", "debuted", "rolled out", "announced"], wholeWords: true)
    /// organisation nouns ending an unnamed maker before `推出的 / 开发的 M` (`某创新基地`, `某某会`, `某研究院`)
    static let unnamedMakerHeads: [String] = ["基地", "会", "院", "中心", "实验室", "大学", "机构", "研究所"]
    /// adverbs between such a maker and its verb: 主导 / 联合 / 共同 / 自主
    static let agentAdverbs: [String] = ["主导", "联合", "共同", "自主", "牵头"]
    /// `A 和 B，后者的 M` / `the latter's M`: the last company named owns M
    static let latter = CueList(["后者的", "后者旗下的", "the latter's", "the latter’s"])
    /// `由 X 开发` / `developed by X` / `M from X`
    static let by = CueList(["由"])
    static let byEnglish: Set<String> = ["by"]
    /// words between a verb (or a possessive) and the model: 了 / 旗舰模型 / 新一代 / its new model …
    static let leads: [String] = ["了", "的", "其", "全新", "新一代", "新版", "最新", "新", "旗舰", "开源", "推理", "多模态", "大", "语言", "轻量",
                                  "编程", "代码", "版本", "基座", "模型", "版", "产品", "助手", "系列", "首款", "第二代", "第三代", "一款", "名为",
                                  "its", "a", "an", "the", "new", "latest", "flagship", "open-weight", "open", "source", "reasoning", "coding",
                                  "model", "models", "called", "named", "family", "version", "first", "second", "next-generation", ","]
    /// the end of a short description right before a model's name: 助手“ / 旗舰产品「 / 模型 / main product,
    static let productEnds: [String] = ["“", "「", "《", "\"", "助手", "产品", "模型", "大模型", "版本", "product,", "model,", "product", "model",
                                         // `X said its M model …`: the possessive right before the model
                                         "its"]
    /// a definite description owning a product: 公司 / 其 / its / the company's
    static let anaphoricOwners: [String] = ["公司", "其", "its", "thecompany's", "thestartup's", "我们的"]
    /// the possessive marks between a company and its model
    static let possessive: [String] = ["旗下的", "旗下", "自研的", "自研", "家的", "的", "'s", "’s"]
}

extension RelationRules {
    func development(_ f: Frame, _ out: inout Emitter) {
        guard !f.models.isEmpty, !f.companies.isEmpty || f.previousTopic != nil || contains(Cues.speakerSide, f.range) else { return }
        let s = f.range
        // between a verb and its model: filler words, or a short description ending in a product noun or an opening quote
        // (`上线了面向普通用户的对话助手“M”`)
        let modelLead: (String) -> Bool = { [self] g in
            (g.count <= 12 && isFiller(g, extra: DevelopmentCues.leadsAndDigits))
                || (g.count <= 16 && !g.unicodeScalars.contains(",") && DevelopmentCues.productEnds.contains { endsWith(Substring(g).unicodeScalars, $0) })
        }
        // a model a release verb already gave a maker in this sentence keeps it (`X 发布了其首个开源模型 M`:
        // `开源` is a second verb before the same model, not a second release)
        var released = Set<Int>()
        for (a, b) in find(DevelopmentCues.verbs, in: s) {
            let cl = clause(a, s)
            // M 由 X 开发 / 由 X 开发的 M
            if let (ba, be) = find(DevelopmentCues.by, in: cl.lowerBound..<a).last,
               let x = f.companies.last(where: { $0.start >= be && $0.end <= a }) {
                let models = f.models.last(where: { $0.end <= ba && $0.start >= cl.lowerBound }).map { [$0] }
                    ?? listAfter(f.models, b, in: s, lead: modelLead)
                for m in models { out.add(x.entity, "developed", m.entity, "developed-by", 0.75) }
                continue
            }
            // M, developed by X
            if let x = listAfter(f.companies, b, in: s, lead: { DevelopmentCues.byEnglish.contains($0) }).first,
               let m = f.models.last(where: { $0.end <= a && $0.start >= s.lowerBound }) {
                out.add(x.entity, "developed", m.entity, "developed-by", 0.75)
                continue
            }
            // X 发布了 M1 和 M2: the maker is the clause's company before the verb, else the sentence's subject, else the topic
            let models = listAfter(f.models, b, in: s, lead: modelLead).filter { !released.contains($0.start) }
            guard !models.isEmpty else { continue }
            // `超越某创新基地推出的 M` / `某某会主导开发的 M`: a verb + 的 after an organisation noun the recogniser did not
            // name is a relative clause with its own maker — never the sentence's subject or topic
            if gap(b, min(s.upperBound, b + 2)).hasPrefix("的"),
               !f.companies.contains(where: { $0.end <= a && a - $0.end <= 4 }) {
                var tail = gap(max(cl.lowerBound, a - 10), a)
                for w in DevelopmentCues.agentAdverbs where tail.hasSuffix(w) { tail = String(tail.dropLast(w.count)); break }
                if DevelopmentCues.unnamedMakerHeads.contains(where: { tail.hasSuffix($0) }) { continue }
            }
            var maker = f.companies.last(where: { $0.end <= a && $0.start >= cl.lowerBound && isFiller(gap($0.end, a), extra: makerToVerb) })?.entity
                ?? clauseEndingCompany(f, before: cl, verb: a)
                ?? f.subjects.first(where: { $0.end <= a })?.entity
            // 我们发布了 M / we released M: the speaker's company, settled once the document's roles are known
            if maker == nil, let (wa, we) = find(Cues.speakerSide, in: cl.lowerBound..<a).last, isFiller(gap(we, a), extra: makerToVerb) || a - wa <= 8 {
                maker = RelationRules.speaker
            }
            if maker == nil && !f.companies.contains(where: { $0.end <= a }) { maker = f.topic(before: a) }
            guard let x = maker else { continue }
            for m in models { released.insert(m.start) }
            let fallback = x == RelationRules.speaker && !f.companies.contains(where: { $0.end <= a }) ? f.topic(before: a) : nil
            for m in models { out.add(x, "developed", m.entity, "release-verb", 0.7, fallback: fallback) }
        }
        // possessive: X 的 M / X's M / X 旗下的 M / M from X
        for c in f.companies {
            // `某公司RT-2`, `Google Gemini 2.5`: the maker's name written right before the model's
            if let m = f.models.first(where: { $0.start >= c.end }), m.start - c.end <= 1, gap(c.end, m.start).isEmpty {
                out.add(c.entity, "developed", m.entity, "maker-before-model", 0.6)
                continue
            }
            let after = gap(c.end, min(s.upperBound, c.end + 4))
            guard let mark = DevelopmentCues.possessive.first(where: { after.unicodeScalars.starts(with: $0.unicodeScalars) }) else { continue }
            var p = c.end
            var taken = 0
            while p < s.upperBound && taken < mark.count { if lower[p] != 0x20 { taken += 1 }; p += 1 }
            if let m = f.models.first(where: { $0.start >= p }), isFiller(gap(p, m.start), extra: DevelopmentCues.leads), m.start - p <= 10 {
                out.add(c.entity, "developed", m.entity, "possessive", 0.65)
            }
        }
        // 公司旗舰产品「M」 / 其新模型 M / the company's main product, M: the topic's
        for m in f.models {
            let cl = clause(m.start, s)
            let before = gap(max(cl.lowerBound, m.start - 16), m.start)
            if !released.contains(m.start), DevelopmentCues.productEnds.contains(where: { endsWith(Substring(before).unicodeScalars, $0) }),
               let w = DevelopmentCues.anaphoricOwners.first(where: { before.contains($0) }),
               !f.companies.contains(where: { $0.end <= m.start && $0.start >= cl.lowerBound }),
               let t = clauseEndingCompany(f, before: cl, verb: cl.lowerBound) ?? f.topic(before: m.start) ?? f.previousTopic {
                _ = w
                out.add(t, "developed", m.entity, "possessive-topic", 0.6)
            }
        }
        // `A 和 B，后者的 M` / `A and B; the latter's M`: the company named last before the back reference
        for (a, b) in find(DevelopmentCues.latter, in: s) {
            guard let m = f.models.first(where: { $0.start >= b }), m.start - b <= 8, isFiller(gap(b, m.start), extra: DevelopmentCues.leads),
                  let c = f.companies.last(where: { $0.end <= a && $0.start >= s.lowerBound }), a - c.end <= 3 else { continue }
            out.add(c.entity, "developed", m.entity, "possessive-latter", 0.6)
        }
        for m in f.models {
            if let c = f.companies.first(where: { $0.start >= m.end && $0.start - m.end <= 7 }), ["from", "by", "madeby", "builtby"].contains(gap(m.end, c.start)) {
                out.add(c.entity, "developed", m.entity, "model-from", 0.65)
            }
        }
    }

    /// What may stand between a maker and its release verb: 宣布 / 正式 / 近日 / 今天 / has / officially …
    var makerToVerb: [String] { DevelopmentCues.makerToVerb }

    /// `…创立的 X，本周发布了 M` / `X, a Boston startup, released M`: a clause that opens with the verb (fillers
    /// only before it) continues the company that ends the clause before it. Cost: two short gaps.
    func clauseEndingCompany(_ f: Frame, before cl: Range<Int>, verb a: Int) -> Int? {
        guard cl.lowerBound > f.range.lowerBound, isFiller(gap(cl.lowerBound, a), extra: makerToVerb),
              let x = f.companies.last(where: { $0.end < cl.lowerBound }),
              [",", "，"].contains(gap(x.end, cl.lowerBound)),
              f.subjects.contains(where: { $0.start == x.start }) else { return nil }   // not `与 X 合作，发布了 M`
        return x.entity
    }
}

extension DevelopmentCues {
    /// What may stand between a maker and its release verb (built once, not per call).
    static let makerToVerb: [String] = {
        ["宣布", "正式", "最新", "新", "latest", "newly", "主导", "负责", "牵头", "联合", "共同", "近日", "日前", "今天", "今日", "昨日", "昨天", "本周", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "再次", "又", "也",
         "已", "已经", "率先", "首次", "刚刚", "刚", "则", "还", "将", "计划", "于", "在", "月", "年", "日", "发布会上", "上", "同时", "自研", "自主",
         "has", "have", "had", "on", "also", "officially", "quietly", "today", "this", "week", "monday", "tuesday", "wednesday", "thursday",
         "friday", "yesterday", "recently", "just", "will", "said", "it", "publicly"] + ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
    }()
    /// release leads and digits: what may stand between a release verb and its model
    static let leadsAndDigits: [String] = leads + ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
}
