import Foundation
import KGCore

extension KGCommandLine {
    /// The query stage's subcommands.
    static var queryCommands: [Subcommand] { [] }
}
