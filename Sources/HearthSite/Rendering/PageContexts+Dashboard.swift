import HearthContent
import HearthTemplates

/// The researchers' dashboard (`/research/`): the page is static; its script fetches the report and the exports
/// from the API with the token the researcher types, which never goes in a URL.
extension PageContexts {
    func dashboard() -> [String: TemplateValue] {
        let path = SiteRoutes.dashboard
        let language = site.settings.language
        let strings = theme.strings(for: language)
        var context = common(path: path, title: strings["dashboardTitle"] ?? "Research dashboard",
                             description: strings["dashboardDescription"] ?? "Figures for researchers with an access token.",
                             language: language, quickExit: false, kind: "dashboard",
                             breadcrumbs: [(site.settings.title, SiteRoutes.home)])
        let research = site.settings.apiBaseURL + "/research/"
        // The report's own stylesheet, from the API that writes the report, so the two always match.
        context["stylesheets"] = .array([.object(["url": .string(research + "report.css")])])
        context["noindex"] = .bool(true)
        context["dashboard"] = .object([
            "report": .string(research + "report"),
            "exports": .string(research + "export/"),
        ])
        return context
    }
}
