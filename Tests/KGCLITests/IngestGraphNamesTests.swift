import Foundation
import KGCore
import KGExtract
import KGStore
@testable import KGCLI
import XCTest

/// The graph's names as the lexicon of the next `kg ingest` (issue 9 item 2), and
/// the filter that adds only the entities whose forms can occur in a small run's
/// documents (`IngestLexicon`, `GraphNameFilter`, issue 14): the extraction must
/// be the one the lexicon of every graph entity gives. Names are invented.
final class IngestGraphNamesTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try GraphFixture.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let docs = dir.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let url = docs.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// A startup found in one document is recognised by its stem in the next one and
    /// merged into the same entity, in a graph with many other names.
    func test_startupFoundEarlier_isRecognisedByItsStem_andMerged() throws {
        let graph = dir.appendingPathComponent("g")
        // Other entities first: the filter must find the startup among them.
        do {
            let store = try GraphStore.open(graph, mode: .write)
            var ops: [KGStore.Operation] = []
            for k in 1...300 {
                ops.append(.assertEntity(Entity(id: k, type: k % 2 == 0 ? .company : .person,
                                                name: k % 2 == 0 ? "Filler Works \(k)" : "填充人物\(k)")))
            }
            _ = try store.commit(TransactionDraft(source: .user, operations: ops))
        }
        let first = try write("a.txt", "消息称，岚屿智能创始人沈清禾宣布公司完成新一轮融资。")
        var r = try runKG(["ingest", "--graph", graph.path, first])
        XCTAssertEqual(r.status, 0, r.err)
        var view = try GraphStore.open(graph, mode: .read).current
        let startup = try XCTUnwrap(view.resolve(name: "岚屿智能").first, "the first document names the startup")
        let entitiesBefore = view.entityCount

        let second = try write("b.txt", "岚屿今年推出了第二款产品，沈清禾也出席了发布会。")
        r = try runKG(["ingest", "--graph", graph.path, second])
        XCTAssertEqual(r.status, 0, r.err)
        view = try GraphStore.open(graph, mode: .read).current
        XCTAssertEqual(view.resolve(name: "岚屿"), [startup], "the stem reads as the startup found earlier")
        XCTAssertEqual(view.resolve(name: "沈清禾").count, 1)
        XCTAssertEqual(view.entityCount, entitiesBefore, "nothing new: both names were known")
    }

    /// Random graphs of entities with shared names, stems, traditional characters and
    /// Latin names: the lexicon built from the filtered entities extracts exactly what
    /// the lexicon of every entity extracts, on documents that mention some of them.
    func test_filteredGraphLexicon_extractsAsTheFullOne() throws {
        let stems = ["岚屿", "星衍", "栖木", "澄川", "鹭洲", "雲帆", "Vexo", "Quorra"]
        let heads = ["智能", "科技", "机器人", "资本", "實驗室", " Labs", ""]
        let people = ["沈清禾", "顧闻舟", "Mara Quint", "陆一鸣", "Ilse Varn"]
        var documents = [
            "岚屿今年推出了新品，沈清禾也到场。星衍资本领投了本轮融资。",
            "Vexo Labs said Mara Quint will lead the company. 栖木的对手是澄川科技。",
            "顾闻舟表示，雲帆将与鹭洲机器人合作开发新模型。Quorra raised money.",
            "陆一鸣加入了星衍智能，此前他在 Ilse Varn 创办的公司工作。",
        ]
        for seed in UInt64(1)...5 {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("g\(seed)"))
            let store = try GraphStore.open(dir.appendingPathComponent("g\(seed)"), mode: .write)
            var state = seed
            func next(_ n: Int) -> Int {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Int((state >> 33) % UInt64(n))
            }
            var ops: [KGStore.Operation] = []
            for id in 1...120 {
                let isCompany = next(3) != 0
                let name = isCompany ? stems[next(stems.count)] + heads[next(heads.count)] + (next(4) == 0 ? "\(id)" : "")
                                     : people[next(people.count)] + (next(3) == 0 ? "\(id)" : "")
                let aliases = next(4) == 0 ? [stems[next(stems.count)]] : []
                ops.append(.assertEntity(Entity(id: id, type: isCompany ? .company : (next(5) == 0 ? .model : .person),
                                                name: name, aliases: aliases)))
            }
            _ = try store.commit(TransactionDraft(source: .user, operations: ops))
            if next(2) == 0 { _ = try? store.commit(TransactionDraft(source: .user, operations: [.merge(from: 1 + next(60), into: 61 + next(60))])) }
            let view = store.current
            var full = Lexicon.builtin
            full.addGraphNames(view.entities())
            for (k, text) in documents.enumerated() {
                let path = try write("d\(seed)-\(k).txt", text)
                var filtered = Lexicon.builtin
                IngestLexicon.addGraphNames(to: &filtered, view: view, paths: [path])
                XCTAssertLessThan(filtered.entries.count, full.entries.count, "seed \(seed): the filter left entities out")
                XCTAssertEqual(Extractor(lexicon: filtered).extract(text: text, document: "d"),
                               Extractor(lexicon: full).extract(text: text, document: "d"), "seed \(seed): \(text)")
            }
            documents.append(documents.removeFirst())
        }
    }
}

/// "Nearest names" on a big graph scan the names' bytes (`NameSuggestions.nearest`):
/// the same suggestions as scoring every name as a String.
final class NameSuggestionTests: XCTestCase {
    func test_byteScan_suggestsAsStringScoring() throws {
        let dir = try GraphFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try GraphStore.open(dir, mode: .write)
        var ops: [KGStore.Operation] = []
        let stems = ["Lumen", "Kestrel", "lumen", "Vexo", "岚屿", "星衍", "Ma"]
        for id in 1...400 {
            let name = stems[id % stems.count] + (id % 3 == 0 ? " Labs" : "") + " \(id)"
            ops.append(.assertEntity(Entity(id: id, type: .company, name: name, aliases: id % 5 == 0 ? ["LX\(id)"] : [])))
        }
        _ = try store.commit(TransactionDraft(source: .user, operations: ops))
        let view = store.current
        for probe in ["Lumen", "lumen labs 3", "Kestrel 12", "岚屿", "星衍 7", "lx", "Vexo Labs 99", "zzz", "M", "岚屿 12", "kestrel 2x", "Lumén 5", "VEXO 10"] {
            XCTAssertEqual(NameSuggestions.nearest(to: probe, in: view), NameSuggestions.nearestByStrings(to: probe, in: view), probe)
            XCTAssertEqual(NameSuggestions.closest(probe, in: view), StoreCommands.nearestNamesByStrings(probe, in: view), probe)
        }
        XCTAssertFalse(NameSuggestions.closest("lumen 17", in: view).isEmpty, "the edit-distance probe finds names")
    }
}
