import Dispatch
import HearthHTTP
import HearthStore

/// Routes requests: the API under `/api/v1/`, `/healthz`, and everything else to the static site.
public struct APIRouter: Sendable {
    let events: EventsEndpoint
    let responses: ResponsesEndpoint
    let consent: ConsentEndpoint
    let site: StaticSite
    let openAPI: [UInt8]?
    /// Fed by the server's access log; read by `GET /metrics`.
    public let metrics = RequestMetrics()

    public init(manifest: ManifestIndex, store: any EventStore, site: StaticSite, openAPI: [UInt8]? = nil) {
        events = EventsEndpoint(manifest: manifest, store: store)
        responses = ResponsesEndpoint(manifest: manifest, store: store)
        consent = ConsentEndpoint(manifest: manifest, store: store)
        self.site = site
        self.openAPI = openAPI
    }

    /// Answers a request: now for reads, and after the store has finished for writes, without holding the event loop.
    public func reply(to request: HTTPRequest) -> HTTPReply {
        if request.method == "DELETE" && request.path.hasPrefix(Self.participantsPrefix) {
            return erase(String(request.path.dropFirst(Self.participantsPrefix.count)))
        }
        guard request.method == "POST" else { return .now(respond(to: request)) }
        switch request.path {
        case "/api/v1/events": return events.handle(request)
        case "/api/v1/responses": return responses.handle(request)
        case "/api/v1/consent": return consent.handle(request)
        default: return .now(respond(to: request))
        }
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/healthz":
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET, HEAD") }
            return HTTPResponse(status: .ok, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                body: Array("{\"status\":\"ok\"}\n".utf8))
        case "/api/v1/events", "/api/v1/responses", "/api/v1/consent":
            return methodNotAllowed("POST")
        case "/metrics":
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET, HEAD") }
            let text = metrics.text(store: events.store.statistics)
            return HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain; version=0.0.4"), ("Cache-Control", "no-store")],
                                body: Array(text.utf8))
        case "/api/v1/openapi.json":
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET, HEAD") }
            guard let openAPI else { return .error(.notFound, code: "not_found", message: "no API description is installed") }
            return HTTPResponse(status: .ok, headers: [("Content-Type", "application/json")], body: openAPI)
        case _ where request.path.hasPrefix(Self.participantsPrefix):
            return methodNotAllowed("DELETE")
        case _ where request.path.hasPrefix("/api/"):
            return .error(.notFound, code: "not_found", message: "there is no API endpoint \(request.path)")
        default:
            guard request.method == "GET" || request.method == "HEAD" else { return methodNotAllowed("GET, HEAD") }
            return site.response(for: request.path, ifNoneMatch: request.header("if-none-match"),
                                 acceptEncoding: request.header("accept-encoding"))
        }
    }

    /// The path as logs and metrics show it: a participant id in a path is replaced by `{id}`.
    public static let loggedPath: @Sendable (String) -> String = { path in
        path.hasPrefix(participantsPrefix) ? participantsPrefix + "{id}" : path
    }

    static let participantsPrefix = "/api/v1/participants/"

    /// Erases everything held for a participant id (the person's right to withdraw).
    /// Queued to the store's writer like any other write, and answered once the erasure is on disk.
    private func erase(_ participant: String) -> HTTPReply {
        let id = participant.lowercased()
        guard JSONBody.isUUID(id) else {
            return .now(.error(.badRequest, code: "invalid_participant", message: "the participant id is the random UUID the browser made", field: "participant"))
        }
        let store = events.store
        return .later { respond in
            store.erase(participant: id) { result in
                switch result {
                case .success(let erasure):
                    let body = "{\"erased\":\(erasure.total),\"events\":\(erasure.events),\"responses\":\(erasure.responses),\"consents\":\(erasure.consents)}\n"
                    respond(HTTPResponse(status: .ok, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                         body: Array(body.utf8)))
                case .failure(let error):
                    respond(StoreReply.failure(error))
                }
            }
        }
    }

    private func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        var response = HTTPResponse.error(.methodNotAllowed, code: "method_not_allowed", message: "use \(allowed) here")
        response.headers.append(("Allow", allowed))
        return response
    }
}
