import XCTest
@testable import KGExtract

final class KGExtractSmokeTests: XCTestCase {
    func test_moduleLinks() { XCTAssertTrue(true) }
}
