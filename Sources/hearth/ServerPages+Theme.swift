import HearthAPI
import HearthSite

extension ServerPages {
    /// The API's pages drawn through the site's theme, as `hearth build` draws the site.
    init(_ pages: ServedPages) {
        self.init(render: { page in try? pages.render(template: page.template, course: page.course, quiz: page.quiz, values: page.values) },
                  verifyAddress: { pages.verifyAddress(host: $0) })
    }
}
