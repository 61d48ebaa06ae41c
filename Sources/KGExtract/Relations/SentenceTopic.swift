/// The company a sentence is about: its first company in subject position that
/// is not an investor there (or the previous topic, when the sentence opens with
/// `The company` / `该公司` / `It`); the next sentence may use it when its own
/// clause names no company (`X 成立于 2022 年。创始人兼 CEO Y …`). Never the
/// document's most mentioned company.
struct SentenceTopic {
    private(set) var current: Int?
    private var age = 0
    /// how many sentences without a company of their own keep the topic beyond the next one
    /// (0: "the sentence or the previous sentence"; 1 measured dev F1 +0.009 at lower precision)
    static let maxCarry = 0

    mutating func advance(own: Int?) {
        if let o = own { current = o; age = 0; return }
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
