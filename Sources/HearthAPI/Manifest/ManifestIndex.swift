import HearthManifest

/// The ids the site's `manifest.json` declares, so the API refuses events about things that don't exist.
package struct ManifestIndex: Sendable {
    package struct Course: Sendable {
        /// Module id → quiz ids.
        package var modules: [String: Set<String>]
        /// The measures asked before the course, and after it (and at the follow-up).
        package var measuresBefore: Set<String>
        package var measuresAfter: Set<String>

        package init(modules: [String: Set<String>], measuresBefore: Set<String> = [], measuresAfter: Set<String> = []) {
            self.modules = modules
            self.measuresBefore = measuresBefore
            self.measuresAfter = measuresAfter
        }

        /// The measures a response on `occasion` may answer for this course.
        func measures(for occasion: String) -> Set<String> {
            occasion == "before" ? measuresBefore : measuresAfter
        }
    }

    /// A questionnaire: the scores each item allows, and how many items may be left out.
    package struct Measure: Sendable {
        package var items: [String: Set<Int>]
        package var missingAllowed: Int

        package init(items: [String: Set<Int>], missingAllowed: Int) {
            self.items = items
            self.missingAllowed = missingAllowed
        }
    }

    package var courses: [String: Course] = [:]
    package var measures: [String: Measure] = [:]
    package var areas: Set<String> = []
    package var consentVersion = ""
    /// Where the API is served (`site.xml`'s `<api base>`).
    package var apiBase = "/api/v1"

    package init(courses: [String: Course] = [:], measures: [String: Measure] = [:], areas: Set<String> = [], consentVersion: String = "",
                 apiBase: String = "/api/v1") {
        self.courses = courses
        self.measures = measures
        self.areas = areas
        self.consentVersion = consentVersion
        self.apiBase = apiBase
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
    package init(contentsOf path: String) throws {
        self.init(try Manifest(contentsOf: path))
    }

    /// The lookups the endpoints make, from the typed manifest.
    init(_ manifest: Manifest) {
        areas = Set(manifest.site.areas)
        consentVersion = manifest.site.consentVersion
        apiBase = manifest.site.apiBase
        for course in manifest.courses {
            courses[course.id] = Course(modules: Dictionary(course.modules.map { ($0.id, Set($0.quizzes.map(\.id))) },
                                                            uniquingKeysWith: { $0.union($1) }),
                                        measuresBefore: Set(course.measuresBefore), measuresAfter: Set(course.measuresAfter))
        }
        for measure in manifest.measures {
            measures[measure.id] = Measure(items: Dictionary(measure.items.map { ($0.id, Set($0.scale.values)) }, uniquingKeysWith: { $0.union($1) }),
                                           missingAllowed: measure.missingAllowed)
        }
    }
}
