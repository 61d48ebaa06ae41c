import Foundation
import KGCore

/// Encodes a transaction as a record payload and back (FORMAT.md, "Payload").
enum TransactionCodec {
    /// Microseconds since 1970, the log's clock resolution (LOG-9).
    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    static func date(micros: Int64) -> Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }

    static func encode(_ tx: Transaction) -> [UInt8] {
        var w = ByteWriter(capacity: 64 + tx.operations.count * 48)
        encode(tx, into: &w)
        return w.bytes
    }

    /// Appends the payload to `w`, so a writer can reuse one buffer (and its
    /// already-faulted pages) for every commit instead of growing a fresh array.
    static func encode(_ tx: Transaction, into w: inout ByteWriter) {
        w.uint(tx.id)
        w.sint(micros(tx.time))
        switch tx.source {
        case .document(let p): w.u8(0); w.string(p)
        case .user: w.u8(1)
        case .importFile(let p): w.u8(2); w.string(p)
        case .ingest: w.u8(3)
        }
        w.uint(tx.operations.count)
        for op in tx.operations { encode(op, into: &w) }
    }

    static func encode(_ op: Operation, into w: inout ByteWriter) {
        w.u8(op.kind.rawValue)
        switch op {
        case .assertEntity(let e):
            w.uint(e.id)
            w.u8(typeCode(e.type))
            w.string(e.name)
            w.uint(e.aliases.count)
            for a in e.aliases { w.string(a) }
            if let f = e.figure {
                w.u8(f.upperValue == nil ? 1 : 2)
                w.double(f.value)
                if let u = f.upperValue { w.double(u) }
                w.string(f.unit)
                w.string(f.surface)
            } else {
                w.u8(0)
            }
        case .retractEntity(let id):
            w.uint(id)
        case .assertAlias(let id, let a), .retractAlias(let id, let a):
            w.uint(id)
            w.string(a)
        case .assertTriple(let t, let p):
            encode(t, into: &w)
            w.string(p.document)
            w.uint(p.start)
            w.uint(p.end)
            w.string(p.sentence)
            w.string(p.rule)
            w.double(p.confidence)
            if let m = p.metric { w.u8(1); w.string(m) } else { w.u8(0) }
        case .retractTriple(let t, let doc):
            encode(t, into: &w)
            if let d = doc { w.u8(1); w.string(d) } else { w.u8(0) }
        case .assertDocument(let d):
            w.string(d.path)
            w.string(d.sha256)
            w.uint(d.size)
            w.uint(d.tx)
        case .retractDocument(let path):
            w.string(path)
        case .merge(let from, let into), .unmerge(let from, let into):
            w.uint(from)
            w.uint(into)
        case .moveDocument(let from, let to):
            w.string(from)
            w.string(to)
        }
    }

    static func encode(_ t: Triple, into w: inout ByteWriter) {
        w.uint(t.subject)
        w.string(t.predicate)
        switch t.object {
        case .entity(let id): w.u8(0); w.uint(id)
        case .string(let s): w.u8(1); w.string(s)
        case .number(let d): w.u8(2); w.double(d)
        }
    }

    static let types: [EntityType] = [.person, .company, .model, .figure]
    static func typeCode(_ t: EntityType) -> UInt8 { UInt8(types.firstIndex(of: t)!) }

    /// A transaction's source: kind byte (0 document, 1 user, 2 import, 3 ingest batch) and, for 0 and 2, its path.
    static func decodeSource(_ r: inout ByteReader) throws -> TransactionSource {
        switch try r.u8() {
        case 0: return .document(try r.string())
        case 1: return .user
        case 2: return .importFile(try r.string())
        case 3: return .ingest
        case let k: throw DecodeError(message: "unknown source kind \(k)")
        }
    }

    static func decode(_ r: inout ByteReader) throws -> Transaction {
        let id = try r.uint()
        let time = date(micros: try r.sint())
        let source = try decodeSource(&r)
        let n = try r.uint()
        var ops: [Operation] = []
        // Every operation takes at least two bytes: reserve no more than the payload can hold.
        ops.reserveCapacity(min(n, (r.end - r.offset) / 2))
        for _ in 0..<n { ops.append(try decodeOperation(&r)) }
        guard r.atEnd else { throw DecodeError(message: "bytes after the last operation") }
        return Transaction(id: id, time: time, source: source, operations: ops)
    }

    static func decodeOperation(_ r: inout ByteReader) throws -> Operation {
        let tag = try r.u8()
        guard let kind = OperationKind(rawValue: tag) else { throw DecodeError(message: "unknown operation tag \(tag)") }
        switch kind {
        case .assertEntity:
            let id = try r.uint()
            let code = Int(try r.u8())
            guard code < types.count else { throw DecodeError(message: "unknown entity type \(code)") }
            let name = try r.string()
            let n = try r.uint()
            var aliases: [String] = []
            for _ in 0..<n { aliases.append(try r.string()) }
            var figure: FigurePayload?
            let f = try r.u8()
            if f == 1 || f == 2 {
                let v = try r.double()
                let u: Double? = f == 2 ? try r.double() : nil
                figure = FigurePayload(value: v, upperValue: u, unit: try r.string(), surface: try r.string())
            } else if f != 0 {
                throw DecodeError(message: "bad figure flag \(f)")
            }
            return .assertEntity(Entity(id: id, type: types[code], name: name, aliases: aliases, figure: figure))
        case .retractEntity:
            return .retractEntity(try r.uint())
        case .assertAlias:
            return .assertAlias(try r.uint(), try r.string())
        case .retractAlias:
            return .retractAlias(try r.uint(), try r.string())
        case .assertTriple:
            let t = try decodeTriple(&r)
            let doc = try r.string()
            let start = try r.uint(), end = try r.uint()
            let sentence = try r.string(), rule = try r.string()
            let conf = try r.double()
            let metric: String? = try r.u8() == 1 ? try r.string() : nil
            return .assertTriple(t, Provenance(document: doc, start: start, end: end, sentence: sentence,
                                               rule: rule, confidence: conf, metric: metric))
        case .retractTriple:
            let t = try decodeTriple(&r)
            let doc: String? = try r.u8() == 1 ? try r.string() : nil
            return .retractTriple(t, document: doc)
        case .assertDocument:
            return .assertDocument(DocumentRecord(path: try r.string(), sha256: try r.string(),
                                                  size: try r.uint(), tx: try r.uint()))
        case .retractDocument:
            return .retractDocument(path: try r.string())
        case .merge:
            return .merge(from: try r.uint(), into: try r.uint())
        case .unmerge:
            return .unmerge(from: try r.uint(), into: try r.uint())
        case .moveDocument:
            return .moveDocument(from: try r.string(), to: try r.string())
        }
    }

    static func decodeTriple(_ r: inout ByteReader) throws -> Triple {
        let s = try r.uint()
        let p = try r.string()
        return Triple(subject: s, predicate: p, object: try decodeObject(&r))
    }

    /// A triple's object: kind byte (0 entity, 1 string, 2 number), then the value.
    static func decodeObject(_ r: inout ByteReader) throws -> TripleObject {
        switch try r.u8() {
        case 0: return .entity(try r.uint())
        case 1: return .string(try r.string())
        case 2: return .number(try r.double())
        case let k: throw DecodeError(message: "unknown object kind \(k)")
        }
    }
}
