import XCTest
import KGCore
@testable import KGExtract

final class AliasResolverTests: XCTestCase {
    func test_surnameAlone_joinsTheFullName() {
        let x = TestSupport.extractor.extract(text: "作家维克多·萨拉扎尔来了。萨拉扎尔说，Nathan Cole 也来了。Cole 点头。", document: "t")
        let persons = x.entities.filter { $0.type == .person }
        XCTAssertEqual(persons.count, 2, "\(persons.map(\.name))")
        XCTAssertTrue(x.entity("维克多·萨拉扎尔")?.aliases.contains("萨拉扎尔") == true)
        XCTAssertTrue(x.entity("Nathan Cole")?.aliases.contains("Cole") == true)
    }

    func test_parenthesisedTranslation_tiesBothNames() {
        let x = TestSupport.extractor.extract(text: "首席执行官维克多·萨拉扎尔(Victor Salazar)表示。", document: "t")
        let persons = x.entities.filter { $0.type == .person }
        XCTAssertEqual(persons.count, 1, "\(persons)")
        XCTAssertEqual(persons.first?.name, "Victor Salazar")
        XCTAssertTrue(persons.first?.aliases.contains("维克多·萨拉扎尔") == true)
    }

    func test_companyNamesInBothLanguages_areOneEntity() {
        let x = TestSupport.extractor.extract(text: "英伟达(NVIDIA)与 Nvidia 和輝達", document: "t")
        XCTAssertEqual(x.entities.filter { $0.type == .company }.count, 1)
    }

    func test_modelVariants_areOneEntityWithEveryForm() {
        let x = TestSupport.extractor.extract(text: "Claude 3.5 Sonnet 很强。Sonnet 3.5 更便宜，3.5 Sonnet 也快。", document: "t")
        let models = x.entities.filter { $0.type == .model }
        XCTAssertEqual(models.count, 1)
        XCTAssertEqual(Set(models[0].aliases), ["Claude 3.5 Sonnet", "Sonnet 3.5", "3.5 Sonnet"])
    }

    func test_ambiguousSurname_isNotAttached() {
        let x = TestSupport.extractor.extract(text: "Nathan Cole 和 Emma Cole 都在。Cole 说。", document: "t")
        XCTAssertFalse(x.entities.contains { $0.aliases.contains("Cole") })
    }
}
