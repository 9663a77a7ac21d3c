import HearthStore

/// Whether a learner may start another attempt, enforced by the server: a quiz's attempts come in rounds;
/// once a round's attempts are used without a pass, a fresh round opens `retakeAfterDays` after its last attempt.
package enum AttemptPolicy {
    /// What starting an attempt now would be.
    package enum Decision: Equatable, Sendable {
        /// Attempt `number` (from 1) of round `round`.
        case start(round: Int, number: Int)
        /// The round is used up; the next opens at this hour (hours since 1970, UTC).
        case usedUp(opensAtHour: Int64)
        /// The quiz is passed: nothing more to attempt.
        case alreadyPassed
    }

    package static func decide(earlier: [StoredAttempt], limit: Int?, retakeAfterDays: Int, nowHour: Int64) -> Decision {
        if earlier.contains(where: { $0.passed == true }) { return .alreadyPassed }
        guard let round = earlier.map(\.round).max() else { return .start(round: 1, number: 1) }
        let inRound = earlier.filter { $0.round == round }
        // An attempt started and never submitted still counts, so questions cannot be fished for by not submitting.
        guard let limit, inRound.count >= limit else { return .start(round: round, number: inRound.count + 1) }
        let opens = (inRound.map(\.startedHour).max() ?? nowHour) + Int64(retakeAfterDays) * 24
        return nowHour >= opens ? .start(round: round + 1, number: 1) : .usedUp(opensAtHour: opens)
    }
}
