/// The company `我们` / `we` stands for: in an interview or a statement the
/// speaker's company, known only from what the document says about roles —
/// the company led or founded (a `ceo_of` / `founder_of` found in the text) by
/// the most mentioned of the persons the text gives such a role. No such role: no speaker
/// company, and the drafts that needed one are dropped.
enum Speaker {
    static func resolve(_ found: inout [RelationDraft], _ drafts: [EntityDraft]) {
        guard found.contains(where: { $0.subject == RelationRules.speaker || $0.object == RelationRules.speaker }) else { return }
        // the persons the text gives a company to lead or found, the most mentioned of them first
        var leads: [Int: Set<Int>] = [:]
        for r in found where r.predicate == "ceo_of" || r.predicate == "founder_of" { leads[r.subject, default: []].insert(r.object) }
        var company: Int?
        if let p = leads.keys.max(by: { drafts[$0].count < drafts[$1].count }), let led = leads[p], led.count == 1 {
            company = led.first
        }
        // no one leads or founds a company here: a transcript guest with a post (`嘉宾：P（X 首席技术官）`) speaks
        // for that company — the most mentioned person with exactly one `works_at` from a title
        if company == nil {
            var posts: [Int: Set<Int>] = [:]
            for r in found where r.predicate == "works_at" && r.rule.hasPrefix("title") && r.object >= 0 { posts[r.subject, default: []].insert(r.object) }
            // (a tie between two such persons names no one: the choice would depend on dictionary order)
            let top = posts.keys.map { drafts[$0].count }.max() ?? 0
            let most = posts.keys.filter { drafts[$0].count == top }
            if most.count == 1, let held = posts[most[0]], held.count == 1 { company = held.first }
        }
        found = found.compactMap { r in
            var r = r
            if r.subject == RelationRules.speaker {
                if let c = company { r.subject = c; r.rule += "-speaker" }
                else if let t = r.fallbackSubject { r.subject = t; r.rule += "-topic" }
                else { return nil }
                r.confidence -= 0.1
            }
            if r.object == RelationRules.speaker { guard let c = company else { return nil }; r.object = c; r.rule += "-speaker"; r.confidence -= 0.1 }
            return r
        }
    }
}
