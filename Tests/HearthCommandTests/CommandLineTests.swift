import Foundation
import XCTest

/// The `hearth` commands as a person runs them: a real child process, its output and exit status.
final class CommandLineTests: XCTestCase {
    private static let hearth = HearthBinary.url

    private func run(_ executable: URL, _ arguments: [String], input: [UInt8] = []) throws -> HearthBinary.Result {
        try HearthBinary.run(arguments, input: input, executable: executable)
    }

    func testRendersStandardInputAsPureCommonMarkByDefault() throws {
        let result = try run(Self.hearth, ["markdown"], input: Array("~~x~~ | a\n".utf8))
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "<p>~~x~~ | a</p>\n")
    }

    func testExtensionsFlagTurnsOnStrikethroughAndHeadingIds() throws {
        let result = try run(Self.hearth, ["markdown", "--extensions"], input: Array("# Hi there\n\n~~x~~\n".utf8))
        XCTAssertEqual(result.stdout, "<h1 id=\"hi-there\">Hi there</h1>\n<p><del>x</del></p>\n")
    }

    func testSafeFlagDropsRawHTML() throws {
        let result = try run(Self.hearth, ["markdown", "--safe"], input: Array("<i>x</i>\n".utf8))
        XCTAssertEqual(result.stdout, "<p><!-- raw HTML omitted -->x<!-- raw HTML omitted --></p>\n")
    }

    func testMissingFileIsAClearErrorWithNoOutput() throws {
        let result = try run(Self.hearth, ["markdown", "/no/such/file.md"])
        XCTAssertEqual(result.status, 66)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "hearth markdown: cannot read '/no/such/file.md': there is no such file.\n")
    }

    func testUnknownOptionIsAUsageError() throws {
        let result = try run(Self.hearth, ["markdown", "--fast"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("hearth markdown: unknown option '--fast'."), result.stderr)
    }

    func testInvalidUTF8IsReplacedNotFatal() throws {
        let result = try run(Self.hearth, ["markdown"], input: [0x61, 0xC3, 0x28, 0x0A])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stdout, "<p>a\u{FFFD}(</p>\n")
    }

    /// The spec text itself, a long real document, must come out exactly as `cmark --unsafe` renders it.
    func testOutputMatchesCmarkOnTheSpecText() throws {
        guard let cmark = ["/usr/bin/cmark", "/usr/local/bin/cmark"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("cmark is not installed (Scripts/test installs it)")
        }
        let spec = HearthBinary.fixtures.appendingPathComponent("commonmark-0.31.2/spec.txt").path
        let ours = try run(Self.hearth, ["markdown", spec])
        let theirs = try run(URL(fileURLWithPath: cmark), ["--unsafe", spec])
        XCTAssertEqual(ours.status, 0)
        XCTAssertTrue(ours.stdout == theirs.stdout, "hearth markdown and cmark --unsafe differ on spec.txt")
    }

    private static let fixtures = HearthBinary.fixtures.appendingPathComponent("content-errors").path
    private static let repository = HearthBinary.repository

    func testCheckReportsEveryProblemSortedAndFails() throws {
        let result = try run(Self.hearth, ["check", "--content", Self.fixtures])
        XCTAssertEqual(result.status, 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let diagnostics = lines.filter { $0.contains(": error: ") || $0.contains(": warning: ") }
        XCTAssertGreaterThanOrEqual(diagnostics.count, 7, result.stderr)
        XCTAssertEqual(diagnostics, diagnostics.sorted(), "diagnostics come sorted by file, line and column")
        XCTAssertTrue(result.stderr.contains("/unknown-key/courses/c/course.md:5:1: error: unknown front-matter key 'summery' in a page"), result.stderr)
        XCTAssertTrue(lines.last?.hasPrefix("hearth check: ") ?? false, lines.last ?? "no output")
    }

    /// The courses as shipped: no error and no warning, reading age included (parents' pages at 10 or under).
    func testTheContentAsShippedChecksClean() throws {
        let result = try run(Self.hearth, ["check", "--content", Self.repository.appendingPathComponent("Content").path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasSuffix("no errors, 0 warnings.\n"), result.stdout + result.stderr)
    }

    func testBuildRefusesBadContentAndLeavesTheOutputAlone() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(Self.hearth, ["build", "--content", Self.fixtures + "/unknown-key", "--out", output.path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasSuffix("hearth build: 1 error; nothing was written, and '\(output.path)' is unchanged.\n"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testBuildWritesTheSiteAndSaysWhatItBuilt() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(Self.hearth, ["build", "--content", Self.repository.appendingPathComponent("Content").path,
                                           "--theme", Self.repository.appendingPathComponent("Themes/default").path, "--out", output.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        // The counts follow Content/: as many courses and measures as it has folders and files for.
        let content = Self.repository.appendingPathComponent("Content")
        let courses = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("courses").path).filter { !$0.hasPrefix(".") }.count
        let measures = try FileManager.default.contentsOfDirectory(atPath: content.appendingPathComponent("measures").path).filter { $0.hasSuffix(".xml") }.count
        XCTAssertNotNil(result.stdout.range(of: #"^built \d+ pages \(\#(courses) courses, \d+ quizzes, \#(measures) measures\) into "#, options: .regularExpression),
                        result.stdout)
        XCTAssertTrue(result.stdout.contains(" into \(output.path)/ in "), result.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html.gz").path), "gzip'd copies by default")
        let plain = try run(Self.hearth, ["build", "--content", Self.repository.appendingPathComponent("Content").path,
                                          "--theme", Self.repository.appendingPathComponent("Themes/default").path, "--out", output.path, "--no-gzip"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("index.html.gz").path), "--no-gzip writes none")
    }

    func testBadOptionsAreUsageErrors() throws {
        XCTAssertEqual(try run(Self.hearth, ["build", "--colour", "red"]).status, 64)
        XCTAssertEqual(try run(Self.hearth, ["check", "--content"]).stderr, "hearth check: '--content' needs a value.\n\(checkUsage)\n")
        XCTAssertEqual(try run(Self.hearth, ["frobnicate"]).status, 64)
        let badPort = try run(Self.hearth, ["serve", "--port", "99999"])
        XCTAssertEqual(badPort.status, 64)
        XCTAssertTrue(badPort.stderr.hasPrefix("hearth serve: '--port' takes a port from 0 to 65535, not '99999'."), badPort.stderr)
        XCTAssertEqual(try run(Self.hearth, ["serve", "--colour"]).status, 64)
    }

    private let checkUsage = "usage: hearth check [--content Content] [--reading-age YEARS]"
}
