/// One participant's score before and after a course.
public struct ScorePair: Hashable, Sendable {
    public var before: Double
    public var after: Double

    public init(before: Double, after: Double) {
        self.before = before
        self.after = after
    }

    /// After minus before.
    public var change: Double { after - before }
}
