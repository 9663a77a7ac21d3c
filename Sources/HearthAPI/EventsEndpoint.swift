import Foundation
import HearthHTTP
import HearthStore

/// `POST /api/v1/events`: a batch of up to 100 anonymised events, validated against the manifest,
/// stored all-or-nothing and acknowledged only once durable.
public struct EventsEndpoint: Sendable {
    public static let maximumBatch = 100
    static let types: Set<String> = ["course.started", "module.started", "page.viewed", "quiz.answered", "quiz.completed",
                                     "module.completed", "course.completed"]
    static let fields: Set<String> = ["id", "type", "course", "module", "quiz", "score", "area", "participant"]

    let manifest: ManifestIndex
    let store: any EventStore

    public init(manifest: ManifestIndex, store: any EventStore) {
        self.manifest = manifest
        self.store = store
    }

    /// A refusal: status, machine code, plain message and the field at fault.
    struct Refusal: Error {
        var status: HTTPStatus
        var code: String
        var message: String
        var field: String?
    }

    /// Validates at once; a valid batch is answered after the store's next commit, without holding the event loop.
    public func handle(_ request: HTTPRequest) -> HTTPReply {
        let events: [LearningEvent]
        do {
            events = try parse(request)
        } catch let refusal as Refusal {
            return .now(.error(refusal.status, code: refusal.code, message: refusal.message, field: refusal.field))
        } catch {
            return .now(.error(.badRequest, code: "malformed_batch", message: "the batch could not be read"))
        }
        let store = self.store
        return .later { respond in
            store.append(events) { result in respond(Self.response(for: result)) }
        }
    }

    static func response(for result: Result<AppendResult, Error>) -> HTTPResponse {
        switch result {
        case .success(let counts):
            let body = "{\"accepted\":\(counts.accepted),\"duplicates\":\(counts.duplicates)}\n"
            return HTTPResponse(status: .accepted, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                body: Array(body.utf8))
        case .failure:
            // Nothing was stored: the client keeps its events and retries later.
            return .error(.serviceUnavailable, code: "store_unavailable", message: "events cannot be stored right now; try again later")
        }
    }

    func parse(_ request: HTTPRequest) throws -> [LearningEvent] {
        let type = request.header("content-type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == "application/json" else {
            throw Refusal(status: .unsupportedMediaType, code: "unsupported_media_type", message: "send the events as application/json")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any] else {
            throw Refusal(status: .badRequest, code: "malformed_json", message: "the body must be a JSON object like {\"events\": [...]}")
        }
        guard let list = object["events"] as? [Any], object.count == 1 else {
            throw Refusal(status: .badRequest, code: "malformed_batch", message: "the body must hold exactly one key, \"events\", a list", field: "events")
        }
        guard !list.isEmpty, list.count <= Self.maximumBatch else {
            throw Refusal(status: .badRequest, code: "batch_size", message: "send between 1 and \(Self.maximumBatch) events at a time", field: "events")
        }
        var seen = Set<String>()
        return try list.enumerated().map { index, item in
            let event = try validate(item, at: "events[\(index)]")
            guard seen.insert(event.id).inserted else {
                throw Refusal(status: .badRequest, code: "duplicate_id", message: "this id appears twice in the batch", field: "events[\(index)].id")
            }
            return event
        }
    }

    private func validate(_ item: Any, at path: String) throws -> LearningEvent {
        guard let fields = item as? [String: Any] else {
            throw Refusal(status: .badRequest, code: "malformed_event", message: "each event must be a JSON object", field: path)
        }
        for key in fields.keys.sorted() where !Self.fields.contains(key) {
            throw Refusal(status: .badRequest, code: "unknown_field", message: "events may not carry '\(key)'; only \(Self.fields.sorted().joined(separator: ", "))", field: "\(path).\(key)")
        }
        func text(_ key: String, required: Bool) throws -> String? {
            guard let value = fields[key], !(value is NSNull) else {
                if required { throw Refusal(status: .badRequest, code: "missing_field", message: "'\(key)' is required", field: "\(path).\(key)") }
                return nil
            }
            guard let string = value as? String, !string.isEmpty, string.utf8.count <= 100 else {
                throw Refusal(status: .badRequest, code: "invalid_field", message: "'\(key)' must be a short string", field: "\(path).\(key)")
            }
            return string
        }
        let id = try text("id", required: true)!
        guard Self.isUUID(id) else {
            throw Refusal(status: .badRequest, code: "invalid_id", message: "'id' must be a UUID generated by the client", field: "\(path).id")
        }
        let type = try text("type", required: true)!
        guard Self.types.contains(type) else {
            throw Refusal(status: .unprocessable, code: "unknown_type", message: "'\(type)' is not an event type; use one of \(Self.types.sorted().joined(separator: ", "))", field: "\(path).type")
        }
        let courseID = try text("course", required: true)!
        guard let course = manifest.courses[courseID] else {
            throw Refusal(status: .unprocessable, code: "unknown_id", message: "there is no course '\(courseID)'", field: "\(path).course")
        }
        let needsModule = !type.hasPrefix("course.")
        let moduleID = try text("module", required: needsModule)
        if let moduleID, course.modules[moduleID] == nil {
            throw Refusal(status: .unprocessable, code: "unknown_id", message: "the course '\(courseID)' has no module '\(moduleID)'", field: "\(path).module")
        }
        let isQuiz = type.hasPrefix("quiz.")
        let quizID = try text("quiz", required: isQuiz)
        if let quizID {
            guard isQuiz else { throw Refusal(status: .badRequest, code: "unexpected_field", message: "only quiz events carry 'quiz'", field: "\(path).quiz") }
            guard let moduleID, course.modules[moduleID]?.contains(quizID) == true else {
                throw Refusal(status: .unprocessable, code: "unknown_id", message: "the module has no quiz '\(quizID)'", field: "\(path).quiz")
            }
        }
        var score: Double?
        if let raw = fields["score"], !(raw is NSNull) {
            guard isQuiz, let number = raw as? NSNumber, !(raw is Bool), number.doubleValue >= 0, number.doubleValue <= 1 else {
                throw Refusal(status: .unprocessable, code: "out_of_range", message: "'score' is a number from 0 to 1, on quiz events only", field: "\(path).score")
            }
            score = number.doubleValue
        }
        let area = try text("area", required: false)
        if let area, !manifest.areas.contains(area) {
            throw Refusal(status: .unprocessable, code: "unknown_id", message: "'\(area)' is not an area this site serves", field: "\(path).area")
        }
        let participant = try text("participant", required: false)
        if let participant, !Self.isUUID(participant) {
            throw Refusal(status: .badRequest, code: "invalid_participant", message: "'participant' must be the random UUID the browser made", field: "\(path).participant")
        }
        return LearningEvent(id: id.lowercased(), type: type, course: courseID, module: moduleID, quiz: quizID, score: score,
                             area: area, participant: participant?.lowercased())
    }

    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, c) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                if c != UInt8(ascii: "-") { return false }
            } else if !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)) {
                return false
            }
        }
        return true
    }
}
