/// One participant's answers to a measure before and after a course (answer values by item id), and the whole
/// days between the two.
package struct ResponsePair: Hashable, Sendable {
    package var before: [String: Int]
    package var after: [String: Int]
    package var gapDays: Int

    package init(before: [String: Int], after: [String: Int], gapDays: Int) {
        self.before = before
        self.after = after
        self.gapDays = gapDays
    }
}
