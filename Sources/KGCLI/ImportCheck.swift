import Foundation
import KGCore

/// What `kg import` refuses in one extraction line, checked field by field
/// before anything is committed, with the rules `kg assert` applies to the
/// same fields. Each problem is one sentence naming the field; a line with any
/// problem is skipped whole (its relations may need its entities).
enum ImportCheck {
    /// `kg assert`'s rule for a predicate: one word of letters, digits and `_`
    /// (no spaces, newlines or markup), not empty.
    static func isPredicate(_ p: String) -> Bool {
        !p.isEmpty && p.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// A name, alias, document, rule or metric: not blank, no control characters (newlines, tabs, NUL).
    static func isLabel(_ s: String) -> Bool {
        !s.trimmingCharacters(in: .whitespaces).isEmpty
            && !s.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// The largest evidence offset the store holds (its span columns are `Int32`, LOG-13).
    static let maxOffset = Int(Int32.max)

    static func problems(in x: Extraction) -> [String] {
        var out: [String] = []
        if !isLabel(x.document) { out.append("document \(quoted(x.document)) is blank or holds control characters") }
        var ids = Set<String>()
        for e in x.entities {
            if !ids.insert(e.id).inserted { out.append("entity id \(quoted(e.id)) appears twice") }
            if !isLabel(e.name) { out.append("entity \(quoted(e.id)): name \(quoted(e.name)) is blank or holds control characters") }
            for a in e.aliases where !isLabel(a) {
                out.append("entity \(quoted(e.id)): alias \(quoted(a)) is blank or holds control characters")
            }
            for v in [e.value, e.upperValue].compactMap({ $0 }) where !v.isFinite {
                out.append("entity \(quoted(e.id)): figure value \(v) is not a finite number")
            }
        }
        for (i, r) in x.relations.enumerated() {
            let at = "relation \(i + 1)"
            if !ids.contains(r.subject) { out.append("\(at): subject \(quoted(r.subject)) is no entity of this line") }
            if !ids.contains(r.object) { out.append("\(at): object \(quoted(r.object)) is no entity of this line") }
            if !isPredicate(r.predicate) {
                out.append("\(at): predicate \(quoted(r.predicate)) should be one word of letters, digits and _ (like ceo_of)")
            }
            let start = r.start ?? 0, end = r.end ?? 0
            if start < 0 || end < 0 || start > end || end > maxOffset {
                out.append("\(at): span \(start)…\(end) should be 0 ≤ start ≤ end ≤ \(maxOffset)")
            }
            if let c = r.confidence, !(c >= 0 && c <= 1) { out.append("\(at): confidence \(c) should be between 0 and 1") }
            if let rule = r.rule, !isLabel(rule) { out.append("\(at): rule \(quoted(rule)) is blank or holds control characters") }
            if let m = r.metric, !isLabel(m) { out.append("\(at): metric \(quoted(m)) is blank or holds control characters") }
        }
        return out
    }

    /// A value as it appears in the message: escaped, so a newline shows as \n.
    static func quoted(_ s: String) -> String {
        let escaped = s.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined()
        return "'\(escaped.count > 60 ? String(escaped.prefix(60)) + "…" : escaped)'"
    }
}
