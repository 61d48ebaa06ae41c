import KGCore

/// One entity of a document while it is being assembled.
struct EntityDraft {
    var type: EntityType
    var name: String
    var aliases: [String] = []
    var spans: [Span] = []
    var lexiconEntry: Int?
    var maker: String?
    var figure: FigurePayload?
    /// Number of mentions (the document's main company is the most mentioned).
    var count = 0
    /// Merged into another draft (union by direct evidence only).
    var mergedInto: Int?
    /// Organisations found by a head word: their stems (`星衍` of `星衍智能`).
    var stems: [String] = []

    mutating func addAlias(_ s: String) {
        // most surfaces have no surrounding blanks and are already known: compared whole, no copy
        if let f = s.utf8.first, let l = s.utf8.last, f != 0x20, f != 0x0A, l != 0x20, l != 0x0A {
            if !aliases.contains(s) { aliases.append(s) }
            return
        }
        var t = Substring(s)
        while t.first == " " || t.first == "\n" { t = t.dropFirst() }
        while t.last == " " || t.last == "\n" { t = t.dropLast() }
        if !t.isEmpty && !aliases.contains(where: { $0 == t }) { aliases.append(String(t)) }
    }
}

/// Groups mentions into entities within one document: same type and
/// canonical name; a surname or given name alone joins the one person whose
/// full name carries it; `A(B)` ties A and B. Links are never chained: a
/// short form is only attached when exactly one entity carries it.
struct AliasResolver {
    let lexicon: Lexicon

    /// What makes two mentions one entity: type + folded name, or for figures
    /// their surface or their amount.
    struct DraftKey: Hashable {
        var type: EntityType
        var name: [UInt32]
        var value: Double
        var upper: Double
        var unit: String

        /// The name hashed as one block of bytes, not scalar by scalar (the
        /// synthesized hash fed the hasher once per scalar); equality is unchanged.
        func hash(into h: inout Hasher) {
            h.combine(type)
            h.combine(name.count)
            name.withUnsafeBytes { h.combine(bytes: $0) }
            h.combine(value)
            h.combine(upper)
            h.combine(unit)
        }
    }

    /// Type + name with case, spaces and name dots folded. Canonical names come
    /// from normalised text or the lexicon, so no NFKC pass is needed here.
    static func key(_ type: EntityType, _ name: String) -> DraftKey {
        var out: [UInt32] = []
        out.reserveCapacity(name.utf8.count)
        for u in name.unicodeScalars {
            let c = u.value
            if c == 0x20 || isNameDot(c) || c == 0x2E || c == 0x2D { continue }
            out.append(asciiLower(c))
        }
        return DraftKey(type: type, name: out, value: 0, upper: 0, unit: "")
    }

    func resolve(_ nt: NormalizedText, _ mentions: inout [Mention]) -> [EntityDraft] {
        var drafts: [EntityDraft] = []
        var byKey: [DraftKey: Int] = [:]
        byKey.reserveCapacity(mentions.count * 2)
        for mi in mentions.indices {
            let m = mentions[mi]
            let surface = nt.surface(m.start, m.end)
            var key: DraftKey
            if m.type == .figure {
                let core = m.coreStart >= 0 ? m.coreStart : m.start
                let f = m.figure!
                let valueKey = DraftKey(type: .figure, name: [], value: f.value, upper: f.upperValue ?? -1, unit: f.unit)
                let arabic = nt.text[core..<m.end].contains(where: isASCIIDigit)
                // a comparative word in front (高 10 倍) makes another quantity
                let comparative = Self.isComparative(nt, m)
                // shares and multipliers recur for different things (约 15% of
                // one whole, 15% of another): keyed by the whole surface with
                // its qualifier; other figures by the amount as written
                let share = f.unit == "percent" || f.unit == "x" || f.unit == "percentage point"
                let keyStart = comparative || share ? m.start : core
                if (m.unitImplied && arabic) || (FigureParser.isMoney(f.unit) && !Self.isVague(nt, m)) {
                    // an implied unit joins the same amount written in full; one
                    // exact sum of money in one document is one figure
                    // (`12 亿元人民币` … `12 亿元`)
                    key = valueKey
                } else {
                    key = DraftKey(type: .figure, name: nt.lower[keyStart..<m.end].filter { $0 != 0x20 }, value: 0, upper: 0, unit: f.unit)
                    if let k = byKey[key], !share { byKey[valueKey] = byKey[valueKey] ?? k }
                }
            } else {
                key = Self.key(m.type, m.canonical)
            }
            let idx: Int
            if let k = byKey[key] {
                idx = k
            } else {
                idx = drafts.count
                // a name read from the text (not the lexicon's or a model family's
                // canonical form) keeps the spelling the document gave it first
                let fromText = m.type == .figure || (m.lexiconEntry == nil && m.rule != "model-pattern" && m.rule != "org-branch")
                var d = EntityDraft(type: m.type, name: fromText ? surface : m.canonical)
                d.lexiconEntry = m.lexiconEntry
                d.maker = m.maker
                if var f = m.figure { f.surface = surface; d.figure = f }
                drafts.append(d)
                byKey[key] = idx
            }
            drafts[idx].addAlias(surface)
            if m.stemEnd > m.start {
                let stem = stringOf(nt.text[m.start..<m.stemEnd])
                if !drafts[idx].stems.contains(stem) { drafts[idx].stems.append(stem) }
                // `上海某某信息技术有限公司` is later `某某`: the stem without the place is a short form too
                if m.stemStart > m.start, m.stemEnd - m.stemStart >= 2 {
                    let bare = stringOf(nt.text[m.stemStart..<m.stemEnd])
                    if !drafts[idx].stems.contains(bare) { drafts[idx].stems.append(bare) }
                }
            }
            if m.type == .figure, let f = m.figure, !m.unitImplied, !Self.isComparative(nt, m), !Self.isVague(nt, m),
               f.unit != "percent", f.unit != "x", f.unit != "percentage point" {
                let valueKey = DraftKey(type: .figure, name: [], value: f.value, upper: f.upperValue ?? -1, unit: f.unit)
                if byKey[valueKey] == nil { byKey[valueKey] = idx }
            }
            if m.type == .figure, m.coreStart > m.start {
                drafts[idx].addAlias(nt.surface(m.coreStart, m.end))
            }
            drafts[idx].spans.append(nt.originalSpan(m.start, m.end))
            drafts[idx].count += 1
            mentions[mi].entity = idx
        }
        tieParentheses(nt, mentions, &drafts)
        tieLatinShortForms(&drafts)
        return drafts
    }

    /// The qualifier in front of a figure is a comparative (高 10 倍), not a bound (高达).
    static func isComparative(_ nt: NormalizedText, _ m: Mention) -> Bool {
        guard m.coreStart > m.start else { return false }
        var e = m.coreStart
        while e > m.start && nt.lower[e - 1] == 0x20 { e -= 1 }
        let q = Array(nt.lower[m.start..<e])
        return FigureParser.comparativeModifiers.contains { $0 == q }
    }

    /// A vague or ranged amount (数十亿, 几百, 100 多, 50~100): never the same
    /// figure as an exact amount of equal lower bound.
    static func isVague(_ nt: NormalizedText, _ m: Mention) -> Bool {
        if m.figure?.upperValue != nil { return true }
        let core = m.coreStart >= 0 ? m.coreStart : m.start
        return nt.lower[core..<m.end].contains { vagueMarks.contains($0) }
    }
    static let vagueMarks: Set<UInt32> = Set("数几多余上好成".unicodeScalars.map(\.value))

    /// `Acme Robotics … Acme's board`: a one-word Latin company found on its own
    /// is the short form of the one two-word company with an organisation suffix
    /// that starts with it (`Tapeout` → `Tapeout Labs`); with two such companies
    /// it is not guessed. Lexicon entities are left alone. Cost: one pass over the drafts.
    func tieLatinShortForms(_ drafts: inout [EntityDraft]) {
        var byFirst: [String: [Int]] = [:]
        var lone: [Int] = []
        for (i, d) in drafts.enumerated() where d.type == .company && d.lexiconEntry == nil && d.mergedInto == nil {
            guard d.name.unicodeScalars.allSatisfy({ isLatinLetter($0.value) || $0 == " " }) else { continue }
            let words = d.name.split(separator: " ")
            if words.count == 1 { lone.append(i) }
            else if words.count == 2 && NameRules.orgSuffixes.contains(words[1].lowercased()) { byFirst[String(words[0]), default: []].append(i) }
        }
        guard !byFirst.isEmpty else { return }
        for i in lone {
            if let full = byFirst[drafts[i].name], full.count == 1 { merge(full[0], i, &drafts) }
        }
    }

    /// `达里奥·阿莫迪(Dario Amodei)`, `英伟达（NVIDIA）`: the two names are one entity.
    func tieParentheses(_ nt: NormalizedText, _ mentions: [Mention], _ drafts: inout [EntityDraft]) {
        let t = nt.text
        for k in 0..<max(0, mentions.count - 1) {
            let a = mentions[k], b = mentions[k + 1]
            guard a.type == b.type, a.type != .figure, a.entity != b.entity else { continue }
            var p = a.end
            while p < b.start && t[p] == 0x20 { p += 1 }
            guard p < b.start, t[p] == 0x28 else { continue }
            p += 1
            while p < b.start && t[p] == 0x20 { p += 1 }
            guard p == b.start else { continue }
            var q = b.end
            while q < t.count && t[q] == 0x20 { q += 1 }
            guard q < t.count, t[q] == 0x29 else { continue }
            merge(root(a.entity, drafts), root(b.entity, drafts), &drafts)
        }
    }

    func root(_ i: Int, _ drafts: [EntityDraft]) -> Int {
        var r = i
        while let m = drafts[r].mergedInto { r = m }
        return r
    }

    /// Merges `b` into `a` (or the reverse, so a lexicon or Latin name stays canonical).
    func merge(_ a0: Int, _ b0: Int, _ drafts: inout [EntityDraft]) {
        guard a0 != b0 else { return }
        var a = a0, b = b0
        func rank(_ d: EntityDraft) -> Int {
            if d.lexiconEntry != nil { return 2 }
            return d.name.unicodeScalars.contains { isLatinLetter($0.value) } ? 1 : 0
        }
        if rank(drafts[b]) > rank(drafts[a]) { swap(&a, &b) }
        for s in drafts[b].aliases { drafts[a].addAlias(s) }
        for s in drafts[b].stems where !drafts[a].stems.contains(s) { drafts[a].stems.append(s) }
        drafts[a].spans += drafts[b].spans
        drafts[a].count += drafts[b].count
        if drafts[a].maker == nil { drafts[a].maker = drafts[b].maker }
        drafts[b].mergedInto = a
    }

    /// The document's name table: every name found in a context that showed
    /// its type, with its short forms — a person's first or last Latin name,
    /// the last part of a transliteration, an organisation's stem without its
    /// head word (`星衍智能` → `星衍`), the first word of a Latin organisation
    /// name with a suffix (`Tapeout Labs` → `Tapeout`). Lexicon entities are
    /// left out (the lexicon already finds every mention). A short form owned
    /// by two entities is dropped: it is not guessed.
    /// `mentions` (resolved to their roots) give the full forms, read from the
    /// normalised text without normalising again.
    /// Cost: one dictionary probe per mention and per form; the owner of a form
    /// is kept as one entity index (or `sharedForm` once a second entity carries
    /// it), not as a set per form, and the form's scalars are hashed as one block.
    func nameTable(_ drafts: [EntityDraft], _ nt: NormalizedText, _ mentions: [Mention]) -> [(key: [UInt32], entity: Int)] {
        var owners: [ScalarKey: Int] = [:]
        owners.reserveCapacity(mentions.count + drafts.count)
        func own(_ key: [UInt32], _ e: Int) {
            let k = ScalarKey(scalars: key)
            if let o = owners[k] {
                if o != e { owners[k] = Self.sharedForm }
            } else {
                owners[k] = e
            }
        }
        for m in mentions where m.type != .figure && m.entity >= 0 {
            let r = root(m.entity, drafts)
            guard drafts[r].lexiconEntry == nil, drafts[r].type != .figure else { continue }
            own(Array(nt.lower[m.start..<m.end]), r)
        }
        for (i, d) in drafts.enumerated() where d.type != .figure && d.mergedInto == nil {
            var forms: [String] = []
            if d.lexiconEntry == nil {
                forms += d.stems
            }
            for k in -1..<d.aliases.count {
                let name = k < 0 ? d.name : d.aliases[k]
                // only a name with a space has two Latin words: the others skip the split
                // (an ASCII name is split on its bytes: the same words as a split on the
                // Character " ", without walking grapheme clusters)
                let latinWords = !name.utf8.contains(0x20) ? []
                    : name.utf8.allSatisfy({ $0 < 0x80 }) ? name.utf8.split(separator: 0x20).map { String(Substring($0)) }
                    : name.split(separator: " ").map(String.init)
                let allLatin = latinWords.count >= 2 && latinWords.allSatisfy({ $0.unicodeScalars.allSatisfy { isLatinLetter($0.value) || $0 == "." } })
                if d.type == .person && allLatin {
                    forms.append(latinWords.first!)
                    forms.append(latinWords.last!)
                }
                if d.type == .company && allLatin && d.lexiconEntry == nil
                    && NameRules.orgSuffixes.contains(latinWords.last!.lowercased()) && latinWords.count == 2 {
                    forms.append(latinWords.first!)
                }
                if d.type == .person && name.unicodeScalars.contains(where: { isNameDot($0.value) || $0.value == 0x2E }) {
                    let scalars = Normalizer.normalize(name).text
                    if let dot = scalars.lastIndex(where: isNameDot), dot + 1 < scalars.count {
                        forms.append(scalars[(dot + 1)...].map { $0 }.string)
                    }
                }
            }
            for f in forms {
                // the forms come from normalised text or ASCII names: ASCII folds by
                // lowercasing, Han stays; anything else goes through the normaliser
                let key = f.unicodeScalars.allSatisfy({ $0.isASCII || isHan($0.value) }) ? f.unicodeScalars.map { asciiLower($0.value) }
                    : Normalizer.normalize(f).lower
                guard key.count >= 2, !(key.allSatisfy { isLatinLetter($0) } && key.count < 3) else { continue }
                if NameRules.stopWords.contains(f.lowercased()) { continue }
                own(key, i)
            }
        }
        return owners.compactMap { k, v in v != Self.sharedForm ? (k.scalars, v) : nil }
    }

    /// The owner of a form two entities carry (entity indices are never negative).
    static let sharedForm = -1
}

/// A run of scalars as a dictionary key, hashed as one block of bytes (the
/// array's own hash feeds the hasher once per scalar).
struct ScalarKey: Hashable {
    let scalars: [UInt32]
    func hash(into h: inout Hasher) {
        h.combine(scalars.count)
        scalars.withUnsafeBytes { h.combine(bytes: $0) }
    }
}
