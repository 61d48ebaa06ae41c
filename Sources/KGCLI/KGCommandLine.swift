import Foundation
import KGCore

/// Entry point of the `kg` command: dispatches to a subcommand and maps errors
/// to exit codes (0 success, 1 failure the user can act on, 2 usage error).
public enum KGCommandLine {
    public static let version = "0.1.0"

    public static func run(_ arguments: [String]) -> Int32 {
        guard let first = arguments.first else {
            print(usage)
            return 0
        }
        switch first {
        case "--version", "version":
            print("kg \(version)")
            return 0
        case "help", "--help", "-h":
            print(usage)
            return 0
        default:
            FileHandle.standardError.write("kg: unknown command '\(first)'. Run 'kg help' for the list.\n".data(using: .utf8)!)
            return 2
        }
    }

    static let usage = """
    kg \(version): build a knowledge graph from documents and query it with Datalog.

    usage: kg <command> [options]
    """
}
