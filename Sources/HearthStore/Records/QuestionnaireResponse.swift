/// One person's answers to a questionnaire on one occasion.
public struct QuestionnaireResponse: Sendable, Hashable {
    /// Client-generated UUID, so a retry is recognised.
    public var id: String
    public var measure: String
    /// `before`, `after` or `follow-up`.
    public var occasion: String
    public var course: String?
    public var area: String?
    /// Only with consent; stored as a keyed hash so before and after can be paired.
    public var participant: String?
    /// Item id → the score chosen on its scale.
    public var answers: [String: Int]

    public init(id: String, measure: String, occasion: String, course: String? = nil, area: String? = nil,
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
