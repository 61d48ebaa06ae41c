import Foundation
import KGCore
import KGStore

extension KGCommandLine {
    /// The store stage's subcommands.
    static var storeCommands: [Subcommand] {
        [
            Subcommand(name: "stats", summary: "entities by type, triples by predicate, documents, log size",
                       help: """
                       usage: kg stats [--graph DIR]

                       Counts what the graph holds now: entities by type, triples by predicate,
                       documents, transactions and the size of the log. The counts are kept as
                       the graph changes, so after opening the graph this costs O(predicates).
                       """, run: StoreCommands.stats),
            Subcommand(name: "log", summary: "the transactions, oldest first",
                       help: """
                       usage: kg log [--graph DIR] [--last N]

                       One line per transaction, newest last: id, time (UTC), source and the
                       number of operations of each kind. --last N shows only the last N.
                       Reads the log alone, without building the graph: every record's
                       framing, checksum and ids are checked as opening checks them (a damaged
                       or crafted log is refused the same way), at a fraction of the cost.
                       """, run: StoreCommands.log),
            Subcommand(name: "verify", summary: "check the log byte by byte; --salvage copies what is intact",
                       help: """
                       usage: kg verify [--graph DIR] [--salvage OUT]

                       Reads the whole log and reports every problem with its byte offset and
                       transaction: damaged records, a torn last record, a wrong header, the
                       first transaction that does not replay (an id never asserted, a bad
                       merge, …), a snapshot holding another graph than the log. Exit status 1
                       when there is any. --salvage OUT writes a new graph in OUT holding every
                       intact transaction whose id continues the sequence and that replays
                       (renumbered 1, 2, 3, …); duplicates and out-of-order records are dropped
                       and listed.
                       """, run: StoreCommands.verify),
            Subcommand(name: "assert", summary: "add a triple by hand: kg assert SUBJECT PREDICATE OBJECT",
                       help: """
                       usage: kg assert [--graph DIR] SUBJECT PREDICATE OBJECT

                       Adds the triple with provenance `user`. SUBJECT is an entity name or alias
                       (or #ID); OBJECT is an entity name, alias or #ID if one matches, else a
                       number or a string literal. Write an end as TYPE:NAME to create it when
                       the graph has no entity of that type and name (person, company, model).
                       Undo with `kg retract`.

                       Examples:
                         kg assert "Jensen Huang" ceo_of Nvidia
                         kg assert person:"Dario Amodei" ceo_of company:Anthropic
                         kg assert Anthropic developed model:"Claude 4"
                       """, run: { try StoreCommands.curate(&$0, retract: false) }),
            Subcommand(name: "retract", summary: "retract a triple by hand: kg retract SUBJECT PREDICATE OBJECT",
                       help: """
                       usage: kg retract [--graph DIR] SUBJECT PREDICATE OBJECT

                       Retracts the triple and all its evidence. The log keeps it: as-of reads
                       before this transaction still see it.
                       """, run: { try StoreCommands.curate(&$0, retract: true) }),
            Subcommand(name: "merge", summary: "merge entity B into A: kg merge A B",
                       help: """
                       usage: kg merge [--graph DIR] A B

                       From now on B reads as A: B's names become aliases of A and B's triples
                       show under A. Logged, and undone by `kg split A B`.
                       """, run: StoreCommands.merge),
            Subcommand(name: "split", summary: "undo a merge: kg split A B",
                       help: """
                       usage: kg split [--graph DIR] A B

                       Undoes `kg merge A B`: B is its own entity again, with its names and triples.
                       """, run: StoreCommands.split),
            Subcommand(name: "_ingest-loop", summary: "(internal) commit in a loop, for crash tests",
                       help: """
                       usage: kg _ingest-loop [--graph DIR] [--count N] [--checkpoint-bytes B]

                       Test helper: commits small transactions in a loop and prints each
                       transaction id once commit has returned (so the id is durable).
                       --checkpoint-bytes B starts a background snapshot whenever B log
                       bytes lie past the last one (FORMAT.md SNAP-10).
                       """, run: StoreCommands.ingestLoop),
        ]
    }
}

/// The store subcommands' bodies.
enum StoreCommands {
    static func openForReading(_ dir: URL) throws -> GraphStore {
        let store = try GraphStore.open(dir, mode: .read)
        for note in store.notes { printError("kg: note: \(note)") }
        return store
    }

    static func openForWriting(_ dir: URL) throws -> GraphStore {
        let store = try GraphStore.open(dir, mode: .write)
        for note in store.notes { printError("kg: note: \(note)") }
        return store
    }

    static func noArguments(_ args: inout Arguments) throws {
        let rest = try args.positionals()
        guard rest.isEmpty else { throw UsageError("unexpected argument '\(rest[0])'") }
    }

    // MARK: stats

    static func stats(_ args: inout Arguments) throws -> Int32 {
        let dir = try graphDirectory(&args)
        try noArguments(&args)
        let store = try openForReading(dir)
        let view = store.current
        var out = "graph \(dir.path) (as of transaction \(view.tx))\n"
        let byType = EntityType.allCases.map { ($0.rawValue, view.entityCount(ofType: $0)) }
        out += "entities      \(view.entityCount)\n"
        for (type, n) in byType { out += "  \(pad(type, 20)) \(n)\n" }
        let predicates = view.predicates.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        out += "triples       \(predicates.reduce(0) { $0 + $1.value })\n"
        for (p, n) in predicates { out += "  \(pad(p, 20)) \(n)\n" }
        out += "documents     \(view.documentCount)\n"
        out += "transactions  \(store.transactions.count)\n"
        out += "log           \(store.logSize) bytes (\(store.logURL.path))\n"
        print(out, terminator: "")
        return 0
    }

    static func pad(_ s: String, _ width: Int) -> String {
        let w = DisplayWidth.of(s)
        return w >= width ? s : s + String(repeating: " ", count: width - w)
    }

    // MARK: log

    static let timeFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss'Z'"
        return f
    }()

    static func log(_ args: inout Arguments) throws -> Int32 {
        let dir = try graphDirectory(&args)
        let last = try args.option("--last", "-n").map { value -> Int in
            guard let n = Int(value), n >= 0 else { throw UsageError("--last needs a whole number, not '\(value)'") }
            return n
        }
        try noArguments(&args)
        // Reads and checks the log alone (no graph is built); summarises only the records shown.
        let log = try TransactionLog.read(dir, last: last)
        for note in log.notes { printError("kg: note: \(note)") }
        let txs = log.transactions
        let idWidth = String(txs.last?.id ?? 0).count
        let sourceWidth = min(60, txs.map { DisplayWidth.of($0.source.description) }.max() ?? 0)
        for t in txs {
            let counts = OperationKind.allCases.compactMap { k -> String? in
                let n = t.count(k)
                return n == 0 ? nil : "\(k.label) \(n)"
            }.joined(separator: ", ")
            let id = String(repeating: " ", count: idWidth - String(t.id).count) + String(t.id)
            print("\(id)  \(timeFormat.string(from: t.time))  \(pad(t.source.description, sourceWidth))  \(counts.isEmpty ? "(empty)" : counts)")
        }
        if txs.isEmpty { print("(no transactions)") }
        return 0
    }

    // MARK: verify

    static func verify(_ args: inout Arguments) throws -> Int32 {
        let dir = try graphDirectory(&args)
        let salvageTo = try args.option("--salvage")
        try noArguments(&args)
        let report = GraphStore.verify(dir)
        for note in report.notes { print("note: \(note)") }
        if report.isOK {
            print("ok: \(report.transactionCount) transactions, \(report.logSize) bytes, every record intact (\(report.logURL.path))")
        } else {
            for p in report.problems { print("problem: \(p)") }
            print("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"); \(report.transactionCount) intact transactions")
        }
        if let salvageTo {
            let (n, dropped) = try GraphStore.salvageReport(dir, to: URL(fileURLWithPath: salvageTo))
            for d in dropped { print("dropped: \(d)") }
            print("salvaged \(n) transactions into \(salvageTo)")
        }
        return report.isOK ? 0 : 1
    }

    // MARK: assert / retract

    /// The entity a user's word names: `#ID`, or a name/alias that resolves to exactly one entity.
    static func entity(_ word: String, in view: GraphView) throws -> EntityID? {
        if word.hasPrefix("#"), let id = Int(word.dropFirst()) {
            guard view.entity(id) != nil else { throw CommandError("no entity #\(id)") }
            return view.canonicalID(id)
        }
        let ids = view.resolve(name: word)
        if ids.count > 1 {
            let names = ids.map { "#\($0) \(view.entity($0)?.name ?? "?") (\(view.entity($0)?.type.rawValue ?? "?"))" }
            throw CommandError("'\(word)' names \(ids.count) entities: \(names.joined(separator: ", ")); use #ID")
        }
        return ids.first
    }

    static func requireEntity(_ word: String, in view: GraphView) throws -> EntityID {
        if let id = try entity(word, in: view) { return id }
        let near = nearestNames(word, in: view)
        throw CommandError("no entity named '\(word)'" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))"))
    }

    /// Up to three names closest to `word` by edit distance on their lookup keys.
    /// On a big graph without a String per name (`NameSuggestions.closest`).
    static func nearestNames(_ word: String, in view: GraphView) -> [String] {
        view.entitySlotCount > NameSuggestions.stringScoringUpTo
            ? NameSuggestions.closest(word, in: view) : nearestNamesByStrings(word, in: view)
    }

    static func nearestNamesByStrings(_ word: String, in view: GraphView) -> [String] {
        let key = Array(NameKey.normalize(word))
        var scored: [(Int, String)] = []
        var seen = Set<String>()
        for (name, _) in view.names where seen.insert(name).inserted {
            scored.append((editDistance(key, Array(NameKey.normalize(name))), name))
        }
        let limit = max(2, key.count / 2)
        return scored.filter { $0.0 <= limit }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.prefix(3).map { "'\($0.1)'" }
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    static func object(_ word: String, in view: GraphView) throws -> TripleObject {
        if let id = try entity(word, in: view) { return .entity(id) }
        if let d = Double(word), d.isFinite { return .number(d) }
        return .string(word)
    }

    static func describe(_ o: TripleObject, _ view: GraphView) -> String {
        switch o {
        case .entity(let id): return view.entity(id)?.name ?? "#\(id)"
        case .string(let s): return "\"\(s)\""
        case .number(let d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        }
    }

    static func curate(_ args: inout Arguments, retract: Bool) throws -> Int32 {
        let dir = try graphDirectory(&args)
        let words = try args.positionals()
        guard words.count == 3 else { throw UsageError("needs SUBJECT PREDICATE OBJECT (got \(words.count) argument\(words.count == 1 ? "" : "s"))") }
        let predicate = words[1]
        guard ImportCheck.isPredicate(predicate) else {
            throw UsageError("predicate '\(predicate)' should be one word of letters, digits and _ (like ceo_of)")
        }
        let store = try openForWriting(dir)
        // Each change is built from a view that ends before the commit: a view
        // held across it would make the commit copy every column of the graph.
        if !retract {
            let change = try Curation.assert(subject: words[0], predicate: predicate, object: words[2], in: store.current)
            print(try Curation.commit(change, to: store))
            return 0
        }
        let (triple, text) = try liveTriple(words, in: store.current)
        let tx = try store.commit(TransactionDraft(source: .user, operations: [.retractTriple(triple, document: nil)]))
        print("retracted: \(text) (transaction \(tx))")
        return 0
    }

    /// The live triple `S P O` names, and how to say it.
    static func liveTriple(_ words: [String], in view: GraphView) throws -> (Triple, String) {
        let subject = try requireEntity(words[0], in: view)
        let object = try object(words[2], in: view)
        let text = "\(view.entity(subject)?.name ?? words[0]) \(words[1]) \(describe(object, view))"
        guard !view.triples(subject: subject, predicate: words[1], object: object).isEmpty else {
            throw CommandError("no live triple \(text)")
        }
        return (Triple(subject: subject, predicate: words[1], object: object), text)
    }

    // MARK: merge / split

    static func twoNames(_ args: inout Arguments) throws -> (URL, String, String) {
        let dir = try graphDirectory(&args)
        let words = try args.positionals()
        guard words.count == 2 else { throw UsageError("needs two entity names, A and B") }
        return (dir, words[0], words[1])
    }

    static func merge(_ args: inout Arguments) throws -> Int32 {
        let (dir, a, b) = try twoNames(&args)
        let store = try openForWriting(dir)
        let (from, into, text) = try { (view: GraphView) throws -> (EntityID, EntityID, String) in
            let into = try requireEntity(a, in: view), from = try requireEntity(b, in: view)
            guard into != from else { throw CommandError("'\(a)' and '\(b)' are already the same entity (#\(into))") }
            return (from, into, "merged \(view.entity(from)?.name ?? b) (#\(from)) into \(view.entity(into)?.name ?? a) (#\(into))")
        }(store.current) // the view ends here, before the commit (see `curate`)
        let tx = try store.commit(TransactionDraft(source: .user, operations: [.merge(from: from, into: into)]))
        print("\(text) (transaction \(tx))")
        return 0
    }

    static func split(_ args: inout Arguments) throws -> Int32 {
        let (dir, a, b) = try twoNames(&args)
        let store = try openForWriting(dir)
        let (from, parent, text) = try { (view: GraphView) throws -> (EntityID, EntityID, String) in
            let into = try requireEntity(a, in: view)
            // B reads as A now: find the stored entity named B that is merged (possibly by a chain) into A.
            let candidates = view.resolveStored(name: b).filter { $0 != into && view.canonicalID($0) == into && view.mergedInto($0) != nil }
            guard let from = candidates.first else {
                throw CommandError("no entity named '\(b)' is merged into \(view.entity(into)?.name ?? a) (#\(into))")
            }
            guard candidates.count == 1 else {
                throw CommandError("'\(b)' names \(candidates.count) entities merged into #\(into): \(candidates.map { "#\($0)" }.joined(separator: ", "))")
            }
            let parent = view.mergedInto(from)!
            return (from, parent, "split \(view.storedName(from) ?? b) (#\(from)) from \(view.storedName(parent) ?? a) (#\(parent))")
        }(store.current) // the view ends here, before the commit (see `curate`)
        let tx = try store.commit(TransactionDraft(source: .user, operations: [.unmerge(from: from, into: parent)]))
        print("\(text) (transaction \(tx))")
        return 0
    }

    // MARK: _ingest-loop

    static func ingestLoop(_ args: inout Arguments) throws -> Int32 {
        let dir = try graphDirectory(&args)
        let count = try args.option("--count").flatMap { Int($0) } ?? Int.max
        let checkpointBytes = try args.option("--checkpoint-bytes").flatMap { Int($0) }
        try noArguments(&args)
        let store = try GraphStore.open(dir, mode: .write)
        if let checkpointBytes { store.backgroundCheckpointBytes = checkpointBytes }
        var i = 0
        while i < count {
            let a = store.nextEntityID
            let tx = try store.commit(TransactionDraft(source: .document("loop/\(a).md"), operations: [
                .assertEntity(Entity(id: a, type: .company, name: "Company \(a)", aliases: ["公司\(a)"])),
                .assertEntity(Entity(id: a + 1, type: .person, name: "Person \(a + 1)")),
                .assertTriple(Triple(subject: a + 1, predicate: "ceo_of", object: .entity(a)),
                              Provenance(document: "loop/\(a).md", start: 0, end: 10,
                                         sentence: String(repeating: "Person \(a + 1) leads Company \(a). ", count: 1 + a % 7), rule: "loop")),
            ]))
            // Printed only after commit returned: every printed id is durable.
            FileHandle.standardOutput.write("\(tx)\n".data(using: .utf8)!)
            i += 1
        }
        return 0
    }
}
