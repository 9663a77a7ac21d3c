/// An anonymised learning event as the store keeps it.
public struct LearningEvent: Sendable, Hashable {
    /// Client-generated UUID: a retry of the same event is recognised and not stored twice.
    public var id: String
    public var type: String
    public var course: String
    public var module: String?
    public var quiz: String?
    public var score: Double?
    /// ONS code of the local authority, when the person chose one.
    public var area: String?
    /// The raw participant id from the browser, only with consent; the store keeps only its keyed hash.
    public var participant: String?

    public init(id: String, type: String, course: String, module: String? = nil, quiz: String? = nil,
                score: Double? = nil, area: String? = nil, participant: String? = nil) {
        self.id = id
        self.type = type
        self.course = course
        self.module = module
        self.quiz = quiz
        self.score = score
        self.area = area
        self.participant = participant
    }
}
