import Foundation
import KGCore
import KGStore

/// Curation by hand, shared by the command line (`kg add`, `kg assert`,
/// `kg remove`) and the REPL (`:add`, `:assert`, `:remove`): each builds the
/// operations of one user transaction against the graph as it is, so every
/// change is logged, survives reopening and can be undone.
///
/// An entity end is written `NAME`, `#ID`, or `TYPE:NAME` (`person:Priya Raman`):
/// with a type, an entity of that type and name (or alias) is used if there is
/// exactly one, and created otherwise.
enum Curation {
    /// What a change will do: its operations and a sentence for the user.
    struct Change {
        var operations: [GraphOperation] = []
        var messages: [String] = []
        var nextID: EntityID
    }

    /// `kg add` / `:add` arguments: TYPE NAME [--alias A]... [--value V --unit U].
    static func parseAdd(_ args: inout Arguments) throws -> (type: EntityType, name: String, aliases: [String], figure: FigurePayload?) {
        let aliases = try args.options("--alias", "-a")
        let value = try args.option("--value")
        let upper = try args.option("--upper")
        let unit = try args.option("--unit")
        let words = try args.positionals()
        guard words.count == 2 else { throw UsageError("needs TYPE NAME (got \(words.count) word\(words.count == 1 ? "" : "s")); quote a name with spaces") }
        guard let type = EntityType(rawValue: words[0]) else {
            throw UsageError("unknown type '\(words[0])' (\(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let name = words[1].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw UsageError("the name is empty") }
        var figure: FigurePayload?
        if type == .figure {
            guard let v = value.flatMap(Double.init), v.isFinite, let unit, !unit.isEmpty else {
                throw UsageError("a figure needs --value NUMBER and --unit UNIT (like --value 7e9 --unit USD)")
            }
            figure = FigurePayload(value: v, upperValue: upper.flatMap(Double.init), unit: unit, surface: name)
        } else if value != nil || unit != nil || upper != nil {
            throw UsageError("--value, --upper and --unit are for figures only")
        }
        return (type, name, aliases.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }, figure)
    }

    /// Creates the entity, or — when one of that type already has the name —
    /// adds the aliases it lacks.
    static func add(type: EntityType, name: String, aliases: [String], figure: FigurePayload?, in view: GraphView) -> Change {
        var change = Change(nextID: view.nextEntityID)
        let existing = view.resolve(name: name).filter { view.entity($0)?.type == type }
        if let id = existing.first, let e = view.entity(id) {
            var known = Set(([e.name] + e.aliases).map(NameKey.normalize))
            var added: [String] = []
            for a in aliases where known.insert(NameKey.normalize(a)).inserted {
                change.operations.append(.assertAlias(id, a))
                added.append(a)
            }
            change.messages.append("\(e.name) is already \(type.rawValue) #\(id)"
                                   + (added.isEmpty ? "; nothing to add" : "; added alias \(added.joined(separator: ", "))"))
            return change
        }
        let id = change.nextID
        change.nextID += 1
        var seen = Set([NameKey.normalize(name)])
        let kept = aliases.filter { seen.insert(NameKey.normalize($0)).inserted }
        change.operations.append(.assertEntity(Entity(id: id, type: type, name: name, aliases: kept, figure: figure)))
        change.messages.append("added \(type.rawValue) #\(id) \(name)" + (kept.isEmpty ? "" : " (\(kept.joined(separator: ", ")))"))
        return change
    }

    /// `TYPE:NAME` → (type, name); anything else → (nil, word).
    static func typedName(_ word: String) -> (EntityType?, String) {
        if let colon = word.firstIndex(of: ":"), let type = EntityType(rawValue: String(word[..<colon])) {
            return (type, String(word[word.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return (nil, word)
    }

    /// The entity a word names, creating it (into `change`) when typed and new.
    /// Untyped words that name no entity: nil (the caller decides: literal object or error).
    static func end(_ word: String, in view: GraphView, change: inout Change, created: inout [String: EntityID]) throws -> EntityID? {
        let (type, name) = typedName(word)
        guard let type else { return try StoreCommands.entity(word, in: view) }
        guard type != .figure else { throw UsageError("create figures with `kg add figure NAME --value V --unit U`, then name them") }
        guard !name.isEmpty else { throw UsageError("'\(word)': the name after \(type.rawValue): is empty") }
        let key = NameKey.normalize(name)
        if let id = created["\(type.rawValue):\(key)"] { return id }
        let ids = view.resolve(name: name).filter { view.entity($0)?.type == type }
        if ids.count > 1 {
            throw CommandError("'\(name)' names \(ids.count) \(type.rawValue) entities: \(ids.map { "#\($0)" }.joined(separator: ", ")); use #ID")
        }
        if let id = ids.first { return id }
        let id = change.nextID
        change.nextID += 1
        change.operations.append(.assertEntity(Entity(id: id, type: type, name: name)))
        change.messages.append("added \(type.rawValue) #\(id) \(name)")
        created["\(type.rawValue):\(key)"] = id
        return id
    }

    /// `S P O` by hand, ends created when typed and new, with provenance `user`.
    static func assert(subject: String, predicate: String, object: String, in view: GraphView) throws -> Change {
        guard !predicate.isEmpty, predicate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw UsageError("predicate '\(predicate)' should be one word of letters, digits and _ (like ceo_of)")
        }
        var change = Change(nextID: view.nextEntityID)
        var created: [String: EntityID] = [:]
        guard let s = try end(subject, in: view, change: &change, created: &created) else {
            let near = StoreCommands.nearestNames(subject, in: view)
            throw CommandError("no entity named '\(subject)'" + (near.isEmpty ? "" : "; nearest: \(near.joined(separator: ", "))")
                               + "; to create it, give its type: person:'\(subject)' (or company:, model:)")
        }
        let o: TripleObject
        if let id = try end(object, in: view, change: &change, created: &created) {
            o = .entity(id)
        } else if let d = Double(object), d.isFinite {
            o = .number(d)
        } else {
            o = .string(object)
        }
        let triple = Triple(subject: s, predicate: predicate, object: o)
        change.operations.append(.assertTriple(triple, Provenance(document: "user", sentence: "\(subject) \(predicate) \(object)", rule: "user")))
        func name(_ id: EntityID) -> String {
            if let e = view.entity(id) { return e.name }
            for case .assertEntity(let e) in change.operations where e.id == id { return e.name }
            return "#\(id)"
        }
        let objectText: String
        switch o {
        case .entity(let id): objectText = name(id)
        default: objectText = StoreCommands.describe(o, view)
        }
        change.messages.append("asserted: \(name(s)) \(predicate) \(objectText)")
        return change
    }

    /// Retracts an entity (undoes `add`); the log keeps it for as-of reads.
    static func remove(_ word: String, in view: GraphView) throws -> Change {
        let id = try StoreCommands.requireEntity(word, in: view)
        var change = Change(nextID: view.nextEntityID)
        change.operations.append(.retractEntity(id))
        change.messages.append("removed \(view.entity(id)?.type.rawValue ?? "entity") #\(id) \(view.entity(id)?.name ?? word) and its triples")
        return change
    }

    /// Commits a change as one user transaction; returns its messages with the transaction id.
    static func commit(_ change: Change, to store: GraphStore) throws -> String {
        guard !change.operations.isEmpty else { return change.messages.joined(separator: "\n") }
        let tx = try store.commit(TransactionDraft(source: .user, operations: change.operations))
        return change.messages.joined(separator: "\n") + " (transaction \(tx))"
    }
}

extension KGCommandLine {
    /// Curation subcommands that create and remove entities (`kg assert`, `retract`,
    /// `merge`, `split` are in StoreCommands.swift).
    static var curationCommands: [Subcommand] {
        [
            Subcommand(name: "add", summary: "add an entity by hand: kg add TYPE NAME [--alias A]...",
                       help: """
                       usage: kg add [--graph DIR] TYPE NAME [--alias A]... [--value V [--upper U] --unit UNIT]

                       Creates an entity of TYPE (person, company, model, figure) with its
                       aliases, in one logged transaction. If an entity of that type already has
                       the name (or an alias), adds only the aliases it lacks. A figure needs
                       --value and --unit. Undo with `kg remove NAME`.

                       Examples:
                         kg add person "Priya Raman" --alias "拉曼" --alias "P. Raman"
                         kg add company "Lumen Robotics" --alias "光启机器人"
                         kg add model "Kestrel-2"
                         kg add figure "70 亿美元" --value 7e9 --unit USD
                       """, run: { args in
                           let dir = try graphDirectory(&args)
                           let (type, name, aliases, figure) = try Curation.parseAdd(&args)
                           let store = try StoreCommands.openForWriting(dir)
                           print(try Curation.commit(Curation.add(type: type, name: name, aliases: aliases, figure: figure, in: store.current), to: store))
                           return 0
                       }),
            Subcommand(name: "remove", summary: "retract an entity and its triples by hand: kg remove NAME",
                       help: """
                       usage: kg remove [--graph DIR] NAME|#ID

                       Retracts the entity: its names and every triple naming it disappear from
                       the graph. The log keeps them (as-of reads before this transaction still
                       see them); `kg add` with the same type and name creates it anew.
                       """, run: { args in
                           let dir = try graphDirectory(&args)
                           let words = try args.positionals()
                           guard words.count == 1 else { throw UsageError("needs one entity NAME or #ID") }
                           let store = try StoreCommands.openForWriting(dir)
                           print(try Curation.commit(Curation.remove(words[0], in: store.current), to: store))
                           return 0
                       }),
            dedupeCommand,
        ]
    }
}
