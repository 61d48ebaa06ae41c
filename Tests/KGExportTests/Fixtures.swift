import KGCore
@testable import KGExport

/// A small graph whose names try to break every format: quotes, backslashes,
/// newlines, tabs, commas, DOT escape letters, CJK, emoji, pinyin annotations.
enum Fixtures {
    static let nastyNames = [
        "Dario \"Dar\" Amodei", "C:\\path\\N\\G\\l", "line one\nline two", "tab\there, and comma",
        "英伟达", "責(zé)編", "🤖 bot}", "<script>&amp;", "{rank=same} -> x;", "\\", "\"",
    ]

    static var nasty: ExportGraph {
        var entities: [Entity] = []
        var relations: [ExportRelation] = []
        let types: [EntityType] = [.person, .company, .model]
        for (i, name) in nastyNames.enumerated() {
            entities.append(Entity(id: i + 1, type: types[i % 3], name: name, aliases: [name + " alias", "别名\(i)"]))
        }
        let figure = Entity(id: 100, type: .figure, name: "70亿美元", aliases: ["70 亿美元"],
                            figure: FigurePayload(value: 7e9, unit: "USD", surface: "70 亿美元"))
        entities.append(figure)
        for i in 1..<nastyNames.count {
            relations.append(ExportRelation(
                triple: Triple(subject: i, predicate: i % 2 == 0 ? "competitor_of" : "works_at", object: .entity(i + 1)),
                evidence: [Provenance(document: "doc \"\(i)\".txt", start: i, end: i + 5,
                                      sentence: "据说, \"\(nastyNames[i])\"\r\n之后", rule: "pattern", confidence: 0.75)]))
        }
        relations.append(ExportRelation(triple: Triple(subject: 2, predicate: "has_figure", object: .entity(100)),
                                        evidence: [Provenance(document: "a.txt", rule: "figure", metric: "funding")]))
        relations.append(ExportRelation(triple: Triple(subject: 1, predicate: "note", object: .string("say \"hi\"\\\n\t,"))))
        relations.append(ExportRelation(triple: Triple(subject: 1, predicate: "rank", object: .number(3))))
        relations.append(ExportRelation(triple: Triple(subject: 1, predicate: "score", object: .number(0.25))))
        relations.append(ExportRelation(triple: Triple(subject: 3, predicate: "has label/with spaces", object: .string("x"))))
        return ExportGraph(entities: entities, relations: relations)
    }
}
