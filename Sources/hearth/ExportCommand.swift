import Foundation
import HearthAPI
import HearthContent

/// `hearth export FILE [--db hearth.sqlite] [--content Content] [--area CODE] [--out PATH]`: the same row-level
/// exports and codebook as the API's `research/export/`, for someone with the database in hand.
enum ExportCommand {
    static let usage = """
        usage: hearth export responses.csv|events.csv|responses.ndjson|xapi.ndjson|codebook.md|codebook.csv
                             [--db hearth.sqlite] [--content Content] [--area E10000012] [--out FILE]
        """

    static func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, let export = ResearchExport(rawValue: name) else {
            if arguments.first == "-h" || arguments.first == "--help" { print(usage); return 0 }
            return CommandError.usage(usage).report(command: "export")
        }
        var options: [String: String] = [:]
        var index = 1
        while index < arguments.count {
            guard ["--db", "--content", "--area", "--out"].contains(arguments[index]), index + 1 < arguments.count else {
                return CommandError.usage("unknown option or missing value '\(arguments[index])'.\n\(usage)").report(command: "export")
            }
            options[arguments[index]] = arguments[index + 1]
            index += 2
        }
        let (content, diagnostics) = ContentLoader.load(folder: options["--content"] ?? "Content")
        if let error = diagnostics.all.first(where: { $0.severity == .error }) {
            return CommandError(message: "the content has errors, so the measures cannot be read; run hearth check (first: \(error))", status: 1)
                .report(command: "export")
        }
        let out = options["--out"]
        let descriptor = out.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) } ?? STDOUT_FILENO
        guard descriptor >= 0 else { return CommandError(message: "cannot write \(out ?? "")", status: 73).report(command: "export") }
        defer { if out != nil { close(descriptor) } }
        do {
            try TokensCommand.withStore(options["--db"] ?? "hearth.sqlite") { store in
                var sink = ExportSink(descriptor: descriptor)
                try export.write(to: &sink, store: store, catalog: ResearchCatalog(content), areas: options["--area"].map { [$0] })
            }
            return 0
        } catch let error as CommandError {
            return error.report(command: "export")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "export")
        }
    }
}
