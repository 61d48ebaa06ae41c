import Foundation
import KGCore

/// Prints query answers as an aligned table (East Asian wide characters count
/// as two columns), one `column = value` line per cell (`line`, for wide rows),
/// CSV, TSV, JSON or JSON Lines.
public struct AnswerFormatter {
    public enum Format: String, CaseIterable, Sendable { case table, line, csv, tsv, json, jsonl }

    public var format: Format
    /// ANSI colour for table headers and notes (only when asked).
    public var colour: Bool
    /// Screen limits (the REPL's): rows shown before "… N more", and the
    /// display width a table or line cell is cut to (with a trailing `…`).
    /// JSON is never cut, so it stays parseable.
    public var maxRows: Int?
    public var maxWidth: Int?
    /// What to type to see the rest, after "… N more".
    public var moreHint = ""
    /// Whether the note after a table shows the time; `cpuSeconds` adds the CPU time.
    public var showTime = true
    public var cpuSeconds: Double?

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
        if result.countOnly && format != .json && format != .jsonl {
            let name = result.query.replacingOccurrences(of: ".printsize ", with: "")
            return "\(name)\t\(result.count)\n"
        }
        switch format {
        case .table: return table(result)
        case .line: return lines(result)
        case .csv: return delimited(result, separator: ",", quote: csvField) + more(result)
        case .tsv: return delimited(result, separator: "\t", quote: tsvField) + more(result)
        case .json, .jsonl: return json(result)
        }
    }

    /// The rows to print: all, or the first `maxRows`.
    private func shown(_ r: QueryResult) -> ArraySlice<[Constant]> { r.rows.prefix(maxRows ?? .max) }

    /// "… N more (HINT)" when rows were left out.
    private func more(_ r: QueryResult) -> String {
        let hidden = r.rows.count - shown(r).count
        guard hidden > 0 else { return "" }
        return "… \(hidden) more" + (moreHint.isEmpty ? "" : " (\(moreHint))") + "\n"
    }

    /// `s` cut to `maxWidth` display columns, the last one a `…`.
    func cut(_ s: String) -> String {
        guard let w = maxWidth, w >= 2, DisplayWidth.of(s) > w else { return s }
        var out = "", width = 0
        for c in s {
            let cw = DisplayWidth.of(String(c))
            if width + cw > w - 1 { break }
            out.append(c)
            width += cw
        }
        return out + "…"
    }

    /// sqlite3's `.mode line`: each answer as `column = value` lines, columns
    /// right-aligned, a blank line between answers.
    private func lines(_ r: QueryResult) -> String {
        let width = r.columns.map { DisplayWidth.of($0) }.max() ?? 0
        var out = ""
        for (i, row) in shown(r).enumerated() {
            if i > 0 { out += "\n" }
            for (column, value) in zip(r.columns, row) {
                out += String(repeating: " ", count: width - DisplayWidth.of(column)) + column + " = " + cut(AnswerFormatter.text(value)) + "\n"
            }
        }
        if r.columns.isEmpty { out += r.rows.isEmpty ? "false\n" : "true\n" }
        if !r.rows.isEmpty { out += "\n" }
        return out + more(r) + note(r)
    }

    /// `stoppedAfter`: the output ended after that many rows (time limit or cancel).
    private func note(_ r: QueryResult, stoppedAfter: Int? = nil) -> String {
        let n = r.rows.count
        var note = (stoppedAfter.map { "\($0) of " } ?? "") + "\(n) answer\(n == 1 ? "" : "s")"
        if showTime {
            note += cpuSeconds.map { String(format: " (wall %.3f s, cpu %.3f s)", r.seconds, $0) } ?? String(format: " (%.3f s)", r.seconds)
        }
        if let k = stoppedAfter { note += "; TRUNCATED: " + AnswerFormatter.cutNote(k, n) }
        if r.truncated { note += (stoppedAfter != nil ? "; " : "; TRUNCATED: ") + (r.truncationReason ?? "incomplete") }
        return colour ? "\u{1B}[2m" + note + "\u{1B}[0m\n" : note + "\n"
    }

    /// Several queries' answers as one document a script can read whole:
    /// `json` one array of result objects (an empty array for none), `jsonl`
    /// one object per line, `csv`/`tsv` each query's header and rows with a
    /// blank line between queries, `table` each table under its query.
    public func document(_ results: [QueryResult]) -> String {
        switch format {
        case .json:
            if results.isEmpty { return "[]\n" }
            return "[\n" + results.map { "  " + json($0).dropLast() }.joined(separator: ",\n") + "\n]\n"
        case .csv, .tsv, .line:
            return results.map(format).joined(separator: "\n")
        case .jsonl:
            return results.map(format).joined()
        case .table:
            return results.map { (results.count > 1 && !$0.countOnly ? $0.query + "\n" : "") + format($0) }.joined()
        }
    }

    static func text(_ c: Constant) -> String { c.description }

    private func table(_ r: QueryResult) -> String {
        var cells: [[String]] = []
        let visible = shown(r)
        cells.reserveCapacity(visible.count)
        for (i, row) in visible.enumerated() {
            if stopAt(i) { break }
            cells.append(row.map { cut(AnswerFormatter.text($0)) })
        }
        let stopped = cells.count < visible.count
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
        return out + (stopped ? "" : more(r)) + note(r, stoppedAfter: stopped ? cells.count : nil)
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
        for (i, row) in shown(r).enumerated() {
            // CSV and TSV have no place for a note: the command line reports a cut on standard error.
            if stopAt(i) { break }
            out += row.map { quote(AnswerFormatter.text($0)) }.joined(separator: separator) + "\n"
        }
        return out
    }

    static func jsonString(_ s: String) -> String { QuotedString.backslashEscaped(s, quote: "\"") }

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
