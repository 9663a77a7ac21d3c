import HearthContent
import HearthTemplates

/// The research panel (consent, the questionnaires each occasion asks), the end of a course, and the offline page.
extension PageContexts {
    /// What a course's pages need to ask for consent and to offer its questionnaires; nil when the course
    /// asks no questionnaires or the content has no consent wording.
    func researchValue(_ course: Course, from path: String) -> TemplateValue {
        guard let consent = site.consent, !course.measuresBefore.isEmpty || !course.measuresAfter.isEmpty else { return .null }
        func measureLinks(_ occasion: MeasureOccasion) -> TemplateValue {
            .array(course.measures(on: occasion).compactMap { id in
                guard let measure = site.measures.first(where: { $0.id == id }) else { return nil }
                return .object([
                    "id": .string(id),
                    "title": .string(measure.title),
                    "url": .string(SiteRoutes.relative(SiteRoutes.courseMeasure(course: course.id, occasion: occasion, measure: id), from: path)),
                ])
            })
        }
        return .object([
            "title": .string(consent.title),
            "html": .string(Self.demotingHeadings(MarkdownHTML(links: links, page: path).html(consent.body))),
            "version": .string(consent.version),
            "afterDays": .int(course.afterDays),
            "followUpDays": course.followUpDays.map { .int($0) } ?? .null,
            "before": measureLinks(.before),
            "after": measureLinks(.after),
            "followUp": measureLinks(.followUp),
        ])
    }

    /// The consent wording sits under the panel's own heading, so its `##` headings become `<h3>`.
    static func demotingHeadings(_ html: String) -> String {
        var html = html
        for level in (2...5).reversed() {
            html = html.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return html
    }

    /// After the last module: what the person covered, what to try next, where to get help, and the
    /// questionnaires after the course once they are due.
    func courseEnd(_ course: Course) -> [String: TemplateValue] {
        let path = SiteRoutes.courseEnd(course.id)
        let strings = theme.strings(for: course.language)
        let title = (strings["youHaveFinished"] ?? "You've finished") + " " + course.title
        var context = common(path: path, title: title, description: course.summary, language: course.language,
                             quickExit: course.quickExit, kind: "course-end",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home), (course.title, SiteRoutes.course(course.id))])
        context["course"] = courseValue(course, from: path)
        context["modules"] = .array(course.modules.map { module in
            .object([
                "id": .string(module.id),
                "title": .string(module.title),
                "url": .string(SiteRoutes.relative(SiteRoutes.modulePage(course: course.id, module: module.id, page: 1), from: path)),
            ])
        })
        context["otherCourses"] = .array(site.courses(for: course.audience).filter { $0.id != course.id }.map { courseValue($0, from: path) })
        context["research"] = researchValue(course, from: path)
        return context
    }

    /// What the service worker shows, offline, for a page this device has not saved.
    func offline() -> [String: TemplateValue] {
        let strings = theme.strings(for: site.settings.language)
        return common(path: SiteRoutes.offline, title: strings["offlineTitle"] ?? "You're offline",
                      description: site.settings.title, language: site.settings.language, quickExit: true, kind: "offline")
    }
}
