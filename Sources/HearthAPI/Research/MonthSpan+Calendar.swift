import HearthStore

extension MonthSpan {
    /// The span of a `YYYY-MM` month (the caller has checked its form, as `UsageSummary.months` does).
    package init(month label: String) {
        let parts = label.split(separator: "-").compactMap { Int($0) }
        let (year, month) = (parts[0], parts[1])
        let first = CalendarDay(year: year, month: month, day: 1).daysSince1970 * 24
        let next = month == 12 ? CalendarDay(year: year + 1, month: 1, day: 1) : CalendarDay(year: year, month: month + 1, day: 1)
        self.init(label: label, firstHour: first, lastHour: next.daysSince1970 * 24 - 1)
    }

    /// The default range of the figures: the twelve months ending with the one `hour` falls in.
    package static func lastTwelveMonths(endingAt hour: Int64) -> (from: String, to: String) {
        let now = CalendarDay(hour: hour)
        func label(_ year: Int, _ month: Int) -> String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
        return (now.month == 12 ? label(now.year, 1) : label(now.year - 1, now.month + 1), label(now.year, now.month))
    }
}
