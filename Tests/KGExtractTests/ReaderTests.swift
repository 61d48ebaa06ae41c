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

    func test_directoryWalk_leavesOutDataFiles_butReadsThemWhenNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-walk-data-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["story.txt", "notes", "report.MD", "lexicon.tsv", "graph.JSON", "q.dl"] {
            try "星衍智能发布了新模型。".write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let listing = DocumentReader.list([dir.path])
        XCTAssertEqual(listing.files.map { ($0 as NSString).lastPathComponent }, ["notes", "report.MD", "story.txt"])
        XCTAssertEqual(listing.notDocuments.map { ($0 as NSString).lastPathComponent }, ["graph.JSON", "lexicon.tsv", "q.dl"])
        let note = try XCTUnwrap(DocumentReader.notDocumentsNote(listing.notDocuments))
        XCTAssertTrue(note.contains("3 file(s)") && note.contains(".json") && note.contains(".tsv"), note)
        XCTAssertNil(DocumentReader.notDocumentsNote([]))
        // Named on the command line, a data file is read as asked.
        let named = DocumentReader.list([dir.appendingPathComponent("lexicon.tsv").path])
        XCTAssertEqual(named.files.count, 1)
        XCTAssertTrue(named.notDocuments.isEmpty)
    }
}
