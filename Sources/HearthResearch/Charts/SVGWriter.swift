/// Writes SVG markup into bytes, through `MarkupWriter`. Only presentation attributes (fill, stroke, font-size…) are used, never a
/// `style` attribute or script, so the charts pass a strict Content-Security-Policy; attributes are written in
/// the order given and numbers with one decimal, so the same chart is always the same bytes.
struct SVGWriter {
    private var writer = MarkupWriter()
    let idPrefix: String

    /// Opens the root element with its accessible name and description, and the hatch pattern for suppressed figures.
    init(idPrefix: String, width: Double, height: Double, title: String, description: String) {
        self.idPrefix = idPrefix
        open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(number(width)) \(number(height))"),
                     ("width", number(width)), ("height", number(height)), ("role", "img"),
                     ("aria-labelledby", "\(idPrefix)-title \(idPrefix)-desc"), ("font-family", "sans-serif")])
        text("title", [("id", "\(idPrefix)-title")], title)
        text("desc", [("id", "\(idPrefix)-desc")], description)
        open("defs", [])
        open("pattern", [("id", hatchID), ("patternUnits", "userSpaceOnUse"), ("width", "6"), ("height", "6"),
                         ("patternTransform", "rotate(45)")])
        element("rect", [("width", "6"), ("height", "6"), ("fill", "#ffffff")])
        element("line", [("x1", "0"), ("y1", "0"), ("x2", "0"), ("y2", "6"), ("stroke", ChartColours.suppressed), ("stroke-width", "2")])
        close("pattern")
        close("defs")
        // The colours are chosen against white, so the chart brings its own white even on a dark page.
        element("rect", [("width", "100%"), ("height", "100%"), ("fill", "#ffffff")])
    }

    /// The fill that marks a suppressed figure.
    var hatchFill: String { "url(#\(hatchID))" }
    private var hatchID: String { "\(idPrefix)-suppressed" }

    mutating func finish() -> [UInt8] {
        close("svg")
        return writer.bytes
    }

    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        writer.open(name, attributes)
    }

    /// An element with no content.
    mutating func element(_ name: String, _ attributes: [(String, String)]) {
        writer.empty(name, attributes)
    }

    /// An element holding only text.
    mutating func text(_ name: String, _ attributes: [(String, String)], _ content: String) {
        writer.element(name, attributes, content)
    }

    mutating func close(_ name: String) {
        writer.close(name)
    }

    /// A rectangle drawn as a suppressed figure: hatched, outlined.
    mutating func suppressedBar(x: Double, y: Double, width: Double, height: Double) {
        element("rect", [("x", number(x)), ("y", number(y)), ("width", number(width)), ("height", number(height)),
                         ("fill", hatchFill), ("stroke", ChartColours.suppressed), ("stroke-width", "1")])
    }
}

/// Colours with at least 3:1 contrast against white (WCAG 2.2, 1.4.11), so bars are visible to low-vision readers.
enum ChartColours {
    static let first = "#1f4e79"
    static let second = "#b34a0c"
    static let text = "#222222"
    static let axis = "#595959"
    static let suppressed = "#595959"
}

/// A coordinate with at most one decimal, written the same way everywhere.
func number(_ value: Double) -> String {
    decimal(value, places: 1)
}

/// A value rounded to `places` decimals, trailing zeros dropped, without locale or exponent.
func decimal(_ value: Double, places: Int) -> String {
    var scale = 1
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value * Double(scale)).rounded())
    let magnitude = abs(scaled), sign = scaled < 0 ? "-" : ""
    guard places > 0 else { return sign + String(magnitude) }
    var fraction = String(magnitude % scale)
    fraction = String(repeating: "0", count: places - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return sign + String(magnitude / scale) + (fraction.isEmpty ? "" : "." + fraction)
}

/// A round number at or above `value` for the top of an axis: 1, 2 or 5 times a power of ten.
func axisMaximum(_ value: Double) -> Double {
    guard value > 0 else { return 1 }
    var power = 1.0
    while power * 10 <= value { power *= 10 }
    while power > value { power /= 10 }
    for step in [1.0, 2, 5, 10] where step * power >= value { return step * power }
    return 10 * power
}
