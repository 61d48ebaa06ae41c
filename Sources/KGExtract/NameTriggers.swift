/// Where the name passes of one document may find something, found in one
/// pass over the text: a table load per scalar (two at a Han scalar) instead
/// of one loop per pass. Each pass then visits only its own positions.
enum NameTriggers {
    static let orgHead: UInt8 = 1, bareCue: UInt8 = 2, boundary: UInt8 = 4, frame: UInt8 = 8, modelFrame: UInt8 = 16, coined: UInt8 = 32
    /// The scalars the list-separator bookkeeping looks at (`、`, `和`, `及`, `。`,
    /// `，`, a line break): one bit test per scalar instead of six compares.
    static let listMark: UInt8 = 64
    /// Where `ChineseFrames.outlets` looks: a line break or the first scalar of an outlet mark.
    static let outlet: UInt8 = 128

    /// Flags per BMP scalar: which pass a scalar may start (or, for
    /// `boundary`, may stand before).
    static let table: [UInt8] = {
        var f = [UInt8](repeating: 0, count: 0x10000)
        func mark(_ list: WordList, _ bit: UInt8) { for w in list.words where w[0] < 0x10000 { f[Int(w[0])] |= bit } }
        mark(ChineseNameTables.orgHeads, orgHead)
        mark(ChineseNameTables.innerOrgHeads, orgHead)
        mark(ChineseNames.latinStemHeads, orgHead)
        mark(ChineseNameTables.bareOrgCuesBefore, bareCue)
        mark(ChineseNameTables.companyNouns, bareCue)
        mark(ChineseNameTables.introducedKinds, bareCue)
        for c in 0..<0x10000 where ChineseNameTables.bareOrgBoundary.contains(UInt32(c)) { f[c] |= boundary }
        for fr in ChineseFrames.frames { mark(fr.before, frame) }
        for c in 0..<0x10000 where ChineseFrames.openQuotes.contains(UInt32(c)) { f[c] |= modelFrame }
        mark(ChineseFrames.modelAfterLatin, modelFrame)
        f[0x2D] |= coined
        for c in 0x30...0x39 { f[c] |= coined }
        for c in 0x41...0x5A { f[c] |= coined }
        for c in 0x61...0x7A { f[c] |= coined }
        for c in [0x3001, 0x548C, 0x53CA, 0x3002, 0xFF0C, 0x0A] { f[c] |= listMark }
        mark(ChineseFrames.outletMarks, outlet)
        f[0x0A] |= outlet
        return f
    }()

    struct Positions {
        var org: [Int] = [], bare: [Int] = [], frame: [Int] = [], model: [Int] = [], coined: [Int] = []
        /// `、`, and `和` / `及` closing a `、` list (`甲、乙和丙`): list separators.
        var lists: [Int] = []
        /// Line breaks, the first scalars of outlet marks and every scalar above the BMP (a mark may start there).
        var outlets: [Int] = []
    }

    static func positions(_ t: [UInt32]) -> Positions {
        var p = Positions()
        let table = Self.table
        var prev: UInt8 = boundary // the text start is a boundary
        var prevHan = false
        var sawComma = false
        for (i, c) in t.enumerated() {
            // above the BMP only the outlet pass looks (its marks are tested there by the pass itself)
            let f = c < 0x10000 ? table[Int(c)] : outlet
            let han = isHan(c)
            if f & listMark != 0 {
                if c == 0x3001 { p.lists.append(i); sawComma = true }
                else if (c == 0x548C || c == 0x53CA) && sawComma { p.lists.append(i); sawComma = false }
                else if c == 0x3002 || c == 0xFF0C || c == 0x0A { sawComma = false }
            }
            if f != 0 || (han && prev & boundary != 0) {
                if f & orgHead != 0 && i >= 2 { p.org.append(i) }
                if han && (f & bareCue != 0 || prev & boundary != 0) { p.bare.append(i) }
                if f & frame != 0 { p.frame.append(i) }
                if f & modelFrame != 0 { p.model.append(i) } // `models` skips 0; a title may open the text
                if f & coined != 0 && i >= 2 && prevHan { p.coined.append(i) }
                if f & outlet != 0 { p.outlets.append(i) }
            }
            prev = f
            prevHan = han
        }
        return p
    }
}
