/// `manifest.json`, the contract between `hearth build` and `hearth serve`: every course, module, quiz and
/// measure id the API may be sent, with what it needs to check answers, so it can refuse events about
/// things that don't exist. Quizzes say how many options are correct per question, never which ones.
///
/// `HearthSite` makes one from the content and writes it (`json()`); `HearthAPI` reads it back
/// (`Manifest(json:)`), refusing anything it does not know rather than skipping it.
package struct Manifest: Equatable, Sendable {
    /// The format this code writes and reads; a manifest of another version is refused, naming both.
    package static let formatVersion = 1

    /// The site's settings the API checks against.
    package struct Site: Equatable, Sendable {
        package var title: String
        package var language: String
        /// The consent wording's version; consent to any other is refused.
        package var consentVersion: String
        /// Local-authority codes the site serves.
        package var areas: [String]
        /// Where the API is served, a path such as `/api/v1` (`site.xml`'s `<api base>`).
        package var apiBase: String

        package init(title: String, language: String, consentVersion: String, areas: [String], apiBase: String) {
            self.title = title
            self.language = language
            self.consentVersion = consentVersion
            self.areas = areas
            self.apiBase = apiBase
        }
    }

    /// A course and its modules, in the site's order.
    package struct Course: Equatable, Sendable {
        package var id: String
        package var title: String
        /// `parents` or `practitioners`.
        package var audience: String
        package var passMark: Int?
        package var certificate: Bool
        /// Measure ids asked before and after the course.
        package var measuresBefore: [String]
        package var measuresAfter: [String]
        /// Days after the before answers when the after measures are asked; the follow-up, if any; and for
        /// training, the days after which a learner who used up their attempts may start again.
        package var afterDays: Int
        package var followUpDays: Int?
        package var retakeAfterDays: Int?
        package var modules: [Module]

        package init(id: String, title: String, audience: String, passMark: Int?, certificate: Bool,
                     measuresBefore: [String], measuresAfter: [String], afterDays: Int, followUpDays: Int?, retakeAfterDays: Int?,
                     modules: [Module]) {
            self.afterDays = afterDays
            self.followUpDays = followUpDays
            self.retakeAfterDays = retakeAfterDays
            self.id = id
            self.title = title
            self.audience = audience
            self.passMark = passMark
            self.certificate = certificate
            self.measuresBefore = measuresBefore
            self.measuresAfter = measuresAfter
            self.modules = modules
        }
    }

    /// A module: its page count and quizzes.
    package struct Module: Equatable, Sendable {
        package var id: String
        package var title: String
        package var pages: Int
        package var quizzes: [Quiz]

        package init(id: String, title: String, pages: Int, quizzes: [Quiz]) {
            self.id = id
            self.title = title
            self.pages = pages
            self.quizzes = quizzes
        }
    }

    /// A quiz: how it is scored, and how many options are correct in each question (never which).
    package struct Quiz: Equatable, Sendable {
        package var id: String
        package var assessed: Bool
        package var passMark: Int?
        package var attempts: Int?
        /// Questions drawn per attempt from a pool, when it is one.
        package var draw: Int?
        package var questions: Int
        package var correctCounts: [Int]

        package init(id: String, assessed: Bool, passMark: Int?, attempts: Int?, draw: Int?, questions: Int, correctCounts: [Int]) {
            self.id = id
            self.assessed = assessed
            self.passMark = passMark
            self.attempts = attempts
            self.draw = draw
            self.questions = questions
            self.correctCounts = correctCounts
        }
    }

    /// A questionnaire: its items with the scores each allows, its subscales, and how many items may be left out.
    package struct Measure: Equatable, Sendable {
        package var id: String
        package var title: String
        package var scoring: String
        package var missingAllowed: Int
        package var scale: Scale
        package var items: [Item]
        package var subscales: [Subscale]

        package init(id: String, title: String, scoring: String, missingAllowed: Int, scale: Scale, items: [Item], subscales: [Subscale]) {
            self.id = id
            self.title = title
            self.scoring = scoring
            self.missingAllowed = missingAllowed
            self.scale = scale
            self.items = items
            self.subscales = subscales
        }
    }

    /// A response scale: its range and the scores it offers.
    package struct Scale: Equatable, Sendable {
        package var min: Int
        package var max: Int
        package var values: [Int]

        package init(min: Int, max: Int, values: [Int]) {
            self.min = min
            self.max = max
            self.values = values
        }
    }

    /// One item of a measure, with its own scale (the measure's unless the item has another).
    package struct Item: Equatable, Sendable {
        package var id: String
        package var reversed: Bool
        package var scale: Scale

        package init(id: String, reversed: Bool, scale: Scale) {
            self.id = id
            self.reversed = reversed
            self.scale = scale
        }
    }

    /// A named group of a measure's items, scored together.
    package struct Subscale: Equatable, Sendable {
        package var id: String
        package var items: [String]

        package init(id: String, items: [String]) {
            self.id = id
            self.items = items
        }
    }

    package var site: Site
    package var courses: [Course]
    package var measures: [Measure]

    package init(site: Site, courses: [Course], measures: [Measure]) {
        self.site = site
        self.courses = courses
        self.measures = measures
    }
}
