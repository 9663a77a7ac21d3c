import Foundation
import HearthHTTP
import HearthResearch
import HearthStore

/// Routes requests by the route table: the API under its base, `/healthz`, `/metrics`, and everything else
/// to the static site.
package struct APIRouter: Sendable {
    /// Where `/metrics` is answered.
    package enum MetricsExposure: Sendable {
        /// On the main address, beside the site and the API.
        case here
        /// Elsewhere (`--metrics-listen`) or nowhere (`--no-metrics`): 404 here.
        case elsewhere
    }

    let events: EventsEndpoint
    let responses: ResponsesEndpoint
    let consent: ConsentEndpoint
    let erasure: ErasureEndpoint
    let attempts: AttemptsEndpoint
    let certificates: CertificatesEndpoint
    let research: ResearchEndpoint
    let store: any EventStore
    let site: StaticSite
    let openAPI: [UInt8]?
    let metricsExposure: MetricsExposure
    /// The one route table, under the site's API base.
    package let routes: RouteTable
    /// Fed by the server's access records; read by `GET /metrics`.
    package let metrics: RequestMetrics
    let accessLog: AccessLog?

    /// `clock` gives seconds since 1970 (tests move it on to reach a retake date). `pages` draws the HTML pages that
    /// answer forms sent without JavaScript; without it the assessment routes take JSON only.
    package init(manifest: ManifestIndex, store: any EventStore, site: StaticSite, openAPI: [UInt8]? = nil, apiBase: String = "/api/v1",
                 assessments: AssessmentBook = AssessmentBook(), pages: ServerPages? = nil, research catalog: ResearchCatalog? = nil,
                 researchThreshold: DisclosureThreshold = .standard, metrics metricsExposure: MetricsExposure = .here,
                 accessLog: AccessLog? = nil, clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        events = EventsEndpoint(manifest: manifest, store: store)
        responses = ResponsesEndpoint(manifest: manifest, store: store)
        consent = ConsentEndpoint(manifest: manifest, store: store)
        erasure = ErasureEndpoint(store: store)
        attempts = AttemptsEndpoint(book: assessments, store: store, clock: clock, pages: pages)
        certificates = CertificatesEndpoint(book: assessments, store: store, clock: clock,
                                            lookups: ClientRateLimiter(limit: 20, window: 60, clock: clock), pages: pages)
        research = ResearchEndpoint(access: ResearchAccess(store: store, clock: clock, failures: ClientRateLimiter(limit: 10, window: 60, clock: clock)),
                                    figures: ResearchFigures(catalog: catalog ?? ResearchCatalog(siteTitle: "", courses: [], measures: [:], areas: []),
                                                             threshold: researchThreshold),
                                    store: store, clock: clock)
        self.store = store
        self.site = site
        self.openAPI = openAPI
        self.metricsExposure = metricsExposure
        routes = RouteTable(base: apiBase)
        metrics = RequestMetrics(routes: routes)
        self.accessLog = accessLog
    }

    /// Answers a request: now for reads, and after the store has finished for writes, without holding the event loop.
    package func reply(to request: HTTPRequest) -> HTTPReply {
        guard let (route, parameters) = routes.match(request.path) else {
            if routes.isAPIPath(request.path) {
                return .now(APIError(.notFound, code: "not_found", message: "there is no API endpoint \(request.path)").response)
            }
            guard request.method == "GET" || request.method == "HEAD" else { return .now(methodNotAllowed(["GET", "HEAD"])) }
            return .now(site.response(for: request.path, ifNoneMatch: request.header("if-none-match"),
                                      acceptEncoding: request.header("accept-encoding")))
        }
        guard route.methods.contains(request.method) else { return .now(methodNotAllowed(route.methods)) }
        switch route {
        case .events: return events.handle(request)
        case .responses: return responses.handle(request)
        case .consent: return consent.handle(request)
        case .participant: return erasure.handle(participant: parameters[0])
        case .attempts: return attempts.start(course: parameters[0], quiz: parameters[1], request)
        case .attempt: return attempts.submit(course: parameters[0], quiz: parameters[1], attempt: parameters[2], request)
        case .certificates: return certificates.issue(request)
        case .certificate: return certificates.verify(parameters[0], request)
        case .verification: return certificates.verifyPage(request)
        case .researchSummary, .researchFunnel, .researchOutcomes, .researchExport, .researchReport:
            return research.handle(route, file: parameters.first, request)
        case .researchStylesheet:
            // The report's styles hold no data, so they need no token; the dashboard page links them.
            return .now(HTTPResponse(status: .ok, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "no-cache")],
                                     body: Array(ResearchReport.stylesheet.utf8)))
        case .health:
            return .now(HTTPResponse(status: .ok, headers: [("Content-Type", "application/json"), ("Cache-Control", "no-store")],
                                     body: Array("{\"status\":\"ok\"}\n".utf8)))
        case .metrics:
            guard metricsExposure == .here else {
                return .now(APIError(.notFound, code: "not_found", message: "metrics are not served on this address").response)
            }
            return .now(metricsResponse())
        case .openAPI:
            guard let openAPI else { return .now(APIError(.notFound, code: "not_found", message: "no API description is installed").response) }
            return .now(HTTPResponse(status: .ok, headers: [("Content-Type", "application/json")], body: openAPI))
        }
    }

    /// `GET /metrics` in Prometheus's text format, wherever it is served.
    package func metricsResponse() -> HTTPResponse {
        let text = metrics.text(store: store.statistics, accessLogLinesDropped: accessLog?.droppedLines ?? 0)
        return HTTPResponse(status: .ok, headers: [("Content-Type", "text/plain; version=0.0.4"), ("Cache-Control", "no-store")],
                            body: Array(text.utf8))
    }

    /// The server's own refusals (413, 431, 408, …) in the API's error shape.
    package static let protocolErrorResponse: @Sendable (HTTPProtocolError) -> HTTPResponse = { APIError.protocolError($0) }

    private func methodNotAllowed(_ allowed: [String]) -> HTTPResponse {
        let list = allowed.joined(separator: ", ")
        return APIError(.methodNotAllowed, code: "method_not_allowed", message: "use \(list) here", headers: [("Allow", list)]).response
    }
}
