/// Horizontal bars, one per stage of a funnel (started → each module → completed, or consented → answered
/// before → … → answered follow-up), each as wide as its count. A suppressed stage is a hatched bar.
package struct FunnelChart: Hashable, Sendable {
    /// One stage and how many reached it.
    package struct Stage: Hashable, Sendable {
        package var label: String
        package var count: Disclosed<Int>

        package init(label: String, count: Disclosed<Int>) {
            self.label = label
            self.count = count
        }
    }

    package var title: String
    package var stages: [Stage]

    package init(title: String, stages: [Stage]) {
        self.title = title
        self.stages = stages
    }

    /// The chart; `idPrefix` keeps its element ids unique on a page with several charts. `width` in the SVG's own
    /// units: the text keeps its size, so a narrow chart (360 for a phone) stays readable when scaled to the screen.
    package func render(idPrefix: String, width: Double = 640) -> SVGChart {
        let summary = self.summary
        let rowHeight = 30.0, labelWidth = min(220, (width * 0.45).rounded())
        let height = 16 + rowHeight * Double(stages.count)
        var svg = SVGWriter(idPrefix: idPrefix, width: width, height: height, title: title, description: summary)
        let barSpace = width - labelWidth - 84  // room after the bar for "suppressed"
        let largest = Double(stages.compactMap(\.count.value).max() ?? 0)
        for (index, stage) in stages.enumerated() {
            let y = 8 + rowHeight * Double(index)
            svg.text("text", [("x", number(labelWidth - 8)), ("y", number(y + 19)), ("text-anchor", "end"), ("font-size", "12"),
                              ("fill", ChartColours.text)], stage.label)
            if let count = stage.count.value {
                let barWidth = largest > 0 ? barSpace * Double(count) / largest : 0
                svg.element("rect", [("x", number(labelWidth)), ("y", number(y + 4)), ("width", number(barWidth)),
                                     ("height", number(rowHeight - 8)), ("fill", ChartColours.first)])
                svg.text("text", [("x", number(labelWidth + barWidth + 6)), ("y", number(y + 19)), ("font-size", "12"),
                                  ("fill", ChartColours.text)], ReadableNumber.count(count))
            } else {
                svg.suppressedBar(x: labelWidth, y: y + 4, width: barSpace, height: rowHeight - 8)
                svg.text("text", [("x", number(labelWidth + barSpace + 6)), ("y", number(y + 19)), ("font-size", "12"),
                                  ("fill", ChartColours.text)], stage.count.isSuppressed ? "suppressed" : "none")
            }
        }
        return SVGChart(svg: svg.finish(), summary: summary)
    }

    /// Each stage's count in order, and the share of the first stage that reached the last when both are shown
    /// (both then rest on at least the threshold, so the percentage may be published).
    package var summary: String {
        guard let first = stages.first, let last = stages.last else { return "\(title): no data." }
        let steps = stages.map { stage in "\(stage.label) \(stage.count.value.map(ReadableNumber.count) ?? "suppressed")" }
        var sentence = "\(title): " + steps.joined(separator: ", then ") + "."
        if stages.count > 1, let start = first.count.value, let end = last.count.value, start > 0 {
            sentence += " \(ReadableNumber.decimal(100 * Double(end) / Double(start), places: 0))% of \(first.label.lowercased()) reached \(last.label.lowercased())."
        }
        return sentence
    }
}
