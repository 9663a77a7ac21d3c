/// Grouped vertical bars, e.g. courses started and completed by month. A suppressed figure is drawn as a
/// hatched bar the full height of the plot — "hidden", never a zero.
package struct BarChart: Hashable, Sendable {
    /// One group of bars (a month), a value for each series.
    package struct Group: Hashable, Sendable {
        package var label: String
        package var values: [Disclosed<Int>]

        package init(label: String, values: [Disclosed<Int>]) {
            self.label = label
            self.values = values
        }
    }

    package var title: String
    /// At most two series (e.g. "Started", "Completed").
    package var seriesNames: [String]
    package var groups: [Group]

    package init(title: String, seriesNames: [String], groups: [Group]) {
        precondition((1...2).contains(seriesNames.count), "a bar chart draws one or two series")
        precondition(groups.allSatisfy { $0.values.count == seriesNames.count }, "every group needs a value for each series")
        self.title = title
        self.seriesNames = seriesNames
        self.groups = groups
    }

    /// The chart; `idPrefix` keeps its element ids unique on a page with several charts. `width` in the SVG's own
    /// units: the text keeps its size, so a narrow chart (360 for a phone) stays readable when scaled to the screen.
    package func render(idPrefix: String, width: Double = 640) -> SVGChart {
        let summary = self.summary
        var svg = SVGWriter(idPrefix: idPrefix, width: width, height: 320, title: title, description: summary)
        BarPanel(chart: self).draw(into: &svg, top: 0, height: 320, width: width)
        return SVGChart(svg: svg.finish(), summary: summary)
    }

    /// For each series its shown total and highest group, and how many figures are suppressed.
    package var summary: String {
        guard let first = groups.first, let last = groups.last else { return "\(title): no data." }
        var sentence = "\(title), \(first.label) to \(last.label)."
        for (series, name) in seriesNames.enumerated() {
            let shown = groups.compactMap { group in group.values[series].value.map { (group.label, $0) } }
            guard let highest = shown.max(by: { $0.1 < $1.1 }) else {
                sentence += " \(name): all suppressed."
                continue
            }
            sentence += " \(name): highest \(ReadableNumber.count(highest.1)) in \(highest.0)."
        }
        let suppressed = groups.reduce(0) { $0 + $1.values.filter(\.isSuppressed).count }
        if suppressed > 0 {
            sentence += " \(suppressed) \(suppressed == 1 ? "figure is" : "figures are") suppressed to protect small numbers."
        }
        return sentence
    }
}

/// Draws a bar chart's bars, axis, labels and legend into part of an SVG (shared with `BeforeAfterChart`).
struct BarPanel {
    let chart: BarChart

    func draw(into svg: inout SVGWriter, top: Double, height: Double, width: Double) {
        let left = 48.0, right = 12.0, legendHeight = 28.0, labelHeight = 36.0
        let plotTop = top + legendHeight, plotBottom = top + height - labelHeight
        let plotWidth = width - left - right, plotHeight = plotBottom - plotTop
        let largest = chart.groups.flatMap { $0.values.compactMap(\.value) }.max() ?? 0
        let maximum = axisMaximum(Double(largest))
        let colours = [ChartColours.first, ChartColours.second]

        drawLegend(into: &svg, top: top, left: left, colours: colours)
        // Axis with three ticks; with every figure suppressed only the baseline, as a scale would measure nothing.
        for tick in 0...(largest > 0 ? 2 : 0) {
            let value = maximum * Double(tick) / 2
            let y = plotBottom - plotHeight * Double(tick) / 2
            svg.element("line", [("x1", number(left)), ("y1", number(y)), ("x2", number(left + plotWidth)), ("y2", number(y)),
                                 ("stroke", tick == 0 ? ChartColours.axis : "#d9d9d9"), ("stroke-width", "1")])
            svg.text("text", [("x", number(left - 6)), ("y", number(y + 4)), ("text-anchor", "end"), ("font-size", "11"),
                              ("fill", ChartColours.text)], ReadableNumber.decimal(value, places: 1, trimmingZeros: true))
        }
        guard !chart.groups.isEmpty else { return }
        let groupWidth = plotWidth / Double(chart.groups.count)
        let barWidth = groupWidth * 0.8 / Double(chart.seriesNames.count)
        // Label every group when they fit (about 44 units each), else every k-th.
        let labelEvery = max(1, Int((44 / groupWidth).rounded(.up)))
        for (index, group) in chart.groups.enumerated() {
            let groupLeft = left + groupWidth * Double(index) + groupWidth * 0.1
            for (series, value) in group.values.enumerated() {
                let x = groupLeft + barWidth * Double(series)
                if let count = value.value {
                    let barHeight = plotHeight * Double(count) / maximum
                    svg.element("rect", [("x", number(x)), ("y", number(plotBottom - barHeight)), ("width", number(barWidth)),
                                         ("height", number(barHeight)), ("fill", colours[series])])
                } else if value.isSuppressed {
                    svg.suppressedBar(x: x, y: plotTop, width: barWidth, height: plotHeight)
                }
            }
            if index % labelEvery == 0 {
                svg.text("text", [("x", number(groupLeft + groupWidth * 0.4)), ("y", number(plotBottom + 16)),
                                  ("text-anchor", "middle"), ("font-size", "11"), ("fill", ChartColours.text)], group.label)
            }
        }
    }

    private func drawLegend(into svg: inout SVGWriter, top: Double, left: Double, colours: [String]) {
        var x = left
        let entries = chart.seriesNames.enumerated().map { ($1, colours[$0]) } + [("Suppressed", svg.hatchFill)]
        for (name, fill) in entries {
            svg.element("rect", [("x", number(x)), ("y", number(top + 8)), ("width", "12"), ("height", "12"), ("fill", fill),
                                 ("stroke", ChartColours.axis), ("stroke-width", "1")])
            svg.text("text", [("x", number(x + 16)), ("y", number(top + 18)), ("font-size", "12"), ("fill", ChartColours.text)], name)
            x += 24 + Double(name.count) * 7
        }
    }
}
