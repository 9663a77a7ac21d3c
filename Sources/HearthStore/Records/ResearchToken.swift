/// A researcher's access token as the store keeps it: a SHA-256 of the token, never the token itself.
package struct ResearchToken: Sendable, Equatable {
    /// What a token may fetch.
    package enum Scope: String, Sendable, Equatable {
        /// Figures under disclosure control.
        case aggregate
        /// Figures and row-level exports.
        case rows
    }

    package var name: String
    /// Lower-case hex SHA-256 of the token.
    package var hash: String
    /// Area codes the token sees; nil for every area (and events that name none).
    package var areas: [String]?
    package var scope: Scope
    /// The last day it works (days since 1970, UTC); nil for no end.
    package var expiresDay: Int64?
    package var createdDay: Int64
    package var revokedDay: Int64?

    package init(name: String, hash: String, areas: [String]?, scope: Scope, expiresDay: Int64?, createdDay: Int64, revokedDay: Int64? = nil) {
        self.name = name
        self.hash = hash
        self.areas = areas
        self.scope = scope
        self.expiresDay = expiresDay
        self.createdDay = createdDay
        self.revokedDay = revokedDay
    }

    /// Whether it may be used on `day`.
    package func isUsable(on day: Int64) -> Bool {
        revokedDay == nil && (expiresDay.map { day <= $0 } ?? true)
    }
}
