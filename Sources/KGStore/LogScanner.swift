import Foundation
import KGCore

/// Splits a log's bytes into records, checking each one's framing and checksum
/// (FORMAT.md LOG-4 … LOG-8). It does not decode payloads.
struct LogScanner {
    struct Record {
        /// Byte offset of the record header.
        var offset: Int
        /// The payload's byte range.
        var payload: Range<Int>
        var end: Int { payload.upperBound }
    }

    struct Problem: Equatable {
        var offset: Int
        /// The transaction the damaged record should hold (its predecessor's + 1).
        var tx: TxID
        var reason: String
    }

    var records: [Record] = []
    /// End of the last intact record: where the next record goes.
    var goodLength = LogFormat.headerSize
    /// Offset of an incomplete last record (a crash mid-append), if any (LOG-7).
    var tornOffset: Int?
    /// Damaged records that are not a torn tail (LOG-8).
    var problems: [Problem] = []

    /// Checks the header (LOG-1 … LOG-3); throws `notALog` / `unsupportedVersion`.
    static func checkHeader(_ bytes: [UInt8], path: String) throws {
        guard bytes.count >= LogFormat.headerSize, Array(bytes[0..<8]) == LogFormat.magic else {
            throw StoreError.notALog(path: path)
        }
        let version = bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
        guard version == LogFormat.version else { throw StoreError.unsupportedVersion(path: path, version: version) }
    }

    enum Frame {
        case intact(Record)
        /// The file ends inside this record.
        case torn
        /// The length fields disagree or the checksum does not match.
        case damaged(String, next: Int?)
    }

    /// Reads the record framed at `offset`.
    static func frame(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Frame {
        let size = raw.count
        if size - offset < LogFormat.recordHeaderSize {
            return .torn
        }
        let n = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let check = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard n == ~check, Int(n) <= LogFormat.maxPayload else {
            return .damaged("record length fields disagree", next: nil)
        }
        let start = offset + LogFormat.recordHeaderSize
        let end = start + Int(n)
        if end > size { return .torn }
        let crc = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
        let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
        guard crc == actual else { return .damaged("checksum mismatch", next: end) }
        return .intact(Record(offset: offset, payload: start..<end))
    }

    /// Scans every record after the header. With `stopAtProblem`, stops at the
    /// first damaged record (opening); otherwise skips past it, or searches
    /// forward for the next intact record when its length is unreadable (verify).
    init(_ bytes: [UInt8], stopAtProblem: Bool) {
        bytes.withUnsafeBytes { raw in
            var offset = LogFormat.headerSize
            var tx = 1
            while offset < raw.count {
                switch LogScanner.frame(raw, at: offset) {
                case .intact(let r):
                    records.append(r)
                    offset = r.end
                    goodLength = offset
                    tx += 1
                case .torn:
                    tornOffset = offset
                    return
                case .damaged(let reason, let next):
                    problems.append(Problem(offset: offset, tx: tx, reason: reason))
                    if stopAtProblem { return }
                    tx += 1
                    if let next {
                        offset = next
                    } else {
                        // Search forward for the next record that frames and checks.
                        var probe = offset + 1
                        var found: Int?
                        while probe + LogFormat.recordHeaderSize <= raw.count {
                            if case .intact = LogScanner.frame(raw, at: probe) { found = probe; break }
                            probe += 1
                        }
                        guard let found else { return }
                        offset = found
                    }
                }
            }
        }
    }
}
