import HearthContent

/// Which way a score moves when things get better for the person: the measure model's own, so the direction a
/// figure reports is always the one its instrument file declares.
package typealias Direction = Measure.Direction

extension Measure {
    /// Which way is better for one of the measure's scores.
    package func better(for score: ScoreID) -> Direction {
        switch score {
        case .total: better
        case .subscale(let id), .item(let id): better(for: id)
        }
    }
}
