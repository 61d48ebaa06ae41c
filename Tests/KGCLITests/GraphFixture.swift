import Foundation
import KGCore
import KGStore
import XCTest

/// A small graph on disk, written through the store, for end-to-end tests.
enum GraphFixture {
    /// Entity ids in the fixture.
    static let huang = 1, nvidia = 2, amd = 3, mellanox = 4, su = 5, funding = 6, openai = 7, gpt4o = 8

    @discardableResult
    static func build(at dir: URL) throws -> GraphStore {
        let store = try GraphStore.open(dir, mode: .write)
        let doc = "corpus/01_nvidia_zh.txt"
        func p(_ sentence: String, metric: String? = nil) -> Provenance {
            Provenance(document: doc, start: 0, end: sentence.unicodeScalars.count, sentence: sentence, rule: "test", metric: metric)
        }
        let entities = [
            Entity(id: huang, type: .person, name: "Jensen Huang", aliases: ["黄仁勋"]),
            Entity(id: nvidia, type: .company, name: "NVIDIA", aliases: ["英伟达"]),
            Entity(id: amd, type: .company, name: "AMD"),
            Entity(id: mellanox, type: .company, name: "Mellanox"),
            Entity(id: su, type: .person, name: "Lisa Su", aliases: ["苏姿丰"]),
            Entity(id: funding, type: .figure, name: "69亿美元", aliases: ["69 亿美元"],
                   figure: FigurePayload(value: 6.9e9, unit: "USD", surface: "69 亿美元")),
            Entity(id: openai, type: .company, name: "OpenAI"),
            Entity(id: gpt4o, type: .model, name: "GPT-4o"),
        ]
        try store.commit(TransactionDraft(source: .document(doc), operations: entities.map { .assertEntity($0) } + [
            .assertTriple(Triple(subject: huang, predicate: "ceo_of", object: .entity(nvidia)), p("黄仁勋至今仍担任首席执行官")),
            .assertTriple(Triple(subject: huang, predicate: "founder_of", object: .entity(nvidia)), p("这家公司由黄仁勋……共同创立")),
            .assertTriple(Triple(subject: nvidia, predicate: "acquired", object: .entity(mellanox)), p("英伟达宣布以约 69 亿美元收购 Mellanox")),
            .assertTriple(Triple(subject: nvidia, predicate: "has_figure", object: .entity(funding)), p("约 69 亿美元", metric: "acquisition price")),
            .assertTriple(Triple(subject: nvidia, predicate: "competitor_of", object: .entity(amd)), p("英伟达最主要的竞争对手是 AMD")),
            .assertTriple(Triple(subject: su, predicate: "ceo_of", object: .entity(amd)), p("AMD 首席执行官苏姿丰")),
            .assertTriple(Triple(subject: nvidia, predicate: "invested_in", object: .entity(openai)), p("英伟达还参与了 OpenAI 的融资")),
            .assertTriple(Triple(subject: openai, predicate: "developed", object: .entity(gpt4o)), p("OpenAI 推出了新模型 GPT-4o")),
        ]))
        return store
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kg-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

/// Runs `kg` with `arguments`, feeding `input`; returns (status, stdout, stderr).
func runKG(_ arguments: [String], input: String = "", in directory: URL? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = try kgExecutable()
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env["KG_GRAPH"] = nil
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Standard error goes to a file so only one pipe is read (no deadlock, no shared state).
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kg-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
