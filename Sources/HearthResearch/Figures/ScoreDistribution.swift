/// How a score was spread before and after, in bins, for the dashboard's before/after chart: each bin a count
/// under disclosure control, the two rows published as one table so the totals give nothing back.
package struct ScoreDistribution: Hashable, Sendable {
    package var score: String
    /// `0–2`, `3–5`, …
    package var bins: [String]
    /// Rows `before` and `after`, columns the bins.
    package var table: LabelledTable

    /// Bins `width` wide from `minimum` up to `maximum`, counting the paired scores.
    package init(score: String, pairs: [ScorePair], minimum: Double, maximum: Double, bins count: Int, threshold: DisclosureThreshold) {
        self.score = score
        let count = max(1, count)
        let width = (maximum - minimum) / Double(count)
        func bin(_ value: Double) -> Int { min(count - 1, max(0, Int(((value - minimum) / max(width, .leastNonzeroMagnitude)).rounded(.down)))) }
        func label(_ index: Int) -> String {
            let low = minimum + Double(index) * width, high = index == count - 1 ? maximum : minimum + Double(index + 1) * width
            return "\(Self.format(low))–\(Self.format(high))"
        }
        bins = (0..<count).map(label)
        var counts: [String: [String: Int]] = ["before": [:], "after": [:]]
        for pair in pairs {
            counts["before"]![bins[bin(pair.before)], default: 0] += 1
            counts["after"]![bins[bin(pair.after)], default: 0] += 1
        }
        table = LabelledTable(rows: ["before", "after"], columns: bins, counts: counts, threshold: threshold)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
