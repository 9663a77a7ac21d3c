/// Every route the server answers besides the static site, in one table: the router dispatches by it,
/// the metrics label requests with its patterns, the access log hides ids with them, and a test holds it
/// to `Docs/openapi.json`.
package enum APIRoute: String, CaseIterable, Sendable {
    case events
    case responses
    case consent
    case participant
    case attempts
    case attempt
    case certificates
    case certificate
    /// The verify page's form without JavaScript: an HTML page for `?code=`.
    case verification
    case researchSummary
    case researchFunnel
    case researchOutcomes
    case researchExport
    case researchReport
    case researchStylesheet
    case openAPI
    case health
    case metrics

    /// The path pattern as OpenAPI writes it: under the API's base, or at the root for operations.
    package func pattern(base: String) -> String {
        switch self {
        case .events: base + "/events"
        case .responses: base + "/responses"
        case .consent: base + "/consent"
        case .participant: base + "/participants/{id}"
        case .attempts: base + "/assessments/{course}/{quiz}/attempts"
        case .attempt: base + "/assessments/{course}/{quiz}/attempts/{attempt}"
        case .certificates: base + "/certificates"
        case .certificate: base + "/certificates/{code}"
        case .verification: base + "/verify"
        case .researchSummary: base + "/research/summary"
        case .researchFunnel: base + "/research/funnel"
        case .researchOutcomes: base + "/research/outcomes"
        case .researchExport: base + "/research/export/{file}"
        case .researchReport: base + "/research/report"
        case .researchStylesheet: base + "/research/report.css"
        case .openAPI: base + "/openapi.json"
        case .health: "/healthz"
        case .metrics: "/metrics"
        }
    }

    /// The methods it answers (HEAD wherever GET is).
    package var methods: [String] {
        switch self {
        case .events, .responses, .consent, .attempts, .attempt, .certificates: ["POST"]
        case .participant: ["DELETE"]
        case .certificate, .verification, .researchSummary, .researchFunnel, .researchOutcomes, .researchExport, .researchReport, .researchStylesheet, .openAPI,
             .health, .metrics: ["GET", "HEAD"]
        }
    }
}

/// The route table under one API base (`site.xml`'s `<api base>`, a path such as `/api/v1`).
package struct RouteTable: Sendable {
    /// A pattern split at `/`: literal segments, and `{name}` segments that match any one non-empty segment.
    private struct Pattern: Sendable {
        var route: APIRoute
        var segments: [Substring?]
    }

    package let base: String
    private let patterns: [Pattern]

    package init(base: String) {
        let base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.base = base
        patterns = APIRoute.allCases.map { route in
            Pattern(route: route, segments: route.pattern(base: base).split(separator: "/", omittingEmptySubsequences: false).map {
                $0.hasPrefix("{") ? nil : $0
            })
        }
    }

    /// The route a path belongs to, with its `{…}` parameters in order.
    package func match(_ path: String) -> (route: APIRoute, parameters: [String])? {
        // Most requests are for the site: they are told apart without splitting the path.
        guard path.hasPrefix(base) || path == "/healthz" || path == "/metrics" else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for pattern in patterns where pattern.segments.count == segments.count {
            var parameters: [String] = []
            var matched = true
            for (expected, actual) in zip(pattern.segments, segments) {
                if let expected {
                    guard expected == actual else { matched = false; break }
                } else {
                    guard !actual.isEmpty else { matched = false; break }
                    parameters.append(String(actual))
                }
            }
            if matched { return (pattern.route, parameters) }
        }
        return nil
    }

    /// Whether a path is under the API (answered with a JSON 404 when no route matches).
    package func isAPIPath(_ path: String) -> Bool {
        path == base || path.hasPrefix(base + "/")
    }

    /// The path as logs and metrics show it: a route's pattern, so ids and codes in paths never reach them.
    package func loggedPath(_ path: String) -> String {
        guard let (route, parameters) = match(path), !parameters.isEmpty else { return path }
        return route.pattern(base: base)
    }

    /// The metric label of a logged path: a route's pattern, `api-unknown` for other API paths, `static` for
    /// the site, `malformed` for requests that could not be read.
    package func metricLabel(_ loggedPath: String) -> String {
        if loggedPath == "-" { return "malformed" }
        if let (route, _) = match(loggedPath) { return route.pattern(base: base) }
        return isAPIPath(loggedPath) ? "api-unknown" : "static"
    }
}
