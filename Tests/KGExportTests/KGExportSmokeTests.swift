import XCTest
@testable import KGExport

final class KGExportSmokeTests: XCTestCase {
    func test_moduleLinks() { XCTAssertTrue(true) }
}
