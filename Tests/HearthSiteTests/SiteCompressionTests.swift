import Foundation
import XCTest
import HearthContent
import HearthGzip
@testable import HearthSite
import HearthTestSupport

/// `hearth build` writes `name.gz` beside big compressible files, and only there.
final class SiteCompressionTests: XCTestCase {
    func testBigTextFilesGetAGzipVariantThatDecompressesToTheOriginal() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzbuild-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let repository = SiteBuildTests.repository
        let (site, _) = ContentLoader.load(folder: repository.appendingPathComponent("Content").path)
        let theme = try Theme.load(repository.appendingPathComponent("Themes/default").path, fallback: nil)
        let output = root.appendingPathComponent("_site")
        let summary = try SiteBuilder(site: site, theme: theme).build(into: output)

        var all: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: output.path)!
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output.appendingPathComponent(item).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                all[item] = [UInt8](try Data(contentsOf: output.appendingPathComponent(item)))
            }
        }
        XCTAssertEqual(summary.files, all.count, "the .gz files are counted as written")
        let variants = all.keys.filter { $0.hasSuffix(".gz") }
        for extensionName in [".html", ".css", ".js", ".json"] {
            XCTAssertTrue(variants.contains { $0.hasSuffix(extensionName + ".gz") }, "some \(extensionName) file is compressed")
        }
        XCTAssertTrue(variants.contains("index.html.gz"))
        XCTAssertNotNil(variants.first { $0.range(of: #"^assets/hearth\.[0-9a-f]{12}\.css\.gz$"#, options: .regularExpression) != nil })

        for variant in variants {
            let original = String(variant.dropLast(3))
            guard let bytes = all[original] else { XCTFail("\(variant) has no original"); continue }
            XCTAssertGreaterThan(bytes.count, 1024, variant)
            XCTAssertLessThanOrEqual(all[variant]!.count * 10, bytes.count * 9, "\(variant) saves at least a tenth")
            XCTAssertEqual(try GzipTool.decompress(all[variant]!), bytes, variant)
        }
        let compressible = ["html", "css", "js", "json", "svg", "xml", "txt"]
        for (path, bytes) in all where bytes.count > 4096 && compressible.contains(path.split(separator: ".").last.map(String.init) ?? "") {
            XCTAssertNotNil(all[path + ".gz"], "\(path) (\(bytes.count) bytes) has a gzip'd copy")
        }
        for (path, bytes) in all where bytes.count <= 1024 { XCTAssertNil(all[path + ".gz"], "\(path) is too small to compress") }

        // A page that shrinks below the threshold loses its old .gz on the next build (the writer's stale-file sweep).
        try Data([UInt8](repeating: 0x61, count: 10)).write(to: output.appendingPathComponent("index.html.gz"))
        _ = try SiteBuilder(site: site, theme: theme).build(into: output)
        _ = try SiteBuilder(site: site, theme: theme).build(into: output)
        XCTAssertEqual([UInt8](try Data(contentsOf: output.appendingPathComponent("index.html.gz"))), all["index.html.gz"])
    }

    func testABuildWithoutGzipWritesNoCopiesAndSweepsOldOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-nogzip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("_site")
        let page = Array(String(repeating: "<p>Taking a break before the argument gets hot.</p>\n", count: 60).utf8)
        for gzip in [true, false] {
            var writer = try SiteWriter(destination: output, gzip: gzip)
            try writer.write(page, to: "page.html")
            try writer.commit()
            XCTAssertEqual(FileManager.default.fileExists(atPath: output.appendingPathComponent("page.html.gz").path), gzip)
            XCTAssertEqual([UInt8](try Data(contentsOf: output.appendingPathComponent("page.html"))), page)
        }
    }

    /// A rebuild keeps an unchanged file's `.gz` from the swap folder only when its trailer matches the content.
    func testUnchangedFilesReuseTheirGzipOnlyWhenItMatches() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-gzreuse-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let output = root.appendingPathComponent("_site"), swap = root.appendingPathComponent("._site.swap")
        let a = Array(String(repeating: "<p>Version A of the page, said calmly.</p>\n", count: 60).utf8)
        let b = Array(String(repeating: "<p>Version B: the hub's number changed.</p>\n", count: 60).utf8)
        func build(_ bytes: [UInt8]) throws -> [UInt8] {
            var writer = try SiteWriter(destination: output)
            try writer.write(bytes, to: "page.html")
            try writer.commit()
            let gzip = [UInt8](try Data(contentsOf: output.appendingPathComponent("page.html.gz")))
            XCTAssertEqual(try GzipTool.decompress(gzip), bytes)
            return gzip
        }
        let first = try build(a), second = try build(a)
        XCTAssertTrue(FileManager.default.fileExists(atPath: swap.appendingPathComponent("page.html.gz").path))
        XCTAssertEqual(second, first)
        // Proof of reuse: a different but valid gzip of the same text (Debian's) planted in the swap folder is kept.
        try Data(a).write(to: root.appendingPathComponent("a.html"))
        let theirs = try GzipTool.gzip6(root.appendingPathComponent("a.html"))
        XCTAssertNotEqual(theirs, first)
        try Data(theirs).write(to: swap.appendingPathComponent("page.html.gz"))
        XCTAssertEqual(try build(a), theirs, "reused from the swap folder")
        // A failed build can leave the old text beside another version's .gz: the trailer gives it away.
        try Data(Gzip.compress(b)).write(to: swap.appendingPathComponent("page.html.gz"))
        XCTAssertEqual(try build(a), first)
        _ = try build(b)
        XCTAssertTrue(SiteWriter.isGzip(Gzip.compress(b), of: b))
        XCTAssertFalse(SiteWriter.isGzip(Gzip.compress(b), of: a))
        XCTAssertFalse(SiteWriter.isGzip(Array("not gzip at all, but long enough".utf8), of: a))
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
            XCTAssertEqual(try GzipTool.decompress(compressed), input, item)
            ours += compressed.count
            theirs += try GzipTool.gzip6(url).count
            files += 1
        }
        XCTAssertGreaterThan(files, 30)
        XCTAssertLessThan(Double(ours), Double(theirs) * 1.10, "within 10% of gzip -6 (ours \(ours), gzip \(theirs))")
    }
}
