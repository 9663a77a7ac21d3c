/// Why a response could not be scored: the answers do not fit the measure. Each message names the item.
package enum ScoringError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An answer names an item the measure does not have.
    case unknownItem(measure: String, item: String)
    /// An answer is not one of the values the item's scale offers.
    case valueOffScale(measure: String, item: String, value: Int, allowed: [Int])

    package var description: String {
        switch self {
        case .unknownItem(let measure, let item):
            "the answer for '\(item)' names no item of the measure '\(measure)'"
        case .valueOffScale(let measure, let item, let value, let allowed):
            "the answer \(value) for the item '\(item)' of the measure '\(measure)' is not on its scale; the values are: "
                + allowed.map(String.init).joined(separator: ", ")
        }
    }
}
