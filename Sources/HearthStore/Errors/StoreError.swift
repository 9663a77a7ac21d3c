/// A problem from SQLite or the store's files, in words an operator can act on.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
