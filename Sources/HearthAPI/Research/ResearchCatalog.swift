import HearthContent

/// What the research figures need to know of the content: each course's modules, quizzes with pass marks,
/// measures and timing, the measures' definitions, and the areas the site serves.
package struct ResearchCatalog: Sendable {
    /// One course as the figures describe it.
    package struct Course: Sendable {
        package var id: String
        package var title: String
        package var modules: [(id: String, title: String)]
        /// Quizzes with a pass mark (0–100), in the course's order.
        package var quizzes: [(id: String, passMark: Int)]
        package var measuresBefore: [String]
        package var measuresAfter: [String]
        /// The least gap, in days, for a before/after pair to count (the course's `after-days`).
        package var afterDays: Int

        package init(id: String, title: String, modules: [(id: String, title: String)], quizzes: [(id: String, passMark: Int)],
                     measuresBefore: [String], measuresAfter: [String], afterDays: Int) {
            self.id = id
            self.title = title
            self.modules = modules
            self.quizzes = quizzes
            self.measuresBefore = measuresBefore
            self.measuresAfter = measuresAfter
            self.afterDays = afterDays
        }
    }

    package var siteTitle: String
    /// The site's own address (`site.xml`'s `<base-url>`), for xAPI activity ids; may be empty.
    package var baseURL: String
    package var courses: [Course]
    package var measures: [String: Measure]
    /// Area codes and names, in the site's order.
    package var areas: [(code: String, name: String)]

    package init(siteTitle: String, baseURL: String = "", courses: [Course], measures: [String: Measure], areas: [(code: String, name: String)]) {
        self.siteTitle = siteTitle
        self.baseURL = baseURL
        self.courses = courses
        self.measures = measures
        self.areas = areas
    }

    /// The catalogue of loaded content.
    package init(_ site: ContentSite) {
        self.init(
            siteTitle: site.settings.title,
            baseURL: site.settings.baseURL,
            courses: site.courses.map { course in
                Course(id: course.id, title: course.title, modules: course.modules.map { ($0.id, $0.title) },
                       quizzes: course.modules.flatMap(\.quizzes).compactMap { quiz in quiz.passMark.map { (quiz.id, $0) } },
                       measuresBefore: course.measuresBefore, measuresAfter: course.measuresAfter, afterDays: course.afterDays)
            },
            measures: Dictionary(site.measures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }),
            areas: site.settings.areas.map { ($0.code, $0.name) })
    }

    package func course(_ id: String) -> Course? { courses.first { $0.id == id } }
}
