/// A measure's scores before and after a course: the two distributions as paired bars per score band, and below
/// them the mean change with its 95% interval as a point and error bar against a line at zero.
package struct BeforeAfterChart: Hashable, Sendable {
    package var title: String
    /// The score bands, e.g. "0–2", "3–5".
    package var binLabels: [String]
    /// How many pairs fell in each band before and after, after disclosure control.
    package var before: [Disclosed<Int>]
    package var after: [Disclosed<Int>]
    package var meanChange: Disclosed<Double>
    package var interval: Disclosed<ConfidenceInterval>
    package var better: Direction

    package init(title: String, binLabels: [String], before: [Disclosed<Int>], after: [Disclosed<Int>],
                meanChange: Disclosed<Double>, interval: Disclosed<ConfidenceInterval>, better: Direction) {
        precondition(before.count == binLabels.count && after.count == binLabels.count, "every band needs a before and an after count")
        self.title = title
        self.binLabels = binLabels
        self.before = before
        self.after = after
        self.meanChange = meanChange
        self.interval = interval
        self.better = better
    }

    /// The chart; `idPrefix` keeps its element ids unique on a page with several charts. `width` in the SVG's own
    /// units: the text keeps its size, so a narrow chart (360 for a phone) stays readable when scaled to the screen.
    package func render(idPrefix: String, width: Double = 640) -> SVGChart {
        let summary = self.summary
        let barsHeight = 260.0, changeHeight = 90.0
        var svg = SVGWriter(idPrefix: idPrefix, width: width, height: barsHeight + changeHeight, title: title, description: summary)
        let groups = binLabels.indices.map { BarChart.Group(label: binLabels[$0], values: [before[$0], after[$0]]) }
        BarPanel(chart: BarChart(title: title, seriesNames: ["Before", "After"], groups: groups))
            .draw(into: &svg, top: 0, height: barsHeight, width: width)
        drawChange(into: &svg, top: barsHeight, width: width)
        return SVGChart(svg: svg.finish(), summary: summary)
    }

    private func drawChange(into svg: inout SVGWriter, top: Double, width: Double) {
        let left = 48.0, right = 12.0, axisY = top + 50
        let direction = better == .higher ? "higher" : "lower"
        // The long form needs about 390 units at this size.
        let label = width >= 480 ? "Mean change (after − before), with 95% interval; \(direction) is better"
            : "Mean change, 95% interval; \(direction) is better"
        svg.text("text", [("x", number(left)), ("y", number(top + 16)), ("font-size", "12"), ("fill", ChartColours.text)], label)
        guard let mean = meanChange.value, let interval = interval.value else {
            svg.suppressedBar(x: left, y: axisY - 10, width: width - left - right, height: 20)
            svg.text("text", [("x", number(width / 2)), ("y", number(axisY + 30)), ("text-anchor", "middle"), ("font-size", "12"),
                              ("fill", ChartColours.text)], meanChange.isSuppressed ? "suppressed: too few pairs" : "not enough pairs")
            return
        }
        let reach = axisMaximum(max(abs(interval.lower), abs(interval.upper), abs(mean)))
        let middle = (left + width - right) / 2, halfSpan = (width - left - right) / 2
        func x(_ value: Double) -> Double { middle + halfSpan * value / reach }
        svg.element("line", [("x1", number(left)), ("y1", number(axisY)), ("x2", number(width - right)), ("y2", number(axisY)),
                             ("stroke", ChartColours.axis), ("stroke-width", "1")])
        for value in [-reach, 0, reach] {
            svg.element("line", [("x1", number(x(value))), ("y1", number(axisY - 14)), ("x2", number(x(value))), ("y2", number(axisY + 14)),
                                 ("stroke", ChartColours.axis), ("stroke-width", value == 0 ? "2" : "1")])
            svg.text("text", [("x", number(x(value))), ("y", number(axisY + 30)), ("text-anchor", "middle"), ("font-size", "11"),
                              ("fill", ChartColours.text)], ReadableNumber.decimal(value, places: 2, trimmingZeros: true))
        }
        svg.element("line", [("x1", number(x(interval.lower))), ("y1", number(axisY)), ("x2", number(x(interval.upper))),
                             ("y2", number(axisY)), ("stroke", ChartColours.second), ("stroke-width", "3")])
        for end in [interval.lower, interval.upper] {
            svg.element("line", [("x1", number(x(end))), ("y1", number(axisY - 8)), ("x2", number(x(end))), ("y2", number(axisY + 8)),
                                 ("stroke", ChartColours.second), ("stroke-width", "3")])
        }
        svg.element("circle", [("cx", number(x(mean))), ("cy", number(axisY)), ("r", "5"), ("fill", ChartColours.first)])
    }

    /// The mean change and interval in words, saying whether the interval excludes zero in the better direction.
    package var summary: String {
        var sentence = "\(title): scores before and after, in \(binLabels.count) bands."
        let suppressed = (before + after).filter(\.isSuppressed).count
        if suppressed > 0 {
            sentence += " \(suppressed) band \(suppressed == 1 ? "count is" : "counts are") suppressed to protect small numbers."
        }
        guard let mean = meanChange.value, let interval = interval.value else {
            return sentence + (meanChange.isSuppressed ? " The mean change is suppressed: too few pairs." : " There are too few pairs for a mean change.")
        }
        // One decimal, as the report's tables print a mean.
        func text(_ value: Double) -> String { ReadableNumber.decimal(value, places: 1) }
        sentence += " Mean change \(text(mean)) (95% interval \(text(interval.lower)) to \(text(interval.upper)))"
        let improved = better == .higher ? interval.lower > 0 : interval.upper < 0
        let worsened = better == .higher ? interval.upper < 0 : interval.lower > 0
        sentence += improved ? ": an improvement; the interval does not include zero." :
            worsened ? ": a worsening; the interval does not include zero." : ": the interval includes zero, so no clear change."
        return sentence
    }
}
