import Foundation
import XCTest
import KGCore
@testable import KGStore

/// Snapshots with a right checksum and wrong contents, as an attacker (or a
/// bug) would write them: ignored with a note, the graph rebuilt from the log.
final class SnapshotHardeningTests: XCTestCase {
    private func body(_ s: GraphState) -> [UInt8] {
        var w = ByteWriter()
        s.encodeSnapshotBody(into: &w)
        return w.bytes
    }

    /// A graph of 25 transactions with a snapshot after the last; returns the replayed state's encoding.
    private func build(_ dir: URL) throws -> [UInt8] {
        let store = try GraphStore.open(dir, mode: .write)
        store.autoCheckpointBytes = .max
        var gen = WorkloadGenerator(seed: 41)
        for i in 1...25 {
            let d = gen.draft(tx: i)
            try store.commit(d)
            for op in d.operations { gen.model.apply(op) }
        }
        try store.checkpoint()
        return body(try GraphStore.open(dir, mode: .read, useSnapshot: false).state)
    }

    /// Writes a snapshot of `mutate(state)` with a correct checksum, as `checkpoint` would.
    private func writeCrafted(_ dir: URL, _ mutate: (inout GraphState) -> Void) throws {
        let store = try GraphStore.open(dir, mode: .write, useSnapshot: false)
        store.autoCheckpointBytes = .max
        mutate(&store.state)
        try store.checkpoint()
    }

    private func snapshotBytes(_ dir: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: dir.appendingPathComponent("kg.snapshot")))
    }

    private func writeFixingCRC(_ bytes: [UInt8], _ dir: URL, fixed: Bool = false) throws {
        var b = bytes
        if !fixed { fixMetaCRC(&b) }
        try Data(b).write(to: dir.appendingPathComponent("kg.snapshot"))
    }

    private func assertIgnored(_ dir: URL, equals expected: [UInt8], _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let g = try GraphStore.open(dir, mode: .read)
        if g.openedFromSnapshot {
            // Checked lazily (SNAP-7): reads never crash; reading every chunk finds the damage.
            _ = g.current.entities(); _ = g.current.allTriples; _ = g.current.names
            g.state.checkAllChunks()
            XCTAssertNotNil(g.snapshotDamage, "\(context): opened, and no chunk was found damaged", file: file, line: line)
            XCTAssertThrowsError(try g.current.checkIntact(), context, file: file, line: line)
            let note = try g.reopenIfSnapshotDamaged()
            XCTAssertTrue(note?.contains("snapshot damaged at") == true, "\(context): \(String(describing: note))", file: file, line: line)
            XCTAssertFalse(g.openedFromSnapshot, context, file: file, line: line)
        } else {
            XCTAssertTrue(g.notes.contains { $0.contains("kg.snapshot: ignored") }, "\(context): \(g.notes)", file: file, line: line)
        }
        XCTAssertEqual(body(g.state), expected, "\(context): the graph is the log's", file: file, line: line)
        _ = g.current.entities(); _ = g.current.allTriples; _ = g.current.names
    }

    // EVIDENCE-OF: SNAP-6, SNAP-7, SNAP-2
    func test_craftedSnapshots_withRightChecksum_areIgnored_andTheGraphIsTheLogs() throws {
        let mutations: [(String, (inout GraphState) -> Void)] = [
            ("a string's start moved past the next one", { s in s.strings.starts[1] = s.strings.starts[2] + 7 }),
            ("a string's start moved out of the arena", { s in s.strings.starts[1] = s.strings.arena.count + 1700 }),
            ("a sentence offset moved outside its arena", { s in s.sentences.starts[1] = s.sentences.arena.count + 1700 }),
            ("triple subject beyond the entities", { s in s.tS[0] = Int32(s.entityState.count + 5) }),
            ("triple object beyond the literals", { s in s.tO[0] = -Int32(s.literals.count) - 9 }),
            ("evidence document id out of range", { s in s.eDoc[0] = Int32(s.strings.count + 100) }),
            ("evidence sentence id out of range", { s in s.eSentence[0] = Int32(s.sentences.count) }),
            ("entity name id out of range", { s in s.entityName[1] = Int32(s.strings.count) }),
            ("entity type unknown", { s in s.entityType[1] = 9 }),
            ("next entity id huge", { s in s.nextEntityID = 2_147_483_646 }),
            ("merge cycle", { s in
                s.mergedInto[1] = 2; s.mergedInto[2] = 1
                s.mergeChildren = [1: [2], 2: [1]]; s.mergeCount = 2
            }),
            ("name posting list loops", { s in s.postNext[0] = Int32(s.postNext.count - 1) }),
            ("triple list links backwards", { s in s.tNextS[s.tNextS.count - 1] = 0 }),
            ("evidence list links backwards", { s in s.eNext[s.eNext.count - 1] = 0 }),
            ("triple slot naming a triple beyond the columns", { s in
                let i = s.table.slots.firstIndex { $0 != 0 }!; s.table.slots[i] = s.table.slots[i] & ~0xFFFF_FFFF | UInt64(s.tS.count + 4)
            }),
            // SNAP-5 "hash slots naming entries in range": a filled slot whose index half is 0 names
            // triple -1; before the check covered it, `evidence(_:)` on that triple trapped in
            // `TripleTable.find` (store fuzzer, seed 5005).
            ("triple slot with its hash kept and its index half zeroed", { s in
                let i = s.table.slots.firstIndex { $0 != 0 }!; s.table.slots[i] &= ~0xFFFF_FFFF
            }),
            ("live triple count beyond the triples", { s in s.liveTripleCount = s.tS.count + 1 }),
            ("live evidence count negative", { s in s.tLive[0] = -1 }),
            ("string slot names a missing string", { s in
                let i = s.strings.slots.firstIndex(of: -1)!; s.strings.slots[i] = Int32(s.strings.count + 3)
            }),
        ]
        for (what, mutate) in mutations {
            let dir = temporaryDirectory(self, "crafted")
            let expected = try build(dir)
            try writeCrafted(dir, mutate)
            try assertIgnored(dir, equals: expected, what)
        }
    }

    /// Rewrites the header's checksum over the metadata area (as an attacker would).
    private func fixMetaCRC(_ b: inout [UInt8]) {
        let meta = Int(clamping: b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 48, as: UInt64.self) })
        let crc = CRC32C.checksum(Array(b[16..<min(max(16, meta), b.count)]))
        withUnsafeBytes(of: crc.littleEndian) { for i in 0..<4 { b[12 + i] = $0[i] } }
    }

    private func put64(_ b: inout [UInt8], _ at: Int, _ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { for i in 0..<8 { b[at + i] = $0[i] } }
    }

    // EVIDENCE-OF: SNAP-6
    func test_snapshotDirectoryWithHugeCountOrMovedOffset_isIgnored_withoutAllocating() throws {
        let dir = temporaryDirectory(self)
        let expected = try build(dir)
        let bytes = try snapshotBytes(dir)
        let sections = SectionKind.allCases.count
        for i in [0, 1, 2, 3, 20, 33, sections - 1] {
            let entry = SnapshotFormat.headerSize + i * SnapshotFormat.entrySize
            // Counts (with and without the matching length), offsets, CRC table offsets.
            for count: UInt64 in [1 << 63 | 5, UInt64.max, 1 << 40, UInt64(bytes.count), 3] {
                var crafted = bytes
                put64(&crafted, entry + 24, count)
                fixMetaCRC(&crafted)
                try writeFixingCRC(crafted, dir, fixed: true)
                try assertIgnored(dir, equals: expected, "section \(i) count \(count)")
                let width = UInt64(crafted[entry + 4])
                put64(&crafted, entry + 16, count &* width)
                fixMetaCRC(&crafted)
                try writeFixingCRC(crafted, dir, fixed: true)
                try assertIgnored(dir, equals: expected, "section \(i) count and length \(count)")
            }
            let original = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self) }
            for offset: UInt64 in [4096, 4097, 8192 * 1000, UInt64(bytes.count), UInt64.max - 4095, 0] where offset != original {
                var crafted = bytes
                put64(&crafted, entry + 8, offset)
                fixMetaCRC(&crafted)
                try writeFixingCRC(crafted, dir, fixed: true)
                try assertIgnored(dir, equals: expected, "section \(i) moved to \(offset)")
            }
            for crcAt: UInt64 in [0, 40, UInt64(bytes.count), UInt64.max] {
                var crafted = bytes
                put64(&crafted, entry + 32, crcAt)
                fixMetaCRC(&crafted)
                try writeFixingCRC(crafted, dir, fixed: true)
                try assertIgnored(dir, equals: expected, "section \(i) CRC table at \(crcAt)")
            }
        }
        // The header's transaction, offset and length fields as huge numbers.
        for field in [16, 24, 40, 48, 56] {
            var crafted = bytes
            for i in 0..<8 { crafted[field + i] = 0xFF }
            fixMetaCRC(&crafted)
            try writeFixingCRC(crafted, dir, fixed: true)
            try assertIgnored(dir, equals: expected, "header field at \(field)")
        }
    }

    // EVIDENCE-OF: SNAP-7
    func test_columnChunkWithOutOfRangeId_andFixedUpCRC_isReportedOnRead_notAnswered() throws {
        let dir = temporaryDirectory(self)
        let expected = try build(dir)
        var crafted = try snapshotBytes(dir)
        // The subject column's first value made out of range, its chunk's CRC fixed up: it passes open.
        let i = Int(SectionKind.tS.rawValue)
        let entry = SnapshotFormat.headerSize + i * SnapshotFormat.entrySize
        let (offset, length, crcAt) = crafted.withUnsafeBytes { b in
            (Int(b.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self)), Int(b.loadUnaligned(fromByteOffset: entry + 16, as: UInt64.self)),
             Int(b.loadUnaligned(fromByteOffset: entry + 32, as: UInt64.self)))
        }
        withUnsafeBytes(of: Int32(1 << 30).littleEndian) { for k in 0..<4 { crafted[offset + k] = $0[k] } }
        let chunkCRC = CRC32C.checksum(Array(crafted[offset..<(offset + length)]))
        withUnsafeBytes(of: chunkCRC.littleEndian) { for k in 0..<4 { crafted[crcAt + k] = $0[k] } }
        fixMetaCRC(&crafted)
        try writeFixingCRC(crafted, dir, fixed: true)
        let g = try GraphStore.open(dir, mode: .read)
        XCTAssertTrue(g.openedFromSnapshot, "open checks only the directory: \(g.notes)")
        XCTAssertNil(g.snapshotDamage)
        let view = g.current
        // A query reading that chunk: no crash, no read outside the columns, and the error after it.
        let first = view.triples(subject: nil, predicate: nil, object: nil)
        _ = first
        XCTAssertNotNil(view.snapshotDamage)
        XCTAssertThrowsError(try view.checkIntact()) { e in
            XCTAssertTrue("\(e)".contains("tS chunk 0"), "\(e)")
        }
        let note = try g.reopenIfSnapshotDamaged()
        XCTAssertTrue(note?.contains("reopening from the log") == true)
        XCTAssertEqual(body(g.state), expected)
        XCTAssertNoThrow(try g.current.checkIntact())
        // A writer that meets the damage deletes the snapshot: the next open replays the log (SNAP-8).
        let w = try GraphStore.open(dir, mode: .write)
        w.autoCheckpointBytes = .max
        _ = w.current.allTriples
        XCTAssertNotNil(try w.reopenIfSnapshotDamaged())
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("kg.snapshot").path))
    }

    // EVIDENCE-OF: SNAP-5
    func test_snapshotSummaryWithForgedOperationCounts_isIgnored() throws {
        let dir = temporaryDirectory(self)
        let expected = try build(dir)
        let store = try GraphStore.open(dir, mode: .write, useSnapshot: false)
        store.autoCheckpointBytes = .max
        store.summaries[3].counts[5] = Int.max // summing a transaction's counts would overflow
        try store.checkpoint()
        try assertIgnored(dir, equals: expected, "forged operation count")
        let g = try GraphStore.open(dir, mode: .read)
        XCTAssertEqual(g.transactions.map(\.operationCount).count, 25)
    }

    // EVIDENCE-OF: SNAP-2, REC-1
    func test_verify_reportsASnapshotThatHoldsADifferentGraph() throws {
        let dir = temporaryDirectory(self)
        _ = try build(dir)
        XCTAssertTrue(GraphStore.verify(dir).isOK)
        // Same shape, another name, or a triple under the wrong hash: only replaying the log can tell.
        let forgeries: [(inout GraphState) -> Void] = [
            { s in let id = Int(s.entityName[1]), at = s.strings.starts[id]; s.strings.arena.set(at, s.strings.arena.array[at] ^ 0x01) },
            { s in let i = s.table.slots.firstIndex { $0 != 0 }!; s.table.slots[i] ^= 1 << 40 },
            { s in
                let used = s.table.slots.indices.filter { s.table.slots[$0] != 0 }
                s.table.slots[used[1]] = s.table.slots[used[0]]
            },
            { s in s.liveTripleCount -= 1 }, // down, not up: one more than the triples is out of range (SNAP-5)
            { s in s.tLive[0] += 1 },
        ]
        for (k, forge) in forgeries.enumerated() {
            try writeCrafted(dir, forge)
            let report = GraphStore.verify(dir)
            XCTAssertTrue(report.problems.contains { $0.message.contains("SNAP-2") }, "forgery \(k): \(report.problems)")
        }
    }
}
