/// The snapshot file's layout (FORMAT.md section 6, version 4): a 64-byte
/// header, a directory of 48-byte section entries, the sections' per-chunk
/// CRC tables, then every section at a 4096-byte boundary, so a column is used
/// straight from a read-only mapping of the file.
enum SnapshotFormat {
    static let magic: [UInt8] = [0x4B, 0x47, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A] // "KGSNAP\r\n"
    static let version: UInt32 = 4
    static let headerSize = 64
    static let entrySize = 48
    static let page = 4096
    /// Old name kept for the fuzzer: bytes before the first checked field.
    static let fixedHeader = 16
}

/// One section of the snapshot: its kind, element width and name (FORMAT.md
/// §6 table of kinds). The order here is the order in the directory and in the file.
enum SectionKind: UInt32, CaseIterable, Sendable {
    case transactions = 0, graph
    case stringArena, stringStarts, stringSlots
    case predicateArena, predicateStarts, predicateSlots
    case nameKeyArena, nameKeyStarts, nameKeySlots
    case nameHead, postEntity, postNext
    case sentenceArena, sentenceStarts
    case entityState, entityType, entityName, aliasStart, aliasCount, aliasValues, mergedInto
    case sHead, sTail, oHead, oTail, pHead, pTail, lHead, lTail
    case tS, tP, tO, tLive, tEvHead, tEvTail, tEvCount, tNextS, tNextP, tNextO, tripleSlots
    case eTriple, eNext, eDoc, eStart, eEnd, eSentence, eRule, eMetric, eConf, eLive
    case eDocNext, docEvHead, docEvTail, docEvCount

    var width: Int {
        switch self {
        case .transactions, .graph, .stringArena, .predicateArena, .nameKeyArena, .sentenceArena,
             .entityState, .entityType, .eLive: return 1
        case .stringStarts, .predicateStarts, .nameKeyStarts, .sentenceStarts, .tripleSlots, .eConf: return 8
        default: return 4
        }
    }

    var name: String { "\(self)" }
}

/// A directory entry (48 bytes, FORMAT.md §6.2).
struct SectionEntry: Equatable {
    var kind: UInt32
    var width: Int
    var offset: Int
    var byteLength: Int
    var count: Int
    /// File offset of this section's CRC table: one u32 per chunk of 64 Ki elements.
    var crcOffset: Int

    var chunks: Int { (count + columnChunkMask) >> columnChunkShift }
}

/// CRC-32C per chunk of `chunkBytes`, over bytes fed in pieces of any size.
struct ChunkCRCs {
    let chunkBytes: Int
    var crcs: [UInt32] = []
    private var current: UInt32 = 0
    private var filled = 0

    init(width: Int) { chunkBytes = width << columnChunkShift }

    mutating func feed(_ b: UnsafeRawBufferPointer) {
        var at = 0
        while at < b.count {
            let n = min(chunkBytes - filled, b.count - at)
            current = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: b[at..<(at + n)]), continuing: current)
            filled += n
            at += n
            if filled == chunkBytes { crcs.append(current); current = 0; filled = 0 }
        }
    }

    mutating func finish() -> [UInt32] {
        if filled > 0 { crcs.append(current); current = 0; filled = 0 }
        return crcs
    }
}
