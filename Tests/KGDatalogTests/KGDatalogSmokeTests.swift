import XCTest
@testable import KGDatalog

final class KGDatalogSmokeTests: XCTestCase {
    func test_moduleLinks() { XCTAssertTrue(true) }
}
