/// The company a sentence is about: its first company in subject position that
/// is not an investor there (or the previous topic, when the sentence opens with
/// `The company` / `该公司` / `It`); the next sentence may use it when its own
/// clause names no company (`X 成立于 2022 年。创始人兼 CEO Y …`), and so may the
/// one after a single sentence that names no company at all. A clause cut off by
/// ； and a blank line do not count as sentences. Never the document's most
/// mentioned company.
struct SentenceTopic {
    private(set) var current: Int?
    /// The last topic any sentence had, kept however long ago: only a definite description opening a
    /// sentence (`The startup …`, `该公司…`, see `Cues.definiteAnaphora`) reaches back to it, since it
    /// names a company of the text for certain where a bare `it` / `其` may not.
    private(set) var lastSeen: Int?
    private var age = 0
    /// how many sentences without a company of their own keep the topic beyond the next one
    /// (0: strictly the previous sentence; 1, measured on the dev set: relation F1 0.736 vs 0.723,
    /// precision 0.892 vs 0.890 — a company-less sentence in between is still about the same company)
    static let maxCarry = 1

    mutating func advance(own: Int?) {
        if let o = own { current = o; lastSeen = o; age = 0; return }
        age += 1
        if age > SentenceTopic.maxCarry { current = nil }
    }
}

extension RelationRules.Frame {
    /// The sentence's own topic once its relations are known: the first
    /// subject-position company that is not an investor in it.
    func ownTopic(_ drafts: ArraySlice<RelationDraft>) -> Int? {
        let investors = Set(drafts.filter { $0.predicate == "invested_in" }.map(\.subject))
        return subjects.first { !investors.contains($0.entity) }?.entity
    }
}
