import XCTest
import HearthText

final class HexDigitTests: XCTestCase {
    /// Every byte, against the standard library's own parsing of one hex digit.
    func testValuesOfEveryByte() {
        for byte in UInt8.min...UInt8.max {
            let expected = UInt8(String(decoding: [byte], as: UTF8.self), radix: 16)
            XCTAssertEqual(HexDigit.value(of: byte), byte < 0x80 ? expected : nil, "byte \(byte)")
        }
    }

    func testWritingDigits() {
        XCTAssertEqual((0..<16).map { HexDigit.uppercase(UInt8($0)) }, Array("0123456789ABCDEF".utf8))
        XCTAssertEqual((0..<16).map { HexDigit.lowercase(UInt8($0)) }, Array("0123456789abcdef".utf8))
        XCTAssertEqual(HexDigit.lowercase(0xAB, digits: 4), "00ab")
        XCTAssertEqual(HexDigit.lowercase(0x1234_5678, digits: 4), "5678", "the lowest digits when there are more")
    }
}
