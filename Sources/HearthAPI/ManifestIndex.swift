import Foundation
import HearthJSON

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
        guard let data = FileManager.default.contents(atPath: path), let root = (try? JSONReader.read([UInt8](data)))?.object else {
            throw ManifestError(description: "\(path) is missing or is not the JSON manifest hearth build writes; build the site first")
        }
        let site = root["site"]?.object
        areas = Set(site?["areas"]?.array?.compactMap(\.string) ?? [])
        consentVersion = site?["consentVersion"]?.string ?? ""
        for course in root["courses"]?.array ?? [] {
            guard let course = course.object, let id = course["id"]?.string else { continue }
            var modules: [String: Set<String>] = [:]
            for module in course["modules"]?.array ?? [] {
                guard let module = module.object, let moduleID = module["id"]?.string else { continue }
                modules[moduleID] = Set((module["quizzes"]?.array ?? []).compactMap { $0.object?["id"]?.string })
            }
            courses[id] = Course(modules: modules)
        }
        for measure in root["measures"]?.array ?? [] {
            guard let measure = measure.object, let id = measure["id"]?.string else { continue }
            var items: [String: Set<Int>] = [:]
            for item in measure["items"]?.array ?? [] {
                guard let item = item.object, let itemID = item["id"]?.string, let scale = item["scale"]?.object else { continue }
                items[itemID] = Set((scale["values"]?.array ?? []).compactMap(Self.whole))
            }
            measures[id] = Measure(items: items, missingAllowed: measure["missingAllowed"].flatMap(Self.whole) ?? 0)
        }
    }

    /// A JSON number that is a whole number.
    private static func whole(_ value: JSONValue) -> Int? {
        value.number.flatMap { Int(exactly: $0) }
    }

    public struct ManifestError: Error, CustomStringConvertible {
        public var description: String
    }
}
