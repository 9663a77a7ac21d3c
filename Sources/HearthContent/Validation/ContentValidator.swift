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
        let links = LinkResolver(site: site)
        for (texts, language) in allTexts() {
            for text in texts {
                checkLinksAndImages(in: text, links: links)
                if authorWarnings { checkHeadings(in: text) }
            }
            if authorWarnings, language.hasPrefix("en") { checkReadingAge(of: texts) }
        }
    }

    /// Every page's Markdown, with its language: one text per tree, as a page's parts may share one.
    private func allTexts() -> [([MarkdownText], String)] {
        var texts: [([MarkdownText], String)] = []
        for course in site.courses {
            texts.append(([course.introduction], course.language))
            for module in course.modules {
                for page in module.pages {
                    // A Markdown page's parts share one tree (an XML page's each have their own): check each tree
                    // once, through all the blocks of the parts that share it.
                    var trees: [MarkdownText] = []
                    for part in page.parts {
                        let text: MarkdownText
                        switch part {
                        case .text(let body), .callout(_, _, let body): text = body
                        case .quiz: continue
                        }
                        if let last = trees.last, last.source == text.source, last.location == text.location {
                            trees[trees.count - 1].blocks += text.blocks
                        } else {
                            trees.append(text)
                        }
                    }
                    if !trees.isEmpty { texts.append((trees, module.language)) }
                }
            }
        }
        texts += site.pages.map { ([$0.body], $0.language) }
        return texts
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

    private mutating func checkReadingAge(of texts: [MarkdownText]) {
        guard let first = texts.first else { return }
        var plain = ""
        for text in texts {
            for block in text.blocks {
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
        if let years = estimate.years, years > site.settings.readingAgeLimit {
            let rounded = (years * 10).rounded() / 10
            diagnostics.warning("this page reads at about age \(rounded) (the limit is \(site.settings.readingAgeLimit)); try shorter sentences and everyday words",
                                at: first.location)
        }
    }
}
