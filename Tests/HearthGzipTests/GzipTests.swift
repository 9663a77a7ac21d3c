import Foundation
import XCTest
@testable import HearthGzip
import HearthTestSupport

/// The DEFLATE/gzip encoder, checked by independent decoders: Debian's `gzip -dc` and Python's zlib (`GzipTool`).
final class GzipTests: XCTestCase {
    private func assertRoundTrip(_ input: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let compressed = Gzip.compress(input)
        XCTAssertEqual(Array(compressed.prefix(10)), [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], "\(name): fixed header, mtime 0", file: file, line: line)
        XCTAssertEqual(try GzipTool.decompress(compressed), input, "\(name): gzip -dc", file: file, line: line)
        XCTAssertEqual(try GzipTool.decompress(compressed, with: GzipTool.python), input, "\(name): Python zlib", file: file, line: line)
        return compressed
    }

    func testCRC32KnownValues() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([]), 0)
        XCTAssertEqual(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)), 0x414F_A339)
        // Continuing a checksum gives the same as checksumming everything at once, across the 8-byte steps.
        let text = Array("The quick brown fox jumps over the lazy dog".utf8)
        let first = text.withUnsafeBufferPointer { CRC32.update(0, with: UnsafeBufferPointer(rebasing: $0[0..<13])) }
        XCTAssertEqual(text.withUnsafeBufferPointer { CRC32.update(first, with: UnsafeBufferPointer(rebasing: $0[13...])) }, 0x414F_A339)
    }

    func testSmallAndEdgeInputsRoundTrip() throws {
        XCTAssertEqual(try assertRoundTrip([], "empty").count, 20, "header, one empty fixed block, trailer")
        _ = try assertRoundTrip([0x41], "one byte")
        _ = try assertRoundTrip((0..<256).map { UInt8($0) }, "all byte values")
        _ = try assertRoundTrip((0..<512).map { UInt8($0 & 0xFF) }, "all byte values twice")
        _ = try assertRoundTrip(Array("abc".utf8), "three bytes")
    }

    func testRandomBytesFallBackToStoredBlocks() throws {
        var generator = SeededGenerator(seed: 7)
        let input = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let compressed = try assertRoundTrip(input, "1 MiB random")
        // Stored blocks cost 5 bytes per 64 KiB (plus the pieces' sync markers), never more than a fraction of a percent.
        XCTAssertLessThan(compressed.count, input.count + input.count / 500)
    }

    func testRepetitiveInputUsesLongMatches() throws {
        let zeros = [UInt8](repeating: 0, count: 100_000)
        XCTAssertLessThan(try assertRoundTrip(zeros, "100 kB of zeros").count, 300, "runs at distance 1")
        let pattern = [UInt8]((0..<70_000).map { UInt8(truncatingIfNeeded: $0 % 7 + 97) })
        XCTAssertLessThan(try assertRoundTrip(pattern, "period 7").count, 300)
        let sentence = Array("Talking calmly helps both of you feel heard. ".utf8)
        let text = [UInt8]((0..<2000).flatMap { index in sentence + Array(String(index % 13).utf8) })
        _ = try assertRoundTrip(text, "repeated sentences")
        // More than one piece: each later piece matches against the 32 KiB before it.
        var generator = SeededGenerator(seed: 3)
        let words = ["family", "parent", "child", "calm", "repair", "listen", "support", "<p>", "</p>\n", "class=\"note\""]
        let long = Array((0..<140_000).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ").utf8)
        XCTAssertGreaterThan(long.count, 2 * Deflate.pieceSize)
        _ = try assertRoundTrip(long, "several pieces")
    }

    func testSkewedFrequenciesAreLengthLimited() throws {
        // Fibonacci counts make an unlimited Huffman code deeper than 15 bits.
        var counts = [UInt32](repeating: 0, count: 286)
        var (a, b): (UInt32, UInt32) = (1, 1)
        for symbol in 0..<30 { counts[symbol] = a; (a, b) = (b, a + b) }
        let lengths = HuffmanCode.lengths(for: counts, limit: 15)
        XCTAssertEqual(lengths.max(), 15)
        XCTAssertEqual(lengths.reduce(0.0) { $1 == 0 ? $0 : $0 + pow(2.0, -Double($1)) }, 1.0, "a complete code")
        let limited = HuffmanCode.lengths(for: Array(counts[0..<19]), limit: 7)
        XCTAssertEqual(limited.max(), 7)
        XCTAssertEqual(limited.reduce(0.0) { $1 == 0 ? $0 : $0 + pow(2.0, -Double($1)) }, 1.0)
        // The same skew in real bytes: symbol i appears fib(i) times, shuffled so there are few matches.
        var input: [UInt8] = []
        for symbol in 0..<25 { input += [UInt8](repeating: UInt8(symbol * 10), count: Int(counts[symbol])) }
        var generator = SeededGenerator(seed: 11)
        for index in stride(from: input.count - 1, to: 0, by: -1) { input.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        _ = try assertRoundTrip(input, "Fibonacci byte counts")
    }

    func testOutputIsDeterministic() throws {
        // Over the piece size, so the pieces are compressed on several threads and joined: the order
        // they finish in must not show in the output.
        let line = Array("<li><a href=\"/courses/\">Courses</a></li>\n".utf8)
        var generator = SeededGenerator(seed: 5)
        var text: [UInt8] = []
        while text.count < 3 * Deflate.pieceSize + 1000 {
            text += line
            text += Array(String(generator.next() % 1000).utf8)
        }
        XCTAssertGreaterThan(Deflate.pieceCount(for: text.count), 1, "the multi-threaded path")
        let first = Gzip.compress(text)
        for _ in 0..<3 { XCTAssertEqual(Gzip.compress(text), first) }
        XCTAssertEqual(try GzipTool.decompress(first), text)
    }
}
