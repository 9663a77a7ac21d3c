import Foundation

/// A problem with how a command was called or with what it was given, worded for the person at the terminal.
struct CommandError: Error {
    var message: String
    /// 64 for a mistake in the command line (EX_USAGE), 66 for input that cannot be read (EX_NOINPUT), 1 otherwise.
    var status: Int32

    static func usage(_ message: String) -> CommandError { CommandError(message: message, status: 64) }

    /// Writes the message to standard error and returns the exit status.
    func report(command: String) -> Int32 {
        FileHandle.standardError.write(Data("hearth \(command): \(message)\n".utf8))
        return status
    }
}
