import XCTest
@testable import KGStore

final class CRC32CTests: XCTestCase {
    // EVIDENCE-OF: LOG-6
    func test_checksum_matchesStandardCheckValue() {
        XCTAssertEqual(CRC32C.checksum(Array("123456789".utf8)), 0xE306_9283)
        XCTAssertEqual(CRC32C.checksum([]), 0)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0, count: 32)), 0x8A91_36AA)
        XCTAssertEqual(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)), 0x62A8_AB43)
    }

    func test_slicedChecksum_equalsBytewise_forEveryLengthAndAlignment() {
        var rng = SeededRandom(seed: 3)
        let data = (0..<200).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        func bytewise(_ bytes: ArraySlice<UInt8>) -> UInt32 {
            var c: UInt32 = ~0
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            }
            return ~c
        }
        for start in 0..<9 {
            for end in start...data.count {
                XCTAssertEqual(CRC32C.checksum(Array(data[start..<end])), bytewise(data[start..<end]))
            }
        }
    }
}
