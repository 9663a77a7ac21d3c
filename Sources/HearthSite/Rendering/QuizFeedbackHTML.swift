import HearthContent

/// The hints and per-option feedback of every quiz question as HTML, with links pointing from the page that
/// shows the quiz. `hearth serve` sends these for assessed quizzes, whose built pages leave them out.
package enum QuizFeedbackHTML {
    /// One question's hints, and its feedback per option in the author's order.
    package struct Question: Sendable {
        package var hints: [String]
        package var feedback: [String]
    }

    /// Quiz id → question id → its hints and feedback.
    package static func render(_ site: ContentSite) -> [String: [String: Question]] {
        let links = LinkResolver(site: site)
        var quizzes: [String: [String: Question]] = [:]
        for course in site.courses {
            for module in course.modules {
                for (index, page) in module.pages.enumerated() {
                    let markdown = MarkdownHTML(links: links, page: SiteRoutes.modulePage(course: course.id, module: module.id, page: index + 1))
                    for case .quiz(let quiz) in page.parts {
                        var questions: [String: Question] = [:]
                        for question in quiz.questions {
                            questions[question.id] = Question(
                                hints: question.hints.map { markdown.inlineHTML($0, at: question.location) },
                                feedback: question.options.map { optionFeedback($0, html: markdown) })
                        }
                        quizzes[quiz.id] = questions
                    }
                }
            }
        }
        return quizzes
    }

    /// What choosing an option teaches: what happens next in a scenario, then the author's feedback.
    static func optionFeedback(_ option: Option, html: MarkdownHTML) -> String {
        var parts: [String] = []
        if !option.consequence.isEmpty { parts.append("<span class=\"consequence\">\(html.inlineHTML(option.consequence, at: option.location))</span>") }
        if !option.feedback.isEmpty { parts.append(html.inlineHTML(option.feedback, at: option.location)) }
        return parts.joined(separator: " ")
    }
}
