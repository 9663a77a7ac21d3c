/// One figure in a report table as a reader sees it: the number formatted for people, words (which way is better),
/// "suppressed", or "–" for a figure these data cannot give (with the reason, which the table's note repeats).
enum ReportCell: Hashable {
    case figure(String)
    case words(String)
    case suppressed
    case undefined(reason: String)

    /// A published figure through `format`, suppressed as such, or undefined for `reason`.
    static func disclosed<Value>(_ figure: Disclosed<Value>, undefined reason: String, _ format: (Value) -> String) -> ReportCell {
        if figure.isSuppressed { return .suppressed }
        guard let value = figure.value else { return .undefined(reason: reason) }
        return .figure(format(value))
    }

    /// A count.
    static func count(_ figure: Disclosed<Int>, undefined reason: String = "no figure for these data") -> ReportCell {
        disclosed(figure, undefined: reason, ReadableNumber.count)
    }

    /// A mean, SD or effect size with `places` decimals.
    static func decimal(_ figure: Disclosed<Double>, places: Int, undefined reason: String) -> ReportCell {
        disclosed(figure, undefined: reason) { ReadableNumber.decimal($0, places: places) }
    }

    /// A percentage.
    static func percent(_ figure: Disclosed<Double>, undefined reason: String) -> ReportCell {
        disclosed(figure, undefined: reason, ReadableNumber.percent)
    }

    /// A 95% interval, "−2.2 to −0.6".
    static func interval(_ figure: Disclosed<ConfidenceInterval>, places: Int, undefined reason: String) -> ReportCell {
        disclosed(figure, undefined: reason) {
            ReadableNumber.decimal($0.lower, places: places) + " to " + ReadableNumber.decimal($0.upper, places: places)
        }
    }
}
