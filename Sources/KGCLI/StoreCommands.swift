import Foundation
import KGCore

extension KGCommandLine {
    /// The store stage's subcommands.
    static var storeCommands: [Subcommand] { [] }
}
