/// The `summary` figures: for each course a token may see, starts and completions by month and area, its
/// modules by area, and its completion and quiz pass rates — all under one threshold.
package struct UsageSummary: Hashable, Sendable {
    package var threshold: Int
    /// First and last month covered, `YYYY-MM`.
    package var from: String
    package var to: String
    /// The areas the token may see, in the order of the tables' columns; `none` stands for events that named no area.
    package var areas: [String]
    package var courses: [CourseUsage]

    package init(threshold: Int, from: String, to: String, areas: [String], courses: [CourseUsage]) {
        self.threshold = threshold
        self.from = from
        self.to = to
        self.areas = areas
        self.courses = courses
    }

    /// The months from `from` to `to` inclusive, `YYYY-MM`; empty when either is not a month or `to` is before `from`.
    package static func months(from: String, to: String) -> [String] {
        func parse(_ text: String) -> (Int, Int)? {
            let parts = text.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
                  (1...12).contains(month) else { return nil }
            return (year, month)
        }
        guard let start = parse(from), let end = parse(to), start <= end else { return [] }
        var months: [String] = []
        var (year, month) = start
        while (year, month) <= end && months.count < 1200 {
            months.append("\(year)-\(month < 10 ? "0" : "")\(month)")
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return months
    }
}
