import Foundation
import HearthContent
import XCTest

/// Measures for the tests: the real ones from Content/measures, and test-only ones from Tests/Research/fixtures.
enum MeasureFixtures {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func content(_ id: String) throws -> Measure {
        try measure(id, folder: repository.appendingPathComponent("Content").path)
    }

    static func fixture(_ id: String) throws -> Measure {
        try measure(id, folder: repository.appendingPathComponent("Tests/Research/fixtures").path)
    }

    private static func measure(_ id: String, folder: String) throws -> Measure {
        let (site, diagnostics) = ContentLoader.load(folder: folder)
        let errors = diagnostics.all.filter { $0.severity == .error && $0.path.contains("/measures/") }
        XCTAssertEqual(errors, [], "the measure files load without errors")
        return try XCTUnwrap(site.measures.first { $0.id == id }, "the measure '\(id)' is in \(folder)")
    }
}
