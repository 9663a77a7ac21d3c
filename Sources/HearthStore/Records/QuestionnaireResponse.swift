/// One person's answers to a questionnaire on one occasion.
package struct QuestionnaireResponse: Sendable, Hashable {
    /// Client-generated UUID, so a retry is recognised.
    package var id: String
    package var measure: String
    /// `before`, `after` or `follow-up`.
    package var occasion: String
    package var course: String?
    package var area: String?
    /// Only with consent; stored as a keyed hash so before and after can be paired.
    package var participant: String?
    /// Item id → the score chosen on its scale.
    package var answers: [String: Int]

    package init(id: String, measure: String, occasion: String, course: String? = nil, area: String? = nil,
                participant: String? = nil, answers: [String: Int]) {
        self.id = id
        self.measure = measure
        self.occasion = occasion
        self.course = course
        self.area = area
        self.participant = participant
        self.answers = answers
    }
}
