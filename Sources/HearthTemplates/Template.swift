/// A template parsed once into a tree, ready to render any number of times.
public struct Template: Sendable {
    /// The name partials and parents use to include this template, and errors use to point at it.
    public let name: String
    let nodes: [TemplateNode]

    /// Parses `source`; throws a `TemplateError` (with `name`, line and column) for a malformed tag or section.
    public init(_ source: String, name: String) throws {
        self.name = name
        self.nodes = try TemplateParser.parse(source, name: name)
    }

    /// Renders on its own: partial and parent tags render nothing, as no other templates are known.
    public func render(_ context: TemplateValue) throws -> String {
        try TemplateLibrary([self]).render(name, context)
    }
}
