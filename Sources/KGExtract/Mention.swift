import KGCore

/// One recognised mention in normalised coordinates, before alias resolution.
struct Mention {
    var start: Int
    var end: Int
    var type: EntityType
    /// The canonical name this mention proposes (lexicon name, model canonical form, or the surface).
    var canonical: String
    /// The lexicon entry it came from, if any.
    var lexiconEntry: Int?
    /// Models: the maker's canonical name when known.
    var maker: String?
    /// Figures only.
    var figure: FigurePayload?
    /// Which recogniser produced it (lexicon, model-pattern, latin-name, …).
    var rule: String
    /// Figures: the unit was implied (a bare `30 亿` read as money), not written.
    var unitImplied = false
    /// Figures: where the number itself starts (after a qualifying word).
    var coreStart: Int = -1
    /// Organisations found by a head word: where the stem ends (`星衍智能` →
    /// the short form `星衍`); -1 otherwise.
    var stemEnd: Int = -1
    /// Organisations found by a head word whose name opens with a city or region
    /// (`上海某某信息技术有限公司`): where the stem starts after it (the short form
    /// `某某`); -1 otherwise.
    var stemStart: Int = -1
    /// Resolved entity index (filled by the resolver).
    var entity: Int = -1
}

/// The stdlib has its own `Span`; in this module the name means KGCore's.
typealias Span = KGCore.Span
