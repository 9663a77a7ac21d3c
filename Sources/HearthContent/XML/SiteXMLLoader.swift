import Foundation

extension XMLContentLoader {
    /// Reads `site.xml`; whatever it leaves out keeps its `SiteSettings()` default.
    static func loadSite(_ data: Data, path: String) -> (SiteSettings, Diagnostics) {
        let (parsed, problems) = XMLElementReader.parseDocument(data, path: path, rootName: "site", fileKind: "site.xml")
        var diagnostics = problems
        guard let root = parsed else { return (SiteSettings(), diagnostics) }
        var check = XMLElementChecker(path: path)
        let settings = siteSettings(from: root, check: &check)
        diagnostics.append(contentsOf: check.diagnostics)
        return (settings, diagnostics)
    }

    private static func siteSettings(from root: XMLElementNode, check: inout XMLElementChecker) -> SiteSettings {
        var settings = SiteSettings()
        check.expect(root, attributes: [], children: [.one("title"), .one("language"), .one("base-url"), .one("api"),
                                                      .one("consent"), .one("reading-age"), .one("areas")])
        for element in root.children {
            switch element.name {
            case "title":
                check.expect(element, attributes: [], text: .plain)
                settings.title = check.plainText(of: element)
                if settings.title.isEmpty { check.error("<title> is empty; write the site's name in it", at: element) }
            case "language":
                check.expect(element, attributes: [], text: .plain)
                settings.language = check.plainText(of: element)
                if !isLanguageTag(settings.language) {
                    check.error("'\(settings.language)' is not a language tag; write one such as en-GB or cy", at: element)
                }
            case "base-url":
                check.expect(element, attributes: [], text: .plain)
                settings.baseURL = check.plainText(of: element)
                if !settings.baseURL.hasPrefix("https://") && !settings.baseURL.hasPrefix("http://") {
                    check.error("<base-url> should be the site's full address, starting with https://", at: element)
                }
            case "api":
                check.expect(element, attributes: ["base"])
                if let base = check.required("base", of: element) {
                    // A path on the site's own origin: the pages' Content-Security-Policy allows connections to 'self'
                    // only, so several API nodes sit behind the same address (a load balancer routes the path to them).
                    if base.hasPrefix("/") && !base.hasPrefix("//") && base.count > 1 && !base.contains("?") && !base.contains("#") {
                        settings.apiBaseURL = base.hasSuffix("/") ? String(base.dropLast()) : base
                    } else {
                        check.error("base=\"\(base)\" on <api> should be a path on this site such as /api/v1; route that path to the API nodes", at: element)
                    }
                }
            case "consent":
                check.expect(element, attributes: ["version"])
                if let version = check.required("version", of: element) { settings.consentVersion = version }
            case "reading-age":
                settings.readingAge = readingAgeLimits(element, check: &check)
            case "areas":
                settings.areas = areas(in: element, check: &check)
            default:
                break  // reported by expect
            }
        }
        return settings
    }

    /// `max` is the limit for both audiences; `parents` and `practitioners` override it for their own pages.
    private static func readingAgeLimits(_ element: XMLElementNode, check: inout XMLElementChecker) -> SiteSettings.ReadingAgeLimits {
        let names = ["max", "parents", "practitioners"]
        check.expect(element, attributes: names)
        guard names.contains(where: { element.attributes[$0] != nil }) else {
            check.error("<reading-age> needs max=\"…\" (for every page), or parents=\"…\" and practitioners=\"…\"; for example <reading-age parents=\"10\" practitioners=\"14\"/>",
                        at: element)
            return SiteSettings.ReadingAgeLimits()
        }
        // Reading ages outside school years are not what the estimate measures.
        func age(_ name: String) -> Double? {
            guard let years = check.number(name, of: element) else { return nil }
            guard (5...25).contains(years) else {
                check.error("\(name)=\"\(format(years))\" on <reading-age> should be an age in years from 5 to 25", at: element)
                return nil
            }
            return years
        }
        var limits = SiteSettings.ReadingAgeLimits(everyone: age("max") ?? SiteSettings.ReadingAgeLimits().parents)
        if let parents = age("parents") { limits.parents = parents }
        if let practitioners = age("practitioners") { limits.practitioners = practitioners }
        return limits
    }

    private static func areas(in element: XMLElementNode, check: inout XMLElementChecker) -> [SiteSettings.Area] {
        check.expect(element, attributes: [], children: [.many("area")])
        var areas: [SiteSettings.Area] = []
        for area in element.children(named: "area") {
            check.expect(area, attributes: ["code", "name"])
            let code = check.required("code", of: area), name = check.required("name", of: area)
            guard let code, let name else { continue }
            if !isAreaCode(code) {
                check.error("'\(code)' is not an ONS area code (a capital letter and eight digits, such as E10000012)", at: area)
            } else if areas.contains(where: { $0.code == code }) {
                check.error("the area \(code) is listed twice; keep one", at: area)
            } else {
                areas.append(SiteSettings.Area(code: code, name: name))
            }
        }
        return areas
    }
}
