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

    private func writeFixingCRC(_ bytes: [UInt8], _ dir: URL) throws {
        var b = bytes
        let crc = CRC32C.checksum(Array(b[16...]))
        withUnsafeBytes(of: crc.littleEndian) { for i in 0..<4 { b[12 + i] = $0[i] } }
        try Data(b).write(to: dir.appendingPathComponent("kg.snapshot"))
    }

    private func assertIgnored(_ dir: URL, equals expected: [UInt8], _ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let g = try GraphStore.open(dir, mode: .read)
        XCTAssertFalse(g.openedFromSnapshot, context, file: file, line: line)
        XCTAssertTrue(g.notes.contains { $0.contains("kg.snapshot: ignored") }, "\(context): \(g.notes)", file: file, line: line)
        XCTAssertEqual(body(g.state), expected, "\(context): the graph is the log's", file: file, line: line)
        _ = g.current.entities(); _ = g.current.allTriples; _ = g.current.names
    }

    // EVIDENCE-OF: SNAP-5, SNAP-2
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

    // EVIDENCE-OF: SNAP-5
    func test_snapshotColumnWithHugeCount_isIgnored_withoutAllocating() throws {
        let dir = temporaryDirectory(self)
        let expected = try build(dir)
        let bytes = try snapshotBytes(dir)
        let g = try GraphStore.open(dir, mode: .read, useSnapshot: false)
        // The first column is the string arena: its u64 count, then its bytes.
        let arena = g.state.strings.arena
        var pattern: [UInt8] = []
        withUnsafeBytes(of: UInt64(arena.count).littleEndian) { pattern += $0 }
        pattern += arena.prefix(8)
        guard let at = (0..<(bytes.count - pattern.count)).first(where: { Array(bytes[$0..<($0 + pattern.count)]) == pattern }) else {
            return XCTFail("string arena column not found")
        }
        for count: UInt64 in [1 << 63 | 5, UInt64.max, 1 << 40, UInt64(bytes.count)] {
            var crafted = bytes
            withUnsafeBytes(of: count.littleEndian) { for i in 0..<8 { crafted[at + i] = $0[i] } }
            try writeFixingCRC(crafted, dir)
            try assertIgnored(dir, equals: expected, "count \(count)")
        }
        // The header's transaction and offset fields as huge numbers.
        for field in [16, 24] {
            var crafted = bytes
            for i in 0..<8 { crafted[field + i] = 0xFF }
            try writeFixingCRC(crafted, dir)
            try assertIgnored(dir, equals: expected, "header field at \(field)")
        }
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
            { s in let id = Int(s.entityName[1]), at = s.strings.starts[id]; s.strings.arena[at] ^= 0x01 },
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
