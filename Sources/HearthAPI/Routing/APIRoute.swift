/// Every route the server answers besides the static site, in one table: the router dispatches by it,
/// the metrics label requests with its patterns, the access log hides ids with them, and a test holds it
/// to `Docs/openapi.json`.
package enum APIRoute: String, CaseIterable, Sendable {
    case events
    case responses
    case consent
    case participant
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
        case .openAPI: base + "/openapi.json"
        case .health: "/healthz"
        case .metrics: "/metrics"
        }
    }

    /// The methods it answers (HEAD wherever GET is).
    package var methods: [String] {
        switch self {
        case .events, .responses, .consent: ["POST"]
        case .participant: ["DELETE"]
        case .openAPI, .health, .metrics: ["GET", "HEAD"]
        }
    }
}

/// The route table under one API base (`site.xml`'s `<api base>`, a path such as `/api/v1`).
package struct RouteTable: Sendable {
    package let base: String
    private let exact: [String: APIRoute]
    private let participantsPrefix: String

    package init(base: String) {
        let base = base.hasSuffix("/") ? String(base.dropLast()) : base
        self.base = base
        var exact: [String: APIRoute] = [:]
        for route in APIRoute.allCases where !route.pattern(base: base).contains("{") { exact[route.pattern(base: base)] = route }
        self.exact = exact
        participantsPrefix = base + "/participants/"
    }

    /// The route a path belongs to, with its `{id}` parameter if it has one.
    package func match(_ path: String) -> (route: APIRoute, parameter: String?)? {
        if let route = exact[path] { return (route, nil) }
        if path.hasPrefix(participantsPrefix) {
            let id = path.dropFirst(participantsPrefix.count)
            if !id.isEmpty && !id.contains("/") { return (.participant, String(id)) }
        }
        return nil
    }

    /// Whether a path is under the API (answered with a JSON 404 when no route matches).
    package func isAPIPath(_ path: String) -> Bool {
        path == base || path.hasPrefix(base + "/")
    }

    /// The path as logs and metrics show it: a route's pattern, so ids in paths never reach them.
    package func loggedPath(_ path: String) -> String {
        guard let (route, parameter) = match(path), parameter != nil else { return path }
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
