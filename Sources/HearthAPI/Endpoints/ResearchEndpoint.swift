import Dispatch
import Foundation
import HearthHTTP
import HearthJSON
import HearthResearch
import HearthStore

/// `/research/…`: the figures a researcher's token may see — `summary`, `funnel`, `outcomes` — and, with the `rows`
/// scope, the row-level exports and codebook under `export/`. Every request needs a valid token, sees only its areas,
/// is recorded in the audit table before it is answered, and gets figures under disclosure control.
struct ResearchEndpoint: Sendable {
    let access: ResearchAccess
    let figures: ResearchFigures
    let store: any EventStore
    let clock: @Sendable () -> Double
    /// The work runs here, never on an event loop: figures read the database, exports write a file.
    private let work = DispatchQueue(label: "hearth-research", attributes: .concurrent)

    init(access: ResearchAccess, figures: ResearchFigures, store: any EventStore, clock: @escaping @Sendable () -> Double) {
        self.access = access
        self.figures = figures
        self.store = store
        self.clock = clock
    }

    func handle(_ route: APIRoute, file: String?, _ request: HTTPRequest) -> HTTPReply {
        .later { respond in
            access.check(request) { result in
                switch result {
                case .failure(let refusal):
                    respond(refusal.response)
                case .success(let grant):
                    work.async { respond(answer(route, file: file, request, grant: grant)) }
                }
            }
        }
    }

    private func answer(_ route: APIRoute, file: String?, _ request: HTTPRequest, grant: ResearchGrant) -> HTTPResponse {
        do {
            let endpoint = route == .researchExport ? "export/\(file ?? "")" : route.rawValue
            switch route {
            case .researchSummary:
                let query = try ResearchQuery(request.query, allowed: ["course", "area", "year"])
                try audit(grant, endpoint, request.query)
                return JSONAnswer.response(.ok, ResearchJSON.summary(try summary(query, grant: grant)))
            case .researchFunnel:
                let query = try ResearchQuery(request.query, allowed: ["course", "area"])
                let course = try self.course(try query.required("course"))
                let areas = try grant.areas(narrowedTo: query["area"])
                try audit(grant, endpoint, request.query)
                let rows = try store.waiting { store.funnel(course: course.id, areas: areas, completion: $0) }
                guard areas != grant.areas else { return JSONAnswer.response(.ok, ResearchJSON.funnel(figures.funnel(of: course, rows: rows))) }
                let whole = try store.waiting { store.funnel(course: course.id, areas: grant.areas, completion: $0) }
                return JSONAnswer.response(.ok, ResearchJSON.funnel(figures.funnel(of: course, area: rows, whole: whole)))
            case .researchOutcomes:
                let query = try ResearchQuery(request.query, allowed: ["course", "measure", "area", "min_gap_days"])
                let course = try self.course(try query.required("course"))
                let measureID = try query.required("measure")
                guard let measure = figures.catalog.measures[measureID], (course.measuresBefore + course.measuresAfter).contains(measureID) else {
                    throw APIError(.notFound, code: "unknown_id", message: "the course '\(course.id)' asks no measure '\(JSONBody.prefix(measureID, bytes: 40))'",
                                   field: "measure")
                }
                let gap = try query["min_gap_days"].map { text -> Int in
                    guard let days = Int(text), (0...3650).contains(days) else {
                        throw APIError(.badRequest, code: "invalid_parameter", message: "'min_gap_days' is a whole number of days, 0 to 3650", field: "min_gap_days")
                    }
                    return days
                } ?? course.afterDays
                let areas = try grant.areas(narrowedTo: query["area"])
                try audit(grant, endpoint, request.query)
                let answers = try store.waiting { store.answers(course: course.id, measure: measureID, areas: areas, completion: $0) }
                guard areas != grant.areas else {
                    return JSONAnswer.response(.ok, ResearchJSON.outcomes(try figures.outcomes(course: course, measure: measure, answers: answers,
                                                                                               minimumGapDays: gap).1))
                }
                let whole = try store.waiting { store.answers(course: course.id, measure: measureID, areas: grant.areas, completion: $0) }
                return JSONAnswer.response(.ok, ResearchJSON.outcomes(try figures.outcomes(course: course, measure: measure, area: answers, whole: whole,
                                                                                           minimumGapDays: gap)))
            case .researchReport:
                let query = try ResearchQuery(request.query, allowed: ["area", "year"])
                let shown = try grant.areas(narrowedTo: query["area"])
                let months = try Self.months(query, now: Int64(clock() / 3600))
                try audit(grant, endpoint, request.query)
                let report = try figures.report(store: store, areas: grant.areas, area: shown == grant.areas ? nil : query["area"],
                                                months: months, made: CalendarDay(hour: Int64(clock() / 3600)).iso)
                return HTTPResponse(status: .ok, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")],
                                    body: report.fragment())
            case .researchExport:
                guard let export = file.flatMap(ResearchExport.init(rawValue:)) else {
                    throw APIError(.notFound, code: "not_found", message: "the exports are \(ResearchExport.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard grant.scope == .rows || !export.needsRowsScope else {
                    throw APIError(.forbidden, code: "rows_scope_needed", message: "row-level exports need a token with the rows scope")
                }
                let query = try ResearchQuery(request.query, allowed: ["area"])
                let areas = try grant.areas(narrowedTo: query["area"])
                try audit(grant, endpoint, request.query)
                let descriptor = try ExportSink.temporaryFile()
                var sink = ExportSink(descriptor: descriptor)
                do {
                    try export.write(to: &sink, store: store, catalog: figures.catalog, areas: areas)
                } catch {
                    close(descriptor)
                    throw error
                }
                return HTTPResponse(status: .ok, headers: [("Content-Type", export.contentType), ("Cache-Control", "no-store"),
                                                           ("Content-Disposition", "attachment; filename=\"\(export.rawValue)\"")],
                                    file: FileBody(descriptor: descriptor, length: sink.written))
            default:
                throw APIError(.notFound, code: "not_found", message: "no such research endpoint")
            }
        } catch let refusal as APIError {
            return refusal.response
        } catch {
            return StoreReply.failure(error).response
        }
    }

    /// Records the request (token name, endpoint, parameters, hour) before anything is answered.
    private func audit(_ grant: ResearchGrant, _ endpoint: String, _ parameters: String) throws {
        _ = try store.waiting { store.audit(token: grant.token, endpoint: endpoint, parameters: String(parameters.prefix(500)), completion: $0) }
    }

    private func course(_ id: String) throws -> ResearchCatalog.Course {
        guard let course = figures.catalog.course(id) else {
            throw APIError(.notFound, code: "unknown_id", message: "there is no course '\(JSONBody.prefix(id, bytes: 40))'", field: "course")
        }
        return course
    }

    /// The months of a request's table: one calendar year (`year`, this year by default), up to this month. Tables are
    /// always whole years of the token's areas — a fixed grid — so no two requests publish overlapping tables whose
    /// totals could be subtracted to give back a hidden cell.
    static func months(_ query: ResearchQuery, now hour: Int64) throws -> [MonthSpan] {
        try ResearchEndpointMonths.months(year: query["year"], now: hour)
    }

    private func summary(_ query: ResearchQuery, grant: ResearchGrant) throws -> UsageSummary {
        let courses = try query["course"].map { [try course($0)] } ?? figures.catalog.courses
        let shown = try grant.areas(narrowedTo: query["area"])
        let months = try Self.months(query, now: Int64(clock() / 3600))
        // Counted for every area the token sees, then sliced: a one-area view shows the whole table's cells.
        let counts = try store.waiting { store.usage(months: months, areas: grant.areas, completion: $0) }
        let slice = shown == grant.areas ? nil : shown
        let usage = courses.map { course in
            figures.usage(of: course, rows: counts[course.id] ?? UsageRows(), months: months.map(\.label), areas: grant.areas, shown: slice)
        }
        return UsageSummary(threshold: figures.threshold.value, from: months[0].label, to: months[months.count - 1].label,
                            areas: slice ?? figures.columns(for: grant.areas), courses: usage)
    }
}
