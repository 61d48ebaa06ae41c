import KGCore

/// Document records and the evidence-by-document index (FORMAT.md OP-7, OP-8,
/// OP-12). Ingest asks three questions per document — is this path known, is
/// this content known, which evidence did this document give — and each is
/// answered from an index in time that does not grow with the graph.
extension GraphState {
    // OP-7
    mutating func assertDocument(_ d: DocumentRecord) {
        if let old = documents[d.path] { unindexContent(old) }
        documents[d.path] = d
        documentsBySHA[d.sha256, default: []].append(d.path)
    }

    // OP-8
    mutating func retractDocument(_ path: String) {
        guard let old = documents.removeValue(forKey: path) else { return }
        unindexContent(old)
    }

    // OP-12
    /// The record at `from` becomes the record at `to`, and every evidence row
    /// whose document is `from` now names `to` (its rows join `to`'s list).
    /// Skipped when `from` has no record or `to` already has one.
    mutating func moveDocument(from: String, to: String) {
        guard from != to, var record = documents[from], documents[to] == nil else { return }
        retractDocument(from)
        record.path = to
        assertDocument(record)
        guard let f = strings.lookup(from) else { return }
        let t = strings.intern(to)
        ensureDocumentSlot(max(f, t))
        var e = docEvHead[Int(f)]
        var steps = 0
        while e >= 0 && steps < eDocNext.count {
            eDoc[Int(e)] = t
            e = eDocNext[Int(e)]
            steps += 1
        }
        if docEvHead[Int(f)] >= 0 {
            if docEvTail[Int(t)] >= 0 { eDocNext[Int(docEvTail[Int(t)])] = docEvHead[Int(f)] } else { docEvHead[Int(t)] = docEvHead[Int(f)] }
            docEvTail[Int(t)] = docEvTail[Int(f)]
            docEvCount[Int(t)] += docEvCount[Int(f)]
        }
        docEvHead[Int(f)] = -1; docEvTail[Int(f)] = -1; docEvCount[Int(f)] = 0
    }

    private mutating func unindexContent(_ d: DocumentRecord) {
        guard var paths = documentsBySHA[d.sha256] else { return }
        paths.removeAll { $0 == d.path }
        documentsBySHA[d.sha256] = paths.isEmpty ? nil : paths
    }

    /// Grows the per-document-string columns to hold string id `doc`.
    @inline(__always)
    mutating func ensureDocumentSlot(_ doc: Int32) {
        guard Int(doc) >= docEvHead.count else { return }
        let n = max(Int(doc) + 1, strings.count) - docEvHead.count
        docEvHead.append(contentsOf: repeatElement(-1, count: n))
        docEvTail.append(contentsOf: repeatElement(-1, count: n))
        docEvCount.append(contentsOf: repeatElement(0, count: n))
    }

    /// Appends evidence row `row` to document `doc`'s list.
    @inline(__always)
    mutating func linkDocumentRow(_ row: Int32, _ doc: Int32) {
        ensureDocumentSlot(doc)
        eDocNext.append(-1)
        if docEvTail[Int(doc)] >= 0 { eDocNext[Int(docEvTail[Int(doc)])] = row } else { docEvHead[Int(doc)] = row }
        docEvTail[Int(doc)] = row
        docEvCount[Int(doc)] += 1
    }

    /// Stored triple numbers with live evidence from document `path`, in order
    /// of first evidence; O(rows the document gave).
    func triplesWithEvidence(fromDocument path: String) -> [Int32] {
        guard let doc = strings.lookup(path), Int(doc) < docEvHead.count else { return [] }
        var out: [Int32] = []
        var seen = Set<Int32>()
        var e = docEvHead[Int(doc)]
        var steps = 0
        // A document's list may link backwards after a move: the walk is bounded by the rows (SNAP-7).
        while e >= 0 && steps < eDocNext.count {
            let ei = Int(e)
            if eLive[ei] != 0, seen.insert(eTriple[ei]).inserted { out.append(eTriple[ei]) }
            e = eDocNext[ei]
            steps += 1
        }
        return out
    }

    /// Live evidence rows of document `path`.
    func liveEvidenceCount(ofDocument path: String) -> Int {
        guard let doc = strings.lookup(path), Int(doc) < docEvHead.count else { return 0 }
        var n = 0, steps = 0
        var e = docEvHead[Int(doc)]
        while e >= 0 && steps < eDocNext.count {
            if eLive[Int(e)] != 0 { n += 1 }
            e = eDocNext[Int(e)]
            steps += 1
        }
        return n
    }
}
