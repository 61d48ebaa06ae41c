import KGCore
@testable import KGDatalog
import XCTest

/// Runs a program text and returns its results; fails the test on a diagnostic.
func runProgram(_ text: String, session: DatalogSession = DatalogSession(), file: StaticString = #filePath, line: UInt = #line) -> [QueryResult] {
    do { return try session.run(source: text, file: "test.dl") } catch {
        XCTFail("unexpected error: \(error)", file: file, line: line)
        return []
    }
}

/// The answers of the program's last query as sorted strings "a,b".
func answers(_ text: String, session: DatalogSession = DatalogSession(), file: StaticString = #filePath, line: UInt = #line) -> [String] {
    guard let r = runProgram(text, session: session, file: file, line: line).last else { return [] }
    return r.rows.map { $0.map(\.description).joined(separator: ",") }.sorted()
}

/// The diagnostic a program raises, or nil.
func diagnostic(_ text: String) -> Diagnostic? {
    do { _ = try DatalogSession().run(source: text, file: "bad.dl"); return nil } catch let d as Diagnostic { return d } catch {
        return nil
    }
}
