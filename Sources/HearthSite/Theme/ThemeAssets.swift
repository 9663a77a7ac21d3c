import HearthText

/// A theme's assets as the build publishes them: where each file goes (CSS and JS with a content hash in the
/// name, so they can be cached for a year), the name templates know it by, the logo's shape, and the files that
/// nothing uses.
///
/// An asset's template name is its file name without the extension — `assets/theme.css` is `{{assets.theme}}`,
/// `assets/logo.svg` is `{{assets.logo}}` — except the default stylesheet, `hearth.css`, which is `{{assets.css}}`.
package struct ThemeAssets: Sendable {
    /// One file under `assets/`.
    package struct File: Sendable, Equatable {
        /// Its path under the theme's `assets/` folder.
        package var name: String
        /// Its path in the built site.
        package var output: String
    }

    /// Every asset, in name order.
    package private(set) var files: [File] = []
    /// Output paths by template name (`css`, `theme`, `logo`, `favicon` …).
    package private(set) var paths: [String: String] = [:]
    /// The logo's declared size, when there is a logo whose size can be read.
    package private(set) var logoSize: ImageSize?
    /// Problems a theme's author should hear about, each naming the file: assets nothing uses, a logo of unknown size.
    package private(set) var warnings: [String] = []

    /// The height in CSS pixels the logo's `width` and `height` attributes describe; the stylesheet draws it at
    /// `--logo-height`, and the attributes keep its shape.
    package static let logoHeight = 32

    package init(theme: Theme) {
        for (name, bytes) in theme.assets.sorted(by: { $0.key < $1.key }) {
            let hashed = name.hasSuffix(".css") || name.hasSuffix(".js")
            let file = File(name: name, output: "assets/" + (hashed ? HashedAssetName.name(name, contents: bytes) : name))
            files.append(file)
            let key = Self.key(of: name)
            if paths[key] == nil { paths[key] = file.output }
        }
        if let logo = files.first(where: { $0.output == paths["logo"] }) {
            logoSize = theme.assets[logo.name].flatMap(ImageSize.init)
            if logoSize == nil {
                warnings.append("\(theme.source(ofAsset: logo.name)): warning: the size of this logo cannot be read, so pages cannot keep "
                                + "its shape before it loads; use SVG with a viewBox, PNG, GIF, JPEG or WebP")
            }
        }
        warnings += unusedWarnings(theme)
    }

    /// The name templates use for the asset at `name`: `fonts/body.woff2` → `fonts-body`, `hearth.css` → `css`.
    package static func key(of name: String) -> String {
        if name == "hearth.css" { return "css" }
        var stem = Substring(name)
        if let dot = name.lastIndex(of: "."), !name[dot...].contains("/") { stem = name[..<dot] }
        return String(stem.map { $0 == "/" || $0 == "." ? "-" : $0 })
    }

    /// An asset is used when a template names it (`assets.theme`) and it is the file that name gives, or when a
    /// template, a script or another asset mentions its path (`url(fonts/body.woff2)`, `{{root}}favicon.ico`).
    private func unusedWarnings(_ theme: Theme) -> [String] {
        let templates = theme.templates.values.joined(separator: "\n")
        let others = theme.scripts.values.map { String(decoding: $0, as: UTF8.self) }
        var warnings: [String] = []
        for file in files {
            let key = Self.key(of: file.name)
            if paths[key] == file.output, mentions(templates, "assets." + key) { continue }
            if templates.contains(file.name) || others.contains(where: { $0.contains(file.name) }) { continue }
            let inOtherAssets = theme.assets.contains { name, bytes in
                name != file.name && Self.isText(name) && String(decoding: bytes, as: UTF8.self).contains(file.name)
            }
            if inOtherAssets { continue }
            var advice = "nothing uses this asset: name it in a template as {{assets.\(key)}}, or delete it"
            if file.name.hasSuffix(".css") { advice += " (a theme's own styles go in assets/theme.css, which every page links)" }
            if paths[key] != file.output, let winner = files.first(where: { $0.output == paths[key] }) {
                advice = "nothing uses this asset: {{assets.\(key)}} is \(winner.name), which comes first by name; rename or delete one"
            }
            warnings.append("\(theme.source(ofAsset: file.name)): warning: \(advice)")
        }
        return warnings
    }

    /// Whether `text` names `reference` as a whole (`assets.logo`, but not within `assets.logoWidth`).
    private func mentions(_ text: String, _ reference: String) -> Bool {
        var rest = Substring(text)
        while let range = rest.range(of: reference) {
            let next = rest[range.upperBound...].first
            if next.map({ !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) ?? true { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    private static func isText(_ name: String) -> Bool {
        [".css", ".js", ".svg", ".json", ".html", ".txt", ".webmanifest"].contains { name.hasSuffix($0) }
    }
}
