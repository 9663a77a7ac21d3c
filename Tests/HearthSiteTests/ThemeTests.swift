import Foundation
import XCTest
import HearthContent
@testable import HearthSite

/// A council's own theme: loading with the default theme underneath, the overrides stylesheet, the logo's shape,
/// the warning for an asset nothing uses, and the example theme in the repository.
final class ThemeTests: XCTestCase {
    static let repository = SiteBuildTests.repository
    static let defaultTheme = repository.appendingPathComponent("Themes/default").path

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hearth-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A theme folder holding `files` (path under the theme → contents).
    private func theme(_ files: [String: String]) throws -> String {
        let folder = try temporaryFolder().appendingPathComponent("council")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    private func build(theme folder: String) throws -> (site: URL, summary: SiteBuilder.Summary) {
        let (content, diagnostics) = ContentLoader.load(folder: Self.repository.appendingPathComponent("Content").path)
        XCTAssertFalse(diagnostics.hasErrors)
        let output = try temporaryFolder().appendingPathComponent("site")
        let theme = try Theme.load(folder, fallback: folder == Self.defaultTheme ? nil : Self.defaultTheme)
        return (output, try SiteBuilder(site: content, theme: theme).build(into: output, gzip: false))
    }

    private func page(_ site: URL, _ path: String) throws -> String {
        String(decoding: try Data(contentsOf: site.appendingPathComponent(path)), as: UTF8.self)
    }

    private func stylesheets(in html: String) -> [String] {
        html.components(separatedBy: "<link rel=\"stylesheet\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    // MARK: Loading

    func testAThemeTakesWhatItLacksFromTheDefaultFileByFileAndStringByString() throws {
        let folder = try theme([
            "templates/local-services.mustache": "<section>Our hubs</section>",
            "strings/en.json": #"{"logoAlt": "Anytown Council", "courses": "Our courses"}"#,
        ])
        let loaded = try Theme.load(folder, fallback: Self.defaultTheme)
        XCTAssertEqual(loaded.templates["local-services"], "<section>Our hubs</section>")
        XCTAssertEqual(loaded.templates["layout"], try String(contentsOfFile: Self.defaultTheme + "/templates/layout.mustache", encoding: .utf8))
        let strings = loaded.strings(for: "en-GB")
        XCTAssertEqual(strings["courses"], "Our courses")
        XCTAssertEqual(strings["logoAlt"], "Anytown Council")
        XCTAssertEqual(strings["search"], "Search", "a key the theme does not give comes from the default")
        XCTAssertEqual(loaded.folders.first, URL(fileURLWithPath: folder).standardizedFileURL.path)
    }

    func testALogoOfAnotherFormatReplacesTheDefaultLogoInsteadOfSittingBesideIt() throws {
        let folder = try theme(["assets/logo.png": ""])
        try Data(Self.png(width: 300, height: 100)).write(to: URL(fileURLWithPath: folder + "/assets/logo.png"))
        let loaded = try Theme.load(folder, fallback: Self.defaultTheme)
        XCTAssertNotNil(loaded.assets["logo.png"])
        XCTAssertNil(loaded.assets["logo.svg"])
        XCTAssertEqual(loaded.source(ofAsset: "logo.png"), URL(fileURLWithPath: folder).standardizedFileURL.path + "/assets/logo.png")
        XCTAssertEqual(ThemeAssets(theme: loaded).paths["logo"], "assets/logo.png")
        XCTAssertEqual(ThemeAssets(theme: loaded).logoSize, ImageSize(width: 300, height: 100))
    }

    func testAThemeWithoutADashboardTemplateAndNoDefaultUnderneathIsRefused() throws {
        var files: [String: String] = [:]
        for name in ["layout", "home", "course", "module-page", "page", "measure", "search", "course-measure", "course-end", "offline",
                     "service-worker"] {
            files["templates/\(name).mustache"] = "{{{body}}}"
        }
        let folder = try theme(files)
        XCTAssertThrowsError(try Theme.load(folder, fallback: nil)) { error in
            XCTAssertTrue("\(error)".hasSuffix("dashboard.mustache: error: the theme has no 'dashboard' template, and neither does the default theme"),
                          "\(error)")
        }
        XCTAssertNoThrow(try Theme.load(folder, fallback: Self.defaultTheme))
    }

    // MARK: The overrides stylesheet

    func testEveryPageLinksTheThemesOwnStylesheetAfterTheDefaultOne() throws {
        let folder = try theme(["assets/theme.css": ":root { --light-brand: #123456; --dark-brand: #abcdef; }\n"])
        let (site, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings, [])
        let css = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("assets").path)
        let hashed = try XCTUnwrap(css.first { $0.hasPrefix("theme.") && $0.hasSuffix(".css") })
        for path in ["index.html", "courses/arguing-better/what-happens/index.html", "research/index.html"] {
            let links = stylesheets(in: try page(site, path))
            XCTAssertTrue(links.first?.contains("assets/hearth.") == true, "\(path): \(links)")
            XCTAssertTrue(links.last?.hasSuffix("assets/" + hashed) == true, "\(path): \(links)")
        }
    }

    func testWithoutAnOverridesStylesheetPagesLinkOnlyTheDefaultOne() throws {
        let (site, summary) = try build(theme: Self.defaultTheme)
        XCTAssertEqual(summary.warnings, [], "the default theme uses every asset it has")
        let links = stylesheets(in: try page(site, "index.html"))
        XCTAssertEqual(links.count, 1)
        XCTAssertTrue(links[0].hasPrefix("assets/hearth."), links[0])
    }

    func testTheDefaultStylesheetGivesEveryColourALightAndADarkValue() throws {
        let css = try String(contentsOfFile: Self.defaultTheme + "/assets/hearth.css", encoding: .utf8)
        let used = Set(css.components(separatedBy: "var(--colour-").dropFirst().map { String($0.prefix { $0 != ")" }) })
        XCTAssertGreaterThan(used.count, 10)
        for colour in used {
            XCTAssertTrue(css.contains("--light-\(colour):"), "--light-\(colour)")
            XCTAssertTrue(css.contains("--dark-\(colour):"), "--dark-\(colour)")
            XCTAssertTrue(css.contains("--colour-\(colour): var(--light-\(colour));"), colour)
            XCTAssertTrue(css.contains("--colour-\(colour): var(--dark-\(colour));"), colour)
        }
    }

    // MARK: The logo

    func testTheLogosWidthAndHeightKeepItsShape() throws {
        let folder = try theme(["assets/logo.svg": #"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 60"><rect width="300" height="60"/></svg>"#])
        let (site, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings, [])
        XCTAssertTrue(try page(site, "index.html").contains(#"<img src="assets/logo.svg" alt="" width="160" height="32">"#))
        XCTAssertTrue(try page(site, "courses/arguing-better/index.html").contains(#"<img src="../../assets/logo.svg" alt="" width="160" height="32">"#))
    }

    func testImageSizesAreReadFromEachFormatsHeader() {
        XCTAssertEqual(ImageSize(Self.png(width: 640, height: 480)), ImageSize(width: 640, height: 480))
        XCTAssertEqual(ImageSize(Array("GIF89a".utf8) + [0x2C, 0x01, 0x64, 0x00] + [0, 0, 0]), ImageSize(width: 300, height: 100))
        // A JPEG: start of image, an APP0 segment of 16 bytes, then a baseline start of frame (height 90, width 400).
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array(repeating: 0, count: 14)
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x5A, 0x01, 0x90, 0x03] + Array(repeating: 0, count: 12)
        XCTAssertEqual(ImageSize(jpeg), ImageSize(width: 400, height: 90))
        var webP = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + Array(repeating: 0, count: 18)
        webP[24] = 0xFF; webP[25] = 0x01  // width − 1 = 511
        webP[27] = 0x7F                   // height − 1 = 127
        XCTAssertEqual(ImageSize(webP), ImageSize(width: 512, height: 128))
        XCTAssertEqual(ImageSize(Array(#"<svg width="120px" height="40" viewBox="0 0 1 1">"#.utf8)), ImageSize(width: 120, height: 40))
        XCTAssertEqual(ImageSize(Array(#"<svg width="100%" viewBox="0,0,50,200">"#.utf8)), ImageSize(width: 50, height: 200),
                       "a percentage says nothing about the shape, so the view box does")
        XCTAssertEqual(ImageSize(Array("<!-- <svg> in a comment --><svg\nviewBox='0 0 20 10'/>".utf8)), ImageSize(width: 20, height: 10))
        XCTAssertNil(ImageSize(Array(#"<svg width="2em" height="1em">"#.utf8)))
        XCTAssertNil(ImageSize(Array("not an image".utf8)))
        XCTAssertEqual(ImageSize(width: 1000, height: 10).width(atHeight: 32), 3200)
        XCTAssertEqual(ImageSize(width: 10, height: 1000).width(atHeight: 32), 1)
    }

    // MARK: Assets nothing uses

    func testAnAssetNothingUsesIsReportedWithItsPathAndWhatToDo() throws {
        let folder = try theme([
            "assets/theme.css": ".hub { background: url(fonts/used.woff2); }\n",
            "assets/fonts/used.woff2": "font",
            "assets/extra.css": "p { color: red; }\n",
            "assets/photo.jpg": "jpeg",
            "assets/banner.png": "png",
            "templates/local-services.mustache": "<img src=\"{{root}}assets/banner.png\" alt=\"\">",
        ])
        let (_, summary) = try build(theme: folder)
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        XCTAssertEqual(summary.warnings, [
            "\(root)/assets/extra.css: warning: nothing uses this asset: name it in a template as {{assets.extra}}, or delete it "
                + "(a theme's own styles go in assets/theme.css, which every page links)",
            "\(root)/assets/photo.jpg: warning: nothing uses this asset: name it in a template as {{assets.photo}}, or delete it",
        ])
    }

    func testAnAssetATemplateNamesIsUsedButANameThatOnlyBeginsTheSameIsNot() throws {
        let folder = try theme([
            "assets/print.css": "@media print { body { color: #000; } }\n",
            "assets/map.svg": "<svg viewBox=\"0 0 1 1\"></svg>",
            "templates/local-services.mustache": "<link rel=\"stylesheet\" href=\"{{assets.print}}\"><p>{{assets.mapWidth}}</p>",
        ])
        let (_, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings.count, 1, "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.first?.contains("/assets/map.svg: warning: nothing uses this asset") == true, "\(summary.warnings)")
    }

    func testTwoFilesForOneTemplateNameAreReported() throws {
        let folder = try theme(["assets/logo.svg": "<svg viewBox=\"0 0 2 1\"></svg>", "assets/logo.gif": "GIF89a\u{2}\0\u{1}\0"])
        let (_, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings.count, 1, "\(summary.warnings)")
        XCTAssertTrue(summary.warnings.first?.contains("logo.svg: warning: nothing uses this asset: {{assets.logo}} is logo.gif") == true,
                      "\(summary.warnings)")
    }

    func testALogoWhoseSizeCannotBeReadIsReportedAndDrawnWithoutASize() throws {
        let folder = try theme(["assets/logo.svg": "<svg width=\"10em\" height=\"2em\"></svg>"])
        let (site, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings.count, 1)
        XCTAssertTrue(summary.warnings.first?.contains("logo.svg: warning: the size of this logo cannot be read") == true, "\(summary.warnings)")
        XCTAssertTrue(try page(site, "index.html").contains(#"<img src="assets/logo.svg" alt="">"#))
    }

    // MARK: The example theme and the dashboard

    func testTheExampleThemeBuildsWithoutWarningsAndOverridesOnlyWhatItMust() throws {
        let folder = Self.repository.appendingPathComponent("Themes/example-borough").path
        let (site, summary) = try build(theme: folder)
        XCTAssertEqual(summary.warnings, [])
        let home = try page(site, "index.html")
        XCTAssertTrue(home.contains(#"alt="Example Borough Council" width="128" height="32">"#), "a logo four times as wide as it is tall")
        XCTAssertTrue(home.contains("This is an example."))
        XCTAssertTrue(home.contains("Millbrook Family Hub"))
        XCTAssertEqual(stylesheets(in: home).count, 2)
        // Nothing copied from the default theme: every file it has differs from the default's file of that name.
        let files = FileManager.default.enumerator(atPath: folder)!.allObjects.compactMap { $0 as? String }
        for file in files where !file.hasSuffix("README.md") {
            guard let mine = FileManager.default.contents(atPath: folder + "/" + file) else { continue }
            XCTAssertNotEqual(mine, FileManager.default.contents(atPath: Self.defaultTheme + "/" + file), file)
        }
    }

    func testTheDashboardIsBuiltButNeitherIndexedNorInTheSitemap() throws {
        let (site, _) = try build(theme: Self.defaultTheme)
        let dashboard = try page(site, SiteRoutes.dashboard)
        XCTAssertEqual(SiteRoutes.dashboard, "research/index.html")
        XCTAssertTrue(dashboard.contains(#"<meta name="robots" content="noindex">"#))
        XCTAssertEqual(stylesheets(in: dashboard).last, "/api/v1/research/report.css", "the report's styles come from the API")
        XCTAssertTrue(dashboard.contains(#"data-report="/api/v1/research/report" data-exports="/api/v1/research/export/""#))
        XCTAssertTrue(dashboard.contains("hearth report --db"), "the page says how to get the report without JavaScript")
        XCTAssertFalse(dashboard.contains("name=\"token\""), "the token field has no name, so no form can put it in a URL")
        XCTAssertFalse(try page(site, "sitemap.xml").contains("research/"))
        XCTAssertFalse(try page(site, "search-index.json").contains("research/index.html"))
        XCTAssertFalse(try page(site, "index.html").contains("report.css"), "only the dashboard links the report's styles")
        XCTAssertFalse(try page(site, "index.html").contains("noindex"))
    }

    /// A PNG's signature and IHDR chunk, which is all the size reader needs.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ n: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: n >> $0) } }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + bigEndian(width) + bigEndian(height)
            + [8, 6, 0, 0, 0]
    }
}
