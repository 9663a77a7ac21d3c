/// What an erasure removed, so the person can be told in words.
public struct Erasure: Sendable, Equatable {
    public var events: Int
    public var responses: Int
    /// 1 when a consent was on record, else 0.
    public var consents: Int

    public init(events: Int, responses: Int, consents: Int) {
        self.events = events
        self.responses = responses
        self.consents = consents
    }

    /// Records of every kind together.
    public var total: Int { events + responses + consents }
}
