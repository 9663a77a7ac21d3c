/// One participant's score before and after a course.
package struct ScorePair: Hashable, Sendable {
    package var before: Double
    package var after: Double

    package init(before: Double, after: Double) {
        self.before = before
        self.after = after
    }

    /// After minus before.
    package var change: Double { after - before }
}
