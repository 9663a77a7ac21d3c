import HearthStore

/// What a valid research token lets a request see.
package struct ResearchGrant: Sendable {
    package var token: String
    /// nil for every area.
    package var areas: [String]?
    package var scope: ResearchToken.Scope

    /// The areas a request asking for `area` may see: its own area if the grant covers it.
    func areas(narrowedTo area: String?) throws -> [String]? {
        guard let area else { return areas }
        guard areas?.contains(area) ?? true else {
            throw APIError(.forbidden, code: "area_not_granted", message: "this token does not see the area '\(JSONBody.prefix(area, bytes: 20))'", field: "area")
        }
        return [area]
    }
}
