/// What happened to a batch: how many events were new and how many had been stored before.
package struct AppendResult: Sendable, Equatable {
    package var accepted: Int
    package var duplicates: Int

    package init(accepted: Int, duplicates: Int) {
        self.accepted = accepted
        self.duplicates = duplicates
    }
}
