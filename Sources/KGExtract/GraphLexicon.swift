import KGCore

/// The graph's own names as a lexicon for the next document (`kg ingest`): a
/// startup found in one article is recognised, with its aliases, in the next,
/// in any script the aliases were written in. Two different entities are never
/// merged only because they share a short form: a form that two graph entities
/// carry is left out, and so is a form too short to name anything alone.
/// `kg merge` / `kg split` stay the user's override (they change the graph,
/// hence the next run's lexicon). Cost: one pass over the entities.
extension Lexicon {
    public mutating func addGraphNames(_ entities: [Entity]) {
        // who carries each folded form
        var owners: [[UInt32]: Int] = [:]
        var shared = Set<[UInt32]>()
        // an organisation's stem is one of its forms (`星衍智能` → `星衍`), as within a document
        func forms(_ e: Entity) -> [String] {
            var out = [e.name] + e.aliases
            if e.type == .company {
                for name in out {
                    let t = Normalizer.normalize(name).text
                    if let o = ChineseNames.organisations(t).first, o.start == 0, o.end == t.count, o.stemEnd - o.stemStart >= 2 {
                        out.append(stringOf(t[o.stemStart..<o.stemEnd]))
                    }
                }
            }
            return out
        }
        // Each entity's forms and keys, normalised once (the second pass reads them here).
        var formKeys = [[(form: String, key: [UInt32])]](repeating: [], count: entities.count)
        for (k, e) in entities.enumerated() where e.type != .figure {
            for form in forms(e) {
                let key = Normalizer.normalize(form).lower
                formKeys[k].append((form, key))
                if let o = owners[key], o != k { shared.insert(key) } else { owners[key] = k }
            }
        }
        // Buckets are sorted once at the end (Lexicon.add(contentsOf:)): one by one was quadratic.
        var touched = Set<UInt32>()
        for (k, e) in entities.enumerated() where e.type != .figure {
            var kept: [String] = []
            for (form, key) in formKeys[k] {
                guard !shared.contains(key), owners[key] == k, Self.namesAlone(key), !kept.contains(form) else { continue }
                kept.append(form)
            }
            guard let first = kept.first else { continue }
            // an entity the lexicon already knows keeps its entry (and gains the forms)
            let name = entry(named: e.name) != nil ? e.name : first
            insert(LexiconEntry(type: e.type, name: name, aliases: kept.filter { $0 != name }), touched: &touched)
        }
        sortBuckets(touched)
    }

    /// A form long enough to name an entity on its own: two Han characters,
    /// three Latin letters, not a stop word.
    static func namesAlone(_ key: [UInt32]) -> Bool {
        guard key.count >= 2 else { return false }
        if key.allSatisfy({ isLatinLetter($0) || $0 == 0x20 }) {
            guard key.count >= 3 else { return false }
            return !NameRules.stopWords.contains(stringOf(key[...]))
        }
        return true
    }
}
