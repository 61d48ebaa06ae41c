import XCTest
@testable import KGStore

final class KGStoreSmokeTests: XCTestCase {
    func test_moduleLinks() { XCTAssertTrue(true) }
}
