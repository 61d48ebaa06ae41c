import Foundation
import KGCore

extension KGCommandLine {
    /// The interactive stage's subcommands.
    static var interactiveCommands: [Subcommand] { [] }
}
