/// One participant's answers to a measure before and after a course (answer values by item id), and the whole
/// days between the two.
public struct ResponsePair: Hashable, Sendable {
    public var before: [String: Int]
    public var after: [String: Int]
    public var gapDays: Int

    public init(before: [String: Int], after: [String: Int], gapDays: Int) {
        self.before = before
        self.after = after
        self.gapDays = gapDays
    }
}
