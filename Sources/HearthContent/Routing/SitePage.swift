/// One page of the built site: what it shows, and so where it is written.
package enum SitePage: Sendable {
    case home
    case course(Course)
    /// Both indexes count from 0, into the course's modules and the module's pages.
    case modulePage(course: Course, moduleIndex: Int, pageIndex: Int)
    case measure(Measure)
    case plainPage(PlainPage)
    case search

    /// The page's path from the site root.
    package var path: String {
        switch self {
        case .home: SiteRoutes.home
        case .course(let course): SiteRoutes.course(course.id)
        case .modulePage(let course, let moduleIndex, let pageIndex):
            SiteRoutes.modulePage(course: course.id, module: course.modules[moduleIndex].id, page: pageIndex + 1)
        case .measure(let measure): SiteRoutes.measure(measure.id)
        case .plainPage(let page): SiteRoutes.plainPage(page.id)
        case .search: SiteRoutes.search
        }
    }
}
