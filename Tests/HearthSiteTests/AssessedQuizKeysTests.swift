import Foundation
import XCTest
import HearthContent
@testable import HearthSite

/// The keys of assessed quizzes stay on the server: the built site — pages, manifest, search index, scripts — holds
/// their questions and options, never which options are right, nor the hints or the per-option feedback.
final class AssessedQuizKeysTests: XCTestCase {
    private struct Built {
        var site: ContentSite
        /// Every text file of the built site (not the `.gz` copies of them), by path.
        var files: [String: String]
    }

    private static let built: Built = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let (site, diagnostics) = ContentLoader.load(folder: SiteBuildTests.repository.appendingPathComponent("Content").path)
        precondition(!diagnostics.hasErrors, diagnostics.sorted.map(\.description).joined(separator: "\n"))
        let theme = try! Theme.load(SiteBuildTests.repository.appendingPathComponent("Themes/default").path, fallback: nil)
        _ = try! SiteBuilder(site: site, theme: theme).build(into: output, gzip: false)
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: output.path)!
        while let item = enumerator.nextObject() as? String {
            guard [".html", ".json", ".js", ".xml", ".txt", ".css"].contains(where: item.hasSuffix) else { continue }
            files[item] = try! String(contentsOf: output.appendingPathComponent(item), encoding: .utf8)
        }
        return Built(site: site, files: files)
    }()

    /// A quiz with the page that shows it.
    private struct Placed {
        var quiz: Quiz
        var page: String
    }

    private func quizzes(assessed: Bool) -> [Placed] {
        Self.built.site.courses.flatMap { course in
            course.modules.flatMap { module in
                module.pages.enumerated().flatMap { index, page in
                    page.parts.compactMap { part -> Placed? in
                        guard case .quiz(let quiz) = part, quiz.isAssessed == assessed else { return nil }
                        return Placed(quiz: quiz, page: SiteRoutes.modulePage(course: course.id, module: module.id, page: index + 1))
                    }
                }
            }
        }
    }

    /// The ways a piece of author's text can appear in a file: as the site renders it, and as plain or JSON text.
    private func forms(of markdown: String, placed: Placed, at location: SourceLocation) -> Set<String> {
        let html = MarkdownHTML(links: LinkResolver(site: Self.built.site), page: placed.page).inlineHTML(markdown, at: location)
        let json = markdown.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return [html, markdown, json]
    }

    /// For each list of forms of a text, the files where one of them is found, leaving out the labels of quizzes' own
    /// options (those must be on their pages).
    private func leaks(of texts: [Set<String>]) -> [[String]] {
        var needles: [[UInt8]] = []
        var owner: [Int] = []
        for (index, forms) in texts.enumerated() {
            for form in forms { needles.append(Array(form.utf8)); owner.append(index) }
        }
        let found = Self.occurrences(of: needles, in: Self.withoutOptionLabels)
        var files = Array(repeating: Set<String>(), count: texts.count)
        for (index, paths) in found.enumerated() { files[owner[index]].formUnion(paths) }
        return files.map { $0.sorted() }
    }

    /// The built files as bytes, without the labels of every quiz's options.
    private static let withoutOptionLabels: [String: [UInt8]] = {
        let ids = built.site.courses.flatMap { $0.modules.flatMap { $0.quizzes.map(\.id) } }
        let label = "<label for=\"(" + ids.joined(separator: "|") + ")-[^\"]*\">.*?</label>"
        return built.files.mapValues { Array($0.replacingOccurrences(of: label, with: "<label>…</label>", options: .regularExpression).utf8) }
    }()

    /// Which files hold each needle (each at least 8 bytes): one pass over each file, looking its 8-byte windows up among
    /// the needles' first 8 bytes, since hundreds of texts are looked for in every file of the site.
    private static func occurrences(of needles: [[UInt8]], in files: [String: [UInt8]]) -> [Set<String>] {
        func key(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 { bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        var byPrefix: [UInt64: [Int]] = [:]
        for (index, needle) in needles.enumerated() {
            precondition(needle.count >= 8, "texts shorter than 8 bytes are not looked for")
            needle.withUnsafeBytes { byPrefix[key($0, 0), default: []].append(index) }
        }
        var found = Array(repeating: Set<String>(), count: needles.count)
        for (path, contents) in files where contents.count >= 8 {
            contents.withUnsafeBytes { bytes in
                for offset in 0...(bytes.count - 8) {
                    guard let candidates = byPrefix[key(bytes, offset)] else { continue }
                    for index in candidates where offset + needles[index].count <= bytes.count
                        && needles[index].indices.allSatisfy({ bytes[offset + $0] == needles[index][$0] }) {
                        found[index].insert(path)
                    }
                }
            }
        }
        return found
    }

    /// Texts of options that are wrong somewhere: finding one of those says nothing about a key.
    private var wrongSomewhere: Set<String> {
        Set((quizzes(assessed: true) + quizzes(assessed: false)).flatMap { $0.quiz.questions.flatMap { $0.options.filter { !$0.isCorrect }.map(\.text) } })
    }

    /// The words of every page outside its quizzes: a right option the course itself teaches in so many words (such as
    /// "The Domestic Abuse Act 2021") is in the reading, not a leaked key.
    private static let prose: String = {
        let site = built.site
        let modules = site.courses.flatMap { course in [PlainText.of(course.introduction)] + course.modules.flatMap { $0.pages.map(PlainText.of) } }
        return (modules + site.pages.map { PlainText.of($0.body) }).joined(separator: "\n")
    }()

    func testNoAssessedQuizsRightOptionHintOrFeedbackIsAnywhereInTheBuiltSite() {
        let assessed = quizzes(assessed: true)
        XCTAssertEqual(assessed.count, 10, "the relational-practice course's ten assessed quizzes")
        let ambiguous = wrongSomewhere
        var checks: [(what: String, forms: Set<String>)] = []
        for placed in assessed {
            for question in placed.quiz.questions {
                let name = "\(placed.quiz.id)/\(question.id)"
                for option in question.options {
                    if option.isCorrect, !ambiguous.contains(option.text), !Self.prose.contains(option.text), option.text.count >= 12 {
                        checks.append(("\(name): the right option \"\(option.text)\"", forms(of: option.text, placed: placed, at: option.location)))
                    }
                    for taught in [option.feedback, option.consequence] where taught.count >= 12 {
                        checks.append(("\(name): the feedback \"\(taught)\"", forms(of: taught, placed: placed, at: option.location)))
                    }
                }
                for hint in question.hints where hint.count >= 12 {
                    checks.append(("\(name): the hint \"\(hint)\"", forms(of: hint, placed: placed, at: question.location)))
                }
            }
        }
        XCTAssertGreaterThan(checks.count, 250, "the check looks at every assessed quiz's keys")
        for (check, files) in zip(checks, leaks(of: checks.map(\.forms))) {
            XCTAssertEqual(files, [], "\(check.what) is in the built site")
        }
    }

    /// The same search finds a practice quiz's right answers and feedback, which its page shows by design: so the test
    /// above would fail if an assessed quiz were built like one.
    func testTheSearchFindsWhatAPracticeQuizShows() throws {
        let practice = try XCTUnwrap(quizzes(assessed: false).first { $0.quiz.id == "flooding" })
        let question = practice.quiz.questions[0]
        let right = try XCTUnwrap(question.options.first(where: \.isCorrect))
        let taught = try XCTUnwrap(question.options.first { !$0.feedback.isEmpty })
        let found = leaks(of: [forms(of: right.text, placed: practice, at: right.location), forms(of: taught.feedback, placed: practice, at: taught.location)])
        XCTAssertEqual(found[0], [practice.page], "the practice quiz's 'Show the answer' list names its right option")
        XCTAssertEqual(found[1], [practice.page])
    }

    /// Right and wrong options are written alike: the same markup once their words, ids and numbers are set aside.
    func testRightAndWrongOptionsOfAnAssessedQuizLookTheSame() throws {
        for placed in quizzes(assessed: true) {
            let page = try XCTUnwrap(Self.built.files[placed.page])
            let section = try XCTUnwrap(page.range(of: "data-assessment=\"\(placed.quiz.id)\"").map { page[$0.lowerBound...] })
            XCTAssertFalse(section.contains("data-correct"), placed.quiz.id)
            XCTAssertFalse(section.contains("answer--right"), placed.quiz.id)
            for question in placed.quiz.questions {
                let fieldset = try XCTUnwrap(section.range(of: "data-question=\"\(question.id)\"").map { section[$0.lowerBound...] })
                let list = fieldset[..<fieldset.range(of: "</ul>")!.lowerBound]
                let options = list.components(separatedBy: "<li ").dropFirst().map { item in
                    item.replacingOccurrences(of: "<label for=\"[^\"]*\">.*?</label>", with: "", options: .regularExpression)
                        .replacingOccurrences(of: "\"[0-9a-z-]*\"", with: "\"\"", options: .regularExpression)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                }
                XCTAssertEqual(options.count, question.options.count)
                XCTAssertEqual(Set(options).count, 1, "\(placed.quiz.id)/\(question.id): options differ beyond their words: \(options)")
            }
        }
    }

    func testTheManifestCountsRightOptionsButNeverNamesThem() throws {
        let manifest = try XCTUnwrap(Self.built.files["manifest.json"])
        XCTAssertFalse(manifest.contains("\"correct\""))
        XCTAssertFalse(manifest.contains("\"answers\""))
        XCTAssertTrue(manifest.contains("\"correctCounts\""), "how many are right is what the events endpoint checks")
    }
}
