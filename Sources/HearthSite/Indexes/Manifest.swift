import Foundation
import HearthContent

/// `manifest.json`: every id the API may be sent, so it can refuse events about things that don't exist.
///
/// Quizzes list how many options are correct per question, never which ones.
struct Manifest: Encodable {
    struct Site: Encodable {
        var title: String
        var language: String
        var consentVersion: String
        var areas: [String]
    }

    struct Course: Encodable {
        var id: String
        var title: String
        var audience: String
        var passMark: Int?
        var certificate: Bool
        var measuresBefore: [String]
        var measuresAfter: [String]
        var modules: [Module]
    }

    struct Module: Encodable {
        var id: String
        var title: String
        var pages: Int
        var quizzes: [Quiz]
    }

    struct Quiz: Encodable {
        var id: String
        var assessed: Bool
        var passMark: Int?
        var attempts: Int?
        var draw: Int?
        var questions: Int
        var correctCounts: [Int]
    }

    struct Measure: Encodable {
        var id: String
        var title: String
        var scoring: String
        var missingAllowed: Int
        var scale: Scale
        var items: [Item]
        var subscales: [Subscale]
    }

    struct Scale: Encodable {
        var min: Int
        var max: Int
        var values: [Int]
    }

    struct Item: Encodable {
        var id: String
        var reversed: Bool
        var scale: Scale
    }

    struct Subscale: Encodable {
        var id: String
        var items: [String]
    }

    var version = 1
    var site: Site
    var courses: [Course]
    var measures: [Measure]

    init(_ content: ContentSite) {
        site = Site(title: content.settings.title, language: content.settings.language,
                    consentVersion: content.settings.consentVersion, areas: content.settings.areas.map(\.code))
        courses = content.courses.map { course in
            Course(id: course.id, title: course.title, audience: course.audience.rawValue, passMark: course.passMark,
                   certificate: course.certificate, measuresBefore: course.measuresBefore, measuresAfter: course.measuresAfter,
                   modules: course.modules.map { module in
                       Module(id: module.id, title: module.title, pages: module.pages.count, quizzes: module.quizzes.map { quiz in
                           Quiz(id: quiz.id, assessed: quiz.isAssessed, passMark: quiz.passMark, attempts: quiz.attempts, draw: quiz.draw,
                                questions: quiz.questions.count, correctCounts: quiz.questions.map(\.correctCount))
                       })
                   })
        }
        measures = content.measures.sorted { $0.id < $1.id }.map { measure in
            func scale(_ s: ResponseScale) -> Scale { Scale(min: s.minimum, max: s.maximum, values: s.points.map(\.value)) }
            return Measure(id: measure.id, title: measure.title, scoring: measure.scoring.rawValue, missingAllowed: measure.missingAllowed,
                           scale: scale(measure.scale),
                           items: measure.items.map { Item(id: $0.id, reversed: $0.reversed, scale: scale($0.scale ?? measure.scale)) },
                           subscales: measure.subscales.map { Subscale(id: $0.id, items: $0.itemIDs) })
        }
    }

    /// Deterministic JSON: sorted keys, stable formatting.
    func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0A]
    }
}
