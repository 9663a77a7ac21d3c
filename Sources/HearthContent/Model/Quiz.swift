/// A quiz: questions with feedback that teaches, optionally assessed with a pass mark.
///
/// Completing a module and passing its quiz are separate facts, as in cmi5 and SCORM 2004:
/// a person can finish a module and still fail its quiz.
public struct Quiz: Hashable, Sendable {
    /// Unique across the site; events name quizzes by it.
    public var id: String
    public var title: String
    public var questions: [Question]
    /// Score (0–100) needed to pass; nil for a practice quiz.
    public var passMark: Int?
    /// How many attempts are allowed; nil for unlimited.
    public var attempts: Int?
    /// Draw this many questions from the pool for each attempt, in a random order; nil for all, in order.
    public var draw: Int?
    /// Overall feedback by score band.
    public var bands: [ScoreBand]
    public var location: SourceLocation

    public init(id: String, title: String = "", questions: [Question], passMark: Int? = nil, attempts: Int? = nil,
                draw: Int? = nil, bands: [ScoreBand] = [], location: SourceLocation) {
        self.id = id
        self.title = title
        self.questions = questions
        self.passMark = passMark
        self.attempts = attempts
        self.draw = draw
        self.bands = bands
        self.location = location
    }

    /// Assessed quizzes count towards a course's pass mark and certificate.
    public var isAssessed: Bool { passMark != nil }
}

/// One question of a quiz.
public struct Question: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Exactly one option is right.
        case singleChoice = "single"
        /// One or more options are right; all of them must be chosen.
        case multipleChoice = "multiple"
        /// A statement that is true or false.
        case trueFalse = "true-false"
        /// "What would you say next?": each choice leads to a consequence and feedback; some choices are better.
        case scenario
    }

    /// Unique within its quiz: `q1`, `q2`, … unless the author names it.
    public var id: String
    public var kind: Kind
    /// The question or situation, as inline Markdown.
    public var prompt: String
    /// Revealed one at a time, on request.
    public var hints: [String]
    public var options: [Option]
    public var location: SourceLocation

    public init(id: String, kind: Kind, prompt: String, hints: [String] = [], options: [Option], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.prompt = prompt
        self.hints = hints
        self.options = options
        self.location = location
    }

    /// How many options are correct (the manifest carries this, never which ones).
    public var correctCount: Int { options.filter(\.isCorrect).count }
}

/// An answer a person can choose.
public struct Option: Hashable, Sendable {
    /// Inline Markdown.
    public var text: String
    public var isCorrect: Bool
    /// Shown after the person answers, whichever way: it should teach, not just mark.
    public var feedback: String
    /// For scenarios: what happens next if you say this.
    public var consequence: String
    public var location: SourceLocation

    public init(text: String, isCorrect: Bool, feedback: String = "", consequence: String = "", location: SourceLocation) {
        self.text = text
        self.isCorrect = isCorrect
        self.feedback = feedback
        self.consequence = consequence
        self.location = location
    }
}

/// Feedback for scores from `minimum` to `maximum` percent inclusive.
public struct ScoreBand: Hashable, Sendable {
    public var minimum: Int
    public var maximum: Int
    public var feedback: String
    public var location: SourceLocation

    public init(minimum: Int, maximum: Int, feedback: String, location: SourceLocation) {
        self.minimum = minimum
        self.maximum = maximum
        self.feedback = feedback
        self.location = location
    }
}
