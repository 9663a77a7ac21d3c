import XCTest
import HearthJSON
import HearthTestSupport

/// Random documents, the same on every run: whatever is written is read back exactly, and no
/// damage to the text can crash the reader or make it point outside the text.
final class JSONReaderRandomTests: XCTestCase {
    private static let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "中", "😀", "\u{2028}"]

    private func randomString(_ random: inout SeededGenerator) -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            text.unicodeScalars.append(Self.alphabet.randomElement(using: &random)!)
        }
        return text
    }

    private func randomValue(depth: Int, _ random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<(depth >= 5 ? 4 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            let magnitude = Double.random(in: -1e6...1e6, using: &random) * pow(10, Double(Int.random(in: -20...20, using: &random)))
            return .number(Int.random(in: 0..<3, using: &random) == 0 ? magnitude.rounded() : magnitude)
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(depth: depth + 1, &random) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = randomString(&random)
                if !members.contains(where: { $0.key == key }) { members.append((key, randomValue(depth: depth + 1, &random))) }
            }
            return .object(JSONObject(members))
        }
    }

    private func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// JSON text for a value, with optional whitespace where the grammar allows it.
    private func text(of value: JSONValue, _ random: inout SeededGenerator) -> String {
        let space = [" ", "", "\n", "\t", "\r\n"].randomElement(using: &random)!
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return "\(number)"
        case .string(let string): return quoted(string)
        case .array(let items): return "[" + space + items.map { text(of: $0, &random) }.joined(separator: "," + space) + "]"
        case .object(let object):
            return "{" + object.members.map { quoted($0.key) + space + ":" + text(of: $0.value, &random) }.joined(separator: ",") + space + "}"
        }
    }

    func testWhatIsWrittenIsReadBackExactly() throws {
        var random = SeededGenerator(seed: 2026)
        for _ in 0..<2_000 {
            let value = randomValue(depth: 0, &random)
            let written = text(of: value, &random)
            XCTAssertEqual(try JSONReader.read(Array(written.utf8)), value, written)
        }
    }

    /// The writer's text, in either key order, compact or indented, reads back to the value it was written from.
    func testWhatTheWriterWritesIsReadBackExactly() throws {
        var random = SeededGenerator(seed: 8259)
        for _ in 0..<2_000 {
            let value = randomValue(depth: 0, &random)
            for indentation in [nil, 2] {
                let declared = JSONWriter.bytes(of: value, keyOrder: .declared, indentation: indentation)
                XCTAssertEqual(try JSONReader.read(declared), value, String(decoding: declared, as: UTF8.self))
                let sorted = JSONWriter.bytes(of: value, keyOrder: .sorted, indentation: indentation)
                XCTAssertEqual(try JSONReader.read(sorted), Self.sortingKeys(value), String(decoding: sorted, as: UTF8.self))
                XCTAssertEqual(JSONWriter.bytes(of: try JSONReader.read(sorted), keyOrder: .sorted, indentation: indentation), sorted,
                               "a second round writes the same bytes")
            }
        }
    }

    /// The value with every object's members sorted by their keys' UTF-8 bytes, computed apart from the writer.
    private static func sortingKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .array(let items): return .array(items.map(sortingKeys))
        case .object(let object):
            let members = object.members.map { (key: $0.key, value: sortingKeys($0.value)) }
            return .object(JSONObject(members.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }))
        default: return value
        }
    }

    func testDamagedTextNeverCrashesAndErrorsPointInsideIt() {
        var random = SeededGenerator(seed: 1201)
        for _ in 0..<5_000 {
            var bytes = Array(text(of: randomValue(depth: 0, &random), &random).utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where position < bytes.count: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                default: if position < bytes.count { bytes.remove(at: position) }
                }
            }
            do {
                _ = try JSONReader.read(bytes)
            } catch {
                XCTAssertTrue((0...bytes.count).contains(error.offset), "offset \(error.offset) outside \(bytes.count) bytes")
                XCTAssertFalse(error.message.isEmpty)
            }
        }
    }
}
