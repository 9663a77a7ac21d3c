import Foundation
import XCTest
import HearthContent
@testable import HearthSite

/// The DEFLATE/gzip encoder, checked by independent decoders: Debian's `gzip -dc` and Python's zlib.
final class GzipTests: XCTestCase {
    /// Decompresses with an external tool, so a bug shared by an encoder and a decoder of ours cannot hide.
    static func decompress(_ compressed: [UInt8], with tool: [String] = ["gzip", "-dc"]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzip-\(UUID().uuidString).gz")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(compressed).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = tool + [file.path]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "decompress", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "\(tool[0]): " + String(decoding: message, as: UTF8.self)])
        }
        return [UInt8](data)
    }

    static let python = ["python3", "-c", "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())"]

    private func assertRoundTrip(_ input: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
        let compressed = Gzip.compress(input)
        XCTAssertEqual(Array(compressed.prefix(10)), [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3], "\(name): fixed header, mtime 0", file: file, line: line)
        XCTAssertEqual(try Self.decompress(compressed), input, "\(name): gzip -dc", file: file, line: line)
        XCTAssertEqual(try Self.decompress(compressed, with: Self.python), input, "\(name): Python zlib", file: file, line: line)
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
        var generator = SplitMix(seed: 7)
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
        var generator = SplitMix(seed: 3)
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
        var generator = SplitMix(seed: 11)
        for index in stride(from: input.count - 1, to: 0, by: -1) { input.swapAt(index, Int(generator.next() % UInt64(index + 1))) }
        _ = try assertRoundTrip(input, "Fibonacci byte counts")
    }

    func testOutputIsDeterministic() {
        let text = Array(String(repeating: "<li><a href=\"/courses/\">Courses</a></li>\n", count: 500).utf8)
        XCTAssertEqual(Gzip.compress(text), Gzip.compress(text))
    }

    /// Every compressible file of the real built site round-trips, and the total is close to `gzip -6`'s.
    func testBuiltSitePagesRoundTripAndCompareWithGzip() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzsite-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let repository = SiteBuildTests.repository
        let (site, _) = ContentLoader.load(folder: repository.appendingPathComponent("Content").path)
        let theme = try Theme.load(repository.appendingPathComponent("Themes/default").path, fallback: nil)
        _ = try SiteBuilder(site: site, theme: theme).build(into: output)
        var ours = 0, theirs = 0, files = 0
        let enumerator = FileManager.default.enumerator(atPath: output.path)!
        while let item = enumerator.nextObject() as? String {
            guard ["html", "css", "js", "json", "svg", "xml"].contains(item.split(separator: ".").last.map(String.init) ?? "") else { continue }
            let url = output.appendingPathComponent(item)
            let input = [UInt8](try Data(contentsOf: url))
            let compressed = Gzip.compress(input)
            XCTAssertEqual(try Self.decompress(compressed), input, item)
            ours += compressed.count
            theirs += try Self.gzip6(url).count
            files += 1
        }
        XCTAssertGreaterThan(files, 30)
        XCTAssertLessThan(Double(ours), Double(theirs) * 1.10, "within 10% of gzip -6 (ours \(ours), gzip \(theirs))")
    }

    static func gzip6(_ file: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-6", "-n", "-c", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}

/// A small seeded generator, so the random inputs are the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
