/// What a meta-command's argument is, for tab completion.
public enum ArgumentKind: Sendable {
    case none, path, predicate, entity, query, words([String])
}

/// What the REPL does after a command.
public enum ReplAction: Sendable {
    case `continue`, quit
}

/// One `:command` of the REPL. The table of them (`ReplSession.metaCommands`)
/// is the only place a command is described: `:help`, dispatch and completion
/// all read it.
public struct MetaCommand: Sendable {
    /// With the colon: `:load`.
    public var name: String
    /// `:load FILE.dl`
    public var usage: String
    public var summary: String
    public var argument: ArgumentKind
    public var run: @Sendable (ReplSession, [String], String) throws -> ReplAction

    public init(_ usage: String, _ summary: String, argument: ArgumentKind = .none,
                run: @escaping @Sendable (_ session: ReplSession, _ words: [String], _ rest: String) throws -> ReplAction) {
        self.usage = usage
        self.name = String(usage.prefix { $0 != " " })
        self.summary = summary
        self.argument = argument
        self.run = run
    }
}

extension Array where Element == MetaCommand {
    /// The command named `word` exactly, else the only one it is a prefix of.
    func lookup(_ word: String) -> Result<MetaCommand, CommandError> {
        if let exact = first(where: { $0.name == word }) { return .success(exact) }
        let matches = filter { $0.name.hasPrefix(word) }
        if matches.count == 1 { return .success(matches[0]) }
        if matches.isEmpty { return .failure(CommandError("unknown command \(word); :help lists them")) }
        return .failure(CommandError("\(word) is ambiguous: \(matches.map(\.name).joined(separator: ", "))"))
    }
}
