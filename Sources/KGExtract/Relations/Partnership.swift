/// `partner_of` (symmetric) from a partnership, supply, customer or compute
/// cue: `X 与 Y 达成战略合作`, `X 和 Y 签署合作协议`, `X 的客户包括 A、B`, `由 Y 代工`,
/// `X 采购 Y 的芯片`, `X partnered with Y`, `a deal with Y`, `runs on Y's cloud`,
/// `buys compute from Y`. The parties are the companies of the cue's clause:
/// the clause's subject (else the sentence's topic) with each other one.
/// Talks, rumours and possibilities (`洽谈`, `传闻`, `可能`, `in talks`, `may`) are not deals.
enum PartnershipCues {
    static let list = CueList([
        // cooperation and agreements: 合作 / 战略合作 / 合作协议 / 签约 / 签署 / 联手 / 携手
        "战略合作", "合作协议", "合作伙伴", "达成合作", "深度合作", "合作", "签约", "签署", "签下", "联手", "携手", "结盟",
        "联合开发", "共同开发", "合同", "合约", "jointly develop", "co-develop",
        // supply, purchase, orders, contract manufacturing, compute and cloud: 供应 / 采购 / 订单 / 代工 / 算力 / 云服务
        "供应商", "供应链", "供应", "供货", "伙伴", "组装", "采购", "订单", "代工", "算力服务", "算力合作", "提供算力", "租用", "云服务", "部署在", "上架", "接入",
        // customers: 客户包括 / 的客户 / customers include
        "客户包括", "客户有", "的客户", "客户",
        "partnership", "partnered", "partners with", "partner with", "partnering with", "teamed up", "team up", "agreement with",
        "deal with", "contract with", "signed", "supplies", "supplier", "supply", "supplied", "buys compute", "bought compute",
        "compute from", "runs on", "run on", "running on", "hosted on",
        // `runs its models on Y`, `hosts its workloads on Y`: the supplier follows
        "its models on", "its workloads on", "its software on", "its service on",
        // buying capacity: buys capacity from / 从 Y 租的 / 从 Y 租来的 (the supplier follows the cue or 从)
        "buys capacity", "bought capacity", "capacity from", "租的", "租来的", "customer", "customers include", "clients include", "client",
        "provider", "powered by", "licensed", "integrat", "offered through", "available on", "rented from", "rents", "leased from",
        "technology partner"], wholeWords: false)
    /// cues after which the supplier is named and before which the buyer stands (`runs on Y's cloud`,
    /// `buys capacity from Y`, `chips rented from Y`): a company after the cue is never the buyer
    static let supplierAfter: [String] = ["rentedfrom", "computefrom", "leasedfrom", "runson", "runon", "runningon", "hostedon",
                                          "buyscapacityfrom", "boughtcapacityfrom", "capacityfrom", "buyscompute", "boughtcompute",
                                          "itsmodelson", "itsworkloadson", "itssoftwareon", "itsserviceon"]
    /// a possessive pronoun before a customer noun: 其客户 / its customers / 他们的供应商
    static let possessive: [String] = ["其", "其主要", "其前两大", "its", "their", "itsmain", "theirmain", "它的", "他们的"]
    /// words naming a kind of company when they stand right before its name: 代工厂 X / 供应商 X / supplier X
    static let descriptors: Set<String> = ["代工厂", "代工厂商", "供应商", "组装厂", "supplier", "contractmanufacturer"]
    /// nouns owned by the company right before them (`打进 X 供应链`, `成为 X 的供应商`, `X's supplier`): with
    /// that company alone in the clause, it is the other party and the sentence's topic the first
    static let ownedNouns: [String] = ["供应链", "的供应链", "供应商", "的供应商", "的合作伙伴", "的伙伴", "'ssupplychain", "'ssupplier", "'spartner"]
    /// cues that take an object (a product, a model, a service) and are no mutual act: `A 和 B 接入了新模型`,
    /// `A and B integrated the model` make A and B each a partner of the product's company, not of each other
    static let directional: Set<String> = ["接入", "上架", "部署在", "采购", "租用", "integrat", "availableon", "offeredthrough", "licensed", "poweredby"]
    /// `X 以外的客户` / `customers other than X`: X is left out
    static let exclusion = CueList(["以外", "之外", "other than", "besides", "apart from"])
    /// customer nouns: the list after them belongs to the subject
    static let customer = CueList(["客户", "customer", "client"])
    /// both parties named together: 双方 / 两家公司 / both companies
    /// (a bare `两家` is left out: `这两家云平台` names the services, not a deal between their owners)
    static let bothSides = CueList(["双方", "两家公司", "both companies", "the two companies", "the two firms", "both firms", "the pair"])
    /// a clause with one of these is about something else (a rival, a funding round, an acquisition)
    static let otherKinds = CueList(["竞争", "对手", "争夺", "角逐", "收购", "并购", "领投", "跟投", "rival", "compet", "acqui", "led by"])
    /// between a subject list and a customer noun: `A 和 B 都是 X 的客户`, `A and B are customers of X`
    static let listIs: [String] = ["都是", "均是", "均为", "是", "为", "也是", "都为", "are", "wereboth", "areboth", "were", "areall"]
    /// nouns for the buyer or the supplier of the other party (the list before them is of one side)
    static let sideNouns = CueList(["大客户", "客户", "供应商", "customers", "customer", "clients", "suppliers", "supplier"], wholeWords: true)
}

extension RelationRules {
    func partnership(_ f: Frame, _ out: inout Emitter) {
        guard !f.companies.isEmpty || f.recentCompanies.count == 2 else { return }
        let s = f.range
        var done = Set<Int>()   // one clause gives its relations once
        for (a, _) in find(PartnershipCues.list, in: s) {
            let cl = titleClause(a, s)
            guard !done.contains(cl.lowerBound) else { continue }
            guard !contains(Cues.unconfirmed, cl), !contains(PartnershipCues.otherKinds, cl), !contains(PartnershipCues.exclusion, cl) else { continue }
            // `代工厂 X` / `供应商 X` describing X: a kind of company, not a deal
            if let c = f.companies.first(where: { $0.start >= a }), c.start - a <= 4,
               PartnershipCues.descriptors.contains(where: { gap(a, c.start) == $0 }),
               !f.companies.contains(where: { $0.end <= a && $0.start >= cl.lowerBound && ["的", "'s", "是", "为"].contains(gap($0.end, a)) }) { continue }
            // English lists run over commas: widen the clause over `A, B and C`
            var members = f.companies.filter { $0.start >= cl.lowerBound && $0.end <= cl.upperBound }
            if let last = members.last {
                for c in listAfter(f.companies, last.start, in: s, lead: { $0.isEmpty }) where !members.contains(where: { $0.start == c.start }) { members.append(c) }
            }
            // the subject: the clause's subject-position company, else the sentence's topic;
            // `其客户` / `its customers` name the topic even when the clause has a subject
            // the customers after `客户包括 / customers including` are the subject's, not each other's
            let listAfterCue = !members.isEmpty && members.allSatisfy { $0.start >= a }
            let possessive = PartnershipCues.possessive.contains { gap(max(cl.lowerBound, a - 4), a).hasSuffix($0) }
                || (listAfterCue && contains(PartnershipCues.customer, a..<min(s.upperBound, a + 12)))
            // `chips rented from Y` / `compute from Y`: the buyer is what the sentence is about, not a maker named in passing
            let ahead = gap(a, min(s.upperBound, a + 20))
            let fromCue = PartnershipCues.supplierAfter.contains { ahead.hasPrefix($0) }
            var clauseSubject = possessive || fromCue ? nil : f.subjects.first(where: { $0.start >= cl.lowerBound && $0.end <= cl.upperBound })
            // `X counts A and B among its customers`: with a verb between the clause's subject and a list standing
            // before the cue, `its` is that subject (not the topic, as in `Amazon, its largest customer,`)
            if possessive, !fromCue, let x = f.subjects.first(where: { $0.start >= cl.lowerBound && $0.end <= cl.upperBound }),
               members.count >= 2, members[0].start == x.start, members.dropFirst().allSatisfy({ $0.end <= a }) {
                let g = gap(x.end, members[1].start)
                if !g.isEmpty && !g.hasPrefix(",") && !g.hasPrefix("，") && !ListWords.separators.contains(g) { clauseSubject = x }
            }
            // `A 和 B 都是 X 的客户` / `A 和 B 都是其大客户` / `A and B are customers of X`: the list is one side, the other
            // is the owner of the noun (X, else the company the sentence or the text is about), never one of the list
            if contains(PartnershipCues.sideNouns, a..<min(s.upperBound, a + 10)), let first = members.first, first.end <= a {
                let list = listAfter(f.companies, first.start, in: cl, lead: { $0.isEmpty }).filter { $0.end <= a }
                if list.count >= 2, let last = list.last, PartnershipCues.listIs.contains(where: { stripAdverbs(gap(last.end, a)).hasPrefix($0) }) {
                    let listIds = Set(list.map(\.entity))
                    let owner = f.companies.first(where: { $0.start > last.end && $0.end <= a })?.entity
                        ?? f.companies.first(where: { $0.start >= a && $0.start - a <= 16 && gap(a, $0.start).hasSuffix("of") })?.entity
                        ?? f.topic(before: list[0].start, excluding: listIds)
                    done.insert(cl.lowerBound)
                    if let x = owner, !listIds.contains(x) { for y in list { out.add(x, "partner_of", y.entity, "partner-side-list", 0.6) } }
                    continue
                }
            }
            // `A 和 B 也接入了新模型`: a subject list before a directional cue with no company after it — each member
            // is a partner of the company the text is about, never of the other members
            if members.count >= 2, members.allSatisfy({ $0.end <= a }), PartnershipCues.directional.contains(where: gap(a, min(s.upperBound, a + 14)).hasPrefix) {
                let list = listAfter(f.companies, members[0].start, in: cl, lead: { $0.isEmpty })
                if list.count == members.count, isFiller(stripAdverbs(gap(list.last!.end, a)), extra: ["第一时间", "已", "已经", "都", "也都", "均已", "率先", "同步"]) {
                    // (the product's company is not named here: the topic would be a guess, so nothing is said)
                    done.insert(cl.lowerBound)
                    continue
                }
            }
            // `今年打进 X 供应链` / `became X's supplier`: X, alone in the clause, owns the noun; the topic is the other party
            if members.count == 1, let y = members.first, y.end <= a, a - y.end <= 4, gap(y.end, a).count <= 3, PartnershipCues.ownedNouns.contains(where: gap(y.end, min(s.upperBound, a + 12)).hasPrefix),
               let x = f.topic(before: y.start, excluding: [y.entity]) {
                done.insert(cl.lowerBound)
                out.add(x, "partner_of", y.entity, "partner-owned-noun", 0.6)
                continue
            }
            if clauseSubject == nil, !possessive, let y = members.first, let x = members.dropFirst().first, x.end <= a,
               ["与", "和", "同", "跟", "and", "with"].contains(gap(y.end, x.start)) {
                members.removeAll { $0.entity == y.entity }
                done.insert(cl.lowerBound)
                for z in members where z.entity != y.entity { out.add(y.entity, "partner_of", z.entity, "partner-cue", 0.65) }
                continue   // `A 与 B 合作` with A after a preposition (`由于 A 与 B 合作`)
            }
            // 双方 / 两家公司 / both companies: the two companies the sentence names
            // (with none named in the sentence, `双方` must open the clause: `对双方的现金流` is no deal)
            if members.isEmpty, let (ba, _) = find(PartnershipCues.bothSides, in: cl).first, !f.companies.isEmpty || gap(cl.lowerBound, ba).count <= 2 {
                // (no company in the sentence: the two named last before it)
                let two = f.companies.isEmpty ? f.recentCompanies : Array(Set(f.companies.map(\.entity)))
                if two.count == 2 { done.insert(cl.lowerBound); out.add(two[0], "partner_of", two[1], "partner-both-sides", 0.6) }
                continue
            }
            if fromCue { members.removeAll { $0.start < a } }   // `Nvidia H200s rented from Y`: only Y is the supplier
            let ids = members.map(\.entity)
            // `… chips rented from Y`: the renter is the sentence's opening subject or the previous topic, not a maker named in passing
            let subject = fromCue ? (f.subjects.first(where: { $0.start - s.lowerBound <= 2 && !ids.contains($0.entity) })?.entity ?? f.previousTopic)
                : (clauseSubject?.entity ?? f.topic(before: a, excluding: Set(ids)))
            // 我们和 Y 合作 / you partnered with Y: with no company before the cue in the sentence, the party is
            // the interviewee's company (settled by `Speaker` from the roles the text names, else dropped)
            if !fromCue, !possessive, clauseSubject == nil, !members.isEmpty, !f.companies.contains(where: { $0.end <= a && !ids.contains($0.entity) }),
               let (pa, _) = find(Cues.interviewCompany, in: s.lowerBound..<a).last, a - pa <= 40 {
                done.insert(cl.lowerBound)
                for y in ids { out.add(RelationRules.speaker, "partner_of", y, "partner-cue", 0.6) }
                continue
            }
            // `团队因此与 Y 合作` / `the company partnered with Y` after the topic lapsed: the definite description
            // stands for the last topic the text had
            var rule = "partner-cue"
            var x = subject
            // `记者从 X 获悉，公司已与 Y 签约`: a definite description in a later clause is the company named last before it
            if clauseSubject == nil, !fromCue, !possessive, contains(Cues.thisCompany, cl.lowerBound..<a),
               !f.companies.contains(where: { $0.end <= a && $0.start >= cl.lowerBound && !ids.contains($0.entity) }),
               let c = f.companies.last(where: { $0.end <= cl.lowerBound && !ids.contains($0.entity) }) {
                x = c.entity; rule = "partner-definite"
            }
            if x == nil, !members.isEmpty, !fromCue, contains(Cues.thisCompany, cl.lowerBound..<a),
               !f.companies.contains(where: { $0.end <= a && $0.start >= cl.lowerBound }), let t = lastTopic, !ids.contains(t) {
                x = t; rule = "partner-definite"
            }
            guard let x else { continue }
            done.insert(cl.lowerBound)
            for y in ids where y != x { out.add(x, "partner_of", y, rule, 0.65) }
        }
    }
}
