import HearthContent
import HearthManifest

extension Manifest {
    /// The manifest of a loaded site: courses in the site's order, measures by id.
    init(_ content: ContentSite) {
        func scale(_ scale: ResponseScale) -> Scale {
            Scale(min: scale.minimum, max: scale.maximum, values: scale.points.map(\.value))
        }
        self.init(
            site: Site(title: content.settings.title, language: content.settings.language,
                       consentVersion: content.settings.consentVersion, areas: content.settings.areas.map(\.code),
                       apiBase: content.settings.apiBaseURL),
            courses: content.courses.map { course in
                Course(id: course.id, title: course.title, audience: course.audience.rawValue, passMark: course.passMark,
                       certificate: course.certificate, measuresBefore: course.measuresBefore, measuresAfter: course.measuresAfter,
                       afterDays: course.afterDays, followUpDays: course.followUpDays, retakeAfterDays: course.retakeAfterDays,
                       modules: course.modules.map { module in
                           Module(id: module.id, title: module.title, pages: module.pages.count, quizzes: module.quizzes.map { quiz in
                               Quiz(id: quiz.id, assessed: quiz.isAssessed, passMark: quiz.passMark, attempts: quiz.attempts, draw: quiz.draw,
                                    questions: quiz.questions.count, correctCounts: quiz.questions.map(\.correctCount))
                           })
                       })
            },
            measures: content.measures.sorted { $0.id < $1.id }.map { measure in
                Measure(id: measure.id, title: measure.title, scoring: measure.scoring.rawValue, missingAllowed: measure.missingAllowed,
                        scale: scale(measure.scale),
                        items: measure.items.map { Item(id: $0.id, reversed: $0.reversed, scale: scale($0.scale ?? measure.scale)) },
                        subscales: measure.subscales.map { Subscale(id: $0.id, items: $0.itemIDs) })
            })
    }
}
