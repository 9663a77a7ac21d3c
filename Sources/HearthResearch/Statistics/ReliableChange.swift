import Foundation

/// Where the SD in Jacobson and Truax's standard error comes from.
package enum SDSource: String, Hashable, Sendable {
    /// The measure's published SD (a reference sample's).
    case measure
    /// This sample's SD before the course.
    case sample
}

/// What a score's reliable-change test rests on, as the measure publishes it: its reliability and, when given,
/// the SD of a reference sample. Both nil for a score the measure gives no reliability for.
package struct ReliabilityBasis: Hashable, Sendable {
    package var reliability: Double?
    package var publishedSD: Double?

    package init(reliability: Double?, publishedSD: Double?) {
        self.reliability = reliability
        self.publishedSD = publishedSD
    }
}

/// Jacobson and Truax's (1991) reliable change criterion for one score: SE = SD₁·√(1 − r), and a change is
/// reliable when |change / √(2·SE²)| > 1.96.
package struct ReliableChangeCriterion: Hashable, Sendable {
    /// |RC| above this is reliable: the two-sided 5% point of the normal distribution.
    package static let cutOff = 1.96

    package var reliability: Double
    package var standardDeviation: Double
    package var sdSource: SDSource

    /// nil when the test is undefined: no reliability, no SD (fewer than two pairs), an SD of zero, or r ≥ 1.
    package init?(basis: ReliabilityBasis, sampleBeforeSD: Double?) {
        guard let reliability = basis.reliability, reliability < 1 else { return nil }
        if let published = basis.publishedSD {
            standardDeviation = published
            sdSource = .measure
        } else if let sample = sampleBeforeSD {
            standardDeviation = sample
            sdSource = .sample
        } else {
            return nil
        }
        guard standardDeviation > 0 else { return nil }
        self.reliability = reliability
    }

    /// The standard error of measurement, SD₁·√(1 − r).
    package var standardError: Double { standardDeviation * (1 - reliability).squareRoot() }

    /// The reliable change index of one change (after − before).
    package func index(_ change: Double) -> Double {
        change / (2 * standardError * standardError).squareRoot()
    }

    /// Counts the changes that are reliably better, reliably worse, or neither, for a score where `better` is good.
    package func classify(_ changes: [Double], better: Direction) -> ReliableChangeCounts {
        var counts = ReliableChangeCounts(improved: 0, deteriorated: 0, noChange: 0)
        for change in changes {
            let index = self.index(change)
            guard abs(index) > Self.cutOff else {
                counts.noChange += 1
                continue
            }
            if (index > 0) == (better == .higher) { counts.improved += 1 } else { counts.deteriorated += 1 }
        }
        return counts
    }
}

/// How many participants changed reliably for the better, for the worse, or not reliably.
package struct ReliableChangeCounts: Hashable, Sendable {
    package var improved: Int
    package var deteriorated: Int
    package var noChange: Int

    package init(improved: Int, deteriorated: Int, noChange: Int) {
        self.improved = improved
        self.deteriorated = deteriorated
        self.noChange = noChange
    }
}
