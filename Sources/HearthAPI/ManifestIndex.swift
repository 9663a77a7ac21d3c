import Foundation

/// The ids the site's `manifest.json` declares, so the API refuses events about things that don't exist.
public struct ManifestIndex: Sendable {
    public struct Course: Sendable {
        /// Module id → quiz ids.
        public var modules: [String: Set<String>]
    }

    public var courses: [String: Course] = [:]
    public var areas: Set<String> = []
    public var consentVersion = ""

    public init(courses: [String: Course] = [:], areas: Set<String> = [], consentVersion: String = "") {
        self.courses = courses
        self.areas = areas
        self.consentVersion = consentVersion
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
    }

    public struct ManifestError: Error, CustomStringConvertible {
        public var description: String
    }
}
