/// Settings for a whole deployment, from `Content/site.xml` (every field has a default, so the file is optional).
public struct SiteSettings: Hashable, Sendable {
    /// A local authority the deployment serves, by its ONS code (e.g. `E10000012`).
    public struct Area: Hashable, Sendable {
        public var code: String
        public var name: String
    }

    public var title = "Hearth"
    /// The language of content that does not name its own, as a BCP 47 tag.
    public var language = "en-GB"
    public var areas: [Area] = []
    /// The version of the research-consent wording people agree to; stored with each consent.
    public var consentVersion = "1"
    /// Where the browser sends events; relative to the site unless absolute.
    public var apiBaseURL = "/api/v1"
    /// `hearth check` warns about pages whose estimated reading age is above their audience's limit.
    public var readingAge = ReadingAgeLimits()
    /// The site's address when published, for `sitemap.xml`; empty means relative links only.
    public var baseURL = ""

    public init() {}

    /// The highest estimated reading age, in years, that `hearth check` accepts for each audience's pages.
    public struct ReadingAgeLimits: Hashable, Sendable {
        public var parents: Double
        public var practitioners: Double

        /// One limit for both audiences (`<reading-age max="…"/>`, `hearth check --reading-age`).
        public init(everyone: Double = 11) {
            parents = everyone
            practitioners = everyone
        }

        public init(parents: Double, practitioners: Double) {
            self.parents = parents
            self.practitioners = practitioners
        }

        /// The limit for pages written for `audience`.
        public subscript(audience: Audience) -> Double {
            get { audience == .parents ? parents : practitioners }
            set { if audience == .parents { parents = newValue } else { practitioners = newValue } }
        }
    }
}

/// Who a course is for; the home page sends each group to its own courses.
public enum Audience: String, Hashable, Sendable, CaseIterable {
    case parents
    case practitioners
}
