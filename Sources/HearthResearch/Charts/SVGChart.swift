/// A rendered chart: SVG bytes (role="img", with a title and a text description) and the one-sentence summary
/// the dashboard prints beside it.
package struct SVGChart: Hashable, Sendable {
    package var svg: [UInt8]
    package var summary: String
}
