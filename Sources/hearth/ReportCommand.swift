import Foundation
import HearthAPI
import HearthContent
import HearthResearch
import HearthStore

/// `hearth report`: the research dashboard as one self-contained, accessible HTML file — the same figures,
/// under the same disclosure control, as the API gives a token for the same areas.
enum ReportCommand {
    static let usage = """
        usage: hearth report [--db hearth.sqlite] [--content Content] [--out report.html] [--area E10000012]
                             [--year 2026] [--threshold 10]
        """

    static func run(_ arguments: [String]) -> Int32 {
        var options: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            if arguments[index] == "-h" || arguments[index] == "--help" { print(usage); return 0 }
            guard ["--db", "--content", "--out", "--area", "--year", "--threshold"].contains(arguments[index]), index + 1 < arguments.count else {
                return CommandError.usage("unknown option or missing value '\(arguments[index])'.\n\(usage)").report(command: "report")
            }
            options[arguments[index]] = arguments[index + 1]
            index += 2
        }
        let threshold: DisclosureThreshold
        do {
            threshold = try DisclosureThreshold(Int(options["--threshold"] ?? "10") ?? 0)
        } catch {
            return CommandError.usage("'--threshold': \(error)").report(command: "report")
        }
        let (content, diagnostics) = ContentLoader.load(folder: options["--content"] ?? "Content")
        if let error = diagnostics.all.first(where: { $0.severity == .error }) {
            return CommandError(message: "the content has errors; run hearth check (first: \(error))", status: 1).report(command: "report")
        }
        let now = Int64(Date().timeIntervalSince1970 / 3600)
        let months: [MonthSpan]
        do {
            months = try ResearchEndpointMonths.months(year: options["--year"], now: now)
        } catch {
            return CommandError.usage("'--year' is a year from 2000 to this one").report(command: "report")
        }
        let out = options["--out"] ?? "report.html"
        do {
            let html = try TokensCommand.withStore(options["--db"] ?? "hearth.sqlite") { store in
                try ResearchFigures(catalog: ResearchCatalog(content), threshold: threshold)
                    .report(store: store, areas: nil, area: options["--area"], months: months,
                            made: CalendarDay(hour: now).iso)
                    .document()
            }
            try Data(html).write(to: URL(fileURLWithPath: out))
            print("wrote \(out): \(months.first!.label) to \(months.last!.label), \(options["--area"] ?? "all areas"), counts under \(threshold.value) suppressed")
            return 0
        } catch let error as CommandError {
            return error.report(command: "report")
        } catch {
            return CommandError(message: "\(error)", status: 1).report(command: "report")
        }
    }
}
