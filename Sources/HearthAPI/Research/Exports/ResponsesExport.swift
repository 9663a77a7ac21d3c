import HearthContent
import HearthJSON
import HearthResearch
import HearthStore

/// `responses.csv` and `responses.ndjson`: one row per participant, measure and occasion — the hashed participant
/// id, course, area, the day, each item's answer and each score — with columns named `<measure>_<item>` and
/// `<measure>_<score>` as the codebook lists them.
enum ResponsesExport {
    /// The answer and score columns of every measure, in the catalogue's order.
    private static func columns(_ catalog: ResearchCatalog) -> [(measure: Measure, items: [String], scores: [ScoreID])] {
        catalog.measures.keys.sorted().compactMap { id in
            guard let measure = catalog.measures[id] else { return nil }
            return (measure, measure.items.map(\.id), MeasureScorer(measure: measure).scoreIDs)
        }
    }

    static func csv(to sink: inout ExportSink, store: any EventStore, catalog: ResearchCatalog, areas: [String]?) throws {
        let columns = columns(catalog)
        var writer = CSVWriter()
        var header: [CSVWriter.Field] = ["participant", "course", "area", "day", "measure", "occasion"].map { .text($0) }
        for (measure, items, scores) in columns {
            header += items.map { .text("\(measure.id)_\($0)") } + scores.map { .text("\(measure.id)_\($0.name)") }
        }
        writer.writeRow(header)
        try sink.write(writer.takeBytes())
        var scorers: [String: MeasureScorer] = [:]
        for (measure, _, _) in columns { scorers[measure.id] = MeasureScorer(measure: measure) }
        try store.eachResponse(areas: areas) { row in
            var fields: [CSVWriter.Field] = [row.participant.map { .text($0) } ?? .empty, row.course.map { .text($0) } ?? .empty,
                                             row.area.map { .text($0) } ?? .empty, .text(ResearchExport.day(row.hour)),
                                             .text(row.measure), .text(row.occasion)]
            let scored = (try? scorers[row.measure]?.score(row.answers)) ?? [:]
            for (measure, items, scores) in columns {
                let mine = measure.id == row.measure
                fields += items.map { item in mine ? row.answers[item].map { .integer($0) } ?? .empty : .empty }
                fields += scores.map { score in mine ? scored[score].map { .number($0) } ?? .empty : .empty }
            }
            writer.writeRow(fields)
            try sink.write(writer.takeBytes())
        }
    }

    static func ndjson(to sink: inout ExportSink, store: any EventStore, catalog: ResearchCatalog, areas: [String]?) throws {
        var scorers: [String: MeasureScorer] = [:]
        for (id, measure) in catalog.measures { scorers[id] = MeasureScorer(measure: measure) }
        try store.eachResponse(areas: areas) { row in
            let scored = (try? scorers[row.measure]?.score(row.answers)) ?? [:]
            let object: JSONObject = [
                "participant": row.participant.map(JSONValue.string) ?? .null,
                "course": row.course.map(JSONValue.string) ?? .null,
                "area": row.area.map(JSONValue.string) ?? .null,
                "day": .string(ResearchExport.day(row.hour)),
                "measure": .string(row.measure),
                "occasion": .string(row.occasion),
                "answers": .object(JSONObject(row.answers.sorted { $0.key < $1.key }.map { (key: $0.key, value: .number(Double($0.value))) })),
                "scores": .object(JSONObject(scored.sorted { $0.key.name < $1.key.name }.map { (key: $0.key.name, value: .number($0.value)) })),
            ]
            var line = JSONWriter.bytes(of: .object(object), keyOrder: .declared)
            line.append(0x0A)
            try sink.write(line)
        }
    }
}
