import Foundation

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

/// What happened to a batch: how many events were new and how many had been stored before.
public struct AppendResult: Sendable, Equatable {
    public var accepted: Int
    public var duplicates: Int

    public init(accepted: Int, duplicates: Int) {
        self.accepted = accepted
        self.duplicates = duplicates
    }
}

/// The store has more writes waiting than it takes on: the client should keep what it sent and try again shortly.
public struct StoreOverloaded: Error, Sendable {
    public init() {}
}

/// A write named a participant with no research consent on record (never given, or since erased):
/// without consent nothing may be linked to a person, so the write is refused whole.
public struct ConsentRequired: Error, Sendable {
    /// The event's position in its batch; nil for a questionnaire response.
    public var index: Int?

    public init(index: Int?) {
        self.index = index
    }
}

/// Where events, responses and consents are kept. SQLite now; PostgreSQL (for several API nodes) will be the second implementation.
public protocol EventStore: Sendable {
    /// Stores a batch all-or-nothing and returns only once it is durable.
    func append(_ events: [LearningEvent]) throws -> AppendResult
    /// Stores a batch all-or-nothing and calls `completion` (on another thread) once it is durable.
    /// An event with a participant fails the batch with `ConsentRequired` unless that participant's consent is on record;
    /// a store with too much waiting fails it at once with `StoreOverloaded`.
    func append(_ events: [LearningEvent], completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void)
    /// Stores one questionnaire response (a retry counts as a duplicate); with a participant, only after their consent.
    func append(_ response: QuestionnaireResponse, completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void)
    /// Records research consent for a participant, with the version of the wording they agreed to.
    func recordConsent(participant: String, version: String, completion: @escaping @Sendable (Result<AppendResult, Error>) -> Void)
    /// How many events are stored, counted in the database (for tests and checks; metrics use `statistics`).
    func count() throws -> Int
    /// Removes everything held for a participant id; returns how many records went.
    func erase(participant: String) throws -> Int
    /// Events held and commit durations, kept in memory so that reading them never waits for the database.
    var statistics: StoreStatistics { get }
}

/// What the metrics endpoint reports about the store.
public struct StoreStatistics: Sendable, Equatable {
    /// Upper bounds of the commit-duration histogram's buckets, in seconds.
    public static let commitBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    /// Events held now.
    public var eventsStored = 0
    /// Commits that took at most each bucket's bound (cumulative, as Prometheus histograms are).
    public var commitsWithin = [Int](repeating: 0, count: commitBuckets.count)
    /// Commits in all, and their total duration in seconds.
    public var commits = 0
    public var commitSeconds = 0.0

    public init() {}

    /// Counts one commit of `seconds`.
    public mutating func recordCommit(seconds: Double) {
        for (index, bound) in Self.commitBuckets.enumerated() where seconds <= bound { commitsWithin[index] += 1 }
        commits += 1
        commitSeconds += seconds
    }
}
