/// A problem from SQLite or the store's files, in words an operator can act on.
package struct StoreError: Error, CustomStringConvertible, Sendable {
    package var description: String

    package init(description: String) {
        self.description = description
    }
}
