import Dispatch
import Foundation
import HearthMarkdown

/// Reads a content folder into a `ContentSite`, collecting every problem rather than stopping at the first.
public enum ContentLoader {
    /// Content files bigger than this are refused: they are certainly not hand-written modules.
    static let maximumFileSize = 4 * 1024 * 1024
    /// The research-consent wording's file, at the top of the content folder; not a page of its own.
    static let consentFile = "consent.md"

    /// Loads `folder` (e.g. `Content`); diagnostics name files as `folder/relative/path`.
    public static func load(folder: String) -> (ContentSite, Diagnostics) {
        var diagnostics = Diagnostics()
        var site = ContentSite(settings: SiteSettings(), courses: [], measures: [], pages: [], assets: [], folder: folder)
        let files = listFiles(in: folder)
        if files == nil {
            diagnostics.error("the content folder '\(folder)' does not exist or cannot be read", at: SourceLocation(path: folder))
            return (site, diagnostics)
        }
        let all = files ?? []
        site.files = all

        if all.contains("site.xml"), let data = read("site.xml", in: folder, diagnostics: &diagnostics) {
            let (settings, problems) = XMLContentLoader.loadSite(data, path: join(folder, "site.xml"))
            site.settings = settings
            diagnostics.append(contentsOf: problems)
        }
        let language = site.settings.language

        // Measures.
        for file in all where file.hasPrefix("measures/") {
            guard file.hasSuffix(".xml"), !file.dropFirst(9).contains("/") else {
                diagnostics.error("only measure files ending in .xml belong in measures/; move or remove this file",
                                  at: SourceLocation(path: join(folder, file)))
                continue
            }
            guard let data = read(file, in: folder, diagnostics: &diagnostics) else { continue }
            let (measure, problems) = XMLContentLoader.loadMeasure(data, path: join(folder, file), defaultLanguage: language)
            diagnostics.append(contentsOf: problems)
            if let measure { site.measures.append(measure) }
        }

        // Courses: one folder each.
        let courseFolders = Set(all.compactMap { file -> String? in
            let parts = file.split(separator: "/")
            return parts.count >= 3 && parts[0] == "courses" ? String(parts[1]) : nil
        }).sorted()
        for file in all where file.hasPrefix("courses/") && file.split(separator: "/").count == 2 {
            diagnostics.error("put each course in a folder of its own, like courses/\(file.dropFirst(8).split(separator: ".").first ?? "my-course")/course.md",
                              at: SourceLocation(path: join(folder, file)))
        }
        for id in courseFolders {
            let courseFiles = all.filter { $0.hasPrefix("courses/\(id)/") }
            var loader = CourseLoader(folder: folder, id: id, language: language)
            if let course = loader.load(courseFiles) { site.courses.append(course) }
            diagnostics.append(contentsOf: loader.diagnostics)
            site.assets += loader.assets
        }
        site.courses.sort { ($0.order, $0.title, $0.id) < ($1.order, $1.title, $1.id) }

        if all.contains(consentFile), let data = read(consentFile, in: folder, diagnostics: &diagnostics) {
            let (consent, problems) = loadConsent(String(decoding: data, as: UTF8.self), path: join(folder, consentFile), language: language)
            site.consent = consent
            diagnostics.append(contentsOf: problems)
        }

        // Plain pages: Markdown anywhere else. They are independent, so they load on every core.
        let others = all.filter { !$0.hasPrefix("courses/") && !$0.hasPrefix("measures/") && $0 != "site.xml" && $0 != consentFile }
        let markdownFiles = others.filter { $0.hasSuffix(".md") }
        let loaded = ParallelResults<(PlainPage?, Diagnostics)>(count: markdownFiles.count)
        DispatchQueue.concurrentPerform(iterations: markdownFiles.count) { index in
            let file = markdownFiles[index]
            var problems = Diagnostics()
            guard let data = read(file, in: folder, diagnostics: &problems) else {
                loaded.store((nil, problems), at: index)
                return
            }
            let (page, pageProblems) = loadPlainPage(String(decoding: data, as: UTF8.self), file: file, folder: folder, language: language)
            problems.append(contentsOf: pageProblems)
            loaded.store((page, problems), at: index)
        }
        for (page, problems) in loaded.values {
            diagnostics.append(contentsOf: problems)
            if let page { site.pages.append(page) }
        }
        for file in others where !file.hasSuffix(".md") {
            if file.hasSuffix(".xml") {
                diagnostics.error("XML files belong in courses/<course>/ (modules) or measures/; this one is not used",
                                  at: SourceLocation(path: join(folder, file)))
            } else if !file.split(separator: "/").last!.hasPrefix(".") {
                site.assets.append(file)
            }
        }
        site.assets.sort()
        return (site, diagnostics)
    }

    static func loadPlainPage(_ text: String, file: String, folder: String, language: String) -> (PlainPage?, Diagnostics) {
        let path = join(folder, file)
        let markdown = MarkdownFile(text, path: path)
        var diagnostics = markdown.diagnostics
        var reader = FrontMatterReader(markdown.frontMatter, subject: "a page")
        reader.rejectUnknownKeys(["title", "summary", "language"])
        let title = reader.text("title", required: true) ?? ""
        let summary = reader.text("summary") ?? ""
        let pageLanguage = reader.text("language") ?? language
        diagnostics.append(contentsOf: reader.diagnostics)
        let tree = PageBuilder.parser.parse(markdown.body.text)
        let body = MarkdownText(source: markdown.body.text, tree: tree, location: SourceLocation(path: path, line: markdown.body.firstLine))
        let id = String(file.dropLast(3))
        return (PlainPage(id: id, title: title, summary: summary, language: pageLanguage, body: body,
                          location: SourceLocation(path: path)), diagnostics)
    }

    /// Reads `consent.md`: `title:` and `version:` are required, since the version is what people agree to.
    static func loadConsent(_ text: String, path: String, language: String) -> (ConsentText?, Diagnostics) {
        let markdown = MarkdownFile(text, path: path)
        var diagnostics = markdown.diagnostics
        var reader = FrontMatterReader(markdown.frontMatter, subject: "the consent wording")
        reader.rejectUnknownKeys(["title", "version", "language"])
        let title = reader.text("title", required: true)
        let version = reader.text("version", required: true)
        let consentLanguage = reader.text("language") ?? language
        diagnostics.append(contentsOf: reader.diagnostics)
        guard let title, let version else { return (nil, diagnostics) }
        let tree = PageBuilder.parser.parse(markdown.body.text)
        let body = MarkdownText(source: markdown.body.text, tree: tree, location: SourceLocation(path: path, line: markdown.body.firstLine))
        return (ConsentText(title: title, version: version, language: consentLanguage, body: body,
                            location: SourceLocation(path: path), versionLocation: reader.location(of: "version")), diagnostics)
    }

    // MARK: Files

    /// `folder/file`, or just `file` for the current folder.
    public static func join(_ folder: String, _ file: String) -> String {
        folder.isEmpty || folder == "." ? file : (folder.hasSuffix("/") ? folder + file : folder + "/" + file)
    }

    /// Every regular file below `folder`, relative to it, sorted; nil if the folder can't be read.
    static func listFiles(in folder: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: folder) else { return nil }
        var files: [String] = []
        while let item = enumerator.nextObject() as? String {
            let full = join(folder, item)
            var directory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &directory), !directory.boolValue {
                if !item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { files.append(item) }
            }
        }
        return files.sorted()
    }

    /// The file's text as `ContentFileText` normalizes it, or nil with the reason reported.
    static func read(_ file: String, in folder: String, diagnostics: inout Diagnostics) -> Data? {
        let path = join(folder, file)
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("this file cannot be read; check its permissions", at: SourceLocation(path: path))
            return nil
        }
        guard data.count <= maximumFileSize else {
            diagnostics.error("this file is \(data.count / 1024 / 1024) MB; content files must be under 4 MB — split it into modules",
                              at: SourceLocation(path: path))
            return nil
        }
        switch ContentFileText.normalize(data) {
        case .success(let text):
            return text
        case .failure(.utf16):
            diagnostics.error("this file is saved as UTF-16 (\"Unicode\" in Notepad); save it as UTF-8 in your editor",
                              at: SourceLocation(path: path))
        case .failure(.notUTF8(let position)):
            diagnostics.error("this file is not UTF-8 text from here on; save it as UTF-8 in your editor, or retype this character",
                              at: SourceLocation(path: path, position: position))
        }
        return nil
    }
}
