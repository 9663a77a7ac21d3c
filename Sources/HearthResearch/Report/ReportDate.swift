/// Months and days written out for people ("January 2026", "2 December 2026") from the `YYYY-MM` and `YYYY-MM-DD`
/// the figures carry; anything else is shown as it is.
package enum ReportDate {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                 "October", "November", "December"]

    /// `2026-01` → "January 2026", or "Jan 2026" when `short` (a chart's axis).
    package static func month(_ text: String, short: Bool = false) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, Int(parts[0]) != nil, let month = Int(parts[1]), (1...12).contains(month) else {
            return text
        }
        let name = months[month - 1]
        return (short ? String(name.prefix(3)) : name) + " " + parts[0]
    }

    /// `2026-12-02` → "2 December 2026".
    package static func day(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return text }
        let month = month(parts[0] + "-" + parts[1])
        return month == parts[0] + "-" + parts[1] ? text : "\(day) \(month)"
    }
}
