/// What the metrics endpoint reports about the store.
package struct StoreStatistics: Sendable, Equatable {
    /// Upper bounds of the commit-duration histogram's buckets, in seconds.
    package static let commitBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

    /// Events held now.
    package var eventsStored = 0
    /// Commits that took at most each bucket's bound (cumulative, as Prometheus histograms are).
    package var commitsWithin = [Int](repeating: 0, count: commitBuckets.count)
    /// Commits in all, and their total duration in seconds.
    package var commits = 0
    package var commitSeconds = 0.0

    package init() {}

    /// Counts one commit of `seconds`.
    package mutating func recordCommit(seconds: Double) {
        for (index, bound) in Self.commitBuckets.enumerated() where seconds <= bound { commitsWithin[index] += 1 }
        commits += 1
        commitSeconds += seconds
    }
}
