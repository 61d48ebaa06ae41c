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
        Cues.we, Cues.speakerSide, Cues.addressee, Cues.interviewCompany, Cues.me, Cues.thisCompany, Cues.thisModel, Cues.unconfirmed,
        RoleCues.list, RoleCues.personPronoun,
        FoundingCues.verbs, FoundingCues.team, FoundingCues.by,
        JoiningCues.verbs, JoiningCues.at, JoiningCues.both,
        DevelopmentCues.verbs, DevelopmentCues.by, DevelopmentCues.latter,
        RivalCues.list, RivalCues.mutual, RivalCues.theyBoth, RivalCues.notStated, BackReferenceCues.lastTwo,
        InvestmentCues.before, InvestmentCues.after, InvestmentCues.fundingNouns, InvestmentCues.from, InvestmentCues.took,
        InvestmentCues.raisedBefore, InvestmentCues.pronoun, InvestmentCues.nouns, InvestmentCues.context, InvestmentCues.rumour,
        AcquisitionCues.verbs, AcquisitionCues.passive, AcquisitionCues.toward, AcquisitionCues.rumour, AcquisitionCues.stake, AcquisitionCues.pay,
        PartnershipCues.list, PartnershipCues.exclusion, PartnershipCues.customer, PartnershipCues.bothSides, PartnershipCues.otherKinds, PartnershipCues.sideNouns,
        ComparisonCues.forward, ComparisonCues.reverse, ComparisonCues.closeTo, ComparisonCues.gapToward, ComparisonCues.than, ComparisonCues.better,
        ComparisonCues.negation, ComparisonCues.scoreContrast, SuccessionCues.list, SuccessionCues.better, SuccessionCues.worse,
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
    /// The cues grouped by first scalar, flat: group k holds entries `groupStart[k]..<groupStart[k + 1]`;
    /// entry e is a word of list `entrySlot[e]` spelled `scalars[entryStart[e]..<entryStart[e] + entryLength[e]]`.
    /// Entries of one list stand together in a group.
    static let groupStart: [Int] = flat.groupStart
    static let entrySlot: [Int] = flat.slot
    static let entryStart: [Int] = flat.start
    static let entryLength: [Int] = flat.length
    static let scalars: [UInt32] = flat.scalars
    private static let flat: (groupStart: [Int], slot: [Int], start: [Int], length: [Int], scalars: [UInt32]) = {
        let groups = firstIndex.reduce(0) { max($0, Int($1) + 1) }
        var byGroup = [[(slot: Int, word: [UInt32])]](repeating: [], count: groups)
        for (k, c) in lists.enumerated() { for w in c.words where w[0] < 0x10000 { byGroup[Int(firstIndex[Int(w[0])])].append((k, w)) } }
        var gs = [0], sl: [Int] = [], st: [Int] = [], ln: [Int] = [], sc: [UInt32] = []
        for g in byGroup {
            for (k, w) in g { sl.append(k); st.append(sc.count); ln.append(w.count); sc += w }
            gs.append(sl.count)
        }
        return (gs, sl, st, ln, sc)
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
    private var blocked: [Bool] = []
    /// The scan tables, read once when the hits are made (per document), not through their lazy globals
    /// (a `swift_once` each) at every sentence.
    private let firstIndex = CueScanTable.firstIndex, groupStart = CueScanTable.groupStart, entrySlot = CueScanTable.entrySlot
    private let entryStart = CueScanTable.entryStart, entryLength = CueScanTable.entryLength, scalars = CueScanTable.scalars
    private let listCount = CueScanTable.lists.count, slotOf = CueScanTable.slotOf

    /// One pass over `r`: cost one table probe per scalar plus a comparison per cue sharing its first scalar.
    /// The loop reads the text and the tables through buffer pointers (no bounds checks or retains per scalar),
    /// and the per-list offsets are filled in place (no copy per sentence).
    mutating func scan(_ lower: [UInt32], _ r: Range<Int>, mentions: [Range<Int>]) {
        range = r
        var pairs = self.pairs
        self.pairs = []
        pairs.removeAll(keepingCapacity: true)
        // a cue never starts inside a mention (`Founder` in `Founder Park`): those positions are skipped
        blocked.removeAll(keepingCapacity: true)
        blocked.append(contentsOf: repeatElement(false, count: r.count))
        for m in mentions { for i in max(m.lowerBound, r.lowerBound)..<max(max(m.lowerBound, r.lowerBound), min(m.upperBound, r.upperBound)) { blocked[i - r.lowerBound] = true } }
        let table = firstIndex, groupStart = self.groupStart, slots = entrySlot
        let starts = entryStart, lengths = entryLength, scalars = self.scalars
        let base = r.lowerBound, upper = r.upperBound
        precondition(base >= 0 && upper <= lower.count, "CueHits.scan: range outside the text")
        lower.withUnsafeBufferPointer { low in
        blocked.withUnsafeBufferPointer { blk in
        table.withUnsafeBufferPointer { tab in
        groupStart.withUnsafeBufferPointer { gs in
        slots.withUnsafeBufferPointer { sl in
        starts.withUnsafeBufferPointer { st in
        lengths.withUnsafeBufferPointer { ln in
        scalars.withUnsafeBufferPointer { sc in
            var i = base
            while i < upper {
                let ch = low[i]
                defer { i += 1 }
                guard ch < 0x10000, !blk[i - base] else { continue }
                let k = Int(tab[Int(ch)])
                guard k >= 0 else { continue }
                // a Latin cue never starts inside a Latin word
                if isLatinLetter(ch) && i > 0 && isLatinLetter(low[i - 1]) { continue }
                var last = -1
                var e = gs[k]
                let eEnd = gs[k + 1]
                while e < eEnd {
                    defer { e += 1 }
                    let slot = sl[e]
                    guard slot != last else { continue }
                    let n = ln[e], w = st[e]
                    guard i + n <= upper else { continue }
                    var j = 1
                    while j < n && low[i + j] == sc[w + j] { j += 1 }
                    if j == n { pairs.append((slot, i)); last = slot }
                }
            }
        }}}}}}}}
        let n = listCount
        offsets.removeAll(keepingCapacity: true)
        offsets.append(contentsOf: repeatElement(0, count: n + 1))
        for p in pairs { offsets[p.slot + 1] += 1 }
        for k in 0..<n { offsets[k + 1] += offsets[k] }
        positions.removeAll(keepingCapacity: true)
        positions.append(contentsOf: repeatElement(0, count: pairs.count))
        // offsets[k] serves as slot k's fill cursor, then is shifted back: no copy of the offsets
        for p in pairs { positions[offsets[p.slot]] = p.position; offsets[p.slot] += 1 }
        var k = n
        while k > 0 { offsets[k] = offsets[k - 1]; k -= 1 }
        offsets[0] = 0
        self.pairs = pairs
    }

    /// The candidate positions of list c, or nil when c was not scanned or r leaves the scanned sentence.
    func candidates(_ c: CueList, _ r: Range<Int>) -> ArraySlice<Int>? {
        guard r.lowerBound >= range.lowerBound, r.upperBound <= range.upperBound, c.id < slotOf.count else { return nil }
        let k = slotOf[c.id]
        guard k >= 0, offsets.count > k + 1 else { return nil }
        return positions[offsets[k]..<offsets[k + 1]]
    }
}
