import HearthManifest

/// The ids the site's `manifest.json` declares, so the API refuses events about things that don't exist.
public struct ManifestIndex: Sendable {
    public struct Course: Sendable {
        /// Module id → quiz ids.
        public var modules: [String: Set<String>]
    }

    /// A questionnaire: the scores each item allows, and how many items may be left out.
    public struct Measure: Sendable {
        public var items: [String: Set<Int>]
        public var missingAllowed: Int

        public init(items: [String: Set<Int>], missingAllowed: Int) {
            self.items = items
            self.missingAllowed = missingAllowed
        }
    }

    public var courses: [String: Course] = [:]
    public var measures: [String: Measure] = [:]
    public var areas: Set<String> = []
    public var consentVersion = ""

    public init(courses: [String: Course] = [:], measures: [String: Measure] = [:], areas: Set<String> = [], consentVersion: String = "") {
        self.courses = courses
        self.measures = measures
        self.areas = areas
        self.consentVersion = consentVersion
    }

    /// The area if this site serves it; 422 otherwise.
    func checkArea(_ area: String?, field: String) throws -> String? {
        guard let area else { return nil }
        guard areas.contains(area) else {
            throw APIError(.unprocessable, code: "unknown_id", message: "'\(area)' is not an area this site serves", field: field)
        }
        return area
    }

    /// Reads `manifest.json` as `hearth build` writes it; a missing file, an entry the format does not have,
    /// a wrong type or another format version is an error naming the file and the entry.
    public init(contentsOf path: String) throws {
        self.init(try Manifest(contentsOf: path))
    }

    /// The lookups the endpoints make, from the typed manifest.
    init(_ manifest: Manifest) {
        areas = Set(manifest.site.areas)
        consentVersion = manifest.site.consentVersion
        for course in manifest.courses {
            courses[course.id] = Course(modules: Dictionary(course.modules.map { ($0.id, Set($0.quizzes.map(\.id))) },
                                                            uniquingKeysWith: { $0.union($1) }))
        }
        for measure in manifest.measures {
            measures[measure.id] = Measure(items: Dictionary(measure.items.map { ($0.id, Set($0.scale.values)) }, uniquingKeysWith: { $0.union($1) }),
                                           missingAllowed: measure.missingAllowed)
        }
    }
}
