import HearthHTTP
import HearthStore

/// `POST /api/v1/responses`: one questionnaire response, each answer checked against its item's scale.
struct ResponsesEndpoint: Sendable {
    static let occasions: Set<String> = ["before", "after", "follow-up"]

    let manifest: ManifestIndex
    let store: any EventStore

    func handle(_ request: HTTPRequest) -> HTTPReply {
        let store = self.store
        return .afterStoring({ try parse(request) }, write: { response, done in store.append(response, completion: done) })
    }

    func parse(_ request: HTTPRequest) throws -> QuestionnaireResponse {
        let body = try JSONBody(request)
        try body.allow(["id", "measure", "occasion", "course", "area", "participant", "answers"], what: "a response")
        let id = try body.uuid("id", required: true)!
        let measureID = try body.text("measure", required: true)!
        guard let measure = manifest.measures[measureID] else {
            throw APIError(.unprocessable, code: "unknown_id", message: "there is no measure '\(measureID)'", field: "measure")
        }
        let occasion = try body.text("occasion", required: true)!
        guard Self.occasions.contains(occasion) else {
            throw APIError(.unprocessable, code: "unknown_occasion", message: "'occasion' is before, after or follow-up", field: "occasion")
        }
        let participant = try body.uuid("participant", required: false)
        // A before/after pair belongs to one participant and one course, so a linked answer must say which course.
        let course = try body.text("course", required: participant != nil)
        if let course {
            guard let known = manifest.courses[course] else {
                throw APIError(.unprocessable, code: "unknown_id", message: "there is no course '\(course)'", field: "course")
            }
            guard known.measures(for: occasion).contains(measureID) else {
                let asked = known.measures(for: occasion).sorted()
                throw APIError(.unprocessable, code: "measure_not_in_course",
                               message: "the course '\(course)' does not ask '\(measureID)' \(occasion == "before" ? "before" : "after") it"
                                   + (asked.isEmpty ? "" : "; it asks \(asked.joined(separator: ", "))"), field: "measure")
            }
        }
        let area = try manifest.checkArea(try body.text("area", required: false), field: "area")
        guard let raw = body.value("answers")?.object else {
            throw APIError(.badRequest, code: "missing_field", message: "'answers' is required: an object of item id to score", field: "answers")
        }
        var answers: [String: Int] = [:]
        for (item, value) in raw.members.sorted(by: { $0.key < $1.key }) {
            guard let allowed = measure.items[item] else {
                throw APIError(.unprocessable, code: "unknown_id", message: "the measure '\(measureID)' has no item '\(item)'", field: "answers.\(item)")
            }
            guard let number = value.number, let score = Int(exactly: number), allowed.contains(score) else {
                let values = allowed.sorted()
                throw APIError(.unprocessable, code: "out_of_range",
                              message: "the answer to '\(item)' must be a score on its scale, \(values.first ?? 0) to \(values.last ?? 0)", field: "answers.\(item)")
            }
            answers[item] = score
        }
        let missing = measure.items.count - answers.count
        guard missing <= measure.missingAllowed else {
            throw APIError(.unprocessable, code: "missing_answers",
                          message: "\(missing) item\(missing == 1 ? " is" : "s are") unanswered; this measure allows \(measure.missingAllowed)", field: "answers")
        }
        return QuestionnaireResponse(id: id, measure: measureID, occasion: occasion, course: course, area: area,
                                     participant: participant, answers: answers)
    }
}
