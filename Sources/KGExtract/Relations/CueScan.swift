import Synchronization

/// Every cue list gets a number when it is built, so a sentence's scan can file its hits by list.
let nextCueListID = Atomic<Int>(0)

/// The cue lists the relation rules read, scanned together: one pass over a
/// sentence finds, for every list, the positions where one of its words
/// starts (`CueHits`), so a rule's `find` visits only those positions and a
/// list with no word in the sentence costs nothing. Before this, `find` read
/// the sentence once per call (about fifty calls a sentence).
enum CueScanTable {
    /// The lists scanned in one pass. A list not named here is still found, by reading the range itself.
    static let lists: [CueList] = [
        Cues.we, Cues.speakerSide, Cues.me, Cues.thisCompany, Cues.thisModel, Cues.unconfirmed,
        RoleCues.list, RoleCues.personPronoun,
        FoundingCues.verbs, FoundingCues.team, FoundingCues.by,
        JoiningCues.verbs, JoiningCues.at,
        DevelopmentCues.verbs, DevelopmentCues.by,
        RivalCues.list,
        InvestmentCues.before, InvestmentCues.after, InvestmentCues.fundingNouns, InvestmentCues.from, InvestmentCues.took,
        InvestmentCues.raisedBefore, InvestmentCues.pronoun, InvestmentCues.nouns, InvestmentCues.context,
        AcquisitionCues.verbs, AcquisitionCues.passive, AcquisitionCues.toward, AcquisitionCues.rumour,
        PartnershipCues.list, PartnershipCues.exclusion, PartnershipCues.customer, PartnershipCues.bothSides, PartnershipCues.otherKinds,
        ComparisonCues.forward, ComparisonCues.reverse, ComparisonCues.gapToward, ComparisonCues.than, ComparisonCues.better,
        ComparisonCues.negation,
        InterviewCues.host, InterviewCues.guest, InterviewCues.conversation, InterviewCues.with, InterviewCues.accept,
    ]
    /// A list's id to its slot in `lists` (-1: not scanned together).
    static let slotOf: [Int] = {
        var s = [Int](repeating: -1, count: (lists.map(\.id).max() ?? 0) + 1)
        for (k, c) in lists.enumerated() { s[c.id] = k }
        return s
    }()
    /// A first scalar (below U+10000) to its index in `words` (-1: no cue starts with it).
    static let firstIndex: [Int32] = {
        var t = [Int32](repeating: -1, count: 0x10000)
        var n: Int32 = 0
        for c in lists { for w in c.words where w[0] < 0x10000 && t[Int(w[0])] < 0 { t[Int(w[0])] = n; n += 1 } }
        return t
    }()
    /// For each first scalar, the (slot, word) pairs of the cues starting with it, grouped by slot.
    static let words: [[(slot: Int, word: [UInt32])]] = {
        var out = [[(slot: Int, word: [UInt32])]](repeating: [], count: firstIndex.reduce(0) { max($0, Int($1) + 1) })
        for (k, c) in lists.enumerated() { for w in c.words where w[0] < 0x10000 { out[Int(firstIndex[Int(w[0])])].append((k, w)) } }
        return out
    }()
}

/// The start positions of each scanned cue list's words in one sentence
/// (a word starts there; whole-word, mention and range checks are left to
/// `find`). Buffers are kept from one sentence to the next.
struct CueHits {
    var range: Range<Int> = 0..<0
    /// positions of slot k: `positions[offsets[k]..<offsets[k + 1]]`, increasing
    var positions: [Int] = []
    var offsets: [Int] = []
    private var pairs: [(slot: Int, position: Int)] = []

    /// One pass over `r`: cost one table probe per scalar plus a comparison per cue sharing its first scalar.
    mutating func scan(_ lower: [UInt32], _ r: Range<Int>) {
        range = r
        pairs.removeAll(keepingCapacity: true)
        let table = CueScanTable.firstIndex
        let words = CueScanTable.words
        for i in r {
            let ch = lower[i]
            guard ch < 0x10000 else { continue }
            let k = table[Int(ch)]
            guard k >= 0 else { continue }
            var last = -1
            for (slot, w) in words[Int(k)] where slot != last && i + w.count <= r.upperBound && FigureParser.hasPrefix(lower, i, w) {
                pairs.append((slot, i)); last = slot
            }
        }
        let n = CueScanTable.lists.count
        offsets.removeAll(keepingCapacity: true)
        offsets.append(contentsOf: repeatElement(0, count: n + 1))
        for p in pairs { offsets[p.slot + 1] += 1 }
        for k in 0..<n { offsets[k + 1] += offsets[k] }
        positions.removeAll(keepingCapacity: true)
        positions.append(contentsOf: repeatElement(0, count: pairs.count))
        var fill = offsets
        for p in pairs { positions[fill[p.slot]] = p.position; fill[p.slot] += 1 }
    }

    /// The candidate positions of list c, or nil when c was not scanned or r leaves the scanned sentence.
    func candidates(_ c: CueList, _ r: Range<Int>) -> ArraySlice<Int>? {
        guard r.lowerBound >= range.lowerBound, r.upperBound <= range.upperBound, c.id < CueScanTable.slotOf.count else { return nil }
        let k = CueScanTable.slotOf[c.id]
        guard k >= 0, offsets.count > k + 1 else { return nil }
        return positions[offsets[k]..<offsets[k + 1]]
    }
}
