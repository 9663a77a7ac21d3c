/// A write named a participant with no research consent on record (never given, or since erased):
/// without consent nothing may be linked to a person, so the write is refused whole.
public struct ConsentRequired: Error, Sendable {
    /// The event's position in its batch; nil for a questionnaire response.
    public var index: Int?

    public init(index: Int?) {
        self.index = index
    }
}
