import Foundation
import XCTest
import HearthContent
import HearthHTTP
import HearthJSON
@testable import HearthAPI
import HearthResearch
@testable import HearthStore
import HearthTestSupport

/// A researcher's view through the API: tokens, areas and scopes, the audit, and figures that match an
/// independent count of what was stored — with small counts hidden so that nothing hidden can be worked out.
final class ResearchEndpointTests: XCTestCase {
    private var folder: URL!
    private var store: SQLiteEventStore!
    private var router: APIRouter!
    private let clock = ManualClock(Double(CalendarDay(year: 2026, month: 12, day: 2).daysSince1970 * 86_400 + 12 * 3600))
    var tokens: [String: String] = [:]
    private static let areas = ["E10000012", "E06000023", "E08000003"]

    /// The events seeded: (month offset, area, type, module) with how many.
    private var seeded: [(hour: Int64, area: String?, type: String, module: String?, count: Int)] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-research-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("db.sqlite").path
        store = try SQLiteEventStore(path: path)
        try seed(path)
        let measure = try XCTUnwrap(ContentLoader.load(folder: HearthTestRepository.content.path).0.measures.first { $0.id == "phq4" })
        let catalog = ResearchCatalog(siteTitle: "Test", courses: [
            .init(id: "c", title: "Course", modules: [("m1", "One"), ("m2", "Two")], quizzes: [("q", 80)],
                  measuresBefore: ["phq4"], measuresAfter: ["phq4"], afterDays: 14),
        ], measures: ["phq4": measure], areas: Self.areas.map { ($0, $0) })
        let clock = self.clock
        router = APIRouter(manifest: ManifestIndex(), store: store, site: try StaticSite(folder: folder.appendingPathComponent("site").path),
                           research: catalog, clock: { clock.now })
        for (name, areas, scope) in [("all-rows", nil, ResearchToken.Scope.rows), ("essex", ["E10000012"], .aggregate),
                                     ("old", nil, .rows), ("gone", nil, .rows)] as [(String, [String]?, ResearchToken.Scope)] {
            let token = "token-\(name)-" + String(repeating: "x", count: 20)
            tokens[name] = token
            let day = Int64(clock.now / 86_400)
            XCTAssertTrue(try store.waiting { store.createToken(ResearchToken(name: name, hash: ResearchAccessHash.of(token), areas: areas, scope: scope,
                                                                              expiresDay: name == "old" ? day - 1 : nil, createdDay: day - 30), completion: $0) })
        }
        XCTAssertTrue(try store.waiting { store.revokeToken(name: "gone", completion: $0) })
    }

    override func tearDownWithError() throws {
        store.close()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Events in three months and three areas (and none), with counts either side of the threshold; paired PHQ-4 answers.
    private func seed(_ path: String) throws {
        let connection = try SQLiteConnection(path: path)
        var generator = SeededGenerator(seed: 12)
        let months = [(2026, 10), (2026, 11), (2026, 12)]
        var seq: Int64 = 1_000
        for (year, month) in months {
            let hour = CalendarDay(year: year, month: month, day: 3).daysSince1970 * 24 + 10
            for area in Self.areas + [nil] {
                for (type, module) in [("course.started", nil), ("course.completed", nil), ("module.started", "m1"), ("module.completed", "m1"),
                                       ("module.started", "m2")] as [(String, String?)] {
                    let count = Int.random(in: 0...25, using: &generator)
                    seeded.append((hour, area, type, module, count))
                    for _ in 0..<count {
                        seq += 1
                        try connection.prepare("INSERT INTO events (seq, id, type, course, module, area, hour) VALUES (?, ?, ?, 'c', ?, ?, ?)")
                            .run([.integer(seq), .text(UUID().uuidString.lowercased()), .text(type), module.map { .text($0) } ?? .null,
                                  area.map { .text($0) } ?? .null, .integer(hour)])
                    }
                }
            }
        }
        // 30 participants with before and after PHQ-4 answers 20 days apart, 4 of them only 3 days apart.
        for n in 0..<30 {
            let participant = String(format: "%064x", n + 1)
            let beforeHour = CalendarDay(year: 2026, month: 10, day: 1).daysSince1970 * 24 + Int64(n)
            let afterHour = beforeHour + (n < 4 ? 3 : 20) * 24
            for (occasion, hour, shift) in [("before", beforeHour, 0), ("after", afterHour, -1)] {
                let id = UUID().uuidString.lowercased()
                try connection.prepare("INSERT INTO responses (id, measure, occasion, course, area, participant, hour) VALUES (?, 'phq4', ?, 'c', ?, ?, ?)")
                    .run([.text(id), .text(occasion), .text(Self.areas[n % 3]), .text(participant), .integer(hour)])
                for (index, item) in ["anxious", "worrying", "interest", "down"].enumerated() {
                    let value = max(0, min(3, (n + index) % 4 + (occasion == "after" ? shift * (n % 2) : 0)))
                    try connection.prepare("INSERT INTO response_items (response, item, value) VALUES (?, ?, ?)")
                        .run([.text(id), .text(item), .integer(Int64(value))])
                }
            }
        }
    }

    func get(_ path: String, token: String?) -> (Int, JSONObject, [(name: String, value: String)]) {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("authorization", "Bearer \(token)")) }
        let parts = path.split(separator: "?", maxSplits: 1)
        let request = HTTPRequest(method: "GET", path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "", headers: headers,
                                  client: ClientAddress(bytes: [10, 1, 1, 1]))
        let response = router.reply(to: request).waitForResponse()
        let body = response.file.map { file -> [UInt8] in
            var bytes = [UInt8](repeating: 0, count: file.length)
            _ = pread(file.descriptor, &bytes, file.length, 0)
            return bytes
        } ?? response.body
        return (response.status.code, (try? JSONReader.read(body).object) ?? ["raw": .string(String(decoding: body, as: UTF8.self))], response.headers)
    }

    func testAccessNeedsAValidTokenAndSeesOnlyItsAreasAndScope() {
        XCTAssertEqual(get("/api/v1/research/summary", token: nil).0, 401)
        XCTAssertEqual(get("/api/v1/research/summary", token: "nope").0, 401)
        XCTAssertEqual(get("/api/v1/research/summary", token: tokens["old"]).0, 401, "expired")
        XCTAssertEqual(get("/api/v1/research/summary", token: tokens["gone"]).0, 401, "revoked")
        XCTAssertEqual(get("/api/v1/research/summary", token: tokens["essex"]).0, 200)
        XCTAssertEqual(get("/api/v1/research/summary?area=E06000023", token: tokens["essex"]).0, 403, "another area")
        XCTAssertEqual(get("/api/v1/research/export/responses.csv", token: tokens["essex"]).0, 403, "rows need the rows scope")
        XCTAssertEqual(get("/api/v1/research/export/codebook.md", token: tokens["essex"]).0, 200, "the codebook does not")
        let essex = get("/api/v1/research/summary", token: tokens["essex"]).1
        XCTAssertEqual(essex["areas"]?.array?.compactMap(\.string), ["E10000012"], "only its area, and no 'none' column")
        XCTAssertEqual(get("/api/v1/research/summary?nonsense=1", token: tokens["essex"]).1["error"]?.object?["field"]?.string, "nonsense")
    }

    func testBadTokensFromOneClientAreSlowed() {
        for _ in 0..<10 { XCTAssertEqual(get("/api/v1/research/summary", token: "guess").0, 401) }
        let (status, _, headers) = get("/api/v1/research/summary", token: tokens["essex"])
        XCTAssertEqual(status, 429, "even a good token waits once a client has sent ten bad ones")
        XCTAssertNotNil(headers.first { $0.name == "Retry-After" })
        clock.now += 61
        XCTAssertEqual(get("/api/v1/research/summary", token: tokens["essex"]).0, 200)
    }

    func testEveryResearchRequestIsAudited() throws {
        _ = get("/api/v1/research/summary?year=2026", token: tokens["essex"])
        _ = get("/api/v1/research/funnel?course=c", token: tokens["all-rows"])
        _ = get("/api/v1/research/summary", token: "nope")
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM research_audit"), 2, "refused requests are not research requests")
        XCTAssertEqual(try store.scalar("SELECT COUNT(*) FROM research_audit WHERE token = 'essex' AND endpoint = 'researchSummary' AND parameters = 'year=2026'"), 1)
    }

    func testTheSummaryMatchesAnIndependentCountWithSmallCountsHidden() throws {
        let (status, body, _) = get("/api/v1/research/summary?year=2026", token: tokens["all-rows"])
        XCTAssertEqual(status, 200)
        let course = try XCTUnwrap(body["courses"]?.array?.first?.object)
        let started = try XCTUnwrap(course["courses_started"]?.object)
        let months = (1...12).map { String(format: "2026-%02d", $0) }
        XCTAssertEqual(started["rows"]?.array?.compactMap(\.string), months, "a whole year's table, whatever is asked")
        XCTAssertEqual(started["columns"]?.array?.compactMap(\.string), Self.areas + ["none"])
        var hidden = 0
        for (row, month) in months.enumerated() {
            let cells = try XCTUnwrap(started["cells"]?.array?[row].array)
            for (column, area) in (Self.areas.map(Optional.some) + [nil]).enumerated() {
                let expected = seeded.filter { CalendarDay(hour: $0.hour).iso.hasPrefix(month) && $0.area == area && $0.type == "course.started" }
                    .map(\.count).reduce(0, +)
                let cell = try XCTUnwrap(cells[column].object)
                if cell["suppressed"]?.bool == true {
                    hidden += 1
                    XCTAssertEqual(cell["count"], .null)
                } else {
                    XCTAssertEqual(cell["count"]?.number, Double(expected), "\(month) \(area ?? "none")")
                    XCTAssertGreaterThanOrEqual(expected, 10, "a shown count reaches the threshold")
                }
            }
        }
        // Every row and column with a hidden cell has at least two (totals included), so no total gives one back.
        let cells = try XCTUnwrap(started["cells"]?.array).map { $0.array!.map { $0.object!["suppressed"]?.bool == true } }
        let rowTotals = try XCTUnwrap(started["row_totals"]?.array).map { $0.object!["suppressed"]?.bool == true }
        let columnTotals = try XCTUnwrap(started["column_totals"]?.array).map { $0.object!["suppressed"]?.bool == true }
        for (row, line) in cells.enumerated() {
            let count = line.filter { $0 }.count + (rowTotals[row] ? 1 : 0)
            XCTAssertTrue(count == 0 || count >= 2, "row \(row)")
        }
        for column in 0..<(Self.areas.count + 1) {
            let count = cells.map { $0[column] }.filter { $0 }.count + (columnTotals[column] ? 1 : 0)
            XCTAssertTrue(count == 0 || count >= 2, "column \(column)")
        }
        XCTAssertGreaterThan(hidden, 0, "the seed has small counts to hide")
        // One area's view shows exactly the whole table's cells and totals, not a table of its own.
        let one = get("/api/v1/research/summary?year=2026&area=E10000012", token: tokens["all-rows"]).1
        let narrow = try XCTUnwrap(one["courses"]?.array?.first?.object?["courses_started"]?.object)
        XCTAssertEqual(narrow["columns"]?.array?.compactMap(\.string), ["E10000012"])
        let column = Self.areas.firstIndex(of: "E10000012")!
        XCTAssertEqual(narrow["cells"]?.array?.map { $0.array?.first }, started["cells"]?.array?.map { $0.array?[column] })
        XCTAssertEqual(narrow["row_totals"], started["row_totals"])
        XCTAssertEqual(narrow["total"], started["total"])
    }

    /// Subtracting one area's figures from the whole must not give back the other areas' small numbers.
    func testOneAreasFunnelAndOutcomesHideWhatTheOtherAreasWouldGiveBack() throws {
        let whole = get("/api/v1/research/funnel?course=c", token: tokens["all-rows"]).1
        for area in Self.areas {
            let narrow = get("/api/v1/research/funnel?course=c&area=\(area)", token: tokens["all-rows"]).1
            for (all, one) in zip(whole["anonymous"]?.array ?? [], narrow["anonymous"]?.array ?? []) {
                guard let total = all.object?["count"]?.number, let part = one.object?["count"]?.number else { continue }
                XCTAssertGreaterThanOrEqual(total - part, 10, "\(area) \(one.object?["stage"]?.string ?? ""): the rest would be a small count")
            }
        }
        // 30 pairs, 10 an area: one area's outcomes leave 20 in the others, so they may be shown; with 4 short gaps
        // left out (all in two areas' first rows), each area's view must still leave the others 10 or more.
        for area in Self.areas {
            let narrow = get("/api/v1/research/outcomes?course=c&measure=phq4&area=\(area)&min_gap_days=2", token: tokens["all-rows"]).1
            let total = try XCTUnwrap(narrow["scores"]?.array?.first?.object)
            if total["suppressed"]?.bool == false {
                XCTAssertLessThanOrEqual(total["n"]?.number ?? 99, 20, "the others keep at least 10")
            }
        }
    }

    func testOutcomesPairBeforeAndAfterAndLeaveOutShortGaps() throws {
        let (status, body, _) = get("/api/v1/research/outcomes?course=c&measure=phq4", token: tokens["all-rows"])
        XCTAssertEqual(status, 200, "\(body)")
        XCTAssertEqual(body["pairs_excluded_gap"], .null, "4 pairs under 14 days: a count under 10 is hidden")
        XCTAssertEqual(body["pairs_excluded_gap_suppressed"]?.bool, true)
        let total = try XCTUnwrap(body["scores"]?.array?.first?.object)
        XCTAssertEqual(total["score"]?.string, "total")
        XCTAssertEqual(total["better"]?.string, "lower")
        XCTAssertEqual(total["n"]?.number, 26)
        let shorter = get("/api/v1/research/outcomes?course=c&measure=phq4&min_gap_days=2", token: tokens["all-rows"]).1
        XCTAssertEqual(shorter["scores"]?.array?.first?.object?["n"]?.number, 30, "with a 2-day minimum every pair counts")
        XCTAssertEqual(get("/api/v1/research/outcomes?course=c&measure=ons4", token: tokens["all-rows"]).0, 404)
    }

    /// An analyst with the export and scipy gets the same figures as the API publishes.
    func testTheExportRecomputesToThePublishedOutcomes() throws {
        let published = get("/api/v1/research/outcomes?course=c&measure=phq4&min_gap_days=2", token: tokens["all-rows"]).1
        let csv = get("/api/v1/research/export/responses.csv", token: tokens["all-rows"]).1["raw"]?.string ?? ""
        let measure: JSONValue = .object([
            "id": .string("phq4"),
            "items": .array(["anxious", "worrying", "interest", "down"].map {
                .object(["id": .string($0), "reversed": .bool(false), "min": .number(0), "max": .number(3)])
            }),
            "subscales": .array([.object(["id": .string("anxiety"), "items": .array([.string("anxious"), .string("worrying")])]),
                                 .object(["id": .string("depression"), "items": .array([.string("interest"), .string("down")])])]),
        ])
        let cases = JSONWriter.bytes(of: .object(["csv": .string(csv), "measure": measure, "course": .string("c"), "min_gap_days": .number(2),
                                                 "published": .object(published)]), keyOrder: .sorted)
        let file = folder.appendingPathComponent("outcomes-case.json")
        try Data(cases).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", HearthTestRepository.root.appendingPathComponent("Tests/Research/recompute_outcomes.py").path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 2 { throw XCTSkip("scipy is not installed: \(output)") }
        XCTAssertEqual(process.terminationStatus, 0, output)
        XCTAssertTrue(output.hasPrefix("agree: 3 scores on 30 pairs"), output)
    }

    func testExportsGiveRowsWithoutArrivalOrderAndTheCodebookNamesEveryColumn() throws {
        let csv = get("/api/v1/research/export/events.csv", token: tokens["all-rows"]).1["raw"]?.string ?? ""
        let lines = csv.split(separator: "\r\n")
        XCTAssertEqual(lines.first, "hour,type,course,module,quiz,score,area,participant")
        XCTAssertEqual(lines.count - 1, seeded.map(\.count).reduce(0, +))
        XCTAssertFalse(csv.contains("seq"))
        let hours = lines.dropFirst().map { String($0.prefix(20)) }
        XCTAssertEqual(hours, hours.sorted(), "by hour first")
        let responses = get("/api/v1/research/export/responses.csv", token: tokens["all-rows"]).1["raw"]?.string ?? ""
        let header = String(responses.split(separator: "\r\n").first ?? "")
        let codebook = get("/api/v1/research/export/codebook.csv", token: tokens["all-rows"]).1["raw"]?.string ?? ""
        for column in header.split(separator: ",") {
            XCTAssertTrue(codebook.contains("\r\n\(column),"), "the codebook describes \(column)")
        }
        XCTAssertEqual(responses.split(separator: "\r\n").count - 1, 60)
        let xapi = get("/api/v1/research/export/xapi.ndjson", token: tokens["all-rows"]).1["raw"]?.string ?? ""
        let statements = xapi.split(separator: "\n").compactMap { try? JSONReader.read(Array($0.utf8)).object }
        XCTAssertEqual(statements.count, 60, "one 'answered' statement per linked response; anonymous events have no actor")
        XCTAssertEqual(statements.first?["verb"]?.object?["id"]?.string, "http://adlnet.gov/expapi/verbs/answered")
        XCTAssertEqual(statements.first?["version"]?.string, "1.0.3")
    }
}

/// The repository, for tests that read its content.
enum HearthTestRepository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let content = root.appendingPathComponent("Content")
}

extension ResearchEndpointTests {
    func testTheDashboardFragmentIsTheReportForTheTokensAreas() throws {
        let (status, body, headers) = get("/api/v1/research/report?year=2026", token: tokens["essex"])
        XCTAssertEqual(status, 200)
        XCTAssertEqual(headers.first { $0.name == "Content-Type" }?.value, "text/html; charset=utf-8")
        let html = body["raw"]?.string ?? ""
        XCTAssertTrue(html.hasPrefix("<article"), String(html.prefix(80)))
        XCTAssertFalse(html.contains("style=") || html.contains("<style") || html.contains("<script"), "nothing a strict CSP would block")
        XCTAssertFalse(html.contains("E06000023"), "only the token's areas")
        XCTAssertEqual(get("/api/v1/research/report", token: nil).0, 401)
        XCTAssertEqual(get("/api/v1/research/report.css", token: nil).0, 200, "the styles hold no data")
    }
}

/// The complement rule on its own: a narrower view hides a figure whose rest would be a small number.
final class ResearchComplementTests: XCTestCase {
    func testAStageWhoseOtherAreasAreFewIsHidden() {
        let course = ResearchCatalog.Course(id: "c", title: "C", modules: [], quizzes: [], measuresBefore: [], measuresAfter: [], afterDays: 14)
        let figures = ResearchFigures(catalog: ResearchCatalog(siteTitle: "", courses: [course], measures: [:], areas: []), threshold: .standard)
        var whole = FunnelRows(), area = FunnelRows()
        (whole.coursesStarted, area.coursesStarted) = (40, 25)       // the rest: 15, shown
        (whole.coursesCompleted, area.coursesCompleted) = (30, 24)   // the rest: 6, so 24 is hidden
        let funnel = figures.funnel(of: course, area: area, whole: whole)
        XCTAssertEqual(funnel.anonymous.first?.count, .shown(25))
        XCTAssertEqual(funnel.anonymous.last?.count, .suppressed)
        XCTAssertEqual(figures.funnel(of: course, rows: whole).anonymous.last?.count, .shown(30), "the whole funnel is unaffected")
    }
}
