/// A set of named templates that include each other as partials and parents; safe to share between threads.
public struct TemplateLibrary: Sendable {
    /// How deeply partials and parents may nest before rendering stops with `TemplateError.Kind.tooDeep`,
    /// so a template that includes itself forever fails with a message instead of overflowing the stack.
    public static let maximumDepth = 64

    private var templates: [String: Template] = [:]

    /// A library of already-parsed templates; a later template replaces an earlier one of the same name.
    public init(_ templates: [Template] = []) {
        for template in templates { self.templates[template.name] = template }
    }

    /// Parses every source, keyed by template name; throws the first error in name order, so it is the same every run.
    public init(templates sources: [String: String]) throws {
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            templates[name] = try Template(source, name: name)
        }
    }

    /// Adds `template`, replacing any template of the same name.
    public mutating func insert(_ template: Template) {
        templates[template.name] = template
    }

    /// The template called `name`, if there is one.
    public subscript(name: String) -> Template? { templates[name] }

    /// Whether a template of this name exists.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// The names of all templates, sorted.
    public var names: [String] { templates.keys.sorted() }

    /// Renders the template `name` with `context` at the bottom of the context stack.
    public func render(_ name: String, _ context: TemplateValue) throws -> String {
        String(decoding: try renderBytes(name, context), as: UTF8.self)
    }

    /// Renders the template `name` as UTF-8 bytes.
    public func renderBytes(_ name: String, _ context: TemplateValue) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        try render(name, context, into: &output)
        return output
    }

    /// Renders the template `name`, appending UTF-8 bytes to `output` (reuse one buffer across many pages).
    public func render(_ name: String, _ context: TemplateValue, into output: inout [UInt8]) throws {
        guard let template = templates[name] else {
            throw TemplateError(.missingTemplate, template: name, line: 0, column: 0,
                                message: "there is no template called '\(name)'; the templates are \(names.map { "'\($0)'" }.joined(separator: ", "))")
        }
        // The buffer moves into the renderer and back, so appending never copies it.
        var renderer = TemplateRenderer(library: self, context: context, output: [])
        swap(&renderer.output, &output)
        defer { swap(&renderer.output, &output) }
        try renderer.render(template.nodes)
    }
}
