import Foundation

/// The parsing core of fact files (`FactFiles`): rows of `delimiter`-separated
/// fields, one per line, read from the file's bytes in one pass.
///
/// - A field of decimal digits (optionally after `-`, at most 18 digits) is that
///   integer; a non-negative one that fits 31 bits is its own value, with no lookup.
/// - Any other field is interned through a table keyed by its bytes
///   (`ByteInterner`): a String is made only the first time a text is seen, and a
///   text that reads as a number (`2.5`, `1e3`) is that number. A field equal to the
///   same column's previous text field (sorted files repeat a lot) skips even the lookup.
/// - A column marked in `textColumns` (Soufflé's `symbol`) keeps every field as
///   text (`007` stays `"007"`), interned apart from the other columns.
/// - A `\r` before the line end (CRLF files) is not part of the field. Empty lines
///   are skipped; any other line must have exactly `arity` fields, or the error names
///   `path:line`.
///
/// Into an empty relation, rows are appended without a duplicate check as long as
/// they are strictly increasing in some order of the columns (`FactFileOrder`: a
/// sorted file, as generated data and Soufflé's outputs are); the relation's set is
/// released and rebuilt only if something later needs it. The first row that breaks
/// the order brings the set back (built from the rows so far) and the rest is inserted
/// through it. Runs of equal values per column are recorded on the way (`ColumnRuns`).
///
/// Cost: O(bytes), plus for an unsorted file (or one loaded into a relation that
/// already has rows) one set insert per row (in batches whose cache misses overlap);
/// no allocation per field or row. The rows (and the set) are sized once, from the
/// line count estimated from 64 KiB sampled in four places. The byte loops read 8 bytes at a time
/// where 8 remain (`SWAR`): a number's digits (up to 8 converted by three
/// multiplications), a text field's end, a repeated text compared as one word.
enum FactFileParser {
    static func parse(_ bytes: UnsafeRawBufferPointer, path: String, arity: Int, delimiter: UInt8 = UInt8(ascii: "\t"),
                      textColumns: [Bool] = [], into sink: inout FactSink) throws {
        precondition(arity >= 0 && arity == sink.arity, "fact file arity differs from the relation's")
        precondition(delimiter != UInt8(ascii: "\n") && delimiter != UInt8(ascii: "\r"), "a line end cannot delimit fields")
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return }
        let n = bytes.count
        let database = sink.database, values = sink.values, relation = sink.relation
        let width = max(1, arity)
        // Per column: the tuple being built, and the previous text field with its value.
        // Rows go to the relation 32 at a time; `tuple` is the next row of the batch.
        let batchSize = 32
        let batch = UnsafeMutablePointer<Int32>.allocate(capacity: width * batchSize)
        batch.initialize(repeating: 0, count: width * batchSize)
        var batched = 0
        var tuple = batch
        let lastStart = UnsafeMutablePointer<Int>.allocate(capacity: width)
        let lastLength = UnsafeMutablePointer<Int>.allocate(capacity: width)
        let lastValue = UnsafeMutablePointer<Int32>.allocate(capacity: width)
        // Per column: whether the previous row's field was text, and its integer when not (for `FactFileOrder`).
        let previousIsText = UnsafeMutablePointer<Bool>.allocate(capacity: width)
        let previousNumber = UnsafeMutablePointer<Int64>.allocate(capacity: width)
        lastStart.initialize(repeating: 0, count: width)
        lastLength.initialize(repeating: -1, count: width)
        lastValue.initialize(repeating: 0, count: width)
        previousIsText.initialize(repeating: false, count: width)
        previousNumber.initialize(repeating: 0, count: width)
        defer {
            batch.deallocate(); lastStart.deallocate(); lastLength.deallocate(); lastValue.deallocate()
            previousIsText.deallocate(); previousNumber.deallocate()
        }
        var interner = ByteInterner()
        var textInterner = ByteInterner()  // symbol columns: the same bytes are a string there, maybe a number elsewhere
        let isText = (0..<width).map { $0 < textColumns.count && textColumns[$0] }
        let newline = UInt8(ascii: "\n")

        // Lines estimated from 64 KiB sampled in four places (counting them all was a tenth of the
        // load); when the rows run out of room, the rest is estimated again from the bytes left.
        let window = min(n, 16_384)
        var sampledLines = 0
        for part in 0..<4 { sampledLines += SWAR.count(newline, base + (n - window) * part / 4, window) }
        let sampledBytes = 4 * window, perSample = max(1, sampledLines)
        func estimatedLines(from i: Int) -> Int {
            let rest = max(0, n - i)
            let lines = rest / sampledBytes * perSample + rest % sampledBytes * perSample / sampledBytes
            return lines + lines / 16 + 16
        }
        // An empty relation takes a sorted file without a set (see above).
        let fresh = database.stores[relation].count == 0 && arity > 0
        var order = FactFileOrder(arity: fresh ? arity : 0)
        var appending = order.holds
        var numericText = false
        var runs: ColumnRuns? = fresh ? ColumnRuns(arity: arity, limit: max(64, estimatedLines(from: 0) / 32)) : nil
        if appending {
            database.stores[relation].releaseSet()
            database.stores[relation].reserveRows(estimatedLines(from: 0))
        } else {
            sink.reserve(estimatedLines(from: 0))
        }
        var i = 0, line = 1
        func flush() {
            if database.stores[relation].count + batched > database.stores[relation].rowCapacity {
                let more = estimatedLines(from: i) + batched
                if appending && order.holds { database.stores[relation].reserveRows(more) } else { database.stores[relation].reserve(more) }
            }
            if appending && order.holds {
                database.stores[relation].appendDistinct(batch, batched)
            } else {
                if appending {
                    // The order broke in this batch: the rows before it are distinct; the set comes back.
                    appending = false
                    database.stores[relation].ensureSet()
                    database.stores[relation].reserve(estimatedLines(from: i))
                }
                database.stores[relation].insertBatch(batch, batched)
            }
            batched = 0
            tuple = batch
            let count = database.stores[relation].count
            if runs != nil && count - runs!.coveredRows >= 1024 { runs!.extend(database.stores[relation].rows, to: count) }
        }

        let cr = UInt8(ascii: "\r"), minus = UInt8(ascii: "-")
        var rowsRead = 0
        while i < n {
            // An empty line (`\n`, `\r\n`) is skipped.
            if base[i] == newline { i += 1; line += 1; continue }
            if base[i] == cr && (i + 1 == n || base[i + 1] == newline) { i += 2; line += 1; continue }
            // The line's fields, each read once: digits are accumulated while looking for the field's end.
            let comparing = order.holds && rowsRead > 0
            var code = 0                 // per column: the field against the previous row's (FactFileOrder)
            var column = 0
            while true {
                let start = i
                var k = i, negative = false
                if k < n && base[k] == minus { negative = true; k += 1 }
                let digitsStart = k
                var value: Int64 = 0
                // Up to 8 digits in one step; more (or near the end of the bytes) one at a time.
                var oneByOne = true
                if k + 8 <= n {
                    let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                    let count = SWAR.leadingDigits(word)
                    if count > 0 { value = Int64(SWAR.digitsValue(word, count)); k += count }
                    oneByOne = count == 8
                }
                if oneByOne {
                    while k < n {
                        let d = base[k] &- 48
                        if d > 9 { break }
                        value = value &* 10 &+ Int64(d)
                        k += 1
                    }
                }
                var end = k
                if end < n && base[end] != delimiter && base[end] != newline {
                    end = SWAR.find(delimiter, newline, base, from: end + 1, to: n)
                }
                let lastField = end >= n || base[end] == newline
                var fieldEnd = end
                if lastField && fieldEnd > start && base[fieldEnd - 1] == cr { fieldEnd -= 1 }
                i = end + 1
                if column < arity {
                    let digits = k - digitsStart, length = fieldEnd - start
                    if !isText[column] && k == fieldEnd && digits > 0 && digits <= 18 {
                        let number = negative ? -value : value
                        tuple[column] = number >= 0 && number <= Int64(Int32.max) ? Int32(truncatingIfNeeded: number) : values.encode(.int(number))
                        if comparing {
                            let previous = previousNumber[column]
                            let cmp = previousIsText[column] || number < previous ? FactFileOrder.less
                                : number > previous ? FactFileOrder.greater : FactFileOrder.equal
                            code |= Int(cmp) << (2 * column)
                        }
                        previousNumber[column] = number
                        previousIsText[column] = false
                    } else if length == lastLength[column] && SWAR.equal(base + start, base + lastStart[column], length, limit: base + n) {
                        // The same bytes as this column's last text field: the same value.
                        tuple[column] = lastValue[column]
                        if comparing && !previousIsText[column] { code |= Int(FactFileOrder.greater) << (2 * column) }
                        previousIsText[column] = true
                    } else {
                        let v: Int32
                        if isText[column] {
                            v = textInterner.value(base + start, length) { text in values.encode(.string(text)) }
                        } else {
                            v = interner.value(base + start, length) { text in
                                guard let d = Double(text) else { return values.encode(.string(text)) }
                                numericText = true   // another spelling could be the same number
                                return values.encode(.double(d))
                            }
                        }
                        tuple[column] = v
                        if comparing {
                            var cmp = FactFileOrder.greater
                            if previousIsText[column] {
                                let previous = lastLength[column]
                                let c = memcmp(base + start, base + lastStart[column], min(length, previous))
                                cmp = c < 0 || (c == 0 && length < previous) ? FactFileOrder.less
                                    : c > 0 || length > previous ? FactFileOrder.greater : FactFileOrder.equal
                            }
                            code |= Int(cmp) << (2 * column)
                        }
                        lastStart[column] = start
                        lastLength[column] = length
                        lastValue[column] = v
                        previousIsText[column] = true
                    }
                }
                column += 1
                if lastField { break }
            }
            if column != arity {
                flush()
                throw CommandLineError("\(path):\(line): expected \(arity) \(delimiter == 9 ? "tab" : "'\(Character(Unicode.Scalar(delimiter)))'")-separated field\(arity == 1 ? "" : "s"), found \(column)")
            }
            if numericText { order.giveUp() }
            if comparing { order.next(code) }
            rowsRead += 1
            batched += 1
            tuple += width
            if batched == batchSize { flush() }
            line += 1
        }
        flush()
        if var recorded = runs {
            recorded.extend(database.stores[relation].rows, to: database.stores[relation].count)
            if recorded.isUseful { database.columnRuns[relation] = recorded }
        }
    }
}

/// Byte searches and digit conversion 8 bytes at a time ("SIMD within a register"):
/// the fact-file parser's inner loops. Every function reads only below its limit.
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `v` that is zero, exactly (no false positives: the
    /// per-byte sums cannot carry into the next byte).
    @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low7) &+ low7) | v) & high
    }

    @inline(__always) static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// How many bytes of `p[0..<n]` equal `byte`.
    static func count(_ byte: UInt8, _ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        let pattern = ones &* UInt64(byte)
        var total = 0, k = 0
        while k + 8 <= n {
            total += zeroBytes(load(p + k) ^ pattern).nonzeroBitCount
            k += 8
        }
        while k < n { if p[k] == byte { total += 1 }; k += 1 }
        return total
    }

    /// The first index in `from..<to` holding `a` or `b`, or `to`.
    @inline(__always) static func find(_ a: UInt8, _ b: UInt8, _ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        let pa = ones &* UInt64(a), pb = ones &* UInt64(b)
        var k = from
        while k + 8 <= to {
            let w = load(p + k)
            let hits = zeroBytes(w ^ pa) | zeroBytes(w ^ pb)
            if hits != 0 { return k + hits.trailingZeroBitCount / 8 }
            k += 8
        }
        while k < to && p[k] != a && p[k] != b { k += 1 }
        return k
    }

    /// How many of the 8 bytes of `word` (first byte lowest) are ASCII digits before the first that is not.
    @inline(__always) static func leadingDigits(_ word: UInt64) -> Int {
        // A byte is a digit when it minus '0' is 0...9. Bytes before the first non-digit borrow nothing.
        let x = word &- 0x3030_3030_3030_3030
        let notDigit = ((((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7676_7676_7676_7676) | x) & high)
        return notDigit == 0 ? 8 : notDigit.trailingZeroBitCount / 8
    }

    /// The number the first `count` bytes of `word` spell (1 ... 8 ASCII digits, first byte lowest):
    /// the digits moved to the top (zeros before them), then pairs, quads and the eight combined.
    @inline(__always) static func digitsValue(_ word: UInt64, _ count: Int) -> UInt64 {
        var x = (word &- 0x3030_3030_3030_3030) << UInt64(8 * (8 - count))
        x = (x &* 2561) >> 8 & 0x00FF_00FF_00FF_00FF            // 10 * 256 + 1
        x = (x &* 6_553_601) >> 16 & 0x0000_FFFF_0000_FFFF     // 100 * 65536 + 1
        return (x &* 42_949_672_960_001) >> 32                 // 10000 * 2^32 + 1
    }

    /// Whether `length` bytes at `a` and `b` are equal; words where 8 bytes can be read below `limit`.
    @inline(__always) static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int,
                                        limit: UnsafePointer<UInt8>) -> Bool {
        if length == 0 { return true }
        if length <= 8 && a + 8 <= limit && b + 8 <= limit {
            return (load(a) ^ load(b)) << UInt64(64 - 8 * length) == 0
        }
        return memcmp(a, b, length) == 0
    }
}

/// Values of texts, keyed by their bytes (which the caller keeps alive and
/// unchanged: the table points into them): an open-addressing table of
/// (hash, start, length, value), so a text seen before costs a hash and a
/// comparison, never a String.
struct ByteInterner: ~Copyable {
    private var hashes: UnsafeMutablePointer<UInt64>
    private var starts: UnsafeMutablePointer<UnsafePointer<UInt8>?>
    private var lengths: UnsafeMutablePointer<Int>
    private var values: UnsafeMutablePointer<Int32>
    private var mask = 1023
    private var count = 0

    init() {
        hashes = .allocate(capacity: mask + 1)
        starts = .allocate(capacity: mask + 1)
        starts.initialize(repeating: nil, count: mask + 1)
        lengths = .allocate(capacity: mask + 1)
        values = .allocate(capacity: mask + 1)
    }

    deinit {
        hashes.deallocate(); starts.deallocate(); lengths.deallocate(); values.deallocate()
    }

    /// FNV-1a over 8-byte words, then the tail's bytes; mixed.
    @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(length)
        var k = 0
        let raw = UnsafeRawPointer(p)
        while k + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: k, as: UInt64.self)) &* 0x100_0000_01B3
            k += 8
        }
        while k < length { h = (h ^ UInt64(p[k])) &* 0x100_0000_01B3; k += 1 }
        return TupleStore.mix(h)
    }

    /// The value of the text at `p` (`length` bytes), made by `make` the first time.
    @inline(__always)
    mutating func value(_ p: UnsafePointer<UInt8>, _ length: Int, make: (String) -> Int32) -> Int32 {
        precondition(length >= 0, "negative text length")
        let h = ByteInterner.hash(p, length)
        var s = Int(truncatingIfNeeded: h) & mask
        while let q = starts[s] {
            if hashes[s] == h && lengths[s] == length && memcmp(q, p, length) == 0 { return values[s] }
            s = (s + 1) & mask
        }
        let v = make(String(decoding: UnsafeBufferPointer(start: p, count: length), as: UTF8.self))
        hashes[s] = h; starts[s] = p; lengths[s] = length; values[s] = v
        count += 1
        if count * 2 > mask + 1 { grow() }
        return v
    }

    private mutating func grow() {
        let oldHashes = hashes, oldStarts = starts, oldLengths = lengths, oldValues = values, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        hashes = .allocate(capacity: capacity)
        starts = .allocate(capacity: capacity)
        starts.initialize(repeating: nil, count: capacity)
        lengths = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
        mask = capacity - 1
        for i in 0..<oldCapacity {
            guard let q = oldStarts[i] else { continue }
            var s = Int(truncatingIfNeeded: oldHashes[i]) & mask
            while starts[s] != nil { s = (s + 1) & mask }
            hashes[s] = oldHashes[i]; starts[s] = q; lengths[s] = oldLengths[i]; values[s] = oldValues[i]
        }
        oldHashes.deallocate(); oldStarts.deallocate(); oldLengths.deallocate(); oldValues.deallocate()
    }
}
