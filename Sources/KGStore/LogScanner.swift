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
    /// Where the forward search after damage stopped because it ran out of budget (REC-1), if it did.
    var searchGaveUp: Int?
    /// Payload bytes the forward search checksummed (at most `searchBudgetPerByte` × the file's size).
    var searchChecksummed = 0

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

    /// LOG-12: whether the damaged record at `offset` is a torn tail left by a power
    /// cut: from some byte inside it (at or after its start; within its first 8
    /// bytes when its length fields disagree, before its last 8 when they agree)
    /// every byte to the end of the file is zero. Cost: one backward pass over the
    /// zero run.
    static func isZeroTail(_ raw: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        var z = raw.count
        while z > offset && raw[z - 1] == 0 { z -= 1 }
        if z == raw.count { return false } // the file does not end in zeros
        if z <= offset + 8 { return true }
        guard raw.count - offset >= LogFormat.recordHeaderSize else { return false }
        let n = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        let check = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
        guard n == ~check, Int(n) <= LogFormat.maxPayload else { return false }
        let end = offset + LogFormat.recordHeaderSize + Int(n)
        return z <= end - 8
    }

    /// REC-1: how many payload bytes the forward search after damage may checksum
    /// in all, per byte of the file. Random damage almost never frames (the two
    /// length fields must agree), so this only stops a file crafted with fake
    /// headers from making the search quadratic.
    static let searchBudgetPerByte = 4

    /// Scans every record after the header. With `stopAtProblem`, stops at the
    /// first damaged record (opening); otherwise skips past it, or searches
    /// forward for the next intact record when its length is unreadable (verify).
    /// A damaged last record that ends in zeros to the end of the file is a torn tail (LOG-12).
    /// `start` is where the first record begins (after the header; 0 for a
    /// buffer holding only a log's tail) and `firstTx` the transaction it holds.
    init(_ bytes: [UInt8], stopAtProblem: Bool, start: Int = LogFormat.headerSize, firstTx: Int = 1) {
        goodLength = start
        bytes.withUnsafeBytes { raw in
            var offset = start
            var tx = firstTx
            var budget = raw.count.multipliedReportingOverflow(by: LogScanner.searchBudgetPerByte).partialValue
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
                    if LogScanner.isZeroTail(raw, at: offset) {
                        tornOffset = offset
                        return
                    }
                    problems.append(Problem(offset: offset, tx: tx, reason: reason))
                    if stopAtProblem { return }
                    tx += 1
                    if let next {
                        offset = next
                    } else {
                        // Search forward for the next record that frames and checks: O(1) per
                        // offset to compare the length fields, a checksum only where they agree.
                        var probe = offset + 1
                        var found: Int?
                        while probe + LogFormat.recordHeaderSize <= raw.count {
                            let n = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: probe, as: UInt32.self))
                            let check = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: probe + 4, as: UInt32.self))
                            if n == ~check, Int(n) <= LogFormat.maxPayload,
                               Int(n) <= raw.count - probe - LogFormat.recordHeaderSize {
                                if budget < Int(n) {
                                    searchGaveUp = probe
                                    break
                                }
                                budget -= Int(n)
                                searchChecksummed += Int(n)
                                if case .intact = LogScanner.frame(raw, at: probe) { found = probe; break }
                            }
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
