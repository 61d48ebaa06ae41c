/// The snapshot file's layout (FORMAT.md section 6, version 5): a 64-byte
/// header, a directory of 48-byte section entries, the sections' chunk tables
/// (per chunk a CRC-32C, and for a packed column its length), then every
/// section at a 4096-byte boundary. Arenas and raw chunks are used straight
/// from a read-only mapping of the file; a packed column chunk (SNAP-9,
/// `ChunkPacking`) is decoded on its first read.
enum SnapshotFormat {
    static let magic: [UInt8] = [0x4B, 0x47, 0x53, 0x4E, 0x41, 0x50, 0x0D, 0x0A] // "KGSNAP\r\n"
    static let version: UInt32 = 5
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

    /// Whether the section is a column stored as packed chunks (SNAP-9); the
    /// small sections and the byte arenas are stored raw.
    var isPacked: Bool {
        switch self {
        case .transactions, .graph, .stringArena, .predicateArena, .nameKeyArena, .sentenceArena: return false
        default: return true
        }
    }
}

/// A directory entry (48 bytes, FORMAT.md §6.2).
struct SectionEntry: Equatable {
    var kind: UInt32
    var width: Int
    var offset: Int
    var byteLength: Int
    var count: Int
    /// File offset of this section's chunk table: per chunk of 64 Ki elements a
    /// u32 CRC-32C, and for a packed section a u32 byte length after it.
    var crcOffset: Int
    /// 0 raw, 1 packed chunks (SNAP-9).
    var packing: UInt32 = 0

    var chunks: Int { (count + columnChunkMask) >> columnChunkShift }
    /// Bytes of this section's chunk table.
    var chunkTableBytes: Int { chunks * (packing == 1 ? 8 : 4) }
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
