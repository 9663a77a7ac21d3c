import HearthContent

/// Scores responses to one measure by its definition: reversed items, per-item scales, subscales, and its
/// scoring rule (sum, mean, or each item on its own) with its allowance for unanswered items.
///
/// Missing items (Docs/research.md, "Scoring"): a total or subscale is scored only when at most `missingAllowed`
/// of its items are unanswered and at least one is answered; the unanswered ones are pro-rated, i.e. a sum is
/// the mean of the answered item scores times the number of items, and a mean is the mean of the answered ones.
package struct MeasureScorer: Sendable {
    /// One item as scoring needs it.
    private struct ScoredItem: Sendable {
        var id: String
        var reversed: Bool
        var minimum: Int
        var maximum: Int
        var values: [Int]
    }

    /// A score and the positions (in `items`) of the items it combines.
    private struct Combination: Sendable {
        var id: ScoreID
        var members: [Int]
    }

    /// The measure's id, for error messages.
    package let measureID: String
    private let items: [ScoredItem]
    private let positions: [String: Int]
    private let combinations: [Combination]
    private let scoring: Measure.Scoring
    private let missingAllowed: Int

    /// Prepares scoring for `measure` (each item's scale and direction, and which items each score combines).
    package init(measure: Measure) {
        measureID = measure.id
        items = measure.items.map { item in
            let scale = item.scale ?? measure.scale
            return ScoredItem(id: item.id, reversed: item.reversed, minimum: scale.minimum, maximum: scale.maximum,
                              values: scale.points.map(\.value).sorted())
        }
        var positions: [String: Int] = [:]
        for (position, item) in items.enumerated() { positions[item.id] = position }
        self.positions = positions
        scoring = measure.scoring
        missingAllowed = measure.missingAllowed
        switch measure.scoring {
        case .sum, .mean:
            // ONS-style items scoring never adds items up, so subscales only exist for sum and mean.
            combinations = [Combination(id: .total, members: Array(items.indices))]
                + measure.subscales.map { subscale in
                    Combination(id: .subscale(subscale.id), members: subscale.itemIDs.compactMap { positions[$0] })
                }
        case .items:
            combinations = []
        }
    }

    /// The scores this measure yields, in the order they are reported.
    package var scoreIDs: [ScoreID] {
        scoring == .items ? items.map { .item($0.id) } : combinations.map(\.id)
    }

    /// Scores one response (answer values by item id). A score with too many unanswered items is absent from the result.
    package func score(_ answers: [String: Int]) throws(ScoringError) -> [ScoreID: Double] {
        var itemScores = [Double?](repeating: nil, count: items.count)
        for (id, value) in answers {
            guard let position = positions[id] else { throw .unknownItem(measure: measureID, item: id) }
            let item = items[position]
            guard item.values.contains(value) else {
                throw .valueOffScale(measure: measureID, item: id, value: value, allowed: item.values)
            }
            itemScores[position] = Double(item.reversed ? item.minimum + item.maximum - value : value)
        }
        var scores: [ScoreID: Double] = [:]
        if scoring == .items {
            for (position, item) in items.enumerated() {
                if let score = itemScores[position] { scores[.item(item.id)] = score }
            }
            return scores
        }
        for combination in combinations {
            let answered = combination.members.compactMap { itemScores[$0] }
            let missing = combination.members.count - answered.count
            guard !answered.isEmpty, missing <= missingAllowed else { continue }
            let sum = answered.reduce(0, +)
            switch scoring {
            case .mean:
                scores[combination.id] = sum / Double(answered.count)
            case .sum, .items:
                scores[combination.id] = missing == 0 ? sum : sum * Double(combination.members.count) / Double(answered.count)
            }
        }
        return scores
    }
}
