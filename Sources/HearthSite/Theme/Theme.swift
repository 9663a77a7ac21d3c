import Foundation
import HearthJSON
import HearthText

/// A theme's files, with every file the chosen theme lacks taken from the default theme.
package struct Theme: Sendable {
    /// Template sources by name (file name without `.mustache`).
    package var templates: [String: String] = [:]
    /// Asset files by path under `assets/`.
    package var assets: [String: [UInt8]] = [:]
    /// The script's parts by file name under `scripts/`, joined in name order into one file by the build.
    package var scripts: [String: [UInt8]] = [:]
    /// Interface strings by language, then key.
    package var strings: [String: [String: String]] = [:]
    /// The folders read, most specific first, for messages.
    package var folders: [String] = []
    /// The file each asset was read from, by its path under `assets/`, for messages.
    package var assetFiles: [String: String] = [:]

    /// Problems with a theme, naming the file.
    package struct LoadError: Error, CustomStringConvertible {
        package var path: String
        package var message: String
        package var description: String { "\(path): error: \(message)" }
    }

    /// Loads `folder`, falling back file by file to `fallback` (the default theme) when given.
    package static func load(_ folder: String, fallback: String?) throws -> Theme {
        var theme = Theme()
        let layers = [fallback, folder].compactMap { $0 }.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        var seen = Set<String>()
        let unique = layers.filter { seen.insert($0).inserted }
        guard FileManager.default.fileExists(atPath: folder) else {
            throw LoadError(path: folder, message: "there is no theme folder here; pass --theme with a folder that exists")
        }
        // Later layers override earlier ones: default first, then the chosen theme.
        for layer in unique {
            theme.folders.insert(layer, at: 0)
            for file in files(in: layer + "/templates") where file.hasSuffix(".mustache") {
                let name = String(file.dropLast(".mustache".count))
                guard let data = FileManager.default.contents(atPath: layer + "/templates/" + file),
                      let text = String(data: data, encoding: .utf8) else {
                    throw LoadError(path: layer + "/templates/" + file, message: "this template is not readable UTF-8 text")
                }
                theme.templates[name] = text
            }
            let layerAssets = files(in: layer + "/assets")
            // A logo of any format replaces the earlier layer's, so a theme's logo.png takes the place of the default
            // logo.svg rather than sitting beside it. (Other files keep their full names: the build writes
            // favicon.ico by that name.)
            if layerAssets.contains(where: { ThemeAssets.key(of: $0) == "logo" }) {
                for earlier in theme.assets.keys where ThemeAssets.key(of: earlier) == "logo" {
                    theme.assets[earlier] = nil
                    theme.assetFiles[earlier] = nil
                }
            }
            for file in layerAssets {
                guard let data = FileManager.default.contents(atPath: layer + "/assets/" + file) else { continue }
                theme.assets[file] = [UInt8](data)
                theme.assetFiles[file] = layer + "/assets/" + file
            }
            for file in files(in: layer + "/scripts") where file.hasSuffix(".js") && !file.contains("/") {
                guard let data = FileManager.default.contents(atPath: layer + "/scripts/" + file) else { continue }
                theme.scripts[file] = [UInt8](data)
            }
            for file in files(in: layer + "/strings") where file.hasSuffix(".json") && !file.contains("/") {
                let path = layer + "/strings/" + file
                let language = String(file.dropLast(5))
                for (key, text) in try strings(at: path) { theme.strings[language, default: [:]][key] = text }
            }
        }
        for required in ["layout", "home", "course", "module-page", "page", "measure", "search", "course-measure", "course-end",
                         "offline", "service-worker", "dashboard"] where theme.templates[required] == nil {
            throw LoadError(path: folder + "/templates/\(required).mustache",
                            message: "the theme has no '\(required)' template, and neither does the default theme")
        }
        return theme
    }

    /// The file an asset was read from, for messages (its path under `assets/` when it was not read from a file).
    package func source(ofAsset name: String) -> String {
        assetFiles[name] ?? "assets/" + name
    }

    /// Interface strings for `language` (e.g. `cy` or `en-GB`), falling back key by key to English.
    package func strings(for language: String) -> [String: String] {
        let primary = String(language.split(separator: "-").first ?? "en").lowercased()
        var result = strings["en"] ?? [:]
        for (key, value) in strings[primary] ?? [:] { result[key] = value }
        for (key, value) in strings[language] ?? [:] { result[key] = value }
        return result
    }

    /// A strings file: one JSON object whose every value is text.
    private static func strings(at path: String) throws -> [(key: String, text: String)] {
        guard let bytes = FileBytes.read(path) else { throw LoadError(path: path, message: "this strings file cannot be read") }
        let value: JSONValue
        do {
            value = try JSONReader.read(bytes)
        } catch {
            throw LoadError(path: path, message: "this strings file is not valid JSON: \(error.message)")
        }
        guard let object = value.object else {
            throw LoadError(path: path, message: "this strings file is not a JSON object of \"key\": \"text\" pairs")
        }
        return try object.members.map { member in
            guard let text = member.value.string else {
                throw LoadError(path: path, message: "the value of \"\(member.key)\" must be text in double quotes")
            }
            return (member.key, text)
        }
    }

    private static func files(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue,
               !item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                result.append(item)
            }
        }
        return result.sorted()
    }
}

/// Text direction from a language tag: right-to-left for scripts written that way.
package enum TextDirection {
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur", "ps", "yi", "ckb", "dv", "sd", "ug"]

    package static func of(_ language: String) -> String {
        let primary = String(language.split(separator: "-").first ?? "").lowercased()
        return rightToLeft.contains(primary) ? "rtl" : "ltr"
    }
}
