import Foundation
import KGCore

extension GraphState {
    /// Decodes one transaction payload and applies it as it goes. The common
    /// operation, assert triple, is applied straight from the payload's bytes
    /// (strings interned from bytes, no Operation or String built); the rest go
    /// through `TransactionCodec`. Same effect as `apply(TransactionCodec.decode(…))`.
    mutating func replay(_ r: inout ByteReader) throws -> TransactionSummary {
        let id = try r.uint()
        let time = TransactionCodec.date(micros: try r.sint())
        let source: TransactionSource
        switch try r.u8() {
        case 0: source = .document(try r.string())
        case 1: source = .user
        case 2: source = .importFile(try r.string())
        case let k: throw DecodeError(message: "unknown source kind \(k)")
        }
        let n = try r.uint()
        var counts = [Int](repeating: 0, count: OperationKind.allCases.count + 1)
        for _ in 0..<n {
            guard r.offset < r.end else { throw DecodeError(message: "payload ends early") }
            if r.base[r.offset] == OperationKind.assertTriple.rawValue {
                r.offset += 1
                try replayAssertTriple(&r)
                counts[Int(OperationKind.assertTriple.rawValue)] += 1
            } else {
                let op = try TransactionCodec.decodeOperation(&r)
                apply(op)
                counts[Int(op.kind.rawValue)] += 1
            }
        }
        guard r.atEnd else { throw DecodeError(message: "bytes after the last operation") }
        tx = id
        return TransactionSummary(id: id, time: time, source: source, counts: counts)
    }

    private mutating func replayAssertTriple(_ r: inout ByteReader) throws {
        let subject = try r.uint()
        let predicate = try r.stringBytes()
        let object: TripleObject
        switch try r.u8() {
        case 0: object = .entity(try r.uint())
        case 1: object = .string(try r.string())
        case 2: object = .number(try r.double())
        case let k: throw DecodeError(message: "unknown object kind \(k)")
        }
        let document = try r.stringBytes()
        let start = try r.uint(), end = try r.uint()
        let sentence = try r.stringBytes(), rule = try r.stringBytes()
        let confidence = try r.double()
        let metric: UnsafeRawBufferPointer? = try r.u8() == 1 ? try r.stringBytes() : nil
        // The same checks and interning order as assertTriple(_:_:), so both paths build identical tables.
        guard isValidID(subject) else { return }
        if case .entity(let o) = object, !isValidID(o) { return }
        let pr = predicateNames.intern(predicate)
        let o = objectCode(object)
        let m = metric.map { strings.intern($0) } ?? -1
        assertTriple(subject: subject, predicate: pr, object: o, document: strings.intern(document),
                     start: Int32(clamping: start), end: Int32(clamping: end), sentence: strings.intern(sentence),
                     rule: strings.intern(rule), confidence: confidence, metric: m)
    }
}
