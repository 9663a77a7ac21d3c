/// A write named a participant with no research consent on record (never given, or since erased):
/// without consent nothing may be linked to a person, so the write is refused whole.
package struct ConsentRequired: Error, Sendable {
    /// The event's position in its batch; nil for a questionnaire response.
    package var index: Int?

    package init(index: Int?) {
        self.index = index
    }
}
