import HearthJSON
import HearthResearch
import HearthStore

/// `xapi.ndjson`: xAPI 1.0.3 statements, one a line, for teams that already run a learning record store. The actor
/// is an account named by the participant's hashed id; verbs are ADL's: `initialized` (a course or module started),
/// `completed`, `answered` (a quiz or questionnaire) and `passed` (a quiz at or above its pass mark). Only records
/// linked to a consenting participant become statements: an anonymous event has no actor to give.
enum XAPIExport {
    private static let verbs = "http://adlnet.gov/expapi/verbs/"
    private static let activities = "http://adlnet.gov/expapi/activities/"

    static func ndjson(to sink: inout ExportSink, store: any EventStore, catalog: ResearchCatalog, areas: [String]?) throws {
        let home = catalog.baseURL.isEmpty ? "https://hearth.invalid/" : (catalog.baseURL.hasSuffix("/") ? catalog.baseURL : catalog.baseURL + "/")
        let passMarks = Dictionary(catalog.courses.flatMap(\.quizzes), uniquingKeysWith: { first, _ in first })
        func statement(id: String, actor: String, verb: String, object: String, type: String, hour: Int64, result: JSONObject?) throws {
            var members: JSONObject = [
                "id": .string(id),
                "actor": .object(["objectType": .string("Agent"), "account": .object(["homePage": .string(home), "name": .string(actor)])]),
                "verb": .object(["id": .string(verbs + verb), "display": .object(["en-GB": .string(verb)])]),
                "object": .object(["objectType": .string("Activity"), "id": .string(home + object),
                                   "definition": .object(["type": .string(activities + type)])]),
                "timestamp": .string(ResearchExport.timestamp(hour)),
                "version": .string("1.0.3"),
            ]
            if let result { members.members.append((key: "result", value: .object(result))) }
            var line = JSONWriter.bytes(of: .object(members), keyOrder: .declared)
            line.append(0x0A)
            try sink.write(line)
        }
        try store.eachEvent(areas: areas) { event in
            guard let actor = event.participant else { return }
            let module = event.module.map { "courses/\(event.course)/\($0)/" } ?? "courses/\(event.course)/"
            switch event.type {
            case "course.started", "module.started":
                try statement(id: event.id, actor: actor, verb: "initialized", object: module,
                              type: event.module == nil ? "course" : "module", hour: event.hour, result: nil)
            case "course.completed", "module.completed":
                try statement(id: event.id, actor: actor, verb: "completed", object: module,
                              type: event.module == nil ? "course" : "module", hour: event.hour, result: ["completion": .bool(true)])
            case "quiz.completed":
                let object = module + "#" + (event.quiz ?? "quiz")
                let score = event.score ?? 0
                let passMark = event.quiz.flatMap { passMarks[$0] }
                var result: JSONObject = ["score": .object(["scaled": .number(score)]), "completion": .bool(true)]
                if let passMark { result.members.append((key: "success", value: .bool(score * 100 >= Double(passMark)))) }
                try statement(id: event.id, actor: actor, verb: "answered", object: object, type: "assessment", hour: event.hour, result: result)
                if let passMark, score * 100 >= Double(passMark) {
                    // A second statement for the pass, with an id of its own derived from the event's.
                    try statement(id: Self.derivedID(event.id), actor: actor, verb: "passed", object: object, type: "assessment",
                                  hour: event.hour, result: ["score": .object(["scaled": .number(score)]), "success": .bool(true)])
                }
            default:
                return
            }
        }
        var scorers: [String: MeasureScorer] = [:]
        for (id, measure) in catalog.measures { scorers[id] = MeasureScorer(measure: measure) }
        try store.eachResponse(areas: areas) { row in
            guard let actor = row.participant else { return }
            let scored = (try? scorers[row.measure]?.score(row.answers)) ?? [:]
            let scores = JSONObject(scored.sorted { $0.key.name < $1.key.name }.map { (key: $0.key.name, value: .number($0.value)) })
            try statement(id: Self.derivedID(actor + row.measure + row.occasion + (row.course ?? "")), actor: actor, verb: "answered",
                          object: "measures/\(row.measure).html#\(row.occasion)", type: "assessment", hour: row.hour,
                          result: ["completion": .bool(true), "extensions": .object([home + "xapi/scores": .object(scores)])])
        }
    }

    /// A version 8 UUID from a text (its SHA-256's first 16 bytes): the same record always gets the same statement id.
    static func derivedID(_ text: String) -> String {
        var bytes = Array(SHA256.hash(Array(("hearth xapi " + text).utf8)).prefix(16))
        bytes[6] = bytes[6] & 0x0F | 0x80
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        return [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            .joined(separator: "-")
    }
}
