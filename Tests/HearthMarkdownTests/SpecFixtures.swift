import Foundation

/// One example from the CommonMark spec's JSON: its Markdown, the expected HTML, its number and section.
struct SpecExample: Decodable {
    let markdown: String
    let html: String
    let example: Int
    let section: String
}

enum SpecFixtures {
    /// `Tests/Fixtures`, found from this file's path so tests run from any working directory.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func commonMarkExamples() throws -> [SpecExample] {
        let data = try Data(contentsOf: folder.appendingPathComponent("commonmark-0.31.2/spec.json"))
        return try JSONDecoder().decode([SpecExample].self, from: data)
    }
}
