/// One score a measure yields: its total, one of its subscales, or (for measures scored item by item) one item.
package enum ScoreID: Hashable, Sendable {
    case total
    case subscale(String)
    case item(String)

    /// The name the API and exports use: "total", or the subscale's or item's id (the content validator keeps those apart).
    package var name: String {
        switch self {
        case .total: "total"
        case .subscale(let id), .item(let id): id
        }
    }
}
