import Foundation
import XCTest
import HearthContent
@testable import HearthSite
import HearthManifest

/// Builds the repository's own Content/ with Themes/default, as `hearth build` does.
final class SiteBuildTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    private func build(into output: URL) throws -> SiteBuilder.Summary {
        let (site, diagnostics) = ContentLoader.load(folder: Self.repository.appendingPathComponent("Content").path)
        XCTAssertFalse(diagnostics.hasErrors, diagnostics.sorted.map(\.description).joined(separator: "\n"))
        let theme = try Theme.load(Self.repository.appendingPathComponent("Themes/default").path, fallback: nil)
        return try SiteBuilder(site: site, theme: theme).build(into: output)
    }

    /// Every file of a built site, by relative path.
    private func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(item).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { result[item] = try Data(contentsOf: folder.appendingPathComponent(item)) }
        }
        return result
    }

    func testTheSameInputBuildsByteIdenticalOutput() throws {
        let root = try temporaryFolder()
        _ = try build(into: root.appendingPathComponent("a"))
        _ = try build(into: root.appendingPathComponent("b"))
        let a = try files(in: root.appendingPathComponent("a")), b = try files(in: root.appendingPathComponent("b"))
        XCTAssertGreaterThan(a.count, 30)
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for (path, data) in a { XCTAssertEqual(data, b[path], "\(path) differs between two builds") }
    }

    func testPagesHaveNoInlineScriptStyleOrThirdPartyRequests() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        _ = try build(into: output)
        let pages = try files(in: output).filter { $0.key.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 20)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            XCTAssertTrue(html.hasPrefix("<!doctype html>\n<html lang=\""), path)
            XCTAssertEqual(html.components(separatedBy: "<main").count - 1, 1, "\(path): one <main>")
            XCTAssertEqual(html.components(separatedBy: "<h1").count - 1, 1, "\(path): one <h1>")
            XCTAssertTrue(html.contains("class=\"skip-link\" href=\"#main\""), path)
            XCTAssertFalse(html.contains(" style=\""), "\(path): inline style attribute")
            for script in html.components(separatedBy: "<script").dropFirst() {
                XCTAssertTrue(script.hasPrefix(" src=\""), "\(path): inline script")
            }
            // Anything the browser fetches by itself (src, stylesheets) stays on this site.
            for attribute in ["src=\"http", "src=\"//", "href=\"http://", "<link rel=\"stylesheet\" href=\"http"] {
                XCTAssertFalse(html.contains(attribute), "\(path): loads something from another host (\(attribute))")
            }
        }
    }

    func testHashedAssetsAndIndexes() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        let summary = try build(into: output)
        let all = try files(in: output)
        XCTAssertEqual(all.keys.filter { $0.hasPrefix("assets/hearth.") && $0.hasSuffix(".css") }.count, 1)
        XCTAssertNotNil(all.keys.first { $0.range(of: #"^assets/hearth\.[0-9a-f]{12}\.js$"#, options: .regularExpression) != nil })
        XCTAssertEqual(summary.pages, all.keys.filter { $0.hasSuffix(".html") }.count)

        let manifest = try JSONSerialization.jsonObject(with: all["manifest.json"]!) as! [String: Any]
        let courses = manifest["courses"] as! [[String: Any]]
        XCTAssertEqual(courses.map { $0["id"] as! String }, ["becoming-parents", "arguing-better", "separating-well", "relational-practice"])
        let training = courses.last!
        XCTAssertEqual(training["passMark"] as? Int, 80)
        let quiz = ((training["modules"] as! [[String: Any]])[0]["quizzes"] as! [[String: Any]])[0]
        XCTAssertEqual(quiz["id"] as? String, "relational-practice-evidence")
        XCTAssertEqual(quiz["correctCounts"] as? [Int], [3, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(quiz["draw"] as? Int, 5, "a pool: five of seven questions per attempt")
        XCTAssertNil(quiz["answers"], "the manifest never carries the answers")
        let measures = manifest["measures"] as! [[String: Any]]
        XCTAssertEqual(measures.map { $0["id"] as! String },
                       ["coparenting-communication", "csi4", "ons4", "parental-conflict", "phq4", "practitioner-confidence"])

        let search = try JSONSerialization.jsonObject(with: all["search-index.json"]!) as! [[String: String]]
        XCTAssertTrue(search.contains { $0["url"] == "courses/arguing-better/what-happens/index.html" && $0["text"]!.contains("flooded") })
        let sitemap = String(decoding: all["sitemap.xml"]!, as: UTF8.self)
        XCTAssertTrue(sitemap.contains("<loc>/courses/arguing-better/</loc>"))
    }

    /// What `hearth build` writes is what `hearth serve` reads (both through `Manifest`), with nothing lost on the way.
    func testTheManifestTheBuildWritesIsTheOneTheServerReads() throws {
        let output = try temporaryFolder().appendingPathComponent("site")
        _ = try build(into: output)
        let manifest = try Manifest(contentsOf: output.appendingPathComponent("manifest.json").path)
        let (site, _) = ContentLoader.load(folder: Self.repository.appendingPathComponent("Content").path)
        XCTAssertEqual(manifest, Manifest(site), "read back equal to the one written")
        XCTAssertEqual(manifest.courses.count, 4)
        let arguing = try XCTUnwrap(manifest.courses.first { $0.id == "arguing-better" })
        XCTAssertEqual(arguing.modules.first { $0.id == "what-happens" }?.quizzes.map(\.id), ["flooding"])
        let phq4 = try XCTUnwrap(manifest.measures.first { $0.id == "phq4" })
        XCTAssertEqual(phq4.items.first { $0.id == "anxious" }?.scale.values, [0, 1, 2, 3])
        XCTAssertEqual(manifest.measures.first { $0.id == "ons4" }?.items.first { $0.id == "satisfied" }?.scale.values, Array(0...10))
        XCTAssertTrue(manifest.site.areas.contains("E10000012"))
        XCTAssertEqual(manifest.site.consentVersion, "2026-11")
        XCTAssertThrowsError(try Manifest(contentsOf: output.appendingPathComponent("index.html").path), "not a manifest")
    }

    func testAFailedBuildLeavesThePreviousSiteUntouched() throws {
        let root = try temporaryFolder()
        let output = root.appendingPathComponent("_site")
        _ = try build(into: output)
        let before = try files(in: output)
        // A theme whose module template has an unclosed section fails to parse, after loading succeeded.
        let broken = root.appendingPathComponent("broken-theme/templates")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try "{{#parts}}".write(to: broken.appendingPathComponent("module-page.mustache"), atomically: true, encoding: .utf8)
        let theme = try Theme.load(root.appendingPathComponent("broken-theme").path,
                                   fallback: Self.repository.appendingPathComponent("Themes/default").path)
        let (site, _) = ContentLoader.load(folder: Self.repository.appendingPathComponent("Content").path)
        XCTAssertThrowsError(try SiteBuilder(site: site, theme: theme).build(into: output)) { error in
            XCTAssertEqual("\(error)", "module-page.mustache:1:1: error: the section 'parts' is never closed; add {{/parts}}")
        }
        XCTAssertEqual(try files(in: output), before)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(hidden, ["._site.swap"], "only the swap folder is kept beside the site")

        // The next good build replaces the site and drops files that are no longer produced.
        try Data("old".utf8).write(to: output.appendingPathComponent("stale.html"))
        _ = try build(into: output)
        _ = try build(into: output)
        XCTAssertEqual(try files(in: output), before)
    }

    func testALocalThemeOverridesOnlyWhatItHas() throws {
        let root = try temporaryFolder()
        let local = root.appendingPathComponent("essex")
        try FileManager.default.createDirectory(at: local.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "<section class=\"local-services\"><h2>Essex family hubs</h2><p>Call 0345 603 7627.</p></section>"
            .write(to: local.appendingPathComponent("templates/local-services.mustache"), atomically: true, encoding: .utf8)
        let theme = try Theme.load(local.path, fallback: Self.repository.appendingPathComponent("Themes/default").path)
        let (site, _) = ContentLoader.load(folder: Self.repository.appendingPathComponent("Content").path)
        let output = root.appendingPathComponent("site")
        _ = try SiteBuilder(site: site, theme: theme).build(into: output)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("Essex family hubs"))
        XCTAssertTrue(home.contains("class=\"skip-link\""), "the rest still comes from the default theme")
    }
}

/// Languages: each page's `lang`, right-to-left direction, and interface text with an English fallback.
final class LanguageTests: XCTestCase {
    func testRightToLeftPagesAndStringFallback() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-lang-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let pages = root.appendingPathComponent("content/pages")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try "---\ntitle: مرحبا\nlanguage: ar\n---\nنص.\n".write(to: pages.appendingPathComponent("ar.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Croeso\nlanguage: cy\n---\nTestun.\n".write(to: pages.appendingPathComponent("cy.md"), atomically: true, encoding: .utf8)
        let theme = root.appendingPathComponent("theme")
        try FileManager.default.createDirectory(at: theme.appendingPathComponent("strings"), withIntermediateDirectories: true)
        try "{\"skipToContent\": \"Neidio i'r prif gynnwys\"}".write(to: theme.appendingPathComponent("strings/cy.json"), atomically: true, encoding: .utf8)

        let (site, diagnostics) = ContentLoader.load(folder: root.appendingPathComponent("content").path)
        XCTAssertFalse(diagnostics.hasErrors)
        let loaded = try Theme.load(theme.path, fallback: SiteBuildTests.repository.appendingPathComponent("Themes/default").path)
        _ = try SiteBuilder(site: site, theme: loaded).build(into: root.appendingPathComponent("site"))
        let arabic = try String(contentsOf: root.appendingPathComponent("site/pages/ar.html"), encoding: .utf8)
        let welsh = try String(contentsOf: root.appendingPathComponent("site/pages/cy.html"), encoding: .utf8)
        XCTAssertTrue(arabic.contains("<html lang=\"ar\" dir=\"rtl\""))
        XCTAssertTrue(arabic.contains(">Skip to main content<"), "no Arabic strings: English is the fallback")
        XCTAssertTrue(welsh.contains("<html lang=\"cy\" dir=\"ltr\""))
        XCTAssertTrue(welsh.contains(">Neidio i&#39;r prif gynnwys<"), "the Welsh string file is used where it has the key")
        XCTAssertTrue(welsh.contains(">Leave this site now<"), "and English fills the keys it lacks")
    }
}
