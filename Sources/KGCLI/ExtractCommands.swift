import Foundation
import KGCore

extension KGCommandLine {
    /// The extract stage's subcommands.
    static var extractCommands: [Subcommand] { [] }
}
