import HearthResearch
import XCTest

final class CSVWriterTests: XCTestCase {
    private func csv(_ rows: [[CSVWriter.Field]]) -> String {
        var writer = CSVWriter()
        for row in rows { writer.writeRow(row) }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func testRecordsEndInCRLFAndSpecialFieldsAreQuoted() {
        XCTAssertEqual(csv([[.text("id"), .text("course")], [.text("a,b"), .text("say \"hi\"")], [.text("two\nlines"), .empty]]),
                       "id,course\r\n\"a,b\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\r\n")
    }

    func testTextThatASpreadsheetWouldRunIsWrittenAsText() {
        for start in ["=", "+", "-", "@", "\t", "\r", "\0"] {
            let field = start + "HYPERLINK(\"http://example.org\")"
            let expected = "\"'" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"\r\n"
            XCTAssertEqual(csv([[.text(field)]]), expected, "a field starting with \(start.debugDescription)")
        }
        XCTAssertEqual(csv([[.text("a=b")]]), "a=b\r\n", "only the first character matters")
    }

    func testNumbersStayNumbers() {
        XCTAssertEqual(csv([[.number(-2.5), .integer(-3), .number(0.1), .number(.nan), .number(7)]]), "-2.5,-3,0.1,,7.0\r\n")
    }

    func testRowsCanBeHandedOnAsTheyAreWritten() {
        var writer = CSVWriter()
        writer.writeRow([.text("a")])
        XCTAssertEqual(writer.takeBytes(), Array("a\r\n".utf8))
        XCTAssertEqual(writer.bytes, [])
        writer.writeRow([.text("b")])
        XCTAssertEqual(writer.takeBytes(), Array("b\r\n".utf8))
    }

    func testUTF8IsWrittenAsIs() {
        XCTAssertEqual(csv([[.text("Bristol, City of"), .text("café – ok")]]), "\"Bristol, City of\",café – ok\r\n")
    }
}
