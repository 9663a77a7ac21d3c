import HearthHTTP
import HearthStore

/// `POST /api/v1/events`: a batch of up to 100 anonymised events, validated against the manifest,
/// stored all-or-nothing and acknowledged only once durable.
package struct EventsEndpoint: Sendable {
    package static let maximumBatch = 100
    static let types: Set<String> = ["course.started", "module.started", "page.viewed", "quiz.answered", "quiz.completed",
                                     "module.completed", "course.completed"]
    static let fields: Set<String> = ["id", "type", "course", "module", "quiz", "score", "area", "participant"]

    let manifest: ManifestIndex
    let store: any EventStore

    package init(manifest: ManifestIndex, store: any EventStore) {
        self.manifest = manifest
        self.store = store
    }

    /// Validates at once; a valid batch is answered after the store's next commit, without holding the event loop.
    package func handle(_ request: HTTPRequest) -> HTTPReply {
        let store = self.store
        return .afterStoring({ try parse(request) }, write: { events, done in store.append(events, completion: done) })
    }

    func parse(_ request: HTTPRequest) throws -> [LearningEvent] {
        let body = try JSONBody(request)
        guard let list = body.value("events")?.array, body.fields.count == 1 else {
            throw APIError(.badRequest, code: "malformed_batch", message: "the body must hold exactly one key, \"events\", a list", field: "events")
        }
        guard !list.isEmpty, list.count <= Self.maximumBatch else {
            throw APIError(.badRequest, code: "batch_size", message: "send between 1 and \(Self.maximumBatch) events at a time", field: "events")
        }
        var seen = Set<String>()
        return try list.enumerated().map { index, item in
            let event = try validate(JSONBody(item, at: "events[\(index)]"))
            guard seen.insert(event.id).inserted else {
                throw APIError(.badRequest, code: "duplicate_id", message: "this id appears twice in the batch", field: "events[\(index)].id")
            }
            return event
        }
    }

    private func validate(_ fields: JSONBody) throws -> LearningEvent {
        try fields.allow(Self.fields, what: "events")
        let id = try fields.uuid("id", required: true)!
        let type = try fields.text("type", required: true)!
        guard Self.types.contains(type) else {
            throw APIError(.unprocessable, code: "unknown_type", message: "'\(type)' is not an event type; use one of \(Self.types.sorted().joined(separator: ", "))", field: fields.name("type"))
        }
        let courseID = try fields.text("course", required: true)!
        guard let course = manifest.courses[courseID] else {
            throw APIError(.unprocessable, code: "unknown_id", message: "there is no course '\(courseID)'", field: fields.name("course"))
        }
        let moduleID = try fields.text("module", required: !type.hasPrefix("course."))
        if let moduleID, course.modules[moduleID] == nil {
            throw APIError(.unprocessable, code: "unknown_id", message: "the course '\(courseID)' has no module '\(moduleID)'", field: fields.name("module"))
        }
        let isQuiz = type.hasPrefix("quiz.")
        let quizID = try fields.text("quiz", required: isQuiz)
        if let quizID {
            guard isQuiz else { throw APIError(.badRequest, code: "unexpected_field", message: "only quiz events carry 'quiz'", field: fields.name("quiz")) }
            guard let moduleID, course.modules[moduleID]?.contains(quizID) == true else {
                throw APIError(.unprocessable, code: "unknown_id", message: "the module has no quiz '\(quizID)'", field: fields.name("quiz"))
            }
        }
        var score: Double?
        if let raw = fields.value("score") {
            guard isQuiz, let number = raw.number, number >= 0, number <= 1 else {
                throw APIError(.unprocessable, code: "out_of_range", message: "'score' is a number from 0 to 1, on quiz events only", field: fields.name("score"))
            }
            score = number
        }
        let area = try manifest.checkArea(try fields.text("area", required: false), field: fields.name("area"))
        let participant = try fields.uuid("participant", required: false)
        return LearningEvent(id: id, type: type, course: courseID, module: moduleID, quiz: quizID, score: score,
                             area: area, participant: participant)
    }
}
