import Foundation
import KGCore

/// Prints query answers as an aligned table (East Asian wide characters count
/// as two columns), CSV, TSV or JSON.
public struct AnswerFormatter {
    public enum Format: String, CaseIterable, Sendable { case table, csv, tsv, json }

    public var format: Format
    /// ANSI colour for table headers and notes (only when asked).
    public var colour: Bool

    /// Asked every 4,096 rows while formatting (the session's time limit or a
    /// cancel): when it answers true the output ends there, marked TRUNCATED.
    public var shouldStop: (() -> Bool)?

    public init(format: Format = .table, colour: Bool = false) {
        self.format = format
        self.colour = colour
    }

    /// Whether to stop before row `i` (asked every 4,096 rows).
    @inline(__always) private func stopAt(_ i: Int) -> Bool {
        i & 0xFFF == 0xFFF && shouldStop?() == true
    }

    /// The note for output cut short after `shown` of `total` rows.
    private static func cutNote(_ shown: Int, _ total: Int) -> String {
        "output stopped after \(shown) of \(total) answers (the time limit or a cancel)"
    }

    public func format(_ result: QueryResult) -> String {
        if result.countOnly && format != .json {
            let name = result.query.replacingOccurrences(of: ".printsize ", with: "")
            return "\(name)\t\(result.count)\n"
        }
        switch format {
        case .table: return table(result)
        case .csv: return delimited(result, separator: ",", quote: csvField)
        case .tsv: return delimited(result, separator: "\t", quote: tsvField)
        case .json: return json(result)
        }
    }

    static func text(_ c: Constant) -> String { c.description }

    private func table(_ r: QueryResult) -> String {
        var cells: [[String]] = []
        cells.reserveCapacity(r.rows.count)
        for (i, row) in r.rows.enumerated() {
            if stopAt(i) { break }
            cells.append(row.map(AnswerFormatter.text))
        }
        var widths = r.columns.map { DisplayWidth.of($0) }
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - DisplayWidth.of(s))) }
        func line(_ items: [String]) -> String {
            "| " + items.enumerated().map { pad($0.element, widths[$0.offset]) }.joined(separator: " | ") + " |\n"
        }
        var out = ""
        if !r.columns.isEmpty {
            let header = line(r.columns)
            out += colour ? "\u{1B}[1m" + header.dropLast() + "\u{1B}[0m\n" : header
            out += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
            for row in cells { out += line(row) }
        } else {
            out += r.rows.isEmpty ? "false\n" : "true\n"
        }
        let n = r.rows.count
        let shown = cells.count < n ? "\(cells.count) of " : ""
        var note = "\(shown)\(n) answer\(n == 1 ? "" : "s")" + String(format: " (%.3f s)", r.seconds)
        if cells.count < n { note += "; TRUNCATED: " + AnswerFormatter.cutNote(cells.count, n) }
        if r.truncated { note += (cells.count < n ? "; " : "; TRUNCATED: ") + (r.truncationReason ?? "incomplete") }
        out += colour ? "\u{1B}[2m" + note + "\u{1B}[0m\n" : note + "\n"
        return out
    }

    private func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    private func tsvField(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    private func delimited(_ r: QueryResult, separator: String, quote: (String) -> String) -> String {
        var out = r.columns.map(quote).joined(separator: separator) + "\n"
        for (i, row) in r.rows.enumerated() {
            // CSV and TSV have no place for a note: the command line reports a cut on standard error.
            if stopAt(i) { break }
            out += row.map { quote(AnswerFormatter.text($0)) }.joined(separator: separator) + "\n"
        }
        return out
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    private func jsonValue(_ c: Constant) -> String {
        switch c {
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? String(d) : "null"
        case .string(let s): return AnswerFormatter.jsonString(s)
        }
    }

    private func json(_ r: QueryResult) -> String {
        var out = "{\"query\": \(AnswerFormatter.jsonString(r.query)), \"columns\": ["
        out += r.columns.map(AnswerFormatter.jsonString).joined(separator: ", ") + "], \"rows\": ["
        var shown = 0
        for (i, row) in r.rows.enumerated() {
            if stopAt(i) { break }
            out += (i == 0 ? "[" : ", [") + row.map(jsonValue).joined(separator: ", ") + "]"
            shown += 1
        }
        let cut = shown < r.rows.count
        out += "], \"count\": \(shown), \"truncated\": \(r.truncated || cut)"
        let reasons = (cut ? [AnswerFormatter.cutNote(shown, r.rows.count)] : []) + (r.truncationReason.map { [$0] } ?? [])
        if !reasons.isEmpty { out += ", \"truncation_reason\": \(AnswerFormatter.jsonString(reasons.joined(separator: "; ")))" }
        out += String(format: ", \"seconds\": %.6f}\n", r.seconds)
        return out
    }
}
