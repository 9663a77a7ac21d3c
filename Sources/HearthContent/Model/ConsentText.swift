/// The research-consent wording from `consent.md`: what a person is told before they agree to take part.
///
/// Its `version` must equal `site.xml`'s `<consent version>`, which is stored with each consent, so a
/// change of wording is a new version and people are asked again.
public struct ConsentText: Hashable, Sendable {
    public var title: String
    public var version: String
    public var language: String
    /// The wording itself, in Markdown, for the theme to show.
    public var body: MarkdownText
    /// The file.
    public var location: SourceLocation
    /// The `version:` line, where a mismatch with `site.xml` is reported.
    public var versionLocation: SourceLocation

    public init(title: String, version: String, language: String, body: MarkdownText, location: SourceLocation,
                versionLocation: SourceLocation) {
        self.title = title
        self.version = version
        self.language = language
        self.body = body
        self.location = location
        self.versionLocation = versionLocation
    }
}
