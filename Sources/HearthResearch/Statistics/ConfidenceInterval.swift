/// A two-sided confidence interval.
package struct ConfidenceInterval: Hashable, Sendable {
    package var lower: Double
    package var upper: Double

    package init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}
