import HearthStore

/// The store's asynchronous calls, waited for: tests read more plainly one step at a time.
extension EventStore {
    package func append(_ events: [LearningEvent]) throws -> AppendResult {
        try waiting { append(events, completion: $0) }
    }

    package func append(_ response: QuestionnaireResponse) throws -> AppendResult {
        try waiting { append(response, completion: $0) }
    }

    package func recordConsent(participant: String, version: String = "1") throws {
        _ = try waiting { recordConsent(participant: participant, version: version, completion: $0) }
    }

    package func erase(participant: String) throws -> Erasure {
        try waiting { erase(participant: participant, completion: $0) }
    }
}
