import Foundation

// `hearth <command> [options]`: each command parses its own arguments and returns an exit status.
let arguments = Array(CommandLine.arguments.dropFirst())
let status: Int32
switch arguments.first {
case "markdown":
    status = MarkdownCommand.run(Array(arguments.dropFirst()))
case "build":
    status = BuildCommand.runBuild(Array(arguments.dropFirst()))
case "check":
    status = BuildCommand.runCheck(Array(arguments.dropFirst()))
case "serve":
    status = ServeCommand.run(Array(arguments.dropFirst()))
case "tokens":
    status = TokensCommand.run(Array(arguments.dropFirst()))
case "report":
    status = ReportCommand.run(Array(arguments.dropFirst()))
case "export":
    status = ExportCommand.run(Array(arguments.dropFirst()))
case "certificates":
    status = CertificatesCommand.run(Array(arguments.dropFirst()))
case "help", "--help", "-h", nil:
    print(Usage.text)
    status = arguments.isEmpty ? 64 : 0
case "--version":
    print("hearth \(Usage.version)")
    status = 0
case let other?:
    FileHandle.standardError.write(Data("hearth: unknown command '\(other)'.\n\n\(Usage.text)\n".utf8))
    status = 64
}
exit(status)
