// libFuzzer target: Datalog text through the lexer, parser, compiler and evaluator.
// Any input must give answers or a Diagnostic, never a trap. Tight limits keep
// each input fast: a run that hits them is a TRUNCATED result, not a finding.
import KGCore
import KGDatalog

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatalog(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let session = DatalogSession(maxTuples: 20_000, timeout: 1, maxMemory: 64 << 20)
    if let results = try? session.run(source: text, file: "fuzz.dl") {
        let formatter = AnswerFormatter(format: .table)
        for r in results { _ = formatter.format(r) }
        if let last = results.last, let row = last.rows.first { _ = session.explain(result: last, row: row) }
    }
    return 0
}
