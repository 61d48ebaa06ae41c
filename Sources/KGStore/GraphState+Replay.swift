import Foundation
import KGCore
#if canImport(Glibc)
import Glibc
#endif

extension GraphState {
    /// Decodes one transaction payload and applies it as it goes. The common
    /// operation, assert triple, is applied straight from the payload's bytes
    /// (strings interned from bytes, no Operation or String built); the rest go
    /// through `TransactionCodec`. Same effect as `apply(TransactionCodec.decode(…))`.
    mutating func replay(_ r: inout ByteReader) throws -> TransactionSummary {
        let id = try r.uint()
        let time = TransactionCodec.date(micros: try r.sint())
        let source = try TransactionCodec.decodeSource(&r)
        let n = try r.uint()
        var counts = [Int](repeating: 0, count: OperationKind.allCases.count + 1)
        var recent = RecentValues<UnsafeRawBufferPointer>()
        var check = TransactionCheck(self)
        for _ in 0..<n {
            guard r.offset < r.end else { throw DecodeError(message: "payload ends early") }
            if r.base[r.offset] == OperationKind.assertTriple.rawValue {
                r.offset += 1
                try replayAssertTriple(&r, &recent, &check)
                counts[Int(OperationKind.assertTriple.rawValue)] += 1
            } else {
                let op = try TransactionCodec.decodeOperation(&r)
                try check.check(op, mergedInto: mergedInto)
                apply(op)
                counts[Int(op.kind.rawValue)] += 1
            }
        }
        guard r.atEnd else { throw DecodeError(message: "bytes after the last operation") }
        tx = id
        return TransactionSummary(id: id, time: time, source: source, counts: counts)
    }

    @inline(__always)
    private static func same(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
    }

    @inline(__always)
    private static func intern(_ b: UnsafeRawBufferPointer, _ table: inout StringTable,
                               _ cache: inout (UnsafeRawBufferPointer, Int32)?) -> Int32 {
        if let (last, id) = cache, same(last, b) { return id }
        let id = table.intern(b)
        cache = (b, id)
        return id
    }

    private mutating func replayAssertTriple(_ r: inout ByteReader, _ recent: inout RecentValues<UnsafeRawBufferPointer>,
                                             _ check: inout TransactionCheck) throws {
        let subject = try r.uint()
        let predicate = try r.stringBytes()
        let object = try TransactionCodec.decodeObject(&r)
        let document = try r.stringBytes()
        let start = try r.uint(), end = try r.uint()
        let sentence = try r.stringBytes(), rule = try r.stringBytes()
        let confidence = try r.double()
        let metric: UnsafeRawBufferPointer? = try r.u8() == 1 ? try r.stringBytes() : nil
        // The checks commit made (COMMIT-3), then the interning order of assertTriple(_:_:recent:),
        // so both paths build identical tables.
        try check.known(subject)
        if case .entity(let o) = object { try check.known(o) }
        try check.span(start, end, document: String(decoding: document, as: UTF8.self))
        let pr = GraphState.intern(predicate, &predicateNames, &recent.predicate)
        let o = objectCode(object)
        let m = metric.map { strings.intern($0) } ?? -1
        let doc = GraphState.intern(document, &strings, &recent.document)
        let ru = GraphState.intern(rule, &strings, &recent.rule)
        assertTriple(subject: subject, predicate: pr, object: o, document: doc,
                     start: Int32(start), end: Int32(end), sentence: sentence,
                     recentSentence: &recent.sentence, rule: ru, confidence: confidence, metric: m)
    }
}
