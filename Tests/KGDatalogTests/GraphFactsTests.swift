import Foundation
import KGCore
import KGStore
@testable import KGDatalog
import XCTest

final class GraphFactsTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgdl-graph-\(UUID().uuidString)")
        let store = try GraphStore.open(directory, mode: .write)
        try store.commit(TransactionDraft(source: .document("a.md"), operations: [
            .assertEntity(Entity(id: 1, type: .company, name: "Microsoft", aliases: ["微软"])),
            .assertEntity(Entity(id: 2, type: .company, name: "OpenAI")),
            .assertEntity(Entity(id: 3, type: .model, name: "GPT-4o")),
            .assertEntity(Entity(id: 4, type: .person, name: "Sam Altman", aliases: ["奥特曼"])),
            .assertEntity(Entity(id: 5, type: .figure, name: "100 亿美元",
                                 figure: FigurePayload(value: 1e10, unit: "USD", surface: "100 亿美元"))),
            .assertTriple(Triple(subject: 1, predicate: "invested_in", object: .entity(2)),
                          Provenance(document: "a.md", sentence: "微软投资了OpenAI。", rule: "r")),
            .assertTriple(Triple(subject: 2, predicate: "developed", object: .entity(3)),
                          Provenance(document: "a.md", sentence: "OpenAI发布了GPT-4o。", rule: "r")),
            .assertTriple(Triple(subject: 4, predicate: "ceo_of", object: .entity(2)),
                          Provenance(document: "a.md", sentence: "Sam Altman is the CEO of OpenAI.", rule: "r")),
        ]))
        try store.commit(TransactionDraft(source: .user, operations: [
            .assertTriple(Triple(subject: 1, predicate: "has_figure", object: .entity(5)), Provenance(document: "b.md", rule: "r")),
        ]))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func session(asOf tx: Int? = nil) throws -> DatalogSession {
        let store = try GraphStore.open(directory, mode: .read)
        return DatalogSession(factSource: GraphFacts(view: tx.map { try! store.view(asOf: $0) } ?? store.current))
    }

    func test_graph_predicatesAsBinaryRelations_andAliasConstants() throws {
        let s = try session()
        XCTAssertEqual(answers("?- invested_in(\"微软\", X).", session: s), ["OpenAI"])
        XCTAssertEqual(answers("?- ceo_of(\"奥特曼\", C).", session: s), ["OpenAI"])
        let rules = "funds_model(I, M) :- invested_in(I, C), developed(C, M).\n?- funds_model(\"微软\", M)."
        XCTAssertEqual(answers(rules, session: s), ["GPT-4o"])
    }

    func test_graph_entityTypeAliasTripleAndFigureRelations() throws {
        let s = try session()
        XCTAssertEqual(answers("?- company(C).", session: s), ["Microsoft", "OpenAI"])
        XCTAssertEqual(answers("?- entity(E, person, N).", session: s), ["Sam Altman,Sam Altman"])
        XCTAssertEqual(answers("?- alias(E, A).", session: s), ["Microsoft,微软", "Sam Altman,奥特曼"])
        XCTAssertEqual(answers("?- triple(S, developed, O).", session: s), ["OpenAI,GPT-4o"])
        XCTAssertEqual(answers("?- has_figure(C, F), figure_value(F, V, U).", session: s), ["Microsoft,100 亿美元,10000000000,USD"])
        XCTAssertEqual(answers("?- evidence(S, ceo_of, O, D, T).", session: s),
                       ["Sam Altman,OpenAI,a.md,Sam Altman is the CEO of OpenAI."])
    }

    func test_graph_asOfEarlierTransaction_hidesLaterTriples() throws {
        XCTAssertEqual(answers("?- has_figure(C, F).", session: try session(asOf: 1)), [])
        XCTAssertEqual(answers("?- has_figure(C, F).", session: try session(asOf: 2)), ["Microsoft,100 亿美元"])
    }

    func test_graph_explanationCarriesEvidence() throws {
        let s = try session()
        _ = try s.run(source: "funds_model(I, M) :- invested_in(I, C), developed(C, M).\n?- funds_model(I, M).", file: "t.dl")
        let d = try XCTUnwrap(s.explain(predicate: "funds_model", tuple: [.string("Microsoft"), .string("GPT-4o")]))
        XCTAssertEqual(d.premises.map(\.fact), ["invested_in(\"Microsoft\", \"OpenAI\")", "developed(\"OpenAI\", \"GPT-4o\")"])
        XCTAssertEqual(d.premises[0].evidence, ["evidence: a.md: 微软投资了OpenAI。"])
    }
}
