/// The count, mean and sample standard deviation (n − 1) of some values.
package struct SampleSummary: Hashable, Sendable {
    package var count: Int
    /// nil when there are no values.
    package var mean: Double?
    /// nil with fewer than two values.
    package var standardDeviation: Double?

    /// Two passes (mean, then squared deviations) with Chan, Golub and LeVeque's correction term, which cancels
    /// the rounding error left in the first pass's mean; a single pass of Σx² − n·x̄² would lose digits.
    package init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else { return }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        self.mean = mean
        guard values.count >= 2 else { return }
        var squares = 0.0, deviations = 0.0
        for value in values {
            let deviation = value - mean
            squares += deviation * deviation
            deviations += deviation
        }
        standardDeviation = ((squares - deviations * deviations / n) / (n - 1)).squareRoot()
    }
}
