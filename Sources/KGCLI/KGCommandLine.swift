import Foundation
import KGStore
import KGCore

/// Entry point of the `kg` command: dispatches to a subcommand and maps errors
/// to exit codes (0 success, 1 failure the user can act on, 2 usage error).
public enum KGCommandLine {
    public static let version = "0.1.0"

    /// Every subcommand, in the order `kg help` lists them. Each stage's file
    /// contributes its own entries (StoreCommands.swift, QueryCommands.swift, …).
    static var subcommands: [Subcommand] {
        storeCommands + curationCommands + queryCommands + extractCommands + interactiveCommands
    }

    public static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            return defaultAction()
        }
        switch first {
        case "--version", "version":
            print("kg \(version)")
            return 0
        case "help", "--help", "-h":
            if arguments.count > 1, let sub = subcommands.first(where: { $0.name == arguments[1] }) {
                print(sub.help)
            } else {
                print(usage)
            }
            return 0
        default:
            break
        }
        guard let sub = subcommands.first(where: { $0.name == first }) else {
            let near = subcommands.map(\.name).filter { !$0.hasPrefix("_") }.filter { $0.hasPrefix(String(first.prefix(2))) }
            printError("kg: unknown command '\(first)'." + (near.isEmpty ? "" : " Did you mean: \(near.joined(separator: ", "))?")
                       + " Run 'kg help' for the list.")
            return 2
        }
        var args = Arguments(Array(arguments.dropFirst()))
        if args.flag("--help", "-h") {
            print(sub.help)
            return 0
        }
        let damageMark = SnapshotDamageLedger.mark()
        do {
            let status = try sub.run(&args)
            // A read met a damaged snapshot chunk and nothing reread the graph from the log
            // (FORMAT.md SNAP-8): what the command printed may hold fallback values.
            if let damage = SnapshotDamageLedger.unhandled(since: damageMark) {
                printError("kg \(sub.name): \(damage): what this command printed may be wrong. Run it again after "
                           + "'kg verify' (or delete the snapshot: it is only a cache of the log)")
                return 1
            }
            return status
        } catch let error as UsageError {
            printError("kg \(sub.name): \(error.message)")
            printError(sub.help.split(separator: "\n").first.map { String($0) } ?? "")
            return 2
        } catch let error as Diagnostic {
            printError(error.description)
            return 1
        } catch {
            printError("kg \(sub.name): \(error)")
            return 1
        }
    }

    /// `kg` alone: the REPL on a terminal, the help text otherwise.
    static func defaultAction() -> Int32 {
        if let repl = subcommands.first(where: { $0.name == "repl" }), isatty(0) != 0 {
            var args = Arguments([])
            do { return try repl.run(&args) } catch { printError("kg: \(error)"); return 1 }
        }
        print(usage)
        return 0
    }

    static var usage: String {
        var out = """
        kg \(version): build a knowledge graph from documents and query it with Datalog.

        usage: kg <command> [options]      (kg help <command>, or kg <command> --help, for more)

        commands:

        """
        // Names starting with `_` are internal (test helpers): runnable, not listed.
        let listed = subcommands.filter { !$0.name.hasPrefix("_") }
        let width = (listed.map(\.name.count).max() ?? 0) + 2
        for sub in listed {
            out += "  " + sub.name.padding(toLength: width, withPad: " ", startingAt: 0) + sub.summary + "\n"
        }
        out += """

        options every command takes:
          --graph DIR   the graph directory (default: $KG_GRAPH, else ./graph)
          --help        the command's help
        """
        return out
    }
}
