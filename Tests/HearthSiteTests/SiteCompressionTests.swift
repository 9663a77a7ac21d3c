import Foundation
import XCTest
import HearthContent
@testable import HearthSite

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
            XCTAssertEqual(try GzipTests.decompress(all[variant]!), bytes, variant)
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
}
