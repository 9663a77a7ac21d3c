import HearthContent
import HearthJSON
import HearthTemplates

/// The pages `hearth serve` draws on request — the answers to an assessed quiz's forms sent without JavaScript, a
/// certificate, a code checked — through the theme's templates and layout, like the built pages. They are answered
/// at the API's addresses, so their links start from the site root (`<base-url>`'s path, else `/`) instead of being
/// relative.
package struct ServedPages: Sendable {
    private let contexts: PageContexts
    private let library: TemplateLibrary
    /// The site root as a path, ending in `/`.
    private let root: String

    package init(site: ContentSite, theme: Theme) throws {
        contexts = PageContexts(site: site, theme: theme, assetPaths: SiteBuilder.assetPaths(of: theme),
                                 logoSize: ThemeAssets(theme: theme).logoSize)
        library = try TemplateLibrary(templates: theme.templates)
        root = Self.rootPath(of: site.settings.baseURL)
    }

    /// Titles of the pages that belong to no quiz, by template (the theme's strings).
    private static let titles = ["served-certificate": "certificateTitle", "served-verification": "verifyTitle"]

    /// The whole document for the theme's template `template`, in the layout. `values` (documented in Docs/themes.md)
    /// are the template's; a `questions` list names the asked questions by `id`, with their marks once scored.
    package func render(template: String, course courseID: String?, quiz quizID: String?, values: JSONObject) throws -> [UInt8] {
        let site = contexts.site
        let course = courseID.flatMap { id in site.courses.first { $0.id == id } }
        let found = course.flatMap { course in quizID.flatMap { Self.locate($0, in: course) } }
        let language = found.map { $0.module.language } ?? course?.language ?? site.settings.language
        let strings = contexts.theme.strings(for: language)
        let title = found.map { $0.quiz.title.isEmpty ? strings["checkYourUnderstanding"] ?? "Quiz" : $0.quiz.title }
            ?? Self.titles[template].flatMap { strings[$0] } ?? course?.title ?? site.settings.title
        var breadcrumbs = [(site.settings.title, SiteRoutes.home)]
        if let course { breadcrumbs.append((course.title, SiteRoutes.course(course.id))) }
        var context = contexts.common(path: "", title: title, description: site.settings.title, language: language,
                                      quickExit: course?.quickExit ?? false, kind: template, breadcrumbs: breadcrumbs, linkBase: root)
        for member in values.members { context[member.key] = Self.templateValue(member.value) }
        let apiBase = site.settings.apiBaseURL
        if let course {
            context["course"] = .object(["id": .string(course.id), "title": .string(course.title), "url": .string(root + SiteRoutes.course(course.id))])
            let remaining = Set(values["remaining"]?.array?.compactMap(\.string) ?? [])
            context["assessments"] = .array(Self.assessedQuizzes(of: course).map { entry in
                .object([
                    "id": .string(entry.quiz.id),
                    "title": .string(entry.quiz.title),
                    "url": .string(root + entry.page),
                    "startURL": .string(PageContexts.attemptsPath(apiBase: apiBase, course: course.id, quiz: entry.quiz.id)),
                    "isThis": .bool(entry.quiz.id == quizID),
                    "isRemaining": .bool(remaining.contains(entry.quiz.id)),
                ])
            })
            if course.certificate {
                context["certificate"] = .object(["action": .string(apiBase + "/certificates"), "course": .string(course.id)])
            }
        }
        if let found, let course {
            let start = PageContexts.attemptsPath(apiBase: apiBase, course: course.id, quiz: found.quiz.id)
            context["quiz"] = .object([
                "id": .string(found.quiz.id),
                "title": .string(title),
                "passMark": found.quiz.passMark.map { .int($0) } ?? .null,
                "attemptsAllowed": found.quiz.attempts.map { .int($0) } ?? .null,
                "moduleURL": .string(root + found.page),
                "startURL": .string(start),
                "submitURL": values["attempt"]?.string.map { .string(start + "/" + $0) } ?? .null,
            ])
            let html = MarkdownHTML(links: contexts.links, page: found.page, linkBase: root)
            context["questions"] = .array((values["questions"]?.array ?? []).enumerated().compactMap { index, item in
                guard let marks = item.object, let id = marks["id"]?.string,
                      let question = found.quiz.questions.first(where: { $0.id == id }) else { return nil }
                return Self.question(question, number: index + 1, marks: marks, quiz: found.quiz.id, html: html, strings: strings)
            })
        }
        context["verifyURL"] = .string(root + SiteRoutes.verify)
        context["verification"] = .object(["action": .string(apiBase + "/verify"), "code": context["code"] ?? .string("")])
        let body = try library.render(template, .object(context))
        context["body"] = .string(body)
        return try library.renderBytes("layout", .object(context))
    }

    /// Where a certificate says it can be checked: the site's `<base-url>`, else the address the request came to.
    package func verifyAddress(host: String?) -> String {
        let base = contexts.site.settings.baseURL
        if !base.isEmpty { return (base.hasSuffix("/") ? base : base + "/") + SiteRoutes.verify.dropLast("index.html".count) }
        let safe = host.map { $0.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x3A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2E || byte == 0x2D
                || byte == 0x5B || byte == 0x5D
        } } ?? false
        return (safe ? host! : "") + root + SiteRoutes.verify.dropLast("index.html".count)
    }

    /// A question as the served templates show it: its words, the options chosen, the teaching feedback on those,
    /// the hints when it was answered wrongly, and the right options only when the API revealed them.
    private static func question(_ question: Question, number: Int, marks: JSONObject, quiz: String, html: MarkdownHTML,
                                 strings: [String: String]) -> TemplateValue {
        guard case .object(var value) = PageContexts.questionValue(question, quiz: quiz, html: html, strings: strings, number: number) else {
            return .null
        }
        let chosen = Set(marks["chosen"]?.array?.compactMap { $0.number.map(Int.init) } ?? [])
        let answer = Set(marks["answer"]?.array?.compactMap { $0.number.map(Int.init) } ?? [])
        let correct = marks["correct"]?.bool
        value["isMarked"] = .bool(correct != nil)
        value["correct"] = .bool(correct == true)
        value["isRequired"] = .bool(question.kind != .multipleChoice)
        value["hintsHTML"] = .array(marks["hints"]?.bool == true ? question.hints.map { .object(["html": .string(html.inlineHTML($0, at: question.location))]) } : [])
        value["options"] = .array(question.options.enumerated().map { n, option in
            .object([
                "id": .string("\(quiz)-\(question.id)-\(n)"),
                "value": .int(n),
                "html": .string(PageContexts.optionHTML(option, in: question, html: html, strings: strings)),
                "chosen": .bool(chosen.contains(n)),
                "isAnswer": .bool(answer.contains(n)),
                "feedbackHTML": .string(chosen.contains(n) ? QuizFeedbackHTML.optionFeedback(option, html: html) : ""),
            ])
        })
        return .object(value)
    }

    /// Where a course's quiz is: the quiz, its module and the built page that holds it.
    private static func locate(_ quizID: String, in course: Course) -> (quiz: Quiz, module: Module, page: String)? {
        assessedQuizzes(of: course).first { $0.quiz.id == quizID }
    }

    /// A course's assessed quizzes in the order a learner meets them, each with the page that holds it.
    private static func assessedQuizzes(of course: Course) -> [(quiz: Quiz, module: Module, page: String)] {
        var found: [(quiz: Quiz, module: Module, page: String)] = []
        for module in course.modules {
            for (index, page) in module.pages.enumerated() {
                for case .quiz(let quiz) in page.parts where quiz.isAssessed {
                    found.append((quiz, module, SiteRoutes.modulePage(course: course.id, module: module.id, page: index + 1)))
                }
            }
        }
        return found
    }

    /// JSON values as template values; whole numbers print without a decimal point.
    private static func templateValue(_ value: JSONValue) -> TemplateValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): Int(exactly: number).map(TemplateValue.int) ?? .double(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(templateValue))
        case .object(let object): .object(Dictionary(object.members.map { ($0.key, templateValue($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// `/` or the path of `<base-url>` (`https://example.org/hub/` → `/hub/`).
    static func rootPath(of baseURL: String) -> String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let rest = baseURL[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        let path = String(rest[slash...])
        return path.hasSuffix("/") ? path : path + "/"
    }
}
