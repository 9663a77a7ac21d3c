import Foundation
import XCTest
@testable import HearthContent

/// `better="higher|lower"` on a measure, its subscales and items; `validated="false"` and `<licence-note>`.
final class MeasureDirectionTests: XCTestCase {
    private func load(_ xml: String) -> (Measure?, [String]) {
        let (measure, diagnostics) = XMLContentLoader.loadMeasure(Data(xml.utf8), path: "measures/m.xml", defaultLanguage: "en-GB")
        return (measure, diagnostics.sorted.map(\.description))
    }

    /// A two-item measure: `attributes` go on <measure>, and `a`, `b` and `s` on the items and the subscale.
    private func measure(_ attributes: String, a: String = "", b: String = "", s: String = "", extra: String = "") -> String {
        """
        <measure id="m" title="M" \(attributes)>
          <scale><point value="0">No</point><point value="3">Yes</point></scale>
          <item id="a"\(a)>A</item>
          <item id="b"\(b)>B</item>
          <subscale id="s" items="a b"\(s)/>
          <licence>L</licence>\(extra)
          <source>S</source>
        </measure>
        """
    }

    func testItemsAndSubscalesInheritTheMeasuresDirection() {
        let (loaded, diagnostics) = load(measure(#"better="lower""#))
        XCTAssertEqual(diagnostics, [])
        let measure = try? XCTUnwrap(loaded)
        XCTAssertEqual(measure?.better, .lower)
        XCTAssertEqual(measure?.items.map(\.better), [.lower, .lower])
        XCTAssertEqual(measure?.subscales.map(\.better), [.lower])
        XCTAssertEqual(measure?.better(for: nil), .lower)
        XCTAssertEqual(measure?.better(for: "s"), .lower)
        XCTAssertEqual(measure?.better(for: "b"), .lower)
        XCTAssertEqual(measure?.validated, true, "left out means validated")
        XCTAssertNil(measure?.licenceNote)
    }

    func testItemsReportedOneAtATimeMayRunEitherWay() {
        // As ONS4: higher is better for life satisfaction, lower for anxiety.
        let xml = measure(#"scoring="items" better="higher""#, b: #" better="lower""#).replacingOccurrences(of: "  <subscale id=\"s\" items=\"a b\"/>\n", with: "")
        let (loaded, diagnostics) = load(xml)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(loaded?.items.map(\.better), [.higher, .lower])
        XCTAssertEqual(loaded?.better(for: "a"), .higher)
        XCTAssertEqual(loaded?.better(for: "b"), .lower)
    }

    func testTheMeasureMustSayWhichDirectionIsBetter() {
        XCTAssertEqual(load(measure("")).1, [
            "measures/m.xml:1:1: error: <measure> needs better=\"higher\" or better=\"lower\": which way the total moves when things are going better for the person",
        ])
    }

    func testAnInvalidDirectionIsAnErrorWhereItIsWritten() {
        let (_, diagnostics) = load(measure(#"better="up""#, a: #" better="worse""#, s: #" better="Lower""#))
        XCTAssertEqual(diagnostics, [
            "measures/m.xml:1:1: error: better=\"up\" on <measure> should be one of: higher, lower",
            "measures/m.xml:3:3: error: better=\"worse\" on <item> should be one of: higher, lower",
            "measures/m.xml:5:3: error: better=\"Lower\" on <subscale> should be one of: higher, lower",
        ])
    }

    func testAnItemAddedIntoTheTotalMustRunTheSameWay() {
        let (_, diagnostics) = load(measure(#"better="higher""#, b: #" better="lower""#))
        XCTAssertEqual(diagnostics, [
            "measures/m.xml:4:3: error: the item 'b' has better=\"lower\" but the total, which adds it in, has better=\"higher\", so they must agree; an item that runs the other way needs reverse=\"true\" instead",
        ])
    }

    func testASubscaleMustRunTheWayItsItemsDo() {
        let (_, diagnostics) = load(measure(#"better="higher""#, s: #" better="lower""#))
        XCTAssertEqual(diagnostics, [
            "measures/m.xml:5:3: error: the subscale 's' has better=\"lower\" but its item 'a' has better=\"higher\"; a subscale adds its items up, so they must agree; an item that runs the other way needs reverse=\"true\" instead",
            "measures/m.xml:5:3: error: the subscale 's' has better=\"lower\" but its item 'b' has better=\"higher\"; a subscale adds its items up, so they must agree; an item that runs the other way needs reverse=\"true\" instead",
        ])
    }

    func testHearthsOwnScalesAreMarkedNotValidated() {
        let (loaded, diagnostics) = load(measure(#"better="higher" validated="false""#,
                                                 extra: "\n  <licence-note>Confirm permission before publishing.</licence-note>"))
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(loaded?.validated, false)
        XCTAssertEqual(loaded?.licenceNote, "Confirm permission before publishing.")
    }

    func testBadValidatedValueAndEmptyLicenceNote() {
        let (loaded, diagnostics) = load(measure(#"better="higher" validated="no""#, extra: "\n  <licence-note> </licence-note>"))
        XCTAssertEqual(diagnostics, [
            "measures/m.xml:1:1: error: validated=\"no\" on <measure> should be true or false",
            "measures/m.xml:7:3: error: <licence-note> is empty; write what a deployment must check about the licence, or remove it",
        ])
        XCTAssertNil(loaded?.licenceNote)
    }
}
