import HearthContent
import HearthTemplates
import HearthText

/// Builds the values each template sees (documented in Docs/themes.md) for every kind of page.
struct PageContexts {
    let site: ContentSite
    let theme: Theme
    /// Hashed asset paths under the site root: `css`, `js`, `logo`.
    let assetPaths: [String: String]
    /// The logo's shape, for its `width` and `height` attributes.
    let logoSize: ImageSize?
    /// Every plain page's id, for the navigation links that only appear when their page exists.
    let pageIDs: Set<String>
    /// Where links in the content go, worked out once for every page.
    let links: LinkResolver

    /// Interface strings as template values, per language, made once rather than per page.
    private let stringValues: [String: TemplateValue]
    private let siteValue: TemplateValue

    init(site: ContentSite, theme: Theme, assetPaths: [String: String], logoSize: ImageSize? = nil) {
        self.site = site
        self.theme = theme
        self.assetPaths = assetPaths
        self.logoSize = logoSize
        pageIDs = Set(site.pages.map(\.id))
        links = LinkResolver(site: site)
        var languages = Set([site.settings.language])
        for course in site.courses {
            languages.insert(course.language)
            for module in course.modules { languages.insert(module.language) }
        }
        for page in site.pages { languages.insert(page.language) }
        for measure in site.measures { languages.insert(measure.language) }
        var values: [String: TemplateValue] = [:]
        for language in languages { values[language] = .object(theme.strings(for: language).mapValues { .string($0) }) }
        stringValues = values
        let settings = site.settings
        siteValue = .object([
            "title": .string(settings.title),
            "language": .string(settings.language),
            "apiBase": .string(settings.apiBaseURL),
            "consentVersion": .string(settings.consentVersion),
            "areas": .array(settings.areas.map { .object(["code": .string($0.code), "name": .string($0.name)]) }),
        ])
    }

    // MARK: Shared by every page

    /// The values every page has: site, language, strings, assets, navigation. Links are relative to `path`, or, for a
    /// page the server answers at an address outside the site, `linkBase` (the site root, such as `/`) followed by the target.
    func common(path: String, title: String, description: String, language: String, quickExit: Bool, kind: String,
                breadcrumbs: [(String, String)] = [], linkBase: String? = nil) -> [String: TemplateValue] {
        func url(_ target: String) -> String { linkBase.map { $0 + target } ?? SiteRoutes.relative(target, from: path) }
        var assets: [String: TemplateValue] = [:]
        for (name, assetPath) in assetPaths { assets[name] = .string(url(assetPath)) }
        if let logoSize {
            assets["logoWidth"] = .int(logoSize.width(atHeight: ThemeAssets.logoHeight))
            assets["logoHeight"] = .int(ThemeAssets.logoHeight)
        }
        return [
            "site": siteValue,
            "lang": .string(language),
            "dir": .string(TextDirection.of(language)),
            "strings": stringValues[language] ?? .object(theme.strings(for: language).mapValues { .string($0) }),
            "assets": .object(assets),
            "root": .string(linkBase ?? SiteRoutes.root(from: path)),
            "serviceWorker": .string(url(SiteRoutes.serviceWorker)),
            "title": .string(title),
            "description": .string(description),
            "quickExit": .bool(quickExit),
            "kind": .string(kind),
            "isHome": .bool(kind == "home"),
            "nav": .object([
                "home": .string(url(SiteRoutes.home)),
                "search": .string(url(SiteRoutes.search)),
                "help": link(to: "pages/get-help-now", url: url),
                "about": link(to: "pages/about", url: url),
                "privacy": link(to: Self.privacyPage, url: url),
            ]),
            "breadcrumbs": .array(breadcrumbs.map { .object(["title": .string($0.0), "url": .string(url($0.1))]) }),
        ]
    }

    static let privacyPage = "pages/privacy"

    /// A link to a plain page if the content has it, else nothing (templates test for it).
    private func link(to pageID: String, url: (String) -> String) -> TemplateValue {
        pageIDs.contains(pageID) ? .string(url(SiteRoutes.plainPage(pageID))) : .null
    }

    private func audienceTitle(_ audience: Audience, _ strings: [String: String]) -> String {
        switch audience {
        case .parents: return strings["forParents"] ?? "For parents and carers"
        case .practitioners: return strings["forPractitioners"] ?? "For family hub staff"
        }
    }

    // MARK: Pages

    func home() -> [String: TemplateValue] {
        let path = SiteRoutes.home
        let language = site.settings.language
        var context = common(path: path, title: site.settings.title, description: site.settings.title, language: language,
                             quickExit: site.courses.contains { $0.audience == .parents && $0.quickExit }, kind: "home")
        let strings = theme.strings(for: language)
        context["audiences"] = .array(Audience.allCases.compactMap { audience in
            let courses = site.courses(for: audience)
            guard !courses.isEmpty else { return nil }
            return .object(["id": .string(audience.rawValue), "title": .string(audienceTitle(audience, strings)),
                            "courses": .array(courses.map { courseValue($0, from: path) })])
        })
        context["courses"] = .array(site.courses.map { courseValue($0, from: path) })
        return context
    }

    /// A course as templates see it: on the home page (summary) and on its own pages (with training details).
    func courseValue(_ course: Course, from path: String) -> TemplateValue {
        .object([
            "id": .string(course.id),
            "title": .string(course.title),
            "summary": .string(course.summary),
            "url": .string(SiteRoutes.relative(SiteRoutes.course(course.id), from: path)),
            "moduleCount": .int(course.modules.count),
            "minutes": .int(course.modules.compactMap(\.minutes).reduce(0, +)),
            "audience": .string(course.audience.rawValue),
            "isTraining": .bool(course.audience == .practitioners),
            "passMark": course.passMark.map { .int($0) } ?? .null,
            "certificate": .bool(course.certificate),
            "quickExit": .bool(course.quickExit),
            "endURL": .string(SiteRoutes.relative(SiteRoutes.courseEnd(course.id), from: path)),
            "hasMeasures": .bool(!course.measuresBefore.isEmpty || !course.measuresAfter.isEmpty),
        ])
    }

    func course(_ course: Course) -> [String: TemplateValue] {
        let path = SiteRoutes.course(course.id)
        var context = common(path: path, title: course.title, description: course.summary, language: course.language,
                             quickExit: course.quickExit, kind: "course", breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        let html = MarkdownHTML(links: links, page: path)
        context["course"] = courseValue(course, from: path)
        context["parts"] = partsValue(CalloutMarker.parts(of: course.introduction), html: html)
        context["research"] = researchValue(course, from: path)
        context["end"] = .object(["url": .string(SiteRoutes.relative(SiteRoutes.courseEnd(course.id), from: path))])
        context["certificateLink"] = certificateLink(course, from: path)
        context["modules"] = .array(course.modules.enumerated().map { index, module in
            .object([
                "id": .string(module.id),
                "title": .string(module.title),
                "summary": .string(module.summary),
                "minutes": module.minutes.map { .int($0) } ?? .null,
                "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: module.id, page: 1), from: path)),
                "number": .int(index + 1),
                "pageCount": .int(module.pages.count),
                "quizCount": .int(module.quizzes.count),
            ])
        })
        return context
    }

    func modulePage(course: Course, moduleIndex: Int, pageIndex: Int) -> [String: TemplateValue] {
        let module = course.modules[moduleIndex]
        let page = module.pages[pageIndex]
        let path = SiteRoutes.modulePage(course: course.id, module: module.id, page: pageIndex + 1)
        let title = page.title == module.title ? module.title : "\(page.title) – \(module.title)"
        var context = common(path: path, title: title, description: module.summary, language: module.language,
                             quickExit: course.quickExit, kind: "module-page",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home), (course.title, SiteRoutes.course(course.id))])
        let html = MarkdownHTML(links: links, page: path)
        let count = module.pages.count
        context["course"] = courseValue(course, from: path)
        context["module"] = .object([
            "id": .string(module.id),
            "title": .string(module.title),
            "summary": .string(module.summary),
            "minutes": module.minutes.map { .int($0) } ?? .null,
            "number": .int(moduleIndex + 1),
            "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: module.id, page: 1), from: path)),
        ])
        context["page"] = .object([
            "number": .int(pageIndex + 1),
            "count": .int(count),
            "title": .string(page.title),
            "isFirst": .bool(pageIndex == 0),
            "isLast": .bool(pageIndex == count - 1),
        ])
        context["progress"] = .object([
            "current": .int(pageIndex + 1),
            "total": .int(count),
            "percent": .int((pageIndex + 1) * 100 / max(1, count)),
        ])
        if pageIndex > 0 {
            context["previous"] = .object([
                "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: module.id, page: pageIndex), from: path)),
                "title": .string(module.pages[pageIndex - 1].title),
            ])
        }
        if pageIndex < count - 1 {
            context["next"] = .object([
                "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: module.id, page: pageIndex + 2), from: path)),
                "title": .string(module.pages[pageIndex + 1].title),
            ])
        } else if moduleIndex < course.modules.count - 1 {
            let nextModule = course.modules[moduleIndex + 1]
            context["next"] = .object([
                "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: nextModule.id, page: 1), from: path)),
                "title": .string(nextModule.title),
            ])
        } else {
            context["next"] = .object([
                "url": .string(SiteRoutes.relative(SiteRoutes.courseEnd(course.id), from: path)),
                "title": .string(course.title),
            ])
        }
        context["parts"] = partsValue(page.parts, html: html, course: course.id, module: module.id, language: module.language)
        return context
    }

    /// Prose, callouts and quizzes, as the `parts` partial shows them.
    func partsValue(_ parts: [PagePart], html: MarkdownHTML, course: String = "", module: String = "", language: String = "en") -> TemplateValue {
        .array(parts.map { part in
            switch part {
            case .text(let text):
                return .object(["text": .object(["html": .string(html.html(text))])])
            case .callout(let kind, let title, let body):
                return .object(["callout": .object(["kind": .string(kind.rawValue), "title": .string(title), "html": .string(html.html(body))])])
            case .quiz(let quiz) where quiz.isAssessed:
                // Scored by the server: the page holds the questions, never the keys (see PageContexts+Assessments).
                return .object(["assessment": assessmentValue(quiz, course: course, module: module, html: html, language: language)])
            case .quiz(let quiz):
                return .object(["quiz": quizValue(quiz, course: course, module: module, html: html, language: language)])
            }
        })
    }

    func quizValue(_ quiz: Quiz, course: String, module: String, html: MarkdownHTML, language: String) -> TemplateValue {
        let strings = theme.strings(for: language)
        func optionHTML(_ option: Option, in question: Question) -> String { Self.optionHTML(option, in: question, html: html, strings: strings) }
        return .object([
            "id": .string(quiz.id),
            "title": .string(quiz.title),
            "assessed": .bool(quiz.isAssessed),
            "passMark": quiz.passMark.map { .int($0) } ?? .null,
            "attempts": quiz.attempts.map { .int($0) } ?? .null,
            "draw": quiz.draw.map { .int($0) } ?? .null,
            "questionCount": .int(quiz.questions.count),
            "courseID": .string(course),
            "moduleID": .string(module),
            "bands": .array(quiz.bands.map { band in
                .object(["min": .int(band.minimum), "max": .int(band.maximum), "html": .string(html.inlineHTML(band.feedback, at: band.location))])
            }),
            "questions": .array(quiz.questions.enumerated().map { index, question in
                let inputType = question.kind == .multipleChoice ? "checkbox" : "radio"
                return .object([
                    "id": .string(question.id),
                    "number": .int(index + 1),
                    "kind": .string(question.kind.rawValue),
                    "isSingle": .bool(question.kind == .singleChoice),
                    "isMultiple": .bool(question.kind == .multipleChoice),
                    "isTrueFalse": .bool(question.kind == .trueFalse),
                    "isScenario": .bool(question.kind == .scenario),
                    "inputType": .string(inputType),
                    "inputName": .string("\(quiz.id)-\(question.id)"),
                    "promptHTML": .string(html.inlineHTML(question.prompt, at: question.location)),
                    "hints": .array(question.hints.enumerated().map { n, hint in
                        .object(["number": .int(n + 1), "html": .string(html.inlineHTML(hint, at: question.location))])
                    }),
                    "correctCount": .int(question.correctCount),
                    "options": .array(question.options.enumerated().map { n, option in
                        .object([
                            "id": .string("\(quiz.id)-\(question.id)-\(n + 1)"),
                            "value": .int(n + 1),
                            "html": .string(optionHTML(option, in: question)),
                            "correct": .bool(option.isCorrect),
                            "feedbackHTML": .string(option.feedback.isEmpty ? "" : html.inlineHTML(option.feedback, at: option.location)),
                            "consequenceHTML": .string(option.consequence.isEmpty ? "" : html.inlineHTML(option.consequence, at: option.location)),
                        ])
                    }),
                ])
            }),
        ])
    }

    /// An option's words as HTML. A true/false option written `true` or `false` reads as the words "True" and "False"
    /// in the page's language.
    static func optionHTML(_ option: Option, in question: Question, html: MarkdownHTML, strings: [String: String]) -> String {
        let written = option.text.lowercased()
        if question.kind == .trueFalse, written == "true" || written == "false" {
            return HTMLEscaping.escaped(strings[written] ?? written.capitalized)
        }
        return html.inlineHTML(option.text, at: option.location)
    }

    func plainPage(_ page: PlainPage) -> [String: TemplateValue] {
        let path = SiteRoutes.plainPage(page.id)
        var context = common(path: path, title: page.title, description: page.summary, language: page.language,
                             quickExit: true, kind: "page", breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        context["parts"] = partsValue(CalloutMarker.parts(of: page.body), html: MarkdownHTML(links: links, page: path))
        // The privacy page is where a person changes what this device keeps and sends.
        context["privacyControls"] = .bool(page.id == Self.privacyPage)
        return context
    }

    func search() -> [String: TemplateValue] {
        common(path: SiteRoutes.search, title: theme.strings(for: site.settings.language)["search"] ?? "Search",
               description: site.settings.title, language: site.settings.language, quickExit: true, kind: "search",
               breadcrumbs: [(site.settings.title, SiteRoutes.home)])
    }
}
