import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HearthMarkdown
import HearthSite
import HearthText

/// `hearth markdown [FILE] [--extensions] [--safe]`: renders Markdown to HTML on standard output, like `cmark`.
enum MarkdownCommand {
    static let usage = "usage: hearth markdown [FILE] [--extensions] [--safe]"

    struct Options {
        var path: String?
        var extensions: MarkdownExtensions = []
        var safe = false
    }

    static func run(_ arguments: [String]) -> Int32 {
        do {
            let options = try parse(arguments)
            let input = try read(options.path)
            let tree = MarkdownParser(extensions: options.extensions).parse(bytes: input)
            var output: [UInt8] = []
            output.reserveCapacity(input.count + input.count / 4)
            HTMLRenderer(safe: options.safe).render(tree, into: &output)
            try writeAll(output, to: STDOUT_FILENO)
            return 0
        } catch let error as CommandError {
            return error.report(command: "markdown")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "markdown")
        }
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        for argument in arguments {
            switch argument {
            case "--extensions": options.extensions = .all
            case "--safe": options.safe = true
            case "-h", "--help": throw CommandError(message: usage, status: 0)
            case "-": options.path = nil
            case _ where argument.hasPrefix("-"):
                throw CommandError.usage("unknown option '\(argument)'.\n\(usage)")
            default:
                if options.path != nil { throw CommandError.usage("give at most one file.\n\(usage)") }
                options.path = argument
            }
        }
        return options
    }

    /// Reads the file or all of standard input; invalid UTF-8 is repaired later, not refused.
    static func read(_ path: String?) throws -> [UInt8] {
        guard let path else {
            return [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError(message: "cannot read '\(path)': there is no such file.", status: 66)
        }
        if isDirectory.boolValue {
            throw CommandError(message: "cannot read '\(path)': it is a folder, not a file.", status: 66)
        }
        guard let bytes = FileBytes.read(path) else {
            throw CommandError(message: "cannot read '\(path)': permission denied or the file is unreadable.", status: 66)
        }
        return bytes
    }

    /// Writes every byte, retrying short writes.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CommandError(message: "cannot write the output: \(String(cString: strerror(errno))).", status: 74)
            }
            offset += n
        }
    }
}
