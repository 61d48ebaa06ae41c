import Foundation
import XCTest
import KGCore
@testable import KGExtract

final class ReaderTests: XCTestCase {
    func test_binaryFile_isSkipped_andInvalidBytesWarn() {
        if case .success = DocumentReader.decode(Data([0x41, 0x00, 0x42]), path: "b") { XCTFail("binary accepted") }
        guard case .success(let doc) = DocumentReader.decode(Data([0xEF, 0xBB, 0xBF, 0x41, 0xFF, 0x42]), path: "t") else {
            return XCTFail("text rejected")
        }
        XCTAssertEqual(doc.warnings.count, 1)
        XCTAssertTrue(doc.text.contains("\u{FFFD}"))
    }

    func test_directoryWalk_isRecursive_andReportsMissing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-walk-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "微软".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "谷歌".write(to: dir.appendingPathComponent("sub/b.txt"), atomically: true, encoding: .utf8)
        try Data([0, 1, 2]).write(to: dir.appendingPathComponent("sub/c.bin"))
        let (files, missing) = DocumentReader.expand([dir.path, dir.appendingPathComponent("nope").path])
        XCTAssertEqual(files.count, 3)
        XCTAssertEqual(missing.count, 1)
        let outcomes = DocumentReader.extractAll(files, with: TestSupport.extractor, threads: 2)
        var extracted = 0, skipped = 0
        for o in outcomes { if case .extracted = o { extracted += 1 } else { skipped += 1 } }
        XCTAssertEqual(extracted, 2)
        XCTAssertEqual(skipped, 1)
    }
}
