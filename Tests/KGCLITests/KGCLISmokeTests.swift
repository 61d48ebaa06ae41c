import XCTest
@testable import KGCLI

final class KGCLISmokeTests: XCTestCase {
    func test_moduleLinks() { XCTAssertTrue(true) }
}
