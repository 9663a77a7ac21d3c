/// The store has more writes waiting than it takes on: the client should keep what it sent and try again shortly.
package struct StoreOverloaded: Error, Sendable {
    package init() {}
}
