import HearthStore

/// The months of the research tables: one calendar year, up to this month when it is this year. Tables are always
/// whole years of a token's areas — a fixed grid — so no two requests publish overlapping tables whose totals could be
/// subtracted to give back a hidden cell.
package enum ResearchEndpointMonths {
    /// `year` as the request or command line gave it (this year when nil).
    package static func months(year text: String?, now hour: Int64) throws -> [MonthSpan] {
        let today = CalendarDay(hour: hour)
        let year = try text.map { text -> Int in
            guard let year = Int(text), (2000...today.year).contains(year) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "'year' is a year from 2000 to \(today.year)", field: "year")
            }
            return year
        } ?? today.year
        let last = year == today.year ? today.month : 12
        return (1...last).map { MonthSpan(month: "\(year)-\($0 < 10 ? "0" : "")\($0)") }
    }
}
