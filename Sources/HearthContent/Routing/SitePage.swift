/// One page of the built site: what it shows, and so where it is written.
package enum SitePage: Sendable {
    case home
    case course(Course)
    /// Both indexes count from 0, into the course's modules and the module's pages.
    case modulePage(course: Course, moduleIndex: Int, pageIndex: Int)
    /// One of a course's questionnaires, asked on one occasion (by id; the measure is in `ContentSite.measures`).
    case courseMeasure(course: Course, occasion: MeasureOccasion, measure: String)
    /// "You've finished": after the last module.
    case courseEnd(Course)
    case measure(Measure)
    case plainPage(PlainPage)
    case search
    /// What the service worker shows for a page it has not cached, offline.
    case offline
    /// The researchers' dashboard: a token typed in, the report fetched from the API (not indexed, not in the sitemap).
    case dashboard
    /// A learner's certificate: its code from the server, their name typed in, ready to print.
    case certificate
    /// A manager checks a certificate's code.
    case verify

    /// The page's path from the site root.
    package var path: String {
        switch self {
        case .home: SiteRoutes.home
        case .course(let course): SiteRoutes.course(course.id)
        case .modulePage(let course, let moduleIndex, let pageIndex):
            SiteRoutes.modulePage(course: course.id, module: course.modules[moduleIndex].id, page: pageIndex + 1)
        case .courseMeasure(let course, let occasion, let measure):
            SiteRoutes.courseMeasure(course: course.id, occasion: occasion, measure: measure)
        case .courseEnd(let course): SiteRoutes.courseEnd(course.id)
        case .measure(let measure): SiteRoutes.measure(measure.id)
        case .plainPage(let page): SiteRoutes.plainPage(page.id)
        case .search: SiteRoutes.search
        case .offline: SiteRoutes.offline
        case .dashboard: SiteRoutes.dashboard
        case .certificate: SiteRoutes.certificate
        case .verify: SiteRoutes.verify
        }
    }
}
