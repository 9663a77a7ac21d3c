import Foundation
import XCTest
import HearthContent

/// `after-days`, `follow-up-days` and `retake-after-days` in a course's front matter: defaults, and an error
/// at the line of each bad value.
final class CourseScheduleTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("course-schedule-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/courses/c", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Loads a one-course folder whose course.md has `settings` after its title, summary and audience.
    private func load(audience: String = "parents", _ settings: String) throws -> (Course?, [String]) {
        let text = "---\ntitle: C\nsummary: S\naudience: \(audience)\n\(settings)---\nIntro.\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/courses/c/course.md"))
        let (site, diagnostics) = ContentLoader.load(folder: folder)
        return (site.courses.first, diagnostics.sorted.map { $0.description.replacingOccurrences(of: folder + "/", with: "") })
    }

    func testDefaultsForAParentsCourse() throws {
        let (course, diagnostics) = try load("")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(course?.afterDays, 14, "two weeks, PHQ-4's recall period")
        XCTAssertNil(course?.followUpDays)
        XCTAssertNil(course?.retakeAfterDays, "retaking is for training courses")
    }

    func testDefaultsForATrainingCourse() throws {
        let (course, diagnostics) = try load(audience: "practitioners", "")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(course?.retakeAfterDays, 7)
    }

    func testValuesAsWritten() throws {
        let (course, diagnostics) = try load(audience: "practitioners", "after-days: 28\nfollow-up-days: 90\nretake-after-days: 30\n")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(course?.afterDays, 28)
        XCTAssertEqual(course?.followUpDays, 90)
        XCTAssertEqual(course?.retakeAfterDays, 30)
    }

    func testBadValuesAreErrorsAtTheirLine() throws {
        let (course, diagnostics) = try load("after-days: soon\nfollow-up-days: 0\n")
        XCTAssertEqual(diagnostics, [
            "courses/c/course.md:5:13: error: 'after-days' should be a whole number from 1 to 730, not 'soon'",
            "courses/c/course.md:6:17: error: 'follow-up-days' should be a whole number from 1 to 1095, not '0'",
        ])
        XCTAssertEqual(course?.afterDays, 14, "a bad value keeps the default")
        XCTAssertNil(course?.followUpDays)
    }

    func testAFollowUpComesAfterTheAfterMeasures() throws {
        let (course, diagnostics) = try load("after-days: 30\nfollow-up-days: 30\n")
        XCTAssertEqual(diagnostics, [
            "courses/c/course.md:6:1: error: 'follow-up-days' (30) should be more than 'after-days' (30): the follow-up comes after the after-measures",
        ])
        XCTAssertNil(course?.followUpDays)
    }

    func testRetakingIsOnlyForTrainingCourses() throws {
        let (course, diagnostics) = try load("retake-after-days: 7\n")
        XCTAssertEqual(diagnostics, [
            "courses/c/course.md:5:1: error: 'retake-after-days' is for training courses (audience: practitioners); remove it from this parents' course",
        ])
        XCTAssertNil(course?.retakeAfterDays)
    }
}
