/// Which questions an attempt asks: the quiz's `draw` from its pool, preferring questions this learner has not
/// been asked, never the same one twice in an attempt, in a random order.
package enum QuestionDraw {
    /// `pool` in the author's order; `count` nil asks them all, in that order.
    package static func draw(from pool: [String], count: Int?, seen: Set<String>,
                             using generator: inout some RandomNumberGenerator) -> [String] {
        guard let count, count < pool.count else {
            return count == nil ? pool : pool.shuffled(using: &generator)
        }
        // Unseen first, each group in a random order; then the chosen ones shuffled, so unseen ones are not always first.
        let unseen = pool.filter { !seen.contains($0) }.shuffled(using: &generator)
        let seenAgain = pool.filter { seen.contains($0) }.shuffled(using: &generator)
        return Array((unseen + seenAgain).prefix(count)).shuffled(using: &generator)
    }
}
