/// A rendered chart: SVG bytes (role="img", with a title and a text description) and the one-sentence summary
/// the dashboard prints beside it.
public struct SVGChart: Hashable, Sendable {
    public var svg: [UInt8]
    public var summary: String
}
