import Foundation

/// Loads one course folder: `course.md` and its numbered modules, in Markdown or XML.
struct CourseLoader {
    let folder: String
    let id: String
    let language: String
    var diagnostics = Diagnostics()
    /// Non-content files in the course folder (images and the like), relative to the content folder.
    var assets: [String] = []

    init(folder: String, id: String, language: String) {
        self.folder = folder
        self.id = id
        self.language = language
    }

    private func path(_ file: String) -> String { ContentLoader.join(folder, file) }

    mutating func load(_ files: [String]) -> Course? {
        let prefix = "courses/\(id)/"
        if !QuizRules.isIdentifier(id) {
            diagnostics.error("the course folder name '\(id)' should be lower-case letters, digits and hyphens; it becomes the course's web address",
                              at: SourceLocation(path: path(prefix)))
        }
        guard files.contains(prefix + "course.md") else {
            diagnostics.error("this course folder has no course.md; add one with the course's title, summary and audience",
                              at: SourceLocation(path: path(prefix)))
            return nil
        }
        guard var course = loadCourseFile(prefix + "course.md") else { return nil }

        var seen: [String: String] = [:]
        var numbered: [Int: String] = [:]
        for file in files where file != prefix + "course.md" {
            let name = String(file.dropFirst(prefix.count))
            let isMarkdown = name.hasSuffix(".md"), isXML = name.hasSuffix(".xml")
            guard isMarkdown || isXML else {
                assets.append(file)
                continue
            }
            guard !name.contains("/"), let (order, moduleID) = Self.moduleName(name) else {
                diagnostics.error("module files are named with a number and a name, like 01-first-steps.md or 02-staying-calm.xml",
                                  at: SourceLocation(path: path(file)))
                continue
            }
            if let other = seen[moduleID] {
                diagnostics.error("two modules in this course are called '\(moduleID)' (the other is \(other)); rename one",
                                  at: SourceLocation(path: path(file)))
                continue
            }
            seen[moduleID] = name
            if let other = numbered[order] {
                // The number is the module's place in the course; a tie would be settled silently by the name.
                diagnostics.error("two modules in this course are numbered \(order) (the other is \(other)); give each module its own number",
                                  at: SourceLocation(path: path(file)))
            }
            numbered[order] = numbered[order] ?? name
            var diagnosticsForFile = Diagnostics()
            guard let data = ContentLoader.read(file, in: folder, diagnostics: &diagnosticsForFile) else {
                diagnostics.append(contentsOf: diagnosticsForFile)
                continue
            }
            let module: Module?
            if isXML {
                let (loaded, problems) = XMLContentLoader.loadModule(data, path: path(file), id: moduleID, defaultLanguage: course.language)
                module = loaded
                diagnostics.append(contentsOf: problems)
            } else {
                module = loadMarkdownModule(String(decoding: data, as: UTF8.self), file: file, id: moduleID, language: course.language)
            }
            if var module {
                module.order = order
                course.modules.append(module)
            }
        }
        course.modules.sort { ($0.order, $0.id) < ($1.order, $1.id) }
        return course
    }

    /// `02-naming-feelings.md` → (2, "naming-feelings").
    static func moduleName(_ name: String) -> (Int, String)? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let stem = name[..<dot]
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let order = Int(digits), stem.dropFirst(digits.count).first == "-" else { return nil }
        let id = String(stem.dropFirst(digits.count + 1))
        return QuizRules.isIdentifier(id) ? (order, id) : nil
    }

    private mutating func loadCourseFile(_ file: String) -> Course? {
        var problems = Diagnostics()
        guard let data = ContentLoader.read(file, in: folder, diagnostics: &problems) else {
            diagnostics.append(contentsOf: problems)
            return nil
        }
        let markdown = MarkdownFile(String(decoding: data, as: UTF8.self), path: path(file))
        diagnostics.append(contentsOf: markdown.diagnostics)
        var reader = FrontMatterReader(markdown.frontMatter, subject: "a course")
        reader.rejectUnknownKeys(["title", "summary", "audience", "order", "language", "measures", "pass-mark", "certificate", "quick-exit",
                                  "after-days", "follow-up-days", "retake-after-days"])
        let title = reader.text("title", required: true) ?? id
        let summary = reader.text("summary", required: true) ?? ""
        var audience = Audience.parents
        if let raw = reader.text("audience", required: true) {
            if let value = Audience(rawValue: raw) {
                audience = value
            } else {
                reader.diagnostics.error("'audience' should be parents or practitioners, not '\(raw)'", at: reader.location(of: "audience"))
            }
        }
        let order = reader.integer("order", in: 0...10_000) ?? 100
        let courseLanguage = reader.text("language") ?? language
        var before: [String] = [], after: [String] = []
        if let measures = reader.nestedMap("measures") {
            for entry in measures.entries where entry.key != "before" && entry.key != "after" {
                reader.diagnostics.error("'measures' holds 'before' and 'after' lists, not '\(entry.key)'", at: entry.location)
            }
            before = reader.list("before", in: measures)
            after = reader.list("after", in: measures)
        }
        let passMark = reader.integer("pass-mark", in: 0...100)
        let certificate = reader.boolean("certificate") ?? false
        let quickExit = reader.boolean("quick-exit") ?? (audience == .parents)
        if certificate, passMark == nil {
            reader.diagnostics.error("a course with a certificate needs a 'pass-mark' (0–100)", at: reader.location(of: "certificate"))
        }
        let schedule = Self.schedule(&reader, audience: audience)
        diagnostics.append(contentsOf: reader.diagnostics)

        let introTree = PageBuilder.parser.parse(markdown.body.text)
        let introduction = MarkdownText(source: markdown.body.text, tree: introTree,
                                        location: SourceLocation(path: path(file), line: markdown.body.firstLine))
        var course = Course(id: id, title: title, summary: summary, audience: audience, order: order, language: courseLanguage,
                            measuresBefore: before, measuresAfter: after, passMark: passMark, certificate: certificate,
                            quickExit: quickExit, introduction: introduction, location: SourceLocation(path: path(file)),
                            afterDays: schedule.afterDays, followUpDays: schedule.followUpDays,
                            retakeAfterDays: schedule.retakeAfterDays)
        course.measuresLocation = reader.location(of: "measures")
        return course
    }

    /// When a course's measures are asked again: `after-days`, `follow-up-days` and, for training, `retake-after-days`.
    private static func schedule(_ reader: inout FrontMatterReader, audience: Audience)
        -> (afterDays: Int, followUpDays: Int?, retakeAfterDays: Int?) {
        let afterDays = reader.integer("after-days", in: 1...730) ?? Course.defaultAfterDays
        var followUpDays = reader.integer("follow-up-days", in: 1...1_095)
        if let days = followUpDays, days <= afterDays {
            reader.diagnostics.error("'follow-up-days' (\(days)) should be more than 'after-days' (\(afterDays)): the follow-up comes after the after-measures",
                                     at: reader.location(of: "follow-up-days"))
            followUpDays = nil
        }
        var retakeAfterDays = reader.integer("retake-after-days", in: 1...730)
        if audience == .practitioners {
            retakeAfterDays = retakeAfterDays ?? Course.defaultRetakeAfterDays
        } else if retakeAfterDays != nil {
            reader.diagnostics.error("'retake-after-days' is for training courses (audience: practitioners); remove it from this parents' course",
                                     at: reader.location(of: "retake-after-days"))
            retakeAfterDays = nil
        }
        return (afterDays, followUpDays, retakeAfterDays)
    }

    private mutating func loadMarkdownModule(_ text: String, file: String, id: String, language: String) -> Module? {
        let markdown = MarkdownFile(text, path: path(file))
        diagnostics.append(contentsOf: markdown.diagnostics)
        var reader = FrontMatterReader(markdown.frontMatter, subject: "a module")
        reader.rejectUnknownKeys(["title", "summary", "minutes", "language"])
        let title = reader.text("title", required: true) ?? id
        let summary = reader.text("summary") ?? ""
        let minutes = reader.integer("minutes", in: 1...600)
        let moduleLanguage = reader.text("language") ?? language
        diagnostics.append(contentsOf: reader.diagnostics)

        var builder = PageBuilder(path: path(file), moduleID: id)
        var pages: [Page] = []
        for chunk in markdown.pages {
            let page = builder.page(from: chunk, defaultTitle: title)
            if page.parts.isEmpty {
                diagnostics.error("this page is empty; remove the extra '+++' line or add text", at: page.location)
            }
            pages.append(page)
        }
        diagnostics.append(contentsOf: builder.diagnostics)
        return Module(id: id, title: title, summary: summary, minutes: minutes, language: moduleLanguage, pages: pages,
                      location: SourceLocation(path: path(file)))
    }
}
