import HearthContent
import HearthTemplates

/// Assessed quizzes (scored by the server), the certificate page and the verify page.
///
/// An assessed quiz's page holds its questions and options, never which options are right, the per-option feedback
/// or the hints: those stay on the server and come back only after an attempt is submitted.
extension PageContexts {
    /// An assessed quiz as the `assessment` partial shows it: the question bank (the script shows the questions the
    /// server draws) and the address the form posts to, so it also works without JavaScript.
    func assessmentValue(_ quiz: Quiz, course: String, module: String, html: MarkdownHTML, language: String) -> TemplateValue {
        let strings = theme.strings(for: language)
        let start = Self.attemptsPath(apiBase: site.settings.apiBaseURL, course: course, quiz: quiz.id)
        return .object([
            "id": .string(quiz.id),
            "title": .string(quiz.title),
            "passMark": quiz.passMark.map { .int($0) } ?? .null,
            "attempts": quiz.attempts.map { .int($0) } ?? .null,
            "draw": .int(min(quiz.draw ?? quiz.questions.count, quiz.questions.count)),
            "bank": .int(quiz.questions.count),
            "isDrawn": .bool((quiz.draw ?? quiz.questions.count) < quiz.questions.count),
            "courseID": .string(course),
            "moduleID": .string(module),
            "startURL": .string(start),
            "bands": .array(quiz.bands.map { band in
                .object(["min": .int(band.minimum), "max": .int(band.maximum), "html": .string(html.inlineHTML(band.feedback, at: band.location))])
            }),
            "questions": .array(quiz.questions.map { question in
                Self.questionValue(question, quiz: quiz.id, html: html, strings: strings)
            }),
        ])
    }

    /// A question without its key: prompt and options (numbered from 0, as the API takes them).
    static func questionValue(_ question: Question, quiz: String, html: MarkdownHTML, strings: [String: String],
                              number: Int? = nil) -> TemplateValue {
        .object([
            "id": .string(question.id),
            "number": number.map { .int($0) } ?? .null,
            "kind": .string(question.kind.rawValue),
            "isMultiple": .bool(question.kind == .multipleChoice),
            "inputType": .string(question.kind == .multipleChoice ? "checkbox" : "radio"),
            "inputName": .string("answer-\(question.id)"),
            "promptHTML": .string(html.inlineHTML(question.prompt, at: question.location)),
            "options": .array(question.options.enumerated().map { n, option in
                .object([
                    "id": .string("\(quiz)-\(question.id)-\(n)"),
                    "value": .int(n),
                    "html": .string(optionHTML(option, in: question, html: html, strings: strings)),
                ])
            }),
        ])
    }

    /// `POST` here starts an attempt (`…/attempts/{attempt}` submits it).
    static func attemptsPath(apiBase: String, course: String, quiz: String) -> String {
        "\(apiBase)/assessments/\(course)/\(quiz)/attempts"
    }

    /// The course page's link to the certificate, shown by the script once every assessed quiz is passed on this
    /// device; nil for a course without a certificate.
    func certificateLink(_ course: Course, from path: String) -> TemplateValue {
        let quizzes = course.modules.flatMap(\.quizzes).filter(\.isAssessed).map(\.id)
        guard course.certificate, !quizzes.isEmpty else { return .null }
        return .object([
            "url": .string(SiteRoutes.relative(SiteRoutes.certificate, from: path) + "?course=" + course.id),
            "quizzes": .string(quizzes.joined(separator: " ")),
        ])
    }

    /// `certificate/index.html`: every course that gives a certificate, with the quizzes it takes.
    func certificate() -> [String: TemplateValue] {
        let path = SiteRoutes.certificate
        let language = site.settings.language
        var context = common(path: path, title: theme.strings(for: language)["certificateTitle"] ?? "Your certificate",
                             description: site.settings.title, language: language, quickExit: false, kind: "certificate",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        context["courses"] = .array(site.courses.filter(\.certificate).map { course in
            .object([
                "id": .string(course.id),
                "title": .string(course.title),
                "url": .string(SiteRoutes.relative(SiteRoutes.course(course.id), from: path)),
                "quizzes": .string(course.modules.flatMap(\.quizzes).filter(\.isAssessed).map(\.id).joined(separator: " ")),
            ])
        })
        context["issueURL"] = .string(site.settings.apiBaseURL + "/certificates")
        context["verifyURL"] = .string(SiteRoutes.relative(SiteRoutes.verify, from: path))
        return context
    }

    /// `verify/index.html`: a manager types a code. Without JavaScript the form asks the server for a page of its own.
    func verify() -> [String: TemplateValue] {
        let path = SiteRoutes.verify
        let language = site.settings.language
        var context = common(path: path, title: theme.strings(for: language)["verifyTitle"] ?? "Check a certificate",
                             description: site.settings.title, language: language, quickExit: false, kind: "verify",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        context["verification"] = .object(["action": .string(site.settings.apiBaseURL + "/verify"), "code": .string("")])
        return context
    }
}
