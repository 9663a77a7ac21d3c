import HearthResearch
import HearthStore

/// `events.csv`: every event with its hour, never its arrival order or its id (neither says anything a
/// researcher needs, and the order could tie one browser's events together).
enum EventsExport {
    static func csv(to sink: inout ExportSink, store: any EventStore, areas: [String]?) throws {
        var writer = CSVWriter()
        writer.writeRow(["hour", "type", "course", "module", "quiz", "score", "area", "participant"].map { .text($0) })
        try sink.write(writer.takeBytes())
        try store.eachEvent(areas: areas) { event in
            writer.writeRow([.text(ResearchExport.timestamp(event.hour)), .text(event.type), .text(event.course),
                             event.module.map { .text($0) } ?? .empty, event.quiz.map { .text($0) } ?? .empty,
                             event.score.map { .number($0) } ?? .empty, event.area.map { .text($0) } ?? .empty,
                             event.participant.map { .text($0) } ?? .empty])
            try sink.write(writer.takeBytes())
        }
    }
}
