import Foundation
import XCTest
@testable import HearthContent

final class XMLContentLoaderTests: XCTestCase {
    private func measure(_ xml: String) -> (Measure?, [String]) {
        let (measure, diagnostics) = XMLContentLoader.loadMeasure(Data(xml.utf8), path: "measures/m.xml", defaultLanguage: "en-GB")
        return (measure, diagnostics.sorted.map(\.description))
    }

    private func module(_ xml: String) -> (Module?, [String]) {
        let (module, diagnostics) = XMLContentLoader.loadModule(Data(xml.utf8), path: "c/01-m.xml", id: "m", defaultLanguage: "en-GB")
        return (module, diagnostics.sorted.map(\.description))
    }

    private let validMeasure = """
    <measure id="m" title="Test measure" scoring="sum" missing-allowed="1">
      <instructions>Over the last 2 weeks…</instructions>
      <scale><point value="0">Never</point><point value="1">Sometimes</point><point value="2">Often</point></scale>
      <item id="a">First</item>
      <item id="b" reverse="true">Second</item>
      <item id="c">Third<scale><point value="0">No</point><point value="10">Yes</point></scale></item>
      <subscale id="ab" title="A and B" items="a b"/>
      <band min="0" max="6" label="Low"/>
      <band min="7" max="14" label="High"/>
      <band scope="ab" min="3" max="4" label="Raised"/>
      <signpost scope="ab" min="3">Talk to your GP.</signpost>
      <reliability alpha="0.8" sd="2.5"/>
      <licence>Free to use.</licence>
      <source>A journal, 2020.</source>
    </measure>
    """

    func testMeasureModel() {
        let (loaded, errors) = measure(validMeasure)
        XCTAssertEqual(errors, [])
        guard let m = loaded else { return XCTFail("no measure") }
        XCTAssertEqual(m.items.map(\.id), ["a", "b", "c"])
        XCTAssertEqual(m.items.map(\.reversed), [false, true, false])
        XCTAssertEqual(m.scale.points.map(\.label), ["Never", "Sometimes", "Often"])
        XCTAssertEqual(m.items[2].scale?.maximum, 10)
        XCTAssertEqual(m.subscales.first?.itemIDs, ["a", "b"])
        XCTAssertEqual(m.bands.map(\.label), ["Low", "High", "Raised"])
        XCTAssertEqual(m.signposts.first?.minimum, 3)
        XCTAssertEqual(m.reliability, 0.8)
        XCTAssertEqual(m.standardDeviation, 2.5)
        XCTAssertEqual(m.missingAllowed, 1)
        XCTAssertEqual(m.items[1].location, SourceLocation(path: "measures/m.xml", line: 5, column: 3))
    }

    func testMeasureMistakes() {
        let broken = validMeasure
            .replacingOccurrences(of: "<item id=\"c\">", with: "<item id=\"a\">")
            .replacingOccurrences(of: "items=\"a b\"", with: "items=\"a z\"")
            .replacingOccurrences(of: "max=\"14\"", with: "max=\"40\"")
            .replacingOccurrences(of: "<licence>", with: "<colour>red</colour><licence>")
        XCTAssertEqual(measure(broken).1, [
            "measures/m.xml:6:3: error: the item id 'a' is used twice in this measure",
            "measures/m.xml:7:3: error: the subscale 'ab' names the item 'z', which this measure does not have",
            "measures/m.xml:9:3: error: the band 7–40 is outside the possible scores 0–14",
            "measures/m.xml:13:3: error: unknown element <colour> in <measure>; allowed here: <instructions>, <scale>, <item>, <subscale>, <band>, <signpost>, <reliability>, <licence>, <source>",
        ])
    }

    func testMalformedXMLSaysWhatAndWhere() {
        XCTAssertEqual(measure("<measure id=\"m\">\n  <item>x</itme>\n</measure>").1, [
            "measures/m.xml:2:17: error: a closing tag does not match the element it should close",
        ])
    }

    func testModuleModel() {
        let (loaded, errors) = module("""
        <module title="Repair" summary="Making up." minutes="10">
          <page title="Why">
            <section>
              Some **bold** text.

              A second paragraph.
            </section>
            <callout kind="tip" title="Try this">Breathe.</callout>
          </page>
          <page title="Quiz">
            <quiz id="repair-check" pass-mark="80" attempts="2">
              <question kind="multiple">
                <prompt>Which?</prompt>
                <hint>Think.</hint>
                <option correct="true">A<feedback>Yes.</feedback></option>
                <option correct="true">B</option>
                <option>C<feedback>No.</feedback></option>
              </question>
              <scenario id="door">
                <situation>The door slams.</situation>
                <choice better="true"><say>Hard day?</say><consequence>They sit down.</consequence><feedback>Good.</feedback></choice>
                <choice><say>Stop that!</say><consequence>Shouting.</consequence></choice>
              </scenario>
              <band min="0" max="79">Try again.</band>
            </quiz>
          </page>
        </module>
        """)
        XCTAssertEqual(errors, [])
        guard let m = loaded else { return XCTFail("no module") }
        XCTAssertEqual(m.title, "Repair")
        XCTAssertEqual(m.minutes, 10)
        XCTAssertEqual(m.pages.map(\.title), ["Why", "Quiz"])
        guard case .text(let text) = m.pages[0].parts[0], case .callout(.tip, "Try this", _) = m.pages[0].parts[1] else {
            return XCTFail("first page should be a section then a tip")
        }
        XCTAssertEqual(text.source, "Some **bold** text.\n\nA second paragraph.\n")
        XCTAssertEqual(text.location.line, 4, "Markdown positions map to the XML file's lines")
        let quiz = m.quizzes[0]
        XCTAssertEqual(quiz.id, "repair-check")
        XCTAssertEqual(quiz.passMark, 80)
        XCTAssertEqual(quiz.questions.map(\.kind), [.multipleChoice, .scenario])
        XCTAssertEqual(quiz.questions[0].options.map(\.isCorrect), [true, true, false])
        XCTAssertEqual(quiz.questions[0].options[0].feedback, "Yes.")
        XCTAssertEqual(quiz.questions[1].options.map(\.consequence), ["They sit down.", "Shouting."])
        XCTAssertEqual(quiz.bands.first?.feedback, "Try again.")
    }

    func testModuleMistakes() {
        XCTAssertEqual(module("""
        <module title="M">
          <page title="P">
            <sectoin>x</sectoin>
            <quiz colour="red">
              <question><prompt>Q</prompt><option>A</option><option>B</option></question>
            </quiz>
          </page>
        </module>
        """).1, [
            "c/01-m.xml:3:5: error: unknown element <sectoin> in <page>; allowed here: <section>, <callout>, <quiz>",
            "c/01-m.xml:4:5: error: unknown attribute 'colour' on <quiz>; allowed: id, title, pass-mark, attempts, draw",
            "c/01-m.xml:5:7: error: this question has no correct answer; mark the right option with '*' instead of '-'",
        ])
    }

    func testSiteSettings() {
        let (settings, diagnostics) = XMLContentLoader.loadSite(Data("""
        <site><title>Hub</title><language>cy</language><consent version="7"/>
        <areas><area code="E10000012" name="Essex"/><area code="X1" name="Bad"/></areas></site>
        """.utf8), path: "site.xml")
        XCTAssertEqual(settings.title, "Hub")
        XCTAssertEqual(settings.language, "cy")
        XCTAssertEqual(settings.consentVersion, "7")
        XCTAssertEqual(settings.areas.map(\.code), ["E10000012"])
        XCTAssertEqual(diagnostics.sorted.map(\.description), [
            "site.xml:2:45: error: 'X1' is not an ONS area code (a letter and eight digits, such as E10000012)",
        ])
    }

    /// The shipped XML content is valid against the published schema, and the schema rejects a broken file.
    func testShippedContentValidatesAgainstTheSchema() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            throw XCTSkip("xmllint is not installed (Scripts/test installs libxml2-utils)")
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let content = repository.appendingPathComponent("Content")
        let files = (FileManager.default.enumerator(atPath: content.path)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".xml") }.map { content.appendingPathComponent($0).path }
        XCTAssertGreaterThanOrEqual(files.count, 4)
        let schema = repository.appendingPathComponent("Docs/hearth-content.xsd").path
        func xmllint(_ paths: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
            process.arguments = ["--noout", "--schema", schema] + paths
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        XCTAssertEqual(try xmllint(files), 0)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).xml")
        try "<module title=\"x\"><page title=\"p\"><sectoin/></page></module>".write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        XCTAssertNotEqual(try xmllint([broken.path]), 0)
    }
}
