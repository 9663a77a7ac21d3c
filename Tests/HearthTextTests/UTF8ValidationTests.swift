import XCTest
import HearthText
import HearthTestSupport

final class UTF8ValidationTests: XCTestCase {
    func testTheBoundariesOfRFC3629() {
        let valid: [[UInt8]] = [
            [], Array("plain ASCII, longer than eight bytes".utf8),
            [0xC2, 0x80], [0xDF, 0xBF],                    // U+0080, U+07FF
            [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],        // U+0800, U+D7FF (just below the surrogates)
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],        // U+E000, U+FFFF
            [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], // U+10000, U+10FFFF
        ]
        for bytes in valid { XCTAssertNil(UTF8Validation.firstInvalidOffset(in: bytes), "\(bytes)") }
        let invalid: [([UInt8], Int)] = [
            ([0x80], 0),                           // a continuation byte alone
            ([0xC0, 0x80], 0), ([0xC1, 0xBF], 0),  // overlong two-byte forms
            ([0xE0, 0x9F, 0xBF], 0),               // overlong three-byte form
            ([0xED, 0xA0, 0x80], 0),               // U+D800, a surrogate
            ([0xF0, 0x8F, 0xBF, 0xBF], 0),         // overlong four-byte form
            ([0xF4, 0x90, 0x80, 0x80], 0),         // past U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], 0), ([0xFF], 0),
            (Array("abcdefghij".utf8) + [0xC3], 10), // cut short at the end, after an eight-byte run
            ([0x61, 0xE2, 0x82], 1), ([0x61, 0xE2, 0x28, 0xA1], 1),
        ]
        for (bytes, offset) in invalid {
            XCTAssertEqual(UTF8Validation.firstInvalidOffset(in: bytes), offset, "\(bytes)")
            XCTAssertFalse(UTF8Validation.isValid(bytes))
        }
    }

    /// Random byte strings, mostly near-valid, judged the same way as the standard library's own decoder judges them.
    func testAgreesWithTheStandardLibrarysDecoder() {
        var generator = SeededGenerator(seed: 29)
        let pieces: [[UInt8]] = [Array("ab".utf8), Array("é".utf8), Array("€".utf8), Array("😀".utf8), [0x80], [0xC3], [0xED, 0xA0], [0xF4, 0x90]]
        for _ in 0..<5000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            var standard = true
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: standard = false; break decoding
                }
            }
            XCTAssertEqual(UTF8Validation.isValid(bytes), standard, "\(bytes)")
        }
    }
}
