import Foundation

/// Appends the log's primitive encodings (FORMAT.md, "Primitive encodings") to a byte buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// Writes into `storage` (emptied by the caller), keeping its capacity.
    init(reusing storage: [UInt8]) { bytes = storage }

    mutating func u8(_ v: UInt8) { bytes.append(v) }

    mutating func u32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Unsigned LEB128.
    mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func uint(_ v: Int) { varint(UInt64(max(0, v))) }

    /// Zig-zag then LEB128.
    mutating func sint(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func double(_ v: Double) { u64(v.bitPattern) }

    /// varint byte length, then the UTF-8 bytes.
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            uint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// A decoding failure inside a payload whose checksum matched: the writer and
/// reader disagree (or a future version wrote it).
struct DecodeError: Error {
    var message: String
}

/// Reads the encodings ByteWriter writes, with bounds checks on every read.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, from: Int = 0, to: Int? = nil) {
        self.base = base
        offset = from
        end = to ?? base.count
    }

    var atEnd: Bool { offset >= end }

    mutating func u8() throws -> UInt8 {
        guard offset < end else { throw DecodeError(message: "payload ends early") }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func u32() throws -> UInt32 {
        guard offset + 4 <= end else { throw DecodeError(message: "payload ends early") }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws -> UInt64 {
        guard offset + 8 <= end else { throw DecodeError(message: "payload ends early") }
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw DecodeError(message: "payload ends early") }
            let b = base[offset]
            offset += 1
            guard shift < 64 else { throw DecodeError(message: "varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func uint() throws -> Int {
        let v = try varint()
        guard v <= UInt64(Int.max) else { throw DecodeError(message: "integer out of range") }
        return Int(v)
    }

    mutating func sint() throws -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    mutating func double() throws -> Double { Double(bitPattern: try u64()) }

    /// The raw bytes of a length-prefixed string (no String built).
    mutating func stringBytes() throws -> UnsafeRawBufferPointer {
        let n = try uint()
        guard n <= end - offset else { throw DecodeError(message: "string runs past the payload") }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: base[offset..<(offset + n)])
    }

    mutating func string() throws -> String {
        let raw = try stringBytes()
        return String(decoding: raw, as: UTF8.self)
    }
}
