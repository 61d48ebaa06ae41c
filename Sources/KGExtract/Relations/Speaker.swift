/// The company `我们` / `we` stands for: in an interview or a statement the
/// speaker's company, known only from what the document says about roles —
/// the company the document's most mentioned person leads or founded
/// (a `ceo_of` / `founder_of` found in the text). No such role: no speaker
/// company, and the drafts that needed one are dropped.
enum Speaker {
    static func resolve(_ found: inout [RelationDraft], _ drafts: [EntityDraft]) {
        guard found.contains(where: { $0.subject == RelationRules.speaker || $0.object == RelationRules.speaker }) else { return }
        let persons = drafts.indices.filter { drafts[$0].mergedInto == nil && drafts[$0].type == .person }
        let main = persons.max { drafts[$0].count < drafts[$1].count }
        var company: Int?
        if let p = main {
            let led = Set(found.filter { $0.subject == p && ($0.predicate == "ceo_of" || $0.predicate == "founder_of") }.map(\.object))
            if led.count == 1 { company = led.first }
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
