import HearthMarkdown

/// Checks that need the whole site: ids unique across files, references that resolve, accessible images.
///
/// `build` runs the error checks; `check` adds author warnings (empty headings, reading age).
public struct ContentValidator {
    public var site: ContentSite
    public var diagnostics = Diagnostics()

    public init(site: ContentSite) {
        self.site = site
    }

    /// Runs every check; with `authorWarnings`, also the advice `hearth check` gives.
    public mutating func run(authorWarnings: Bool) {
        checkQuizIDs()
        checkMeasureReferences()
        checkConsent()
        let links = LinkResolver(site: site)
        for page in allTexts() {
            for text in page.trees {
                checkLinksAndImages(in: text, links: links)
                if authorWarnings { checkHeadings(in: text) }
            }
            if authorWarnings, page.language.hasPrefix("en") { checkReadingAge(of: page) }
        }
    }

    /// One page's Markdown: every tree once, for links and headings, and the prose its reading age is estimated from.
    private struct PageText {
        var trees: [MarkdownText] = []
        var prose: [MarkdownText] = []
        var language: String
        var audience: Audience

        /// Adds a part's text to `trees`: a Markdown page's parts share one tree (an XML page's each have their
        /// own), so each tree is checked once, through all the blocks of the parts that share it.
        mutating func add(_ text: MarkdownText) {
            if let last = trees.last, last.source == text.source, last.location == text.location {
                trees[trees.count - 1].blocks += text.blocks
            } else {
                trees.append(text)
            }
        }
    }

    /// Every page's Markdown, with its language and audience; plain pages and the consent wording are read by parents.
    private func allTexts() -> [PageText] {
        var texts: [PageText] = []
        for course in site.courses {
            texts.append(PageText(trees: [course.introduction], prose: [course.introduction], language: course.language, audience: course.audience))
            for module in course.modules {
                for page in module.pages {
                    var text = PageText(language: module.language, audience: course.audience)
                    for part in page.parts {
                        switch part {
                        case .text(let body):
                            text.add(body)
                            text.prose.append(body)
                        case .callout(_, let title, let body):
                            text.add(body)
                            if !Self.isSourceList(title: title) { text.prose.append(body) }
                        case .quiz:
                            continue
                        }
                    }
                    if !text.trees.isEmpty { texts.append(text) }
                }
            }
        }
        texts += site.pages.map { PageText(trees: [$0.body], prose: [$0.body], language: $0.language, audience: .parents) }
        if let consent = site.consent {
            texts.append(PageText(trees: [consent.body], prose: [consent.body], language: consent.language, audience: .parents))
        }
        return texts
    }

    /// The title of a module's list of sources (a callout or a heading), which the reading-age estimate leaves out:
    /// citations are titles and publishers, not words a parent has to read to follow the page.
    static let sourceListTitle = "where this comes from"

    static func isSourceList(title: String) -> Bool {
        title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") == sourceListTitle
    }

    private mutating func checkQuizIDs() {
        var seen: [String: SourceLocation] = [:]
        for course in site.courses {
            for module in course.modules {
                for quiz in module.quizzes {
                    if let first = seen[quiz.id] {
                        diagnostics.error("the quiz id '\(quiz.id)' is already used at \(first); quiz ids must be unique across the site", at: quiz.location)
                    } else {
                        seen[quiz.id] = quiz.location
                    }
                }
            }
        }
    }

    private mutating func checkMeasureReferences() {
        let known = Set(site.measures.map(\.id))
        var seen: [String: SourceLocation] = [:]
        for measure in site.measures {
            if let first = seen[measure.id] {
                diagnostics.error("the measure id '\(measure.id)' is already used at \(first)", at: measure.location)
            }
            seen[measure.id] = measure.location
        }
        for course in site.courses {
            for id in Set(course.measuresBefore + course.measuresAfter).sorted() where !known.contains(id) {
                let list = known.isEmpty ? "there are no measures in measures/" : "the measures are: \(known.sorted().joined(separator: ", "))"
                diagnostics.error("this course asks for the measure '\(id)', which does not exist; \(list)", at: course.measuresLocation)
            }
        }
    }

    /// Research consent is asked for in the consent wording's words, and the API stores `site.xml`'s version with
    /// each consent: the two must agree, and a course that asks questionnaires needs the wording.
    private mutating func checkConsent() {
        let expected = site.settings.consentVersion
        if let consent = site.consent {
            if consent.version != expected {
                diagnostics.error("this consent wording is version '\(consent.version)', but site.xml says <consent version=\"\(expected)\"/>; make them the same, and change both whenever the wording changes, so people are asked again",
                                  at: consent.versionLocation)
            }
            return
        }
        // A consent file that failed to load has its own errors; saying it is missing too would mislead.
        guard !site.files.contains(ContentLoader.consentFile) else { return }
        for course in site.courses where !(course.measuresBefore.isEmpty && course.measuresAfter.isEmpty) {
            diagnostics.error("this course asks questionnaires, so people are first asked to take part in research, but there is no consent wording; write it in \(ContentLoader.consentFile) at the top of the content folder, with 'version: \(expected)' (see Docs/authoring.md)",
                              at: course.measuresLocation)
        }
    }

    private mutating func checkLinksAndImages(in text: MarkdownText, links: LinkResolver) {
        for block in text.blocks {
            text.tree.walk(from: block, enter: { node in
                switch text.tree.kind(of: node) {
                case .link(let destination, _):
                    if case .missing(let target) = links.resolve(destination, writtenIn: text.location.path) {
                        let what = target.hasSuffix(".md") || target.hasSuffix(".xml") ? "there is no such file" : "the site has no page or file there"
                        diagnostics.error("this links to '\(destination)', but \(what) (looked for \(target))", at: text.location(of: node))
                    }
                case .image(let destination, _):
                    if HeadingIdentifiers.plainText(of: node, in: text.tree).allSatisfy(\.isWhitespace) {
                        diagnostics.error("this image has no description; write what it shows between the brackets: ![A parent reading to a child](\(destination))",
                                          at: text.location(of: node))
                    }
                    if case .missing(let target) = links.resolve(destination, writtenIn: text.location.path) {
                        diagnostics.error("the image '\(destination)' does not exist (looked for \(target))", at: text.location(of: node))
                    }
                default:
                    break
                }
            })
        }
    }

    private mutating func checkHeadings(in text: MarkdownText) {
        for block in text.blocks {
            text.tree.walk(from: block, enter: { node in
                if case .heading = text.tree.kind(of: node),
                   HeadingIdentifiers.plainText(of: node, in: text.tree).allSatisfy(\.isWhitespace) {
                    diagnostics.warning("this heading is empty; give it words or remove it", at: text.location(of: node))
                }
            })
        }
    }

    private mutating func checkReadingAge(of page: PageText) {
        guard let first = page.trees.first else { return }
        var plain = ""
        for text in page.prose {
            // A heading named "Where this comes from" starts a list of sources, which runs to the next heading
            // of the same or a higher level.
            var sourcesLevel: Int?
            for block in text.blocks {
                if case .heading(let level, _) = text.tree.kind(of: block) {
                    if let open = sourcesLevel, level > open { continue }
                    sourcesLevel = Self.isSourceList(title: HeadingIdentifiers.plainText(of: block, in: text.tree)) ? level : nil
                    if sourcesLevel != nil { continue }
                } else if sourcesLevel != nil {
                    continue
                }
                text.tree.walk(from: block, enter: { node in
                    switch text.tree.kind(of: node) {
                    case .text(let s): plain += s
                    case .softBreak, .lineBreak: plain += " "
                    case .paragraph, .heading, .listItem, .tableCell: plain += "\n"
                    default: break
                    }
                })
            }
        }
        let estimate = ReadingAge(text: plain)
        let limit = site.settings.readingAge[page.audience]
        if let years = estimate.years, years > limit {
            let rounded = (years * 10).rounded() / 10
            diagnostics.warning("this page reads at about age \(rounded) (the limit for \(page.audience.rawValue)' pages is \(XMLContentLoader.format(limit))); try shorter sentences and everyday words",
                                at: first.location)
        }
    }
}
