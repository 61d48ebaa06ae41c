/// The log's fixed layout (docs/FORMAT.md is the reference; this mirrors it).
enum LogFormat {
    /// LOG-1: the first 8 bytes of every kg log.
    static let magic: [UInt8] = [0x4B, 0x47, 0x4C, 0x4F, 0x47, 0x0D, 0x0A, 0x1A] // "KGLOG\r\n\x1A"
    /// LOG-3: the only version this build reads and writes.
    static let version: UInt32 = 1
    /// LOG-1: magic (8) + version (4) + reserved (4).
    static let headerSize = 16
    /// LOG-4: length (4) + inverted length (4) + CRC-32C (4).
    static let recordHeaderSize = 12
    /// LOG-5: a record's payload is at most this long.
    static let maxPayload = 1 << 30

    static let logName = "kg.log"
    static let snapshotName = "kg.snapshot"
    static let lockName = "kg.lock"

    static func header() -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: magic)
        w.u32(version)
        w.u32(0)
        return w.bytes
    }

    /// Why a payload of `count` bytes cannot be written (LOG-5), or nil if it can.
    static func oversize(_ count: Int, limit: Int = maxPayload) -> String? {
        guard count > min(limit, maxPayload) else { return nil }
        return "the transaction's record payload would be \(count) bytes, over the log's limit of \(min(limit, maxPayload)) (LOG-5); split it into smaller commits"
    }

    /// The bytes of one record holding `payload` (LOG-4); the caller checked `oversize`.
    static func record(_ payload: [UInt8]) -> [UInt8] {
        precondition(oversize(payload.count) == nil)
        var w = ByteWriter(capacity: payload.count + recordHeaderSize)
        let n = UInt32(payload.count)
        w.u32(n)
        w.u32(~n)
        w.u32(CRC32C.checksum(payload))
        w.bytes.append(contentsOf: payload)
        return w.bytes
    }

    /// Encodes `tx` as one record into `buffer` (LOG-4), in place: the header is
    /// reserved, the payload encoded after it, then length and CRC filled in. The
    /// buffer keeps its capacity between commits, so a commit neither copies the
    /// payload nor touches fresh pages. Throws (the buffer holding no record) when
    /// the payload is longer than `limit` (LOG-5).
    static func record(_ tx: Transaction, into buffer: inout [UInt8], limit: Int = maxPayload) throws {
        buffer.removeAll(keepingCapacity: true)
        var w = ByteWriter(reusing: buffer)
        buffer = []
        w.bytes.append(contentsOf: repeatElement(0, count: recordHeaderSize))
        TransactionCodec.encode(tx, into: &w)
        buffer = w.bytes
        if let why = oversize(buffer.count - recordHeaderSize, limit: limit) {
            buffer.removeAll(keepingCapacity: false)
            throw StoreError.invalid(why)
        }
        let n = UInt32(buffer.count - recordHeaderSize)
        buffer.withUnsafeMutableBytes { raw in
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[recordHeaderSize...]))
            raw.storeBytes(of: n.littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: (~n).littleEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: crc.littleEndian, toByteOffset: 8, as: UInt32.self)
        }
    }
}
