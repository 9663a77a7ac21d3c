import Foundation
import HearthMarkdown
import XCTest
@testable import HearthContent

/// The XML loaders against the files in Tests/Fixtures/content-xml: the model each valid file gives,
/// the exact diagnostics for each broken one, and Docs/hearth-content.xsd over all of them.
final class XMLContentLoaderTests: XCTestCase {
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let fixtures = repository.appendingPathComponent("Tests/Fixtures/content-xml")

    // Fixtures are loaded with their path under content-xml, so diagnostics read as in the tests.

    private func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: Self.fixtures.appendingPathComponent(path))
    }

    private func site(_ path: String) throws -> (SiteSettings, [String]) {
        let (settings, diagnostics) = XMLContentLoader.loadSite(try fixture(path), path: path)
        return (settings, diagnostics.sorted.map(\.description))
    }

    private func measure(_ path: String) throws -> (Measure?, [String]) {
        let (measure, diagnostics) = XMLContentLoader.loadMeasure(try fixture(path), path: path, defaultLanguage: "en-GB")
        return (measure, diagnostics.sorted.map(\.description))
    }

    /// Loads a module as CourseLoader does: its id is the file name without the number and `.xml`.
    private func module(_ path: String) throws -> (Module?, [String]) {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let id = String(name.drop { $0.isNumber }.dropFirst())
        let (module, diagnostics) = XMLContentLoader.loadModule(try fixture(path), path: path, id: id, defaultLanguage: "en-GB")
        return (module, diagnostics.sorted.map(\.description))
    }

    private func inlineMeasure(_ xml: String) -> [String] {
        XMLContentLoader.loadMeasure(Data(xml.utf8), path: "measures/m.xml", defaultLanguage: "en-GB").1.sorted.map(\.description)
    }

    // MARK: site.xml

    func testSiteFixture() throws {
        let (settings, diagnostics) = try site("valid/site.xml")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(settings.title, "Hearth: courses for families")
        XCTAssertEqual(settings.language, "en-GB")
        XCTAssertEqual(settings.baseURL, "https://example.org/")
        XCTAssertEqual(settings.apiBaseURL, "/api/v1")
        XCTAssertEqual(settings.consentVersion, "2026-11")
        XCTAssertEqual(settings.readingAge, .init(parents: 11, practitioners: 11))
        XCTAssertEqual(settings.areas.map(\.code), ["E10000012", "W06000015"])
        XCTAssertEqual(settings.areas.map(\.name), ["Essex", "Cardiff"])
    }

    func testAnEmptySiteKeepsEveryDefault() {
        let (settings, diagnostics) = XMLContentLoader.loadSite(Data("<site/>".utf8), path: "site.xml")
        XCTAssertEqual(settings, SiteSettings())
        XCTAssertEqual(diagnostics.all, [])
    }

    func testSiteProblems() throws {
        let (settings, diagnostics) = try site("invalid/site-problems.xml")
        XCTAssertEqual(diagnostics, [
            "invalid/site-problems.xml:3:3: error: 'English' is not a language tag; write one such as en-GB or cy",
            "invalid/site-problems.xml:4:3: error: max=\"3\" on <reading-age> should be an age in years from 5 to 25",
            "invalid/site-problems.xml:7:5: error: 'E1000001' is not an ONS area code (a capital letter and eight digits, such as E10000012)",
            "invalid/site-problems.xml:8:5: error: the area E10000012 is listed twice; keep one",
            "invalid/site-problems.xml:11:3: error: <title> appears more than once in <site>; keep one",
        ])
        XCTAssertEqual(settings.areas.map(\.name), ["Essex"], "bad and repeated areas are left out")
        XCTAssertEqual(settings.readingAge, SiteSettings.ReadingAgeLimits(), "an impossible age keeps the default")
    }

    // MARK: measures

    func testPHQ4Fixture() throws {
        let (loaded, diagnostics) = try measure("valid/measures/phq4.xml")
        XCTAssertEqual(diagnostics, [])
        let phq4 = try XCTUnwrap(loaded)
        let path = "valid/measures/phq4.xml"
        XCTAssertEqual(phq4.id, "phq4")
        XCTAssertEqual(phq4.title, "Patient Health Questionnaire-4 (PHQ-4)")
        XCTAssertEqual(phq4.instructions, "Over the last 2 weeks, how often have you been bothered by the following problems?",
                       "wrapped text reads as one line")
        XCTAssertEqual(phq4.scoring, .sum)
        XCTAssertEqual(phq4.missingAllowed, 0)
        XCTAssertEqual(phq4.language, "en-GB")
        XCTAssertEqual(phq4.scale.points.map(\.value), [0, 1, 2, 3])
        XCTAssertEqual(phq4.scale.points.map(\.label), ["Not at all", "Several days", "More than half the days", "Nearly every day"])
        XCTAssertEqual(phq4.items.map(\.id), ["anxious", "worry", "interest", "down"])
        XCTAssertEqual(phq4.items[1].text, "Not being able to stop or control worrying")
        XCTAssertEqual(phq4.items.map(\.reversed), [false, false, false, false])
        XCTAssertEqual(phq4.items.map(\.scale), [nil, nil, nil, nil])
        XCTAssertEqual(phq4.items[0].location, SourceLocation(path: path, line: 11, column: 3))
        XCTAssertEqual(phq4.subscales.map(\.id), ["anxiety", "depression"])
        XCTAssertEqual(phq4.subscales.map(\.title), ["Anxiety (GAD-2)", "Depression (PHQ-2)"])
        XCTAssertEqual(phq4.subscales.map(\.itemIDs), [["anxious", "worry"], ["interest", "down"]])
        XCTAssertEqual(phq4.subscales[1].location, SourceLocation(path: path, line: 16, column: 3))
        XCTAssertEqual(phq4.bands, [
            MeasureBand(minimum: 0, maximum: 2, label: "Normal", scope: nil),
            MeasureBand(minimum: 3, maximum: 5, label: "Mild", scope: nil),
            MeasureBand(minimum: 6, maximum: 8, label: "Moderate", scope: nil),
            MeasureBand(minimum: 9, maximum: 12, label: "Severe", scope: nil),
            MeasureBand(minimum: 3, maximum: 6, label: "Possible anxiety", scope: "anxiety"),
        ])
        XCTAssertEqual(phq4.signposts, [
            Signpost(minimum: 3, maximum: nil, scope: "anxiety", message: "If you have been feeling like this, talk to your GP or health visitor."),
        ])
        XCTAssertEqual(phq4.reliability, 0.85)
        XCTAssertEqual(phq4.standardDeviation, 2.8)
        XCTAssertEqual(phq4.licence, "No permission is required to reproduce, translate, display or distribute.")
        XCTAssertTrue(phq4.source.hasPrefix("Kroenke K, Spitzer RL, Williams JB, Löwe B."))
        XCTAssertEqual(phq4.location, SourceLocation(path: path, line: 2, column: 1))
    }

    func testItemsWithTheirOwnScale() throws {
        let (loaded, diagnostics) = try measure("valid/measures/ons4.xml")
        XCTAssertEqual(diagnostics, [])
        let ons4 = try XCTUnwrap(loaded)
        XCTAssertEqual(ons4.scoring, .items)
        XCTAssertEqual(ons4.scale.points.count, 11)
        XCTAssertEqual(ons4.scale.points.map(\.label).filter { !$0.isEmpty }, ["Not at all", "Completely"], "points may have empty labels")
        XCTAssertNil(ons4.items[0].scale)
        XCTAssertEqual(ons4.items[1].text, "Overall, how anxious did you feel yesterday?", "the item's scale is not part of its wording")
        XCTAssertEqual(ons4.items[1].scale?.points.map(\.value), [0, 5, 10])
        XCTAssertEqual(ons4.items[1].scale?.points.map(\.label), ["Not at all anxious", "", "Completely anxious"])
        XCTAssertEqual(ons4.bands.map(\.scope), [nil, "anxious"])
        XCTAssertEqual(ons4.signposts, [
            Signpost(minimum: nil, maximum: 4, scope: "satisfied", message: "Life feels hard at the moment. Your GP or health visitor can help."),
        ])
        XCTAssertNil(ons4.reliability)
        XCTAssertEqual(ons4.missingAllowed, 0)
    }

    func testMeanScoringAndReverseScoredItems() throws {
        let (loaded, diagnostics) = try measure("valid/measures/home-calm.xml")
        XCTAssertEqual(diagnostics, [], "bands of a mean lie within one item's range, 1 to 3")
        let measure = try XCTUnwrap(loaded)
        XCTAssertEqual(measure.scoring, .mean)
        XCTAssertEqual(measure.missingAllowed, 1)
        XCTAssertEqual(measure.language, "cy")
        XCTAssertEqual(measure.items.map(\.reversed), [false, true, false])
        XCTAssertEqual(measure.bands.map(\.minimum), [1, 1.6])
        XCTAssertEqual(measure.signposts.first?.maximum, 1.5)
        XCTAssertEqual(measure.instructions, "")
    }

    func testBandOutsideThePossibleScores() throws {
        // Two items scored 0–2 (one reversed, which maps 0–2 onto itself): the total is 0–4.
        XCTAssertEqual(try measure("invalid/measures/band-outside-range.xml").1, [
            "invalid/measures/band-outside-range.xml:11:3: error: the band 3–6 is outside the possible scores 0–4 for the total",
        ])
    }

    func testDuplicateItemID() throws {
        let (loaded, diagnostics) = try measure("invalid/measures/duplicate-item.xml")
        XCTAssertEqual(diagnostics, [
            "invalid/measures/duplicate-item.xml:8:3: error: the item id 'sleep' is already used on line 7; give each item its own id",
        ])
        XCTAssertEqual(loaded?.items.map(\.text), ["I sleep well."])
    }

    func testSubscaleNamingAnUnknownItem() throws {
        XCTAssertEqual(try measure("invalid/measures/unknown-subscale-item.xml").1, [
            "invalid/measures/unknown-subscale-item.xml:9:3: error: the subscale 'anxiety' names the item 'worrying', which this measure does not have; its items are: anxious, worry",
        ])
    }

    func testEveryMeasureProblemIsReportedAtOnce() throws {
        let path = "invalid/measures/many-problems.xml"
        XCTAssertEqual(try measure(path).1, [
            "\(path):2:1: error: <measure> needs a <licence> with the terms on which the measure may be used",
            "\(path):2:1: error: <measure> needs a <source> with who published the measure, and where",
            "\(path):2:1: error: better=\"sideways\" on <measure> should be one of: higher, lower",
            "\(path):2:1: error: missing-allowed=\"3\" is more than the 2 items this measure has",
            "\(path):2:1: error: scoring=\"total\" on <measure> should be one of: sum, mean, items",
            "\(path):2:1: error: unknown attribute 'colour' on <measure>; allowed: id, title, scoring, better, validated, missing-allowed, language",
            "\(path):6:5: error: the value 1 appears twice in this scale; each answer needs its own score",
            "\(path):9:3: error: id=\"Second\" on <item> should be lower-case letters, digits and hyphens, like 'feeling-low'",
            "\(path):10:3: error: this <item> has no wording; copy it exactly as published",
            "\(path):11:3: error: the subscale id 'first' is also an item id, so scope=\"first\" would be ambiguous; give the subscale another id",
            "\(path):13:3: error: the band 1–2 overlaps the band 'Low' (0–1) for the total",
            "\(path):14:3: error: scope=\"sub\" on <band> names no subscale or item of this measure; the items are: first, third",
            "\(path):15:3: error: a <signpost> with both min and max shows at min or above, or at max or below, so min=\"0\" and max=\"2\" cover every score; give only one of them",
            "\(path):16:3: error: min=\"5\" is above the highest possible score for the total (2), so this signpost would never show",
            "\(path):17:3: error: alpha=\"1.2\" on <reliability> should be from 0 to 1",
            "\(path):17:3: error: sd=\"0\" on <reliability> should be more than 0",
            "\(path):18:3: error: unknown element <notes> in <measure>; allowed here: <instructions>, <scale>, <item>, <subscale>, <band>, <signpost>, <reliability>, <licence>, <licence-note>, <source>",
        ])
    }

    func testScoreRangesFollowTheScoringRule() {
        func measure(scoring: String, bands: String) -> String {
            """
            <measure id="m" title="M" scoring="\(scoring)" better="higher">
              <scale><point value="1">Low</point><point value="4">High</point></scale>
              <item id="a">A</item>
              <item id="b" reverse="true">B<scale><point value="0">No</point><point value="10">Yes</point></scale></item>
              <subscale id="s" items="a b"/>
              \(bands)
              <licence>L</licence><source>S</source>
            </measure>
            """
        }
        // Sum: 1–4 plus 0–10 is 1–14; mean: within 0–10; items: each item within its own scale.
        XCTAssertEqual(inlineMeasure(measure(scoring: "sum", bands: #"<band min="1" max="14" label="All"/>"#)), [])
        XCTAssertEqual(inlineMeasure(measure(scoring: "sum", bands: #"<band scope="a" min="0" max="4" label="A"/>"#)), [
            "measures/m.xml:6:3: error: the band 0–4 is outside the possible scores 1–4 for the item 'a'",
        ])
        XCTAssertEqual(inlineMeasure(measure(scoring: "mean", bands: #"<band min="0" max="14" label="All"/>"#)), [
            "measures/m.xml:6:3: error: the band 0–14 is outside the possible scores 0–10 for the total",
        ])
        XCTAssertEqual(inlineMeasure(measure(scoring: "mean", bands: #"<band scope="s" min="0" max="10" label="S"/>"#)), [])
        XCTAssertEqual(inlineMeasure(measure(scoring: "items", bands: #"<band min="0" max="14" label="Each"/>"#)), [
            "measures/m.xml:6:3: error: the band 0–14 is outside the possible scores 0–10 for each item",
        ])
        XCTAssertEqual(inlineMeasure(measure(scoring: "sum", bands: #"<signpost scope="b" max="-1">Never.</signpost>"#)), [
            "measures/m.xml:6:3: error: max=\"-1\" is below the lowest possible score for the item 'b' (0), so this signpost would never show",
        ])
    }

    func testAMeasureIDMatchesItsFileName() {
        XCTAssertEqual(inlineMeasure("""
        <measure id="other" title="M" better="higher">
          <scale><point value="0">No</point><point value="1">Yes</point></scale>
          <item id="a">A</item>
          <licence>L</licence><source>S</source>
        </measure>
        """), ["measures/m.xml:1:1: error: the measure id 'other' should match its file name, m.xml; rename the file to other.xml or change the id"])
    }

    // MARK: modules

    func testModuleFixture() throws {
        let path = "valid/courses/staying-calm/01-when-feelings-run-high.xml"
        let (loaded, diagnostics) = try module(path)
        XCTAssertEqual(diagnostics, [])
        let module = try XCTUnwrap(loaded)
        XCTAssertEqual(module.id, "when-feelings-run-high")
        XCTAssertEqual(module.title, "Staying calm when it matters")
        XCTAssertEqual(module.summary, "What happens in your body in a row, and how to cool things down.")
        XCTAssertEqual(module.minutes, 10)
        XCTAssertEqual(module.language, "en-GB")
        XCTAssertEqual(module.location, SourceLocation(path: path, line: 2, column: 1))
        XCTAssertEqual(module.pages.map(\.title), ["When feelings run high", "Check your understanding", "Practice"])
        XCTAssertEqual(module.pages[1].location, SourceLocation(path: path, line: 21, column: 3))

        // Page parts keep document order: section, callout, section, callout.
        let parts = module.pages[0].parts
        guard parts.count == 4, case .text(let first) = parts[0], case .callout(.tip, "Try this", let tip) = parts[1],
              case .text(let cdata) = parts[2], case .callout(.warning, "If you feel unsafe", let warning) = parts[3] else {
            return XCTFail("the first page should be a section, a tip, a section and a warning, not \(parts)")
        }

        // Shared indentation is removed (relative indentation stays), and line 1 is the first line of text.
        XCTAssertEqual(first.source, """
        ## Your body in an argument

        When an argument heats up, your heart beats faster.
        It gets harder to listen.

            A line indented further is kept as it is.

        """)
        XCTAssertEqual(first.location, SourceLocation(path: path, line: 5, column: 7))
        let blocks = first.tree.children(of: first.tree.root)
        XCTAssertEqual(blocks.map { first.tree.kind(of: $0) }, [
            .heading(level: 2, id: first.tree.kind(of: blocks[0]).headingID), .paragraph,
            .codeBlock(info: "", literal: "A line indented further is kept as it is.\n", fenced: false),
        ])
        XCTAssertEqual(blocks.map { first.location(of: $0).line }, [5, 7, 10], "Markdown lines map to the XML file's lines")
        XCTAssertEqual(first.location(of: blocks[0]), SourceLocation(path: path, line: 5, column: 7))

        // Text that opens on the tag's line starts where it is on that line.
        XCTAssertEqual(tip.source, "Breathe out slowly, **twice**.\n")
        XCTAssertEqual(tip.location, SourceLocation(path: path, line: 12, column: 42))
        XCTAssertEqual(cdata.source, "Use CDATA when the text has a lot of <angle brackets> in it.\n")
        XCTAssertEqual(cdata.location, SourceLocation(path: path, line: 14, column: 7))
        XCTAssertEqual(warning.source, "If you are ever afraid of your partner, see\n[Get help now](../../pages/get-help-now.md).\n")
        XCTAssertEqual(warning.location, SourceLocation(path: path, line: 17, column: 7))

        // The assessed quiz.
        XCTAssertEqual(module.quizzes.count, 2)
        let quiz = module.quizzes[0]
        XCTAssertEqual(quiz.id, "calm-check")
        XCTAssertEqual(quiz.title, "Check your understanding")
        XCTAssertEqual(quiz.passMark, 80)
        XCTAssertEqual(quiz.attempts, 3)
        XCTAssertEqual(quiz.draw, 2)
        XCTAssertEqual(quiz.location, SourceLocation(path: path, line: 23, column: 5))
        XCTAssertEqual(quiz.questions.map(\.id), ["racing-heart", "q2", "q3", "door-slam"], "unnamed questions are numbered by position")
        XCTAssertEqual(quiz.questions.map(\.kind), [.singleChoice, .multipleChoice, .trueFalse, .scenario])

        let single = quiz.questions[0]
        XCTAssertEqual(single.prompt, "When your heart is racing in an argument, what helps most?")
        XCTAssertEqual(single.hints, ["Think about what a racing heart does to listening.", "Your body needs time to settle."])
        XCTAssertEqual(single.options.map(\.text), ["Keep going until it's sorted", "Agree a 20-minute break, then come back to it"])
        XCTAssertEqual(single.options.map(\.isCorrect), [false, true])
        XCTAssertEqual(single.options.map(\.feedback), ["When we're flooded we stop hearing each other.",
                                                        "Yes: a break lets your body settle so you can listen again."])
        XCTAssertEqual(single.location, SourceLocation(path: path, line: 24, column: 7))
        XCTAssertEqual(single.options[1].location, SourceLocation(path: path, line: 29, column: 9))

        XCTAssertEqual(quiz.questions[1].options.map(\.isCorrect), [true, true, false])
        XCTAssertEqual(quiz.questions[1].options.map(\.feedback), ["", "", "Calm is a good time to talk."])
        XCTAssertEqual(quiz.questions[2].options.map(\.text), ["true", "false"], "true-false options are exactly 'true' and 'false'")
        XCTAssertEqual(quiz.questions[2].options.map(\.isCorrect), [false, true])

        let scenario = quiz.questions[3]
        XCTAssertEqual(scenario.prompt, "Your teenager slams the door. What would you say next?")
        XCTAssertEqual(scenario.options.map(\.text), ["\"That sounded like a hard day. Want a tea?\"", "\"Don't you slam doors in my house!\""])
        XCTAssertEqual(scenario.options.map(\.isCorrect), [true, false])
        XCTAssertEqual(scenario.options.map(\.consequence), ["They come back and sit down.", "The music goes up."])
        XCTAssertEqual(scenario.options.map(\.feedback), ["Naming the feeling calms things.", "Shouting back raises the temperature."])

        XCTAssertEqual(quiz.bands.map(\.minimum), [0, 80])
        XCTAssertEqual(quiz.bands.map(\.maximum), [79, 100])
        XCTAssertEqual(quiz.bands.map(\.feedback), ["Have another look at the first page, then try again.", "Well done."])

        // A quiz without an id is named as a Markdown module's would be: the second quiz is -quiz-2.
        let practice = module.quizzes[1]
        XCTAssertEqual(practice.id, "when-feelings-run-high-quiz-2")
        XCTAssertFalse(practice.isAssessed)
        XCTAssertEqual(practice.questions.map(\.kind), [.singleChoice])
        XCTAssertEqual(practice.questions[0].prompt, "A break works best when you agree…")
    }

    func testTheIDAttributeReplacesTheFileName() throws {
        let path = "valid/courses/staying-calm/02-taking-a-break.xml"
        let (loaded, diagnostics) = try module(path)
        XCTAssertEqual(diagnostics, [])
        let module = try XCTUnwrap(loaded)
        XCTAssertEqual(module.id, "time-out")
        XCTAssertNil(module.minutes)
        guard case .text(let text) = module.pages.first?.parts.first else { return XCTFail("expected a section") }
        XCTAssertEqual(text.source, "Say when you will come back, and come back.\n")
        XCTAssertEqual(text.location, SourceLocation(path: path, line: 4, column: 14))
    }

    func testMarkdownLinesStayInStepWithTheFile() throws {
        // Windows line endings, tab indentation, an entity, and a comment spanning lines.
        let xml = "<module title=\"M\">\r\n  <page title=\"P\">\r\n    <section>\r\n\t\tOne **two**\r\n\t\tthree\r\n    </section>\r\n"
            + "    <callout>First line\r\n      second &amp; line</callout>\r\n    <section>a<!-- x\r\n y -->\r\nb</section>\r\n  </page>\r\n</module>\r\n"
        let (loaded, diagnostics) = XMLContentLoader.loadModule(Data(xml.utf8), path: "x.xml", id: "m", defaultLanguage: "en")
        XCTAssertEqual(diagnostics.all, [])
        let texts = try XCTUnwrap(loaded).pages[0].parts.compactMap { part -> MarkdownText? in
            switch part {
            case .text(let text), .callout(_, _, let text): return text
            case .quiz: return nil
            }
        }
        XCTAssertEqual(texts.map(\.source), ["One **two**\nthree\n", "First line\nsecond & line\n", "a\n\nb\n"])
        XCTAssertEqual(texts.map(\.location), [SourceLocation(path: "x.xml", line: 4, column: 3), SourceLocation(path: "x.xml", line: 7, column: 14),
                                               SourceLocation(path: "x.xml", line: 9, column: 14)])
        let last = texts[2]
        XCTAssertEqual(last.tree.children(of: last.tree.root).map { last.location(of: $0).line }, [9, 11], "the comment's lines are kept")
    }

    func testUnknownElement() throws {
        XCTAssertEqual(try module("invalid/courses/broken/01-unknown-element.xml").1, [
            "invalid/courses/broken/01-unknown-element.xml:4:5: error: unknown element <sectoin> in <page>; allowed here: <section>, <callout>, <quiz>",
        ])
    }

    func testUnknownAttribute() throws {
        XCTAssertEqual(try module("invalid/courses/broken/02-unknown-attribute.xml").1, [
            "invalid/courses/broken/02-unknown-attribute.xml:4:5: error: unknown attribute 'colour' on <callout>; allowed: kind, title",
        ])
    }

    func testQuestionWithNoCorrectAnswer() throws {
        XCTAssertEqual(try module("invalid/courses/broken/03-no-correct-answer.xml").1, [
            "invalid/courses/broken/03-no-correct-answer.xml:5:7: error: this question has no correct answer; add correct=\"true\" to the right <option>",
        ])
    }

    func testEveryModuleProblemIsReportedAtOnce() throws {
        let path = "invalid/courses/broken/04-many-problems.xml"
        XCTAssertEqual(try module(path).1, [
            "\(path):2:1: error: <module> needs a title=\"…\" attribute",
            "\(path):2:1: error: language=\"English\" on <module> is not a language tag; write one such as en-GB or cy",
            "\(path):2:1: error: minutes=\"ten\" on <module> should be a whole number from 1 to 600",
            "\(path):3:3: error: <page> needs a title=\"…\" attribute",
            "\(path):4:5: error: text directly inside <page> is not used; put it inside one of: <section>, <callout>, <quiz>",
            "\(path):5:5: error: this <section> is empty; write its text inside it",
            "\(path):6:5: error: kind=\"tips\" on <callout> should be one of: tip, note, warning, reflect",
            "\(path):9:5: error: attempts=\"2\" only applies to an assessed quiz; add a pass-mark=\"…\" or remove attempts",
            "\(path):9:5: error: draw=\"9\" asks for more questions than this quiz has (3)",
            "\(path):9:5: error: id=\"Quiz One\" on <quiz> should be lower-case letters, digits and hyphens, like 'feeling-low'",
            "\(path):10:7: error: a true-false question has exactly two options, 'true' and 'false'",
            "\(path):12:9: error: <prompt> appears more than once in <question>; keep one",
            "\(path):13:9: error: correct=\"yes\" on <option> should be true or false",
            "\(path):16:7: error: the question id 'q1' is already used on line 10 of this quiz; give each question its own id",
            "\(path):16:7: error: this question has no correct answer; add correct=\"true\" to each right <option>",
            "\(path):21:7: error: this scenario has no better choice; add better=\"true\" to at least one <choice>",
            "\(path):23:9: error: each scenario choice needs what happens next, in a <consequence>",
            "\(path):27:7: error: score bands 0-60 and 50-100 overlap",
        ])
    }

    func testTheRootElementMustMatchTheFile() {
        let (module, diagnostics) = XMLContentLoader.loadModule(Data("<measure/>".utf8), path: "c/01-m.xml", id: "m", defaultLanguage: "en")
        XCTAssertNil(module)
        XCTAssertEqual(diagnostics.sorted.map(\.description), ["c/01-m.xml:1:1: error: an XML module should start with <module>, not <measure>"])
    }

    // MARK: malformed XML

    func testMismatchedTag() throws {
        let (loaded, diagnostics) = try measure("invalid/measures/mismatched-tag.xml")
        XCTAssertNil(loaded)
        XCTAssertEqual(diagnostics, [
            "invalid/measures/mismatched-tag.xml:7:34: error: </itme> does not match <item> (line 7); write </item>",
        ])
    }

    /// libxml2 reports only a number; each is turned into words, at the place to look.
    func testMalformedXMLIsDescribedInWords() {
        let cases: [(xml: String, expected: String)] = [
            ("", "1:1: error: this file is empty; it should start with <measure>"),
            ("hello", "1:1: error: this is not XML; the file should start with <measure>"),
            ("<measure>\n  <item>\n</measure>", "3:1: error: <item> (line 2) is never closed; add </item> before this </measure>"),
            ("<measure>\n  <item>é</ïtem>\n</measure>", "2:11: error: </ïtem> does not match <item> (line 2); write </item>"),  // columns count bytes, as in Markdown
            ("<measure>\n  <item>\n", "2:3: error: <item> is never closed; add </item> where it should end"),
            ("<measure/>\n<measure/>", "2:1: error: there is more after the closing </measure>; everything must be inside the one <measure> element"),
            ("<measure>\n  Fish & chips\n</measure>", "2:8: error: a literal '&' must be written &amp;"),
            ("<measure>\n  1 < 2\n</measure>", "2:5: error: a '<' must start a tag name; write &lt; for a literal '<'"),
            ("<measure>\n  a&nbsp;b\n</measure>", "2:4: error: '&nbsp;' is not one XML knows; type the character itself, or write &amp; for a literal '&'"),
            ("<measure id=m/>", "1:13: error: an attribute's value must be in quotes, like name=\"value\""),
            ("<measure id=\"a\" id=\"b\"/>", "1:23: error: the same attribute is given twice in this tag; keep one"),
            ("<measure>\u{1}</measure>", "1:10: error: this character is not allowed in XML (a control character, or text not saved as UTF-8); delete or retype it"),
        ]
        for (xml, expected) in cases {
            XCTAssertEqual(inlineMeasure(xml), ["measures/m.xml:" + expected], "for \(xml.debugDescription)")
        }
    }

    func testStartTagsAreLocatedAtTheirOpeningBracket() {
        // libxml2 reports where a start tag ends; multi-line tags and non-ASCII text before them still locate at '<'.
        let xml = "<measure id=\"m\" title=\"Ünïcödé\" better=\"higher\">\n  <scale>é<point value=\"0\">a</point><point\n     value=\"1\"\n  >b</point></scale>\n  <item id=\"a\" colour=\"red\">A</item>\n  <licence>L</licence><source>S</source>\n</measure>"
        XCTAssertEqual(inlineMeasure(xml), [
            "measures/m.xml:2:10: error: text directly inside <scale> is not used; put it inside one of: <point>",
            "measures/m.xml:5:3: error: unknown attribute 'colour' on <item>; allowed: id, reverse, better",
        ])
        let measure = XMLContentLoader.loadMeasure(Data(xml.utf8), path: "measures/m.xml", defaultLanguage: "en").0
        XCTAssertEqual(measure?.scale.points.map(\.label), ["a", "b"])
    }

    // MARK: schema

    /// Every valid fixture and every XML file in Content/ passes Docs/hearth-content.xsd, and a broken one does not.
    func testTheSchemaAcceptsValidFilesAndRejectsAnInvalidOne() throws {
        let xmllint = "/usr/bin/xmllint"
        guard FileManager.default.isExecutableFile(atPath: xmllint) else {
            throw XCTSkip("xmllint is not installed (the project's test script installs libxml2-utils)")
        }
        let schema = Self.repository.appendingPathComponent("Docs/hearth-content.xsd").path
        func validate(_ files: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: xmllint)
            process.arguments = ["--noout", "--schema", schema] + files
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }

        let valid = xmlFiles(under: Self.fixtures.appendingPathComponent("valid"))
        XCTAssertEqual(valid.count, 6)
        let content = Self.repository.appendingPathComponent("Content")
        var shipped = xmlFiles(under: content.appendingPathComponent("measures"), depth: 1)
            + xmlFiles(under: content.appendingPathComponent("courses"), depth: 2)
        if FileManager.default.fileExists(atPath: content.appendingPathComponent("site.xml").path) {
            shipped.append(content.appendingPathComponent("site.xml").path)
        }
        for file in valid + shipped {
            let result = try validate([file])
            XCTAssertEqual(result.status, 0, result.output)
        }

        let invalid = Self.fixtures.appendingPathComponent("invalid/courses/broken/01-unknown-element.xml").path
        let result = try validate([invalid])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.output.contains("sectoin"), result.output)
    }

    /// The `.xml` files under `folder`, `depth` folders down (any depth when nil); none if it does not exist.
    private func xmlFiles(under folder: URL, depth: Int? = nil) -> [String] {
        let relative = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return relative
            .filter { file in file.hasSuffix(".xml") && (depth.map { file.split(separator: "/").count == $0 } ?? true) }
            .sorted()
            .map { folder.appendingPathComponent($0).path }
    }
}

private extension NodeKind {
    /// A heading's generated id, so a test can compare kinds without spelling it out.
    var headingID: String? {
        if case .heading(_, let id) = self { return id }
        return nil
    }
}
