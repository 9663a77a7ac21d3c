import XCTest
import HearthJSON
import HearthTestSupport

final class JSONReaderTests: XCTestCase {
    private func read(_ text: String) throws -> JSONValue {
        try JSONReader.read(Array(text.utf8))
    }

    private func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members.map { (key: $0.0, value: $0.1) }))
    }

    // MARK: Valid documents

    func testANestedDocumentParsesToExactlyItsValues() throws {
        let text = """
         {"z": [1, -2.5, true, false, null, "x", [], {}],
          "a": {"b": {"c": [[0]]}}, "m": ""}\t\r\n
        """
        let expected = object([
            ("z", .array([.number(1), .number(-2.5), .bool(true), .bool(false), .null, .string("x"), .array([]), .object(JSONObject())])),
            ("a", object([("b", object([("c", .array([.array([.number(0)])]))]))])),
            ("m", .string("")),
        ])
        let value = try read(text)
        XCTAssertEqual(value, expected)
        XCTAssertEqual(value.object?.keys, ["z", "a", "m"], "members keep document order")
        XCTAssertEqual(value.object?["a"]?.object?["b"]?.object?["c"], .array([.array([.number(0)])]))
        XCTAssertNil(value.object?["missing"])
    }

    func testAnyValueMayStandAlone() throws {
        XCTAssertEqual(try read("true"), .bool(true))
        XCTAssertEqual(try read(" null "), .null)
        XCTAssertEqual(try read("\"x\""), .string("x"))
        XCTAssertEqual(try read("42"), .number(42))
        XCTAssertEqual(try read("[]"), .array([]))
    }

    func testEveryEscapeDecodesToItsCharacter() throws {
        let value = try read(#""q\" b\\ s\/ \b\f\n\r\t \u00e9\u20AC \u0000 \u0041""#)
        XCTAssertEqual(value, .string("q\" b\\ s/ \u{08}\u{0C}\n\r\t é€ \u{0} A"))
    }

    func testASurrogatePairBecomesOneScalar() throws {
        let value = try read(#""\ud83d\ude00 \uD834\uDD1E""#)
        XCTAssertEqual(value.string.map { $0.unicodeScalars.map(\.value) }, [0x1F600, 0x20, 0x1D11E])
    }

    func testRawUTF8IsKeptAndMixesWithEscapes() throws {
        XCTAssertEqual(try read("\"café € 😀\""), .string("café € 😀"))
        XCTAssertEqual(try read("\"é\\n😀\\u00e9x\""), .string("é\n😀éx"))
        // The largest scalar, U+10FFFF, written raw.
        XCTAssertEqual(try JSONReader.read([0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22]).string?.unicodeScalars.map(\.value), [0x10FFFF])
    }

    func testNumbersConvertExactly() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("7", 7), ("-12", -12), ("0.8", 0.8), ("1e2", 100), ("1E+2", 100), ("1.5E-3", 1.5e-3),
            ("0.1", 0.1), ("0.3", 0.3), ("123.456e-2", 1.23456), ("9007199254740993", 9007199254740992),
            ("3.141592653589793238462643", 3.141592653589793238462643), ("123456789012345678901234567890", 1.2345678901234568e29),
            ("2.2250738585072014e-308", 2.2250738585072014e-308), ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("4.9406564584124654e-324", .leastNonzeroMagnitude), ("1e-400", 0), ("0e400", 0), ("0.000001", 0.000001),
            ("100000000000000000000000", 1e23), ("-1e22", -1e22),
        ]
        for (text, expected) in cases {
            let number = try XCTUnwrap(read(text).number, text)
            XCTAssertEqual(number.bitPattern, expected.bitPattern, "\(text) read as \(number), expected \(expected)")
        }
    }

    func testShortestDecimalsOfRandomDoublesReadBackToTheSameBits() throws {
        // Swift prints the shortest decimal that reads back exactly, so any rounding slip here shows as a changed bit.
        var generator = SeededGenerator(seed: 53)
        for _ in 0..<20_000 {
            let bits = generator.next() as UInt64
            let double = Double(bitPattern: bits)
            guard double.isFinite else { continue }
            let text = "\(double)"
            let read = try XCTUnwrap(try read(text).number, text)
            XCTAssertEqual(read.bitPattern, double.bitPattern, text)
        }
        for _ in 0..<20_000 {
            let double = Double.random(in: -1000...1000, using: &generator).rounded(toPlaces: Int.random(in: 0...6, using: &generator))
            let text = "\(double)"
            XCTAssertEqual(try read(text).number?.bitPattern, double.bitPattern, text)
        }
    }

    func testNestingUpToTheLimitIsAccepted() throws {
        let depth = JSONReader.maximumDepth
        var value = try read(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        for _ in 1..<depth { value = try XCTUnwrap(value.array?.first) }
        XCTAssertEqual(value, .array([]))
    }

    func testALargeObjectStillFindsItsMembersAndDuplicates() throws {
        let members = (0..<40).map { "\"k\($0)\": \($0)" }
        let value = try read("{" + members.joined(separator: ",") + "}")
        XCTAssertEqual(value.object?.count, 40)
        XCTAssertEqual(value.object?["k39"], .number(39))
        // Past sixteen keys the duplicate check changes method; it must still catch a repeat of an early key.
        let text = "{" + members.joined(separator: ",") + ",\"k3\": 0}"
        XCTAssertThrowsError(try read(text)) { error in
            XCTAssertEqual((error as? JSONReader.Error)?.offset, text.utf8.count - 8)
        }
    }

    // MARK: Invalid documents

    func testEveryInvalidDocumentIsRefusedAtTheRightByte() {
        let q: UInt8 = 0x22
        let cases: [(String, [UInt8], Int)] = [
            ("empty", [], 0),
            ("only whitespace", Array(" \n\t".utf8), 3),
            ("form feed is not whitespace", Array("\u{0C}1".utf8), 0),
            ("byte order mark", Array("\u{FEFF}{}".utf8), 0),
            ("leading zero", Array("01".utf8), 0),
            ("negative leading zero", Array("-01".utf8), 1),
            ("leading zero in a list", Array("[1, 007]".utf8), 4),
            ("trailing comma in a list", Array("[1,]".utf8), 2),
            ("trailing comma in an object", Array(#"{"a":1,}"#.utf8), 6),
            ("empty list item", Array("[1,,2]".utf8), 3),
            ("single-quoted string", Array("['a']".utf8), 1),
            ("single-quoted key", Array("{'a':1}".utf8), 1),
            ("unquoted key", Array("{a:1}".utf8), 1),
            ("number key", Array("{1:2}".utf8), 1),
            ("raw control character", [q, 0x61, 0x01, 0x62, q], 2),
            ("raw line break", [q, 0x0A, q], 1),
            ("raw tab", [q, 0x09, q], 1),
            ("lone high surrogate", Array(#""\ud800""#.utf8), 1),
            ("lone low surrogate", Array(#""ab\udc00""#.utf8), 3),
            ("high surrogate then a letter", Array(#""\ud800\u0041""#.utf8), 1),
            ("high surrogate then text", Array(#""\uD800x""#.utf8), 1),
            ("two high surrogates", Array(#""\ud800\ud800""#.utf8), 1),
            ("invalid UTF-8", [q, 0xC3, 0x28, q], 1),
            ("overlong slash in a string", [q, 0xC0, 0xAF, q], 1),
            ("overlong slash alone", [0xC0, 0xAF], 0),
            ("overlong three-byte form", [q, 0x61, 0xE0, 0x80, 0x80, q], 2),
            ("encoded surrogate", [q, 0xED, 0xA0, 0x80, q], 1),
            ("beyond U+10FFFF", [q, 0xF4, 0x90, 0x80, 0x80, q], 1),
            ("byte F5", [q, 0xF5, 0x80, 0x80, 0x80, q], 1),
            ("lone continuation byte", [q, 0x80, q], 1),
            ("truncated sequence", [q, 0xE2, 0x82, q], 1),
            ("truncated at the end", [q, 0xE2, 0x82], 1),
            ("unknown escape", Array(#""a\x""#.utf8), 2),
            ("short unicode escape", Array(#""\u12G4""#.utf8), 1),
            ("unicode escape cut off", Array(#""\u12"#.utf8), 1),
            ("depth 1000", Array(repeating: UInt8(ascii: "["), count: 1000), JSONReader.maximumDepth),
            ("depth one past the limit", Array((String(repeating: "[", count: 33) + String(repeating: "]", count: 33)).utf8), 32),
            ("objects past the limit", Array(String(repeating: #"{"a":"#, count: 40).utf8), 32 * 5),
            ("duplicate key", Array(#"{"a":1,"a":2}"#.utf8), 7),
            ("duplicate key in a nested object", Array(#"[{"b":1}, {"a":1, "b":2, "a":3}]"#.utf8), 25),
            ("trailing garbage", Array("{} x".utf8), 3),
            ("second value", Array("[1] [2]".utf8), 4),
            ("hex number", Array("0x10".utf8), 1),
            ("NaN", Array("NaN".utf8), 0),
            ("Infinity", Array("Infinity".utf8), 0),
            ("-Infinity", Array("-Infinity".utf8), 0),
            ("capital True", Array("True".utf8), 0),
            ("cut-off null", Array("nul".utf8), 0),
            ("misspelt false", Array("[fals]".utf8), 1),
            ("1.", Array("1.".utf8), 1),
            ("1.e5", Array("1.e5".utf8), 1),
            (".5", Array(".5".utf8), 0),
            ("+1", Array("+1".utf8), 0),
            ("-", Array("-".utf8), 0),
            ("1e", Array("1e".utf8), 1),
            ("1e+", Array("1e+".utf8), 1),
            ("too large", Array("[1e400]".utf8), 1),
            ("too many digits for a Double", Array(("1" + String(repeating: "0", count: 400)).utf8), 0),
            ("unclosed string", Array(#"{"a": "abc}"#.utf8), 6),
            ("unclosed string ending in a backslash", Array(#""abc\"#.utf8), 0),
            ("unclosed list", Array(#"{"events": ["#.utf8), 11),
            ("unclosed object", Array(#"[{"a": 1"#.utf8), 1),
            ("unclosed object after a key", Array(#"{"a""#.utf8), 0),
            ("missing colon", Array(#"{"a" 1}"#.utf8), 5),
            ("missing value", Array(#"{"a":}"#.utf8), 5),
            ("missing comma", Array("[1 2]".utf8), 3),
            ("missing comma in an object", Array(#"{"a":1 "b":2}"#.utf8), 7),
            ("NUL byte", [0x00], 0),
        ]
        for (name, bytes, offset) in cases {
            do {
                let value = try JSONReader.read(bytes)
                XCTFail("\(name): should be refused, read as \(value)")
            } catch {
                XCTAssertEqual(error.offset, offset, "\(name): \(error.message)")
                XCTAssertTrue(error.message.contains("byte \(offset + 1)") || error.message.hasPrefix("there is no JSON"), "\(name): the message should name the byte: \(error.message)")
            }
        }
    }

    func testMessagesSayWhatIsWrongInPlainWords() {
        func message(_ text: String) -> String {
            do {
                _ = try JSONReader.read(Array(text.utf8))
                return "accepted"
            } catch {
                return error.message
            }
        }
        XCTAssertEqual(message("[1,]"), "remove the ',' at byte 3: a list may not end with a comma")
        XCTAssertEqual(message("[1 2]"), "expected ',' or ']' at byte 4 but found '2'")
        XCTAssertEqual(message(#"{"a": "abc}"#), "the string that starts at byte 7 is not closed with '\"'")
        XCTAssertEqual(message(#"{"id":1,"id":2}"#), "the key \"id\" appears twice in one object (again at byte 9); keep only one")
        XCTAssertEqual(message("NaN"), "'NaN' at byte 1 is not a JSON value; use an object, a list, a string in double quotes, a number, true, false or null")
        XCTAssertEqual(message(#""\ud800""#), "'\\ud800' at byte 2 is half of a surrogate pair without its other half")
        XCTAssertEqual(message(""), "there is no JSON: the text is empty")
        XCTAssertTrue(message("\"a\nb\"").contains("raw control character (0x0A at byte 3)"), message("\"a\nb\""))
        XCTAssertTrue(message(String(repeating: "[", count: 1000)).contains("more than 32 deep"))
    }

    func testAHugeDuplicateKeyIsCutShortInTheMessage() {
        let key = String(repeating: "k", count: 10_000)
        XCTAssertThrowsError(try read("{\"\(key)\":1,\"\(key)\":2}")) { error in
            XCTAssertLessThan((error as? JSONReader.Error)?.message.utf8.count ?? .max, 200)
        }
    }
}

private extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let scale = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * scale).rounded() / scale
    }
}
