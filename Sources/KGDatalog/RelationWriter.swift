import Foundation

/// `.output r` to a file: the relation's rows written straight from its store, in the
/// value order (as a query's answers are sorted), without a row of `Constant`s or a
/// String per cell.
///
/// The distinct values are found once (`GroupTable`), sorted with the value order and
/// spelled once each; every cell becomes its value's rank, the rows are sorted by their
/// ranks (one 64-bit key per row for arity 1 and 2, whose ranks spell the row), and the
/// text is the spellings copied into a buffer written 1 MB at a time.
///
/// Cost: O(cells) lookups and copies plus O(rows log rows) comparisons of integers; memory
/// 8 bytes a row (keys or row numbers) plus 4 a cell for ranks (arity > 2), and the spellings.
enum RelationWriter {
    static func write(_ database: Database, _ values: ValueTable, relation r: Int, header: String?,
                      delimiter: String, to url: URL) throws {
        let arity = database.arity(r), n = database.count(r)
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw CommandLineError("cannot create \(url.path)")
        }
        defer { try? handle.close() }
        func flush(_ force: Bool) throws {
            if out.count >= 1 << 20 || (force && !out.isEmpty) {
                try handle.write(contentsOf: out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if let header { out += Array((header + "\n").utf8) }
        if arity == 0 {
            // A true nullary relation is written `()`, as Soufflé writes it.
            if n > 0 { out += Array("()\n".utf8) }
            return try flush(true)
        }
        let rows = UnsafePointer((database.stores + r).pointee.rows)
        let cells = n * arity
        // Distinct values, numbered in order of first appearance; then ranked in the value order.
        var table = GroupTable(expected: 1024)
        var distinct: [Int32] = []
        var groupOfCell = [Int32](repeating: 0, count: arity > 2 ? cells : 0)
        for k in 0..<cells {
            let (g, isNew) = table.group(UInt64(UInt32(bitPattern: rows[k])))
            if isNew { distinct.append(rows[k]) }
            if arity > 2 { groupOfCell[k] = Int32(truncatingIfNeeded: g) }
        }
        let order = distinct.indices.sorted { values.less(distinct[$0], distinct[$1]) }
        var rankOfGroup = [Int32](repeating: 0, count: distinct.count)
        for (rank, g) in order.enumerated() { rankOfGroup[g] = Int32(rank) }
        let spelling = order.map { Array(values.decode(distinct[$0]).description.utf8) }
        let separator = Array(delimiter.utf8)
        func emit(_ rank: Int32, last: Bool) {
            out += spelling[Int(rank)]
            if last { out.append(UInt8(ascii: "\n")) } else { out += separator }
        }
        if arity <= 2 {
            // The ranks of a row, packed, are its sort key and spell it.
            var keys = [UInt64](repeating: 0, count: n)
            for i in 0..<n {
                let a = UInt64(rankOfGroup[table.group(UInt64(UInt32(bitPattern: rows[i * arity]))).group])
                let b = arity == 2 ? UInt64(rankOfGroup[table.group(UInt64(UInt32(bitPattern: rows[i * arity + 1]))).group]) : 0
                keys[i] = a << 32 | b
            }
            keys.sort()
            for key in keys {
                if arity == 1 { emit(Int32(truncatingIfNeeded: key >> 32), last: true) } else {
                    emit(Int32(truncatingIfNeeded: key >> 32), last: false)
                    emit(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF), last: true)
                }
                try flush(false)
            }
            return try flush(true)
        }
        for k in 0..<cells { groupOfCell[k] = rankOfGroup[Int(groupOfCell[k])] }
        let ranks = groupOfCell
        var rowOrder = Array(0..<n)
        ranks.withUnsafeBufferPointer { rk in
            rowOrder.sort { x, y in
                let a = rk.baseAddress! + x * arity, b = rk.baseAddress! + y * arity
                for c in 0..<arity where a[c] != b[c] { return a[c] < b[c] }
                return false
            }
        }
        for i in rowOrder {
            for c in 0..<arity { emit(ranks[i * arity + c], last: c == arity - 1) }
            try flush(false)
        }
        try flush(true)
    }
}
