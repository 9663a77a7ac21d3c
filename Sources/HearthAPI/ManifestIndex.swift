import Foundation

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
            throw Refusal(status: .unprocessable, code: "unknown_id", message: "'\(area)' is not an area this site serves", field: field)
        }
        return area
    }

    /// Reads `manifest.json` as `hearth build` writes it.
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ManifestError(description: "\(path) is missing or is not the JSON manifest hearth build writes; build the site first")
        }
        let site = root["site"] as? [String: Any] ?? [:]
        areas = Set(site["areas"] as? [String] ?? [])
        consentVersion = site["consentVersion"] as? String ?? ""
        for course in root["courses"] as? [[String: Any]] ?? [] {
            guard let id = course["id"] as? String else { continue }
            var modules: [String: Set<String>] = [:]
            for module in course["modules"] as? [[String: Any]] ?? [] {
                guard let moduleID = module["id"] as? String else { continue }
                modules[moduleID] = Set((module["quizzes"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
            }
            courses[id] = Course(modules: modules)
        }
        for measure in root["measures"] as? [[String: Any]] ?? [] {
            guard let id = measure["id"] as? String else { continue }
            var items: [String: Set<Int>] = [:]
            for item in measure["items"] as? [[String: Any]] ?? [] {
                guard let itemID = item["id"] as? String, let scale = item["scale"] as? [String: Any] else { continue }
                items[itemID] = Set(scale["values"] as? [Int] ?? [])
            }
            measures[id] = Measure(items: items, missingAllowed: measure["missingAllowed"] as? Int ?? 0)
        }
    }

    public struct ManifestError: Error, CustomStringConvertible {
        public var description: String
    }
}
