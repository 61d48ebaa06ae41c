import Foundation
import KGCore

/// Documents to typed entities, figures and relations with evidence. A value
/// type holding only immutable tables: one instance may be used from many
/// threads at once.
public struct Extractor: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon = .builtin) {
        self.lexicon = lexicon
    }

    public func extract(text: String, document: String, warnings: [String] = []) -> Extraction {
        let nt = Normalizer.normalize(text)
        return extract(normalized: nt, document: document, warnings: warnings)
    }

    func extract(normalized nt: NormalizedText, document: String, warnings: [String]) -> Extraction {
        var mentions = Recognizer(lexicon: lexicon).mentions(in: nt)
        FigureCurrency.apply(nt, &mentions)
        BareAmounts.resolve(nt, &mentions)
        let resolver = AliasResolver(lexicon: lexicon)
        var drafts = resolver.resolve(nt, &mentions)
        addShortForms(nt, resolver, &mentions, &drafts)
        for i in mentions.indices { mentions[i].entity = resolver.root(mentions[i].entity, drafts) }

        let sentences = Sentences.split(nt.text)
        var rules = RelationRules(lower: nt.lower)
        rules.text = nt.text
        rules.outlets = Outlets.entities(mentions, lower: nt.lower)
        var lastModel: Int?
        var owners = FigureOwners(lower: nt.lower)
        for (i, d) in drafts.enumerated() where d.type == .figure {
            owners.figureUnits[i] = d.figure?.unit
            if d.aliases.contains(where: FigureOwners.isAge) { owners.ageFigures.insert(i) }
        }
        var found: [RelationDraft] = []
        var topic = SentenceTopic()
        var previousEnd: Int?
        var m = 0
        for s in sentences {
            while m < mentions.count && mentions[m].start < s.lowerBound {
                if mentions[m].type == .model { lastModel = mentions[m].entity }
                if mentions[m].type == .person { rules.previousPerson = mentions[m].entity }
                m += 1
            }
            rules.previousModel = lastModel
            rules.previousTopic = topic.current
            rules.lastTopic = topic.lastSeen
            var items: [RelationRules.Item] = []
            var k = m
            while k < mentions.count && mentions[k].start < s.upperBound {
                let x = mentions[k]
                items.append(.init(start: x.start, end: x.end, type: x.type, entity: x.entity))
                k += 1
            }
            // a blank line or a line of punctuation is no sentence: it does not age the topic
            // a clause cut off by ； belongs to the same sentence: it does not age the topic
            let continues = previousEnd.map { $0 > 0 && (nt.text[$0 - 1] == 0x3B || nt.text[$0 - 1] == 0xFF1B) } ?? false
            previousEnd = s.upperBound
            guard !items.isEmpty, !isFurniture(nt, s) else {
                if !continues && s.contains(where: { isHan(nt.text[$0]) || isLatinLetter(nt.text[$0]) }) { topic.advance(own: nil) }
                continue
            }
            rules.mentionSpans = items.map { $0.start..<$0.end }
            let own = rules.apply(sentence: s, items: items, out: &found)
            if own != nil || !continues { topic.advance(own: own) }
            owners.assign(sentence: s, items: items.map { .init(start: $0.start, end: $0.end, type: $0.type, entity: $0.entity) }, out: &found)
        }
        found += BylineCues.relations(nt, mentions)
        Speaker.resolve(&found, drafts)
        found += MakerInName.relations(drafts, mentions, sentences)
        found += MakerFamily.relations(found, drafts, lexicon, mentions, sentences)
        found += RelationRules.headerInterviews(rules, sentences, mentions.filter { $0.type == .person })

        // ids for the entities that survived merging, in order of first mention
        var order: [Int] = []
        var seen = Set<Int>()
        for x in mentions where !seen.contains(x.entity) { seen.insert(x.entity); order.append(x.entity) }
        var rankOf: [Int: Int] = [:]
        var entities: [ExtractedEntity] = []
        for (n, e) in order.enumerated() {
            let d = drafts[e]
            let id = "e\(n + 1)"
            rankOf[e] = n
            entities.append(ExtractedEntity(id: id, type: d.type, name: d.name, aliases: d.aliases,
                                            value: d.figure?.value, upperValue: d.figure?.upperValue, unit: d.figure?.unit,
                                            mentions: d.spans.sorted { $0.start < $1.start }))
        }
        // The rules' output order depends on per-process hashing in places, so the
        // drafts are put in a canonical order first (confidence, then sentence,
        // predicate, ends, rule): which draft wins a duplicate key, and the output,
        // are the same on every run. A symmetric relation is written with the end
        // of lower entity id first.
        var canonical: [(r: RelationDraft, s: Int, o: Int)] = []
        canonical.reserveCapacity(found.count)
        for r in found {
            guard let s = rankOf[r.subject], let o = rankOf[r.object], s != o else { continue }
            guard typesFit(r.predicate, drafts[r.subject].type, drafts[r.object].type) else { continue }
            canonical.append(Predicate.symmetric.contains(r.predicate) && o < s ? (r, o, s) : (r, s, o))
        }
        canonical.sort { a, b in
            if a.r.confidence != b.r.confidence { return a.r.confidence > b.r.confidence }
            if a.r.sentence.lowerBound != b.r.sentence.lowerBound { return a.r.sentence.lowerBound < b.r.sentence.lowerBound }
            if a.r.predicate != b.r.predicate { return a.r.predicate < b.r.predicate }
            if a.s != b.s { return a.s < b.s }
            if a.o != b.o { return a.o < b.o }
            if a.r.rule != b.r.rule { return a.r.rule < b.r.rule }
            if a.r.sentence.upperBound != b.r.sentence.upperBound { return a.r.sentence.upperBound < b.r.sentence.upperBound }
            return (a.r.metric ?? "") < (b.r.metric ?? "")
        }
        var relations: [ExtractedRelation] = []
        var ranks: [(s: Int, o: Int)] = []
        var keys = Set<String>()
        for (r, sr, or) in canonical {
            let s = "e\(sr + 1)", o = "e\(or + 1)"
            let key = r.predicate + "|" + s + "|" + o
            if !keys.insert(key).inserted { continue }
            // the sentence without surrounding blanks, as the document wrote it
            var a = r.sentence.lowerBound, b = r.sentence.upperBound
            while a < b && (nt.text[a] == 0x20 || nt.text[a] == 0x0A) { a += 1 }
            while b > a && (nt.text[b - 1] == 0x20 || nt.text[b - 1] == 0x0A) { b -= 1 }
            let span = nt.originalSpan(a, b)
            let evidence = stringOf(nt.original[span.start..<span.end])
            relations.append(ExtractedRelation(subject: s, predicate: r.predicate, object: o, metric: r.metric,
                                               evidence: evidence, start: span.start, end: span.end,
                                               rule: r.rule, confidence: r.confidence))
            ranks.append((sr, or))
        }
        // output order: (start, predicate, subject, object), entity ids compared as numbers
        let outputOrder = relations.indices.sorted { a, b in
            let x = relations[a], y = relations[b]
            if (x.start ?? 0) != (y.start ?? 0) { return (x.start ?? 0) < (y.start ?? 0) }
            if x.predicate != y.predicate { return x.predicate < y.predicate }
            if ranks[a].s != ranks[b].s { return ranks[a].s < ranks[b].s }
            return ranks[a].o < ranks[b].o
        }
        relations = outputOrder.map { relations[$0] }
        return Extraction(document: document, entities: entities, relations: relations,
                          warnings: warnings.isEmpty ? nil : warnings)
    }

    /// Subject and object types each predicate allows.
    func typesFit(_ p: String, _ s: EntityType, _ o: EntityType) -> Bool {
        switch p {
        case "ceo_of", "founder_of", "works_at": return s == .person && o == .company
        case "developed": return s == .company && o == .model
        case "competitor_of", "acquired", "partner_of": return s == .company && o == .company
        case "invested_in": return (s == .company || s == .person) && o == .company
        case "outperforms": return s == .model && o == .model
        case "interviewed": return s == .person && o == .person
        case "has_figure": return s != .figure && o == .figure
        default: return false
        }
    }

    /// Navigation, bylines and other short lines without a verb-bearing sentence.
    func isFurniture(_ nt: NormalizedText, _ s: Range<Int>) -> Bool {
        let len = s.count
        if len < 6 { return true }
        var letters = 0, digits = 0, spaces = 0
        for i in s {
            let c = nt.text[i]
            if isHan(c) || isLatinLetter(c) { letters += 1 } else if isASCIIDigit(c) { digits += 1 } else if c == 0x20 { spaces += 1 }
        }
        // a sentence full of figures (`A 的 81.3%，高于 B 的 76.5%`) is prose: digits and
        // spaces count with the letters once there are words around them
        return letters < 4 || (letters + digits + spaces) * 2 < len
    }

    /// Second pass: every name of the document's name table (names found in a
    /// context that showed their type, and their short forms) where no mention
    /// covers it yet. Cost: one table load per scalar, a compare where a name starts.
    func addShortForms(_ nt: NormalizedText, _ resolver: AliasResolver, _ mentions: inout [Mention], _ drafts: inout [EntityDraft]) {
        let forms = resolver.nameTable(drafts, nt, mentions)
        guard !forms.isEmpty else { return }
        var covered = [Bool](repeating: false, count: nt.count)
        for m in mentions { for k in m.start..<m.end { covered[k] = true } }
        var byFirst: [UInt32: [(key: [UInt32], entity: Int)]] = [:]
        // first scalars of the forms as a bit set (8 KB to clear per document, not 64 KB)
        var firstScalar = [UInt64](repeating: 0, count: 0x10000 / 64)
        for f in forms {
            byFirst[f.key[0], default: []].append(f)
            if f.key[0] < 0x10000 { firstScalar[Int(f.key[0]) >> 6] |= 1 << UInt64(f.key[0] & 63) }
        }
        for k in byFirst.keys { byFirst[k]!.sort { $0.key.count > $1.key.count } }
        let lower = nt.lower
        let n = lower.count
        var added: [Mention] = []
        var i = 0
        while i < n {
            let ch = lower[i]
            guard ch >= 0x10000 || firstScalar[Int(ch) >> 6] & (1 << UInt64(ch & 63)) != 0, !covered[i], !nt.blocked[i], let list = byFirst[ch] else { i += 1; continue }
            var hit: (Int, Int)?
            for (key, e) in list {
                let m = key.count
                guard i + m <= n else { continue }
                var ok = true
                for q in 0..<m where lower[i + q] != key[q] || covered[i + q] { ok = false; break }
                if !ok { continue }
                if isLatinLetter(key[0]) {
                    if i > 0 && isLatinLetter(lower[i - 1]) && !(isASCIIUpper(nt.text[i - 1]) && isASCIIUpper(nt.text[i])) { continue }
                    if i + m < n && isLatinLetter(lower[i + m]) { continue }
                }
                hit = (m, e)
                break
            }
            if let (m, e) = hit {
                let r = resolver.root(e, drafts)
                var mention = Mention(start: i, end: i + m, type: drafts[r].type, canonical: drafts[r].name, rule: "short-form")
                mention.entity = r
                drafts[r].addAlias(nt.surface(i, i + m))
                drafts[r].spans.append(nt.originalSpan(i, i + m))
                drafts[r].count += 1
                added.append(mention)
                i += m
            } else {
                i += 1
            }
        }
        if !added.isEmpty {
            mentions += added
            mentions.sort { $0.start < $1.start }
        }
    }
}
