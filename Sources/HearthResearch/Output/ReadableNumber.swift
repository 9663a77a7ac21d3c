/// Numbers as the report and the charts print them for people: thousands separators, a fixed number of decimals, a real minus
/// sign, and no locale, so the same figure is always the same text.
package enum ReadableNumber {
    /// A count: `1,234`.
    package static func count(_ value: Int) -> String {
        (value < 0 ? "\u{2212}" : "") + grouped(value.magnitude)
    }

    /// `value` rounded to `places` decimals, every decimal written (`2.0`) so a column of means lines up, or without
    /// trailing zeros (`2`, `2.5`) for an axis; a value that rounds to zero has no minus sign.
    package static func decimal(_ value: Double, places: Int, trimmingZeros: Bool = false) -> String {
        guard value.isFinite else { return "–" }
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = UInt64((value.magnitude * Double(scale)).rounded())
        let sign = value < 0 && scaled != 0 ? "\u{2212}" : ""
        guard places > 0 else { return sign + grouped(scaled) }
        var fraction = String(scaled % scale)
        fraction = String(repeating: "0", count: places - fraction.count) + fraction
        while trimmingZeros && fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + grouped(scaled / scale) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A percentage with one decimal: `45.2%`.
    package static func percent(_ value: Double) -> String {
        decimal(value, places: 1) + "%"
    }

    private static func grouped(_ value: some BinaryInteger) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
