/// Before/after statistics for paired scores (Docs/research.md, "Paired change"): the two occasions' means and
/// SDs, the mean change with its 95% interval (Student's t, n − 1 df) and the effect sizes d_z and d_av (Lakens 2013).
///
/// A figure that is undefined for these data (fewer than two pairs, or an SD of zero under a division) is nil,
/// never infinity or NaN.
package struct PairedChange: Hashable, Sendable {
    package var count: Int
    package var before: SampleSummary
    package var after: SampleSummary
    /// After minus before.
    package var change: SampleSummary
    package var confidenceInterval95: ConfidenceInterval?
    /// Mean change / SD of the changes.
    package var effectSizeDZ: Double?
    /// Mean change / the mean of the before and after SDs.
    package var effectSizeDAv: Double?

    /// Computes every figure for these pairs.
    package init(pairs: [ScorePair]) {
        count = pairs.count
        before = SampleSummary(pairs.map(\.before))
        after = SampleSummary(pairs.map(\.after))
        change = SampleSummary(pairs.map(\.change))
        guard let meanChange = change.mean, let changeSD = change.standardDeviation else { return }
        let t = StudentTDistribution(degreesOfFreedom: Double(count - 1)).quantile(0.975)
        let halfWidth = t * changeSD / Double(count).squareRoot()
        confidenceInterval95 = ConfidenceInterval(lower: meanChange - halfWidth, upper: meanChange + halfWidth)
        if changeSD > 0 { effectSizeDZ = meanChange / changeSD }
        if let beforeSD = before.standardDeviation, let afterSD = after.standardDeviation {
            let averageSD = (beforeSD + afterSD) / 2
            if averageSD > 0 { effectSizeDAv = meanChange / averageSD }
        }
    }
}
