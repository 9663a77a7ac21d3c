import XCTest
import HearthJSON
import HearthTestSupport

final class JSONWriterTests: XCTestCase {
    private func text(_ value: JSONValue, _ keyOrder: JSONWriter.KeyOrder = .declared, indentation: Int? = nil) -> String {
        String(decoding: JSONWriter.bytes(of: value, keyOrder: keyOrder, indentation: indentation), as: UTF8.self)
    }

    private func number(_ number: Double) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendNumber(number, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private let sample = JSONValue.object(JSONObject([
        (key: "b", value: .array([.number(1), .bool(true), .null])),
        (key: "a", value: .object(JSONObject([(key: "z", value: .string("x")), (key: "Z", value: .array([]))]))),
        (key: "é", value: .object(JSONObject())),
    ]))

    func testKeysInDeclaredOrSortedOrder() {
        XCTAssertEqual(text(sample, .declared), #"{"b":[1,true,null],"a":{"z":"x","Z":[]},"é":{}}"#)
        // Sorted by UTF-8 bytes: upper case before lower case, non-ASCII last, at every level.
        XCTAssertEqual(text(sample, .sorted), #"{"a":{"Z":[],"z":"x"},"b":[1,true,null],"é":{}}"#)
    }

    func testIndentedTextHasOneMemberPerLineAndEndsWithALineBreak() {
        XCTAssertEqual(text(sample, .sorted, indentation: 2), """
        {
          "a" : {
            "Z" : [],
            "z" : "x"
          },
          "b" : [
            1,
            true,
            null
          ],
          "é" : {}
        }

        """)
        XCTAssertEqual(text(.array([]), indentation: 2), "[]\n")
    }

    func testStringsEscapeOnlyWhatRFC8259Requires() {
        XCTAssertEqual(text(.string("quote \" backslash \\ slash / é 中 😀 \u{7F} \u{2028}")),
                       "\"quote \\\" backslash \\\\ slash / é 中 😀 \u{7F} \u{2028}\"")
        XCTAssertEqual(text(.string("\n\r\t\u{08}\u{0C}")), #""\n\r\t\b\f""#)
        XCTAssertEqual(text(.string("\u{00}\u{01}\u{1F}")), #""\u0000\u0001\u001f""#)
        XCTAssertEqual(text(.string("")), #""""#)
        XCTAssertEqual(text(.object(JSONObject([(key: "a\"b", value: .null)]))), #"{"a\"b":null}"#, "keys are escaped too")
    }

    func testNumbersAreTheShortestTextThatReadsBack() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "-0"), (1, "1"), (-42, "-42"), (0.1, "0.1"), (-2.5, "-2.5"), (1.0 / 3, "0.3333333333333333"),
            (1e21, "1e21"), (1e-5, "1e-5"), (1.5e-7, "1.5e-7"), (Double.leastNonzeroMagnitude, "5e-324"), (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (1.7976931348623157e308, "1.7976931348623157e308"), (-1.7976931348623157e308, "-1.7976931348623157e308"),
            (9_007_199_254_740_991, "9007199254740991"), (9_007_199_254_740_992, "9007199254740992"),
            (-9_007_199_254_740_992, "-9007199254740992"), (9_007_199_254_740_994, "9.007199254740994e15"), (1e16, "1e16"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(number(value), expected)
            let read = try? JSONReader.read(Array(expected.utf8)).number
            XCTAssertEqual(read?.bitPattern, value.bitPattern, "\(expected) reads back to the same bits")
        }
    }

    /// Any finite Double reads back to the same bits, in text no longer than the standard library's shortest form.
    func testRandomDoublesReadBackExactly() throws {
        var generator = SeededGenerator(seed: 4099)
        var tested = 0
        while tested < 20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            tested += 1
            let written = number(value)
            let read = try XCTUnwrap(try JSONReader.read(Array(written.utf8)).number, written)
            XCTAssertEqual(read.bitPattern, value.bitPattern, written)
            XCTAssertLessThanOrEqual(written.utf8.count, "\(value)".utf8.count, written)
        }
        for whole in [Int64(0), 1, -1, 1 << 52, 1 << 53, -(1 << 53)] + (0..<2000).map({ _ in Int64.random(in: -(1 << 53)...(1 << 53), using: &generator) }) {
            XCTAssertEqual(number(Double(whole)), String(whole), "integers up to 2^53 are written without a fraction")
        }
    }
}
