/// Everything in a content folder, loaded and checked: what `hearth build` renders.
public struct ContentSite: Sendable {
    public var settings: SiteSettings
    public var courses: [Course]
    public var measures: [Measure]
    public var pages: [PlainPage]
    /// The research-consent wording (`consent.md`), or nil when the content has none.
    public var consent: ConsentText?
    /// Files other than content (images, PDFs), relative to the content folder, to copy as they are.
    public var assets: [String]
    /// The content folder as given, which prefixes every diagnostic's path.
    public var folder: String
    /// Every file found in the content folder, relative to it, whether or not it loaded.
    public var files: [String] = []

    /// `path` (as diagnostics name it) relative to the content folder.
    public func relativePath(_ path: String) -> String { Self.relativePath(path, in: folder) }

    static func relativePath(_ path: String, in folder: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The courses for one audience, in home-page order.
    public func courses(for audience: Audience) -> [Course] {
        courses.filter { $0.audience == audience }
    }
}
