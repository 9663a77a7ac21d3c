import Dispatch
import Foundation
import HearthContent
import HearthManifest
import HearthMarkdown
import HearthTemplates
import HearthText

/// Renders a loaded, valid `ContentSite` through a theme into a site folder.
package struct SiteBuilder {
    /// What a build produced, for the command's summary line.
    package struct Summary: Sendable {
        package var pages = 0
        package var quizzes = 0
        package var files = 0
        /// Advice for the theme's author (`path: warning: message`), such as an asset nothing uses.
        package var warnings: [String] = []
    }

    /// A page to render: where it goes, its template, and how to make its values.
    private struct Job: Sendable {
        var path: String
        var template: String
        var context: @Sendable (PageContexts) -> [String: TemplateValue]
        var searchTitle: String
        var searchSummary: String
        var searchText: @Sendable () -> String
        /// Whether search finds this page (not the questionnaires inside a course, the offline page or search itself).
        var indexed = true
    }

    package let site: ContentSite
    package let theme: Theme

    package init(site: ContentSite, theme: Theme) {
        self.site = site
        self.theme = theme
    }

    /// Builds into `output`; the previous contents are replaced only if everything succeeds.
    /// With `gzip`, compressible files get a `.gz` copy for servers that send them as they are.
    package func build(into output: URL, gzip: Bool = true) throws -> Summary {
        var writer = try SiteWriter(destination: output, gzip: gzip)
        do {
            let summary = try write(with: &writer)
            try writer.commit()
            return summary
        } catch {
            writer.abandon()
            throw error
        }
    }

    private func write(with writer: inout SiteWriter) throws -> Summary {
        var summary = Summary()
        let library = try TemplateLibrary(templates: theme.templates)

        // Assets: CSS and JS get their content hash in the name so they can be cached for a year; the theme's
        // scripts/ folder is joined into one hashed file (one request, cached for a year).
        let assets = ThemeAssets(theme: theme)
        for file in assets.files { try writer.write(theme.assets[file.name] ?? [], to: file.output) }
        if let script = Self.joinedScript(of: theme) { try writer.write(script.bytes, to: script.path) }
        let assetPaths = Self.assetPaths(of: theme, assets)
        summary.warnings = assets.warnings
        // Browsers ask for /favicon.ico whatever a page says.
        if let favicon = theme.assets["favicon.ico"] { try writer.write(favicon, to: SiteRoutes.favicon) }
        for asset in site.assets {
            try writer.copy(URL(fileURLWithPath: ContentLoader.join(site.folder, asset)), to: asset)
        }

        let contexts = PageContexts(site: site, theme: theme, assetPaths: assetPaths, logoSize: assets.logoSize)
        let jobs = plan()
        summary.quizzes = site.courses.reduce(0) { $0 + $1.modules.reduce(0) { $0 + $1.quizzes.count } }

        // Pages are independent, so each core renders and writes its share; only the indexes are gathered.
        try writer.prepareFolders(for: jobs.map(\.path))
        let rendered = try renderInParallel(jobs, contexts: contexts, library: library, writer: writer)
        let texts = rendered.map(\.text)
        writer.record(rendered.flatMap(\.written))
        var search = SearchIndex()
        var sitemap = Sitemap()
        for (job, text) in zip(jobs, texts) where job.indexed {
            sitemap.add(job.path)
            search.add(path: job.path, title: job.searchTitle, summary: job.searchSummary, text: text)
        }
        // The service worker's cache is named from everything this build wrote, so any change replaces it.
        var build = OfflineCache.Build()
        for page in rendered { build.add(page.fingerprint) }
        for path in assetPaths.values.sorted() { build.add(path) }
        let offline = OfflineCache(site: site, assetPaths: assetPaths, build: build)
        try writer.write(try library.renderBytes("service-worker", .object(offline.context())), to: SiteRoutes.serviceWorker)
        summary.pages = jobs.count
        try writer.write(search.json(), to: SiteRoutes.searchIndex)
        try writer.write(sitemap.xml(baseURL: site.settings.baseURL), to: SiteRoutes.sitemap)
        try writer.write(Manifest(site).json(), to: SiteRoutes.manifest)
        summary.files = writer.written
        return summary
    }

    /// The theme's scripts joined into one file with a hashed name, if it has a `scripts/` folder.
    static func joinedScript(of theme: Theme) -> (path: String, bytes: [UInt8])? {
        guard !theme.scripts.isEmpty else { return nil }
        let joined = ScriptJoiner.join(theme.scripts)
        return ("assets/" + HashedAssetName.name("hearth.js", contents: joined), joined)
    }

    /// Where each asset a template names is written (`css`, `js`, `theme`, `logo`, …): the build and the pages the
    /// server draws (`ServedPages`) link the same files.
    static func assetPaths(of theme: Theme, _ assets: ThemeAssets? = nil) -> [String: String] {
        var paths = (assets ?? ThemeAssets(theme: theme)).paths
        if let script = joinedScript(of: theme) { paths["js"] = script.path }
        return paths
    }

    /// Renders and writes every page with its gzip'd copy; returns each page's text for the search index
    /// and the files written.
    private func renderInParallel(_ jobs: [Job], contexts: PageContexts, library: TemplateLibrary,
                                  writer: SiteWriter) throws -> [(text: String, written: [String], fingerprint: UInt64)] {
        let results = ParallelResults<Result<(text: String, written: [String], fingerprint: UInt64), Error>>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let job = jobs[index]
            do {
                var context = job.context(contexts)
                let body = try library.render(job.template, .object(context))
                context["body"] = .string(body)
                let page = try library.renderBytes("layout", .object(context))
                let written = try writer.writeFileWithGzip(page, to: job.path)
                results.store(.success((job.searchText(), written, HashedAssetName.fingerprint(of: page))), at: index)
            } catch {
                results.store(.failure(error), at: index)
            }
        }
        return try results.values.map { try $0.get() }
    }

    /// Every page of the site, in `SiteRoutes`' fixed order so output is deterministic.
    private func plan() -> [Job] {
        let site = self.site
        return SiteRoutes.pages(of: site).map { page in
            switch page {
            case .home:
                return Job(path: page.path, template: "home", context: { $0.home() },
                           searchTitle: site.settings.title, searchSummary: "", searchText: { "" })
            case .course(let course):
                return Job(path: page.path, template: "course", context: { $0.course(course) },
                           searchTitle: course.title, searchSummary: course.summary,
                           searchText: { PlainText.of(course.introduction) })
            case .modulePage(let course, let moduleIndex, let pageIndex):
                let module = course.modules[moduleIndex], modulePage = module.pages[pageIndex]
                return Job(path: page.path, template: "module-page",
                           context: { $0.modulePage(course: course, moduleIndex: moduleIndex, pageIndex: pageIndex) },
                           searchTitle: modulePage.title == module.title ? module.title : "\(modulePage.title) – \(module.title)",
                           searchSummary: module.summary, searchText: { PlainText.of(modulePage) })
            case .measure(let measure):
                return Job(path: page.path, template: "measure", context: { $0.measure(measure) },
                           searchTitle: measure.title, searchSummary: measure.instructions, searchText: { "" })
            case .plainPage(let plain):
                return Job(path: page.path, template: "page", context: { $0.plainPage(plain) },
                           searchTitle: plain.title, searchSummary: plain.summary, searchText: { PlainText.of(plain.body) })
            case .search:
                return Job(path: page.path, template: "search", context: { $0.search() },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .courseMeasure(let course, let occasion, let measure):
                return Job(path: page.path, template: "course-measure",
                           context: { $0.courseMeasure(course: course, occasion: occasion, measureID: measure) },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .courseEnd(let course):
                return Job(path: page.path, template: "course-end", context: { $0.courseEnd(course) },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .offline:
                return Job(path: page.path, template: "offline", context: { $0.offline() },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .dashboard:
                return Job(path: page.path, template: "dashboard", context: { $0.dashboard() },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .certificate:
                return Job(path: page.path, template: "certificate", context: { $0.certificate() },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            case .verify:
                return Job(path: page.path, template: "verify", context: { $0.verify() },
                           searchTitle: "", searchSummary: "", searchText: { "" }, indexed: false)
            }
        }
    }
}

/// The words of content, for the search index.
enum PlainText {
    static func of(_ text: MarkdownText) -> String {
        var plain = ""
        for block in text.blocks {
            text.tree.walk(from: block, enter: { node in
                switch text.tree.kind(of: node) {
                case .text(let s), .code(let s): plain += s
                case .softBreak, .lineBreak, .paragraph, .heading, .listItem, .tableCell: plain += " "
                default: break
                }
            })
        }
        return plain
    }

    static func of(_ page: Page) -> String {
        page.parts.map { part in
            switch part {
            case .text(let text): return of(text)
            case .callout(_, let title, let body): return title + " " + of(body)
            case .quiz(let quiz): return quiz.title
            }
        }.joined(separator: " ")
    }
}
