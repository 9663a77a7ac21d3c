import Foundation

/// Loads the XML content formats: `site.xml`, measures and modules (schema: Docs/hearth-content.xsd).
enum XMLContentLoader {
    /// `site.xml`: the deployment's title, language, areas and settings.
    static func loadSite(_ data: Data, path: String) -> (SiteSettings, Diagnostics) {
        var settings = SiteSettings()
        let (parsed, problems) = XMLElementTree.parseDocument(data, path: path, expected: "site", what: "site.xml")
        var diagnostics = problems
        guard let root = parsed else { return (settings, diagnostics) }
        var reader = XMLElementReader(root, path: path)
        reader.allow(attributes: [], children: ["title", "language", "base-url", "api", "consent", "reading-age", "areas"])
        for child in root.children {
            var item = XMLElementReader(child, path: path)
            switch child.name {
            case "title":
                item.allow(attributes: [])
                settings.title = child.trimmedText
            case "language":
                item.allow(attributes: [])
                settings.language = child.trimmedText
                if !LanguageTag.isValid(settings.language) {
                    item.diagnostics.error("'\(settings.language)' is not a language tag; write one such as en-GB or cy", at: item.location)
                }
            case "base-url":
                item.allow(attributes: [])
                settings.baseURL = child.trimmedText
            case "api":
                item.allow(attributes: ["base"])
                if let base = item.required("base") { settings.apiBaseURL = base }
            case "consent":
                item.allow(attributes: ["version"])
                if let version = item.required("version") { settings.consentVersion = version }
            case "reading-age":
                item.allow(attributes: ["max"])
                if let max = item.number("max") { settings.readingAgeLimit = max }
            case "areas":
                item.allow(attributes: [], children: ["area"])
                var seen = Set<String>()
                for area in child.children where area.name == "area" {
                    var areaReader = XMLElementReader(area, path: path)
                    areaReader.allow(attributes: ["code", "name"])
                    guard let code = areaReader.required("code"), let name = areaReader.required("name") else {
                        item.diagnostics.append(contentsOf: areaReader.diagnostics)
                        continue
                    }
                    if !Self.isAreaCode(code) {
                        areaReader.diagnostics.error("'\(code)' is not an ONS area code (a letter and eight digits, such as E10000012)", at: areaReader.location)
                    } else if !seen.insert(code).inserted {
                        areaReader.diagnostics.error("the area \(code) is listed twice", at: areaReader.location)
                    } else {
                        settings.areas.append(.init(code: code, name: name))
                    }
                    item.diagnostics.append(contentsOf: areaReader.diagnostics)
                }
            default:
                break
            }
            reader.diagnostics.append(contentsOf: item.diagnostics)
        }
        diagnostics.append(contentsOf: reader.diagnostics)
        return (settings, diagnostics)
    }

    static func isAreaCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 9 && (bytes[0] >= 0x41 && bytes[0] <= 0x5A) && bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// BCP 47 language tags, checked for shape: `en`, `en-GB`, `cy`, `zh-Hant`.
enum LanguageTag {
    static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}

extension XMLContentLoader {
    /// `courses/<course>/<nn>-<name>.xml`: a module written in XML.
    static func loadModule(_ data: Data, path: String, id: String, defaultLanguage: String) -> (Module?, Diagnostics) {
        ModuleXMLLoader.load(data, path: path, id: id, defaultLanguage: defaultLanguage)
    }
}
