import Foundation
import XCTest
@testable import HearthAPI
import HearthJSON

/// The one route table is what the server answers, what the metrics and the log call each route, and what
/// `Docs/openapi.json` describes.
final class RouteTableTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testTheOpenAPIDescriptionHasExactlyTheRoutesAndMethods() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("Docs/openapi.json"))
        let paths = try XCTUnwrap(try JSONReader.read([UInt8](data)).object?["paths"]?.object)
        var described: Set<String> = []
        for (path, operations) in paths.members {
            for method in operations.object?.keys ?? [] where ["get", "post", "put", "delete", "patch", "head"].contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        let table = RouteTable(base: "/api/v1")
        let routed = Set(APIRoute.allCases.flatMap { route in
            route.methods.filter { $0 != "HEAD" }.map { "\($0) \(route.pattern(base: table.base))" }
        })
        XCTAssertEqual(described, routed)
    }

    func testPathsMatchTheirRouteUnderAnyBase() {
        let table = RouteTable(base: "/hub/api/")
        XCTAssertEqual(table.match("/hub/api/events")?.route, .events)
        XCTAssertEqual(table.match("/hub/api/participants/abc")?.parameters, ["abc"])
        XCTAssertEqual(table.match("/hub/api/assessments/c/q/attempts/a1")?.parameters, ["c", "q", "a1"])
        XCTAssertEqual(table.match("/hub/api/assessments/c/q/attempts")?.route, .attempts)
        XCTAssertNil(table.match("/hub/api/assessments/c//attempts"), "an empty segment matches nothing")
        XCTAssertNil(table.match("/hub/api/participants/"), "an empty id is no route")
        XCTAssertNil(table.match("/hub/api/participants/a/b"))
        XCTAssertNil(table.match("/api/v1/events"), "only under the configured base")
        XCTAssertEqual(table.match("/healthz")?.route, .health)
        XCTAssertTrue(table.isAPIPath("/hub/api/nothing"))
        XCTAssertFalse(table.isAPIPath("/hub/apiary"))
    }

    func testLogsAndMetricsNeverSeeAnIdInAPath() {
        let table = RouteTable(base: "/api/v1")
        let path = "/api/v1/participants/3f2504e0-4f89-41d3-9a0c-0305e82c3301"
        XCTAssertEqual(table.loggedPath(path), "/api/v1/participants/{id}")
        XCTAssertEqual(table.metricLabel(table.loggedPath(path)), "/api/v1/participants/{id}")
        XCTAssertEqual(table.metricLabel("/api/v1/responses"), "/api/v1/responses", "every route has its own label")
        XCTAssertEqual(table.metricLabel("/api/v1/consent"), "/api/v1/consent")
        XCTAssertEqual(table.metricLabel("/api/v1/unknown/thing"), "api-unknown")
        XCTAssertEqual(table.metricLabel("/courses/a/"), "static")
        XCTAssertEqual(table.metricLabel("-"), "malformed")
        XCTAssertEqual(table.loggedPath("/courses/a/"), "/courses/a/")
    }
}
