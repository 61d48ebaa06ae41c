import Foundation

/// A strict N-Triples (RDF 1.1) reader for the tests: it accepts exactly the
/// grammar's IRIREF, STRING_LITERAL_QUOTE with ECHAR/UCHAR, `^^` datatypes and
/// language tags, and fails on anything else, so an escaping slip in the writer
/// cannot pass unnoticed.
struct NTriplesParser {
    enum Term: Equatable, Hashable {
        case iri(String)
        case blank(String)
        case literal(String, datatype: String?, language: String?)
    }

    struct Statement: Equatable, Hashable {
        var subject: Term
        var predicate: Term
        var object: Term
    }

    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String
        var description: String { "\(line):\(column): \(message)" }
    }

    private var scalars: [Unicode.Scalar] = []
    private var i = 0
    private var line = 1

    static func parse(_ text: String) throws -> [Statement] {
        var parser = NTriplesParser()
        var out: [Statement] = []
        for (n, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            parser.scalars = Array(lineText.unicodeScalars)
            parser.i = 0
            parser.line = n + 1
            parser.skipSpace()
            if parser.atEnd || parser.peek == "#" { continue }
            let s = try parser.subject()
            parser.skipSpace()
            let p = try parser.iri()
            parser.skipSpace()
            let o = try parser.object()
            parser.skipSpace()
            try parser.expect(".")
            parser.skipSpace()
            if !parser.atEnd && parser.peek != "#" { throw parser.fail("text after '.'") }
            out.append(Statement(subject: s, predicate: p, object: o))
        }
        return out
    }

    var atEnd: Bool { i >= scalars.count }
    var peek: Unicode.Scalar { scalars[i] }

    func fail(_ message: String) -> Failure { Failure(line: line, column: i + 1, message: message) }

    mutating func skipSpace() { while !atEnd && (peek == " " || peek == "\t") { i += 1 } }

    mutating func expect(_ c: Unicode.Scalar) throws {
        guard !atEnd, peek == c else { throw fail("expected '\(c)'") }
        i += 1
    }

    mutating func subject() throws -> Term {
        if !atEnd && peek == "_" { return try blank() }
        return try iri()
    }

    mutating func object() throws -> Term {
        guard !atEnd else { throw fail("expected an object") }
        if peek == "<" { return try iri() }
        if peek == "_" { return try blank() }
        if peek == "\"" { return try literal() }
        throw fail("expected an object")
    }

    mutating func blank() throws -> Term {
        try expect("_"); try expect(":")
        var label = ""
        while !atEnd, peek.properties.isAlphabetic || ("0"..."9").contains(peek) || peek == "_" || peek == "-" {
            label.unicodeScalars.append(peek); i += 1
        }
        guard !label.isEmpty else { throw fail("empty blank node label") }
        return .blank(label)
    }

    /// IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>', and absolute (a scheme).
    mutating func iri() throws -> Term {
        try expect("<")
        var value = ""
        while true {
            guard !atEnd else { throw fail("unterminated IRI") }
            let c = peek
            if c == ">" { i += 1; break }
            if c.value <= 0x20 || "<\"{}|^`".unicodeScalars.contains(c) { throw fail("character U+\(String(c.value, radix: 16)) not allowed in an IRI") }
            if c == "\\" {
                i += 1
                value.unicodeScalars.append(try uchar())
                continue
            }
            value.unicodeScalars.append(c); i += 1
        }
        guard let colon = value.firstIndex(of: ":"), value[..<colon].first?.isLetter == true else { throw fail("relative IRI '\(value)'") }
        return .iri(value)
    }

    mutating func uchar() throws -> Unicode.Scalar {
        guard !atEnd else { throw fail("bad escape") }
        let width: Int
        switch peek {
        case "u": width = 4
        case "U": width = 8
        default: throw fail("bad escape '\\\(peek)'")
        }
        i += 1
        guard i + width <= scalars.count else { throw fail("short \\u escape") }
        let hex = String(String.UnicodeScalarView(scalars[i..<i + width]))
        guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { throw fail("bad hex in escape") }
        i += width
        return s
    }

    /// STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD] | ECHAR | UCHAR)* '"'
    mutating func literal() throws -> Term {
        try expect("\"")
        var value = ""
        while true {
            guard !atEnd else { throw fail("unterminated string") }
            let c = peek
            if c == "\"" { i += 1; break }
            if c == "\n" || c == "\r" { throw fail("raw line break in a string") }
            if c == "\\" {
                i += 1
                guard !atEnd else { throw fail("bad escape") }
                let e = peek
                let table: [Unicode.Scalar: Unicode.Scalar] = ["t": "\t", "b": "\u{08}", "n": "\n", "r": "\r", "f": "\u{0C}", "\"": "\"", "'": "'", "\\": "\\"]
                if let plain = table[e] { value.unicodeScalars.append(plain); i += 1 } else { value.unicodeScalars.append(try uchar()) }
                continue
            }
            value.unicodeScalars.append(c); i += 1
        }
        if !atEnd && peek == "^" {
            try expect("^"); try expect("^")
            guard case .iri(let datatype) = try iri() else { throw fail("datatype") }
            return .literal(value, datatype: datatype, language: nil)
        }
        if !atEnd && peek == "@" {
            i += 1
            var tag = ""
            while !atEnd, peek.properties.isAlphabetic || peek == "-" || ("0"..."9").contains(peek) { tag.unicodeScalars.append(peek); i += 1 }
            guard !tag.isEmpty else { throw fail("empty language tag") }
            return .literal(value, datatype: nil, language: tag)
        }
        return .literal(value, datatype: nil, language: nil)
    }
}
