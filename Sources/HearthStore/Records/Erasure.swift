/// What an erasure removed, so the person can be told in words.
package struct Erasure: Sendable, Equatable {
    package var events: Int
    package var responses: Int
    /// 1 when a consent was on record, else 0.
    package var consents: Int

    package init(events: Int, responses: Int, consents: Int) {
        self.events = events
        self.responses = responses
        self.consents = consents
    }

    /// Records of every kind together.
    package var total: Int { events + responses + consents }
}
