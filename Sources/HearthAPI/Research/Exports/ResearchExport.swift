import HearthContent
import HearthJSON
import HearthResearch
import HearthStore

/// The row-level exports (the `rows` scope) and the codebook. Rows come in an order that says nothing of who
/// sent what or when within the hour — by hour, then by the record's random id — and never carry the store's
/// arrival order; times are given to the hour, answers' days to the day.
package enum ResearchExport: String, CaseIterable, Sendable {
    case responsesCSV = "responses.csv"
    case eventsCSV = "events.csv"
    case responsesNDJSON = "responses.ndjson"
    case xapiNDJSON = "xapi.ndjson"
    case codebookMarkdown = "codebook.md"
    case codebookCSV = "codebook.csv"

    package var contentType: String {
        switch self {
        case .responsesCSV, .eventsCSV, .codebookCSV: "text/csv; charset=utf-8; header=present"
        case .responsesNDJSON, .xapiNDJSON: "application/x-ndjson"
        case .codebookMarkdown: "text/markdown; charset=utf-8"
        }
    }

    /// Whether it holds rows about people (hashed), and so needs the `rows` scope.
    package var needsRowsScope: Bool {
        switch self {
        case .codebookMarkdown, .codebookCSV: false
        default: true
        }
    }

    /// Writes the export of the records in `areas` (nil for all).
    package func write(to sink: inout ExportSink, store: any EventStore, catalog: ResearchCatalog, areas: [String]?) throws {
        switch self {
        case .responsesCSV: try ResponsesExport.csv(to: &sink, store: store, catalog: catalog, areas: areas)
        case .responsesNDJSON: try ResponsesExport.ndjson(to: &sink, store: store, catalog: catalog, areas: areas)
        case .eventsCSV: try EventsExport.csv(to: &sink, store: store, areas: areas)
        case .xapiNDJSON: try XAPIExport.ndjson(to: &sink, store: store, catalog: catalog, areas: areas)
        case .codebookMarkdown: try sink.write(Codebook(catalog: catalog).markdown())
        case .codebookCSV: try sink.write(Codebook(catalog: catalog).csv())
        }
        try sink.flush()
    }

    /// `YYYY-MM-DD` of an hour.
    static func day(_ hour: Int64) -> String { CalendarDay(hour: hour).iso }

    /// `YYYY-MM-DDTHH:00:00Z` of an hour.
    static func timestamp(_ hour: Int64) -> String {
        let within = ((hour % 24) + 24) % 24
        return "\(day(hour))T\(within < 10 ? "0" : "")\(within):00:00Z"
    }
}
